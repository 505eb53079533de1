// The chance an open deal is won: from the org's learned AI-weighted model (its touches as they stand
// today), or — when the org has trained none — its win rate over the deals it has closed. Each answer
// says where it came from, so a projection built on it can say so too.
import { sql } from 'drizzle-orm'
import { type LearnedModel, predictWin } from '../../attribution'
import { type Db, queryRows } from '../../db/client'
import type { Clock } from '../../platform/clock'
import { readJourneyFacts } from '../journeys'
import { readModels } from './models.service'

export interface WinChance {
  probability: number
  source: string
  /** From the learned model, rather than the org's win rate. */
  isLearned: boolean
}

export async function readWinChances(
  db: Db,
  orgId: string,
  dealIds: readonly string[],
  clock: Clock,
): Promise<Map<string, WinChance>> {
  const chances = new Map<string, WinChance>()
  if (dealIds.length === 0) return chances
  const model = (await readModels(db, orgId)).find(
    (m) =>
      m.row.key === 'ai' && m.row.role !== 'off' && (m.version.learned as LearnedModel | null)?.key === 'ai',
  )
  if (model) {
    const learned = model.version.learned as LearnedModel
    const source = `${model.row.name} v${model.version.version} (learned win chance)`
    for (const journey of await readJourneyFacts(db, orgId, [...dealIds])) {
      const probability = predictWin(learned, journey, { asOf: clock.now().getTime() })
      if (probability !== null) chances.set(journey.id, { probability, source, isLearned: true })
    }
    return chances
  }
  const [rate] = await queryRows<{ won: number; closed: number }>(
    db,
    sql`select count(*) filter (where status = 'won')::int as won, count(*)::int as closed
          from deals where org_id = ${orgId} and status in ('won', 'lost')`,
  )
  const probability = rate && rate.closed > 0 ? rate.won / rate.closed : 0
  const source = `the org’s win rate over ${rate?.closed ?? 0} closed deals`
  for (const id of dealIds) chances.set(id, { probability, source, isLearned: false })
  return chances
}
