// `credence export journeys`: an org's deals and touches in the journeys format `credence attribute`
// reads (NDJSON, one journey a line), so the engine can be run offline on the org's own data.
import { once } from 'node:events'
import { createWriteStream, renameSync, rmSync } from 'node:fs'
import type { Journey } from '../../attribution'
import type { Db } from '../../db/client'
import { formatAmount } from '../../money'
import { AppError } from '../../platform/app-error'
import type { ModuleCommand } from '../../platform/module'
import { findOrgBySlug } from '../identity'
import { listJourneyIds, readJourneyFacts } from './journey-facts.service'

const chunkSize = 1000

/** One journey as a line of the documented journeys format: ISO times, the amount as a decimal. */
export function toJourneyLine(journey: Journey): string {
  return JSON.stringify({
    id: journey.id,
    amount: formatAmount(journey.amountMinor, journey.currency),
    currency: journey.currency,
    outcome: journey.outcome,
    kind: journey.kind,
    createdAt: new Date(journey.createdAt).toISOString(),
    ...(journey.closedAt !== undefined ? { closedAt: new Date(journey.closedAt).toISOString() } : {}),
    ...(journey.parentId ? { parentId: journey.parentId } : {}),
    ...(journey.fields ? { fields: journey.fields } : {}),
    touches: journey.touches.map((t) => ({
      id: t.id,
      actor: t.actor,
      actorKind: t.actorKind,
      activity: t.activity,
      at: new Date(t.at).toISOString(),
      ...(t.parentActor ? { parentActor: t.parentActor } : {}),
    })),
  })
}

/** Writes every journey of the org to the file (complete, or not at all); returns how many. */
export async function exportJourneys(db: Db, orgId: string, path: string): Promise<number> {
  const partial = `${path}.partial`
  const out = createWriteStream(partial)
  try {
    const ids = await listJourneyIds(db, orgId)
    for (let i = 0; i < ids.length; i += chunkSize) {
      const lines = (await readJourneyFacts(db, orgId, ids.slice(i, i + chunkSize))).map(toJourneyLine)
      if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain')
    }
    out.end()
    await once(out, 'finish')
    renameSync(partial, path)
    return ids.length
  } catch (error) {
    out.destroy()
    rmSync(partial, { force: true })
    throw error
  }
}

export const exportJourneysCommand: ModuleCommand = {
  path: ['export', 'journeys'],
  group: 'export an org’s data',
  description:
    'write the org’s deals and touches as journeys (NDJSON) for `credence attribute --format ndjson`',
  options: [
    { flags: '--org <slug>', description: 'org slug', required: true },
    { flags: '--out <file>', description: 'file to write', required: true },
  ],
  async run(deps, options) {
    const org = await findOrgBySlug(deps.db, options.org ?? '')
    if (!org) throw new AppError('NOT_FOUND', `No org with slug ${options.org}`)
    const count = await exportJourneys(deps.db, org.id, options.out ?? '')
    return `Wrote ${count} journeys to ${options.out}`
  },
}
