// A partner's credit over time: credited won value and pipeline by month under each enabled model
// (staff compare them), or under the paying model alone (what a partner user is paid on).
import { and, arrayContains, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { toMoneyView } from '../../money'
import { notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import type { Scope } from '../../platform/scope'
import { getPartner } from '../partners'
import { creditsPermissions } from './credits.permissions'
import { attributionRuns, credits, currentRuns } from './credits.tables'
import {
  creditedSum,
  dealMonth,
  headCredits,
  headRun,
  type Period,
  runsInPeriod,
} from './credits-read.service'
import type { PartnerHistoryView } from './figures.contract'
import { ensureModels, readModels } from './models.service'

export async function getPartnerHistory(
  db: Db,
  scope: Scope,
  partnerId: string,
  period: Period,
  clock: Clock,
): Promise<PartnerHistoryView> {
  creditsPermissions.require(scope, 'credits.read')
  // a partner user reads only their own history; another partner's is as if it did not exist
  if (scope.partnerId && scope.partnerId !== partnerId) throw notFound('Partner', partnerId)
  if (!scope.partnerId) await getPartner(db, scope, partnerId)
  await db.transaction((tx) => ensureModels(tx, scope.orgId, clock))
  const models = (await readModels(db, scope.orgId)).filter((m) =>
    scope.partnerId ? m.row.role === 'paying' : m.row.role !== 'off',
  )
  const month = dealMonth
  const rows =
    models.length === 0
      ? []
      : await db
          .select({
            month,
            modelId: currentRuns.modelId,
            currency: attributionRuns.currency,
            won: creditedSum('won'),
            pipeline: creditedSum('open'),
            deals: sql<number>`count(distinct ${currentRuns.dealId})::int`,
          })
          .from(currentRuns)
          .innerJoin(attributionRuns, headRun)
          .innerJoin(credits, headCredits)
          .where(
            and(
              eq(currentRuns.orgId, scope.orgId),
              inArray(
                currentRuns.modelId,
                models.map((m) => m.row.id),
              ),
              eq(credits.actor, partnerId),
              arrayContains(attributionRuns.actors, [partnerId]),
              runsInPeriod(period),
            ),
          )
          .groupBy(sql`1`, currentRuns.modelId, attributionRuns.currency)
          .orderBy(sql`1`, currentRuns.modelId, attributionRuns.currency)
  return {
    partnerId,
    models: models.map((m) => ({ id: m.row.id, name: m.row.name, role: m.row.role })),
    months: rows.map((r) => ({
      month: r.month,
      modelId: r.modelId,
      currency: r.currency,
      won: toMoneyView(r.won, r.currency),
      pipeline: toMoneyView(r.pipeline, r.currency),
      deals: r.deals,
    })),
  }
}
