// A run's explanations, worked out again from the facts it saw and its model version: the engine is
// pure, so the same facts under the same settings give the same credits with the same words. Runs
// stored before their facts were keep the explanations written with them.
import { and, eq } from 'drizzle-orm'
import type { CreditAdjustment } from '../../attribution'
import type { Db } from '../../db/client'
import { readActivityLabels } from '../journeys'
import { createContextAttributor, versionSettings } from './attribute.service'
import { attributionInputs, attributionModelVersions, type attributionRuns } from './credits.tables'
import { contextFromFacts } from './deal-context.service'

/** What the API shows of how an actor earned its share. */
export interface CreditExplanation {
  text: string
  touches: readonly {
    touchId?: string
    activity: string
    at: number
    daysBefore: number
    weight: number
    share: number
  }[]
  actorWeight: number
  totalWeight: number
  adjustments: readonly CreditAdjustment[]
}

type RunRow = typeof attributionRuns.$inferSelect

export interface RunExplanations {
  byActor: Map<string, CreditExplanation>
  /** Set when the engine, run again, no longer gives the stored shares (it changed since the run). */
  mismatch: boolean
}

/** Each actor's explanation in a run of this model (key as stored on the model). */
export async function explainRun(
  db: Db,
  orgId: string,
  modelKey: string,
  run: RunRow,
): Promise<RunExplanations> {
  const byActor = new Map<string, CreditExplanation>()
  if (run.explanations) {
    const written = run.explanations as CreditExplanation[]
    run.actors.forEach((actor, i) => {
      if (written[i]) byActor.set(actor, written[i])
    })
    return { byActor, mismatch: false }
  }
  const [[input], [version]] = await Promise.all([
    db
      .select({ facts: attributionInputs.facts })
      .from(attributionInputs)
      .where(and(eq(attributionInputs.orgId, orgId), eq(attributionInputs.id, run.inputId ?? ''))),
    db
      .select()
      .from(attributionModelVersions)
      .where(
        and(
          eq(attributionModelVersions.orgId, orgId),
          eq(attributionModelVersions.modelId, run.modelId),
          eq(attributionModelVersions.version, run.modelVersion),
        ),
      ),
  ])
  if (!input || !version) return { byActor, mismatch: true }
  const { journey, context } = contextFromFacts(
    input.facts as Parameters<typeof contextFromFacts>[0],
    await readActivityLabels(db, orgId),
  )
  const result = createContextAttributor(versionSettings(modelKey, version), context)(journey)
  let mismatch = result.credits.length !== run.actors.length
  for (const credit of result.credits) {
    const i = run.actors.indexOf(credit.actor)
    if (i < 0 || run.shares[i] !== credit.shareDecimal || run.amounts[i] !== credit.amountMinor)
      mismatch = true
    byActor.set(credit.actor, credit.explanation)
  }
  return { byActor, mismatch }
}
