// The win chance an org gives each stage of its pipeline: read by forecasts, shown beside the stages
// open deals are in, and replaced as a whole (audited, announced so cached forecasts are computed again).
import { eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { invalidField } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { actorLabel, type Scope } from '../../../platform/scope'
import { readClosingHistory, readOpenDealPlans } from '../../journeys'
import { revenueEvents } from '../revenue.events'
import { revenuePermissions } from '../revenue.permissions'
import type { StageProbabilitiesInput, StageProbabilitiesView } from './forecast.contract'
import { stageProbabilities } from './forecast.tables'
import { winRateOf } from './forecast-math'

export async function readStageProbabilities(db: Db, orgId: string): Promise<Map<string, number>> {
  const rows = await db.select().from(stageProbabilities).where(eq(stageProbabilities.orgId, orgId))
  return new Map(rows.map((r) => [r.stage, Number(r.probability)]))
}

export async function getStageProbabilities(
  db: Db,
  scope: Scope,
  clock: Clock,
): Promise<StageProbabilitiesView> {
  revenuePermissions.require(scope, 'forecast.read')
  const set = await db.select().from(stageProbabilities).where(eq(stageProbabilities.orgId, scope.orgId))
  const openByStage = new Map<string, number>()
  for (const plan of await readOpenDealPlans(db, scope.orgId))
    openByStage.set(plan.stage, (openByStage.get(plan.stage) ?? 0) + 1)
  const probabilityOf = new Map(set.map((r) => [r.stage, r.probability]))
  const stages = [...new Set([...openByStage.keys(), ...probabilityOf.keys()])].sort()
  return {
    items: stages.map((stage) => ({
      stage,
      probability: probabilityOf.get(stage) ?? null,
      openDeals: openByStage.get(stage) ?? 0,
    })),
    winRate: winRateOf(await readClosingHistory(db, scope.orgId, clock.now())),
  }
}

/** Replaces the org's stage probabilities; audited with what they were. */
export async function setStageProbabilities(
  db: Db,
  scope: Scope,
  input: StageProbabilitiesInput,
  clock: Clock,
): Promise<StageProbabilitiesView> {
  revenuePermissions.require(scope, 'forecast.settings')
  const stages = new Set<string>()
  input.items.forEach((item, i) => {
    if (stages.has(item.stage)) throw invalidField(`items.${i}.stage`, `"${item.stage}" is given twice`)
    stages.add(item.stage)
  })
  await db.transaction(async (tx) => {
    const before = await tx.select().from(stageProbabilities).where(eq(stageProbabilities.orgId, scope.orgId))
    await tx.delete(stageProbabilities).where(eq(stageProbabilities.orgId, scope.orgId))
    if (input.items.length > 0)
      await tx.insert(stageProbabilities).values(
        input.items.map((item) => ({
          orgId: scope.orgId,
          stage: item.stage,
          probability: item.probability,
          updatedAt: clock.now(),
          updatedBy: actorLabel(scope.actor),
        })),
      )
    await writeAudit(
      tx,
      scope,
      {
        action: 'stage_probabilities.changed',
        entityType: 'stage_probabilities',
        entityId: scope.orgId,
        before: Object.fromEntries(before.map((r) => [r.stage, r.probability])),
        after: Object.fromEntries(input.items.map((i) => [i.stage, i.probability])),
      },
      clock,
    )
    await publish(
      tx,
      scope,
      revenueEvents.event('forecast.stage_probabilities_changed', scope.orgId, {
        stages: input.items.length,
      }),
      clock,
    )
  })
  return getStageProbabilities(db, scope, clock)
}
