// The figures a quarterly business review keeps, read once at generation: attributed revenue and
// pipeline per enabled model and the top deals (credits' sums), commission in the quarter (incentives'
// ledger), tier and progress to the next level (tier status), the latest health score, and
// certifications (training). Every sum is worked out on the server for this one partner.
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { toMoneyView } from '../../../money'
import type { Clock } from '../../../platform/clock'
import type { Scope } from '../../../platform/scope'
import { readPartnerModelFigures, readPartnerTopDeals } from '../../credits'
import { sumPartnerCommissions } from '../../incentives'
import { findDealNames } from '../../journeys'
import { readPartnerFacts } from '../../partners'
import { partnerHealth } from '../health/health.tables'
import { getTierStatus } from '../tier-status.service'
import { certificates } from '../training/training.tables'
import type { QbrFigures } from './qbr.contract'
import {
  chartCurrency,
  formatQuarter,
  type ModelLine,
  orderModels,
  percentChange,
  type Quarter,
  quarterDays,
  quarterSpan,
  shiftQuarter,
  withShareOfRevenue,
} from './qbr-rules'

const topDealCount = 5

/** The models' lines from credits' per-currency sums (a model with no credit keeps an empty line). */
function modelLines(read: Awaited<ReturnType<typeof readPartnerModelFigures>>): ModelLine[] {
  const lines = new Map<string, ModelLine>(
    read.models.map((m) => [
      m.id,
      {
        modelId: m.id,
        modelKey: m.key,
        modelName: m.name,
        role: m.role,
        revenue: [],
        pipeline: [],
        wonDeals: 0,
      },
    ]),
  )
  for (const f of read.figures) {
    const line = lines.get(f.modelId)
    if (!line) continue
    if (f.wonMinor !== 0n || f.previousWonMinor !== 0n)
      line.revenue.push({ currency: f.currency, nowMinor: f.wonMinor, beforeMinor: f.previousWonMinor })
    if (f.pipelineMinor !== 0n || f.openDeals > 0)
      line.pipeline.push({ currency: f.currency, amountMinor: f.pipelineMinor, deals: f.openDeals })
    line.wonDeals += f.wonDeals
  }
  return orderModels([...lines.values()])
}

/** A partner's figures for the quarter, as the review keeps them; `scope` reads the tier. */
export async function measureQuarter(
  db: Db,
  scope: Scope,
  partnerId: string,
  quarter: Quarter,
  clock: Clock,
): Promise<QbrFigures> {
  const now = clock.now()
  const span = quarterSpan(quarter)
  const before = shiftQuarter(quarter, -1)
  const tier = await getTierStatus(db, scope, partnerId, clock)
  const facts = (await readPartnerFacts(db, scope.orgId, [partnerId])).get(partnerId)
  const [read, deals, commissions, [health], certs] = await Promise.all([
    readPartnerModelFigures(db, scope.orgId, partnerId, span, quarterSpan(before)),
    readPartnerTopDeals(db, scope.orgId, partnerId, span, topDealCount),
    sumPartnerCommissions(db, scope.orgId, partnerId, quarterDays(quarter), now),
    db
      .select()
      .from(partnerHealth)
      .where(and(eq(partnerHealth.orgId, scope.orgId), eq(partnerHealth.partnerId, partnerId))),
    db
      .select({
        valid: sql<number>`count(*) filter (where ${certificates.issuedAt} < ${span.to.toISOString()}::timestamptz
          and (${certificates.expiresAt} is null or ${certificates.expiresAt} >= ${span.to.toISOString()}::timestamptz))::int`,
        earned: sql<number>`count(*) filter (where ${certificates.issuedAt} >= ${span.from.toISOString()}::timestamptz
          and ${certificates.issuedAt} < ${span.to.toISOString()}::timestamptz)::int`,
        names: sql<
          string[]
        >`coalesce(array_agg(distinct ${certificates.name}) filter (where ${certificates.issuedAt} < ${span.to.toISOString()}::timestamptz), '{}')`,
      })
      .from(certificates)
      .where(and(eq(certificates.orgId, scope.orgId), eq(certificates.partnerId, partnerId))),
  ])
  const models = modelLines(read)
  const paying = models.find((m) => m.role === 'paying')
  const names = await findDealNames(
    db,
    scope.orgId,
    deals.map((d) => d.dealId),
  )
  const top = withShareOfRevenue(
    deals.map((d) => ({ ...d, dealName: names.get(d.dealId) ?? d.dealId })),
    paying,
  )
  const cert = certs[0]
  return {
    quarter: formatQuarter(quarter),
    previousQuarter: formatQuarter(before),
    nextQuarter: formatQuarter(shiftQuarter(quarter, 1)),
    from: span.from.toISOString(),
    to: span.to.toISOString(),
    partnerName: tier.partnerName,
    chartCurrency: chartCurrency(models, facts?.currency ?? 'USD'),
    models: models.map((m) => ({
      modelId: m.modelId,
      modelKey: m.modelKey,
      modelName: m.modelName,
      role: m.role,
      revenue: m.revenue.map((r) => ({
        current: toMoneyView(r.nowMinor, r.currency),
        previous: toMoneyView(r.beforeMinor, r.currency),
        changePercent: percentChange(r.nowMinor, r.beforeMinor),
      })),
      pipeline: m.pipeline.map((p) => ({ amount: toMoneyView(p.amountMinor, p.currency), deals: p.deals })),
      wonDeals: m.wonDeals,
    })),
    wonDeals: paying?.wonDeals ?? 0,
    topDeals: top.map((d) => ({
      dealId: d.dealId,
      dealName: d.dealName,
      dealAmount: toMoneyView(d.dealAmountMinor, d.currency),
      credit: toMoneyView(d.creditMinor, d.currency),
      share: d.share,
      shareOfRevenue: d.shareOfRevenue,
      modelName: d.modelName,
    })),
    commissions: commissions.map((c) => ({
      earned: toMoneyView(c.earnedMinor, c.currency),
      paid: toMoneyView(c.paidMinor, c.currency),
      pending: toMoneyView(c.pendingMinor, c.currency),
    })),
    tier: {
      ladderName: tier.ladder?.name ?? null,
      current: tier.tier,
      next: tier.next
        ? { key: tier.next.key, name: tier.next.name, met: tier.next.met, summary: tier.next.summary }
        : null,
    },
    health: health
      ? {
          score: health.score,
          band: health.band,
          day: health.day,
          reasons: health.factors.map((f) => ({ key: f.key, points: f.points, reason: f.reason })),
        }
      : null,
    certifications: {
      valid: Number(cert?.valid ?? 0),
      earnedInQuarter: Number(cert?.earned ?? 0),
      names: [...(cert?.names ?? [])].sort(),
    },
  }
}
