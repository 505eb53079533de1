// The program at a glance under a model: partner against direct value per currency, win rate and
// cycle time of deals with and without partner credit, and the monthly trend. All summed in SQL.
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import type { RateSnapshot } from '../../money'
import { convert, toMoneyView } from '../../money'
import type { Clock } from '../../platform/clock'
import type { EventSignal } from '../../platform/event-signal'
import { createOrgCache } from '../../platform/org-cache'
import type { Scope } from '../../platform/scope'
import { readReportingCurrency } from '../identity'
import { partnerCredit } from './credited-deals.service'
import { creditsPermissions } from './credits.permissions'
import { attributionRuns, credits, currentRuns } from './credits.tables'
import { dealMonth, headCredits, headRun, modelFor, runsInPeriod } from './credits-read.service'
import type { AttributionDashboardView, DashboardQuery } from './figures.contract'
import { canConvert, ratesInForce } from './fx.service'

/**
 * The dashboard is the same for all the org's staff until its facts change: computed once per org
 * and query, and served until the org publishes an event (org-cache.ts).
 */
export function cachedDashboards(db: Db, signal: EventSignal) {
  const cache = createOrgCache<AttributionDashboardView>(db, signal)
  const currencies = createOrgCache<string | null>(db, signal)
  return {
    async read(scope: Scope, query: DashboardQuery, clock: Clock): Promise<AttributionDashboardView> {
      creditsPermissions.require(scope, 'credits.dashboard')
      // the reporting currency is a setting (its change signals the org): it joins the key
      const currency =
        query.currency ??
        (await currencies.get(scope.orgId, 'reporting-currency', () =>
          readReportingCurrency(db, scope.orgId),
        ))
      return cache.get(scope.orgId, JSON.stringify({ ...query, currency }), () =>
        getAttributionDashboard(db, scope, query, clock),
      )
    },
  }
}

export async function getAttributionDashboard(
  db: Db,
  scope: Scope,
  query: DashboardQuery,
  clock: Clock,
): Promise<AttributionDashboardView> {
  creditsPermissions.require(scope, 'credits.dashboard')
  const model = await modelFor(db, scope, query.model, clock)
  // the org's reporting currency unless the query names another
  const currency = query.currency ?? (await readReportingCurrency(db, scope.orgId))
  const runs = and(
    eq(currentRuns.orgId, scope.orgId),
    eq(currentRuns.modelId, model.row.id),
    runsInPeriod(query),
  )
  const isDirect = sql`${credits.actorKind} = 'direct'`
  const isPartner = partnerCredit(query.partnerType)
  const sumWhere = (condition: ReturnType<typeof sql>) =>
    sql<string>`coalesce(sum(${credits.amountMinor}) filter (where ${condition}), 0)::text`

  const byCurrency = await db
    .select({
      currency: attributionRuns.currency,
      partnerWon: sumWhere(sql`${attributionRuns.outcome} = 'won' and ${isPartner}`),
      directWon: sumWhere(sql`${attributionRuns.outcome} = 'won' and ${isDirect}`),
      partnerPipeline: sumWhere(sql`${attributionRuns.outcome} = 'open' and ${isPartner}`),
      directPipeline: sumWhere(sql`${attributionRuns.outcome} = 'open' and ${isDirect}`),
    })
    .from(currentRuns)
    .innerJoin(attributionRuns, headRun)
    .innerJoin(credits, headCredits)
    .where(runs)
    .groupBy(attributionRuns.currency)
    .orderBy(attributionRuns.currency)

  // a deal is "with partners" when a partner (of the types asked) earned some of it under this model
  const hasPartner = sql<boolean>`exists (select 1 from ${credits} where ${credits.orgId} = ${attributionRuns.orgId} and ${credits.runId} = ${attributionRuns.id} and ${isPartner} and ${credits.amountMinor} > 0)`
  const splits = await db
    .select({
      hasPartner,
      deals: sql<number>`count(*) filter (where ${attributionRuns.outcome} <> 'open')::int`,
      won: sql<number>`count(*) filter (where ${attributionRuns.outcome} = 'won')::int`,
      cycleDays: sql<
        number | null
      >`avg(extract(epoch from ${attributionRuns.dealAt} - ${attributionRuns.openedAt}) / 86400) filter (where ${attributionRuns.outcome} = 'won')`,
    })
    .from(currentRuns)
    .innerJoin(attributionRuns, headRun)
    .where(runs)
    // by position: the expression carries parameters, which would not match when repeated
    .groupBy(sql`1`)
  const split = (withPartner: boolean) => {
    const row = splits.find((s) => s.hasPartner === withPartner)
    const deals = row?.deals ?? 0
    const won = row?.won ?? 0
    const cycle = row?.cycleDays === null || row?.cycleDays === undefined ? null : Number(row.cycleDays)
    return {
      deals,
      won,
      winRate: deals === 0 ? null : won / deals,
      averageCycleDays: cycle === null ? null : Math.round(cycle * 10) / 10,
    }
  }

  const month = dealMonth
  const trend = await db
    .select({
      month,
      currency: attributionRuns.currency,
      partnerWonMinor: sumWhere(isPartner),
      directWonMinor: sumWhere(isDirect),
    })
    .from(currentRuns)
    .innerJoin(attributionRuns, headRun)
    .innerJoin(credits, headCredits)
    .where(and(runs, eq(attributionRuns.outcome, 'won')))
    .groupBy(month, attributionRuns.currency)
    .orderBy(month, attributionRuns.currency)

  return {
    model: { id: model.row.id, name: model.row.name },
    currencies: byCurrency.map((r) => ({
      currency: r.currency,
      partnerWon: toMoneyView(r.partnerWon, r.currency),
      directWon: toMoneyView(r.directWon, r.currency),
      partnerPipeline: toMoneyView(r.partnerPipeline, r.currency),
      directPipeline: toMoneyView(r.directPipeline, r.currency),
    })),
    withPartners: split(true),
    withoutPartners: split(false),
    trend,
    converted: currency
      ? await convertTotals(
          db,
          scope.orgId,
          byCurrency,
          trend,
          currency,
          (query.to ?? clock.now().toISOString()).slice(0, 10),
        )
      : null,
  }
}

type TotalField = 'partnerWon' | 'directWon' | 'partnerPipeline' | 'directPipeline'
type CurrencyTotals = Record<TotalField, string> & { currency: string }
type TrendRow = AttributionDashboardView['trend'][number]

/** Whether a snapshot converts `from` into `to` (the same currency needs none). */
const converts = (snapshot: RateSnapshot | null, from: string, to: string) =>
  from === to ||
  (snapshot !== null &&
    canConvert(snapshot, { amountMinor: 0n, currency: from }) &&
    canConvert(snapshot, { amountMinor: 0n, currency: to }))

/** Rows in several currencies summed in one at a snapshot's rates; what it cannot convert is left out. */
function convertSums<F extends string>(
  rows: readonly (Record<F, string> & { currency: string })[],
  fields: readonly F[],
  target: string,
  snapshot: RateSnapshot | null,
) {
  const sums = Object.fromEntries(fields.map((f) => [f, 0n])) as Record<F, bigint>
  const leftOut: string[] = []
  for (const row of rows) {
    if (!converts(snapshot, row.currency, target)) {
      if (!leftOut.includes(row.currency)) leftOut.push(row.currency)
      continue
    }
    for (const field of fields) {
      const amount = { amountMinor: BigInt(row[field]), currency: row.currency }
      sums[field] +=
        snapshot && row.currency !== target
          ? convert(amount, target, snapshot).amountMinor
          : amount.amountMinor
    }
  }
  return { sums, leftOut }
}

/** The last day of a YYYY-MM month, or the reporting day when that comes first. */
const monthEnd = (month: string, day: string): string => {
  const [year, m] = month.split('-').map(Number) as [number, number]
  const last = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10)
  return last < day ? last : day
}

/**
 * Each currency's sums converted at the rates in force on the reporting day, and each month of the
 * trend at the rates of its last day; the label says which rates, and which currencies had none.
 */
async function convertTotals(
  db: Db,
  orgId: string,
  byCurrency: CurrencyTotals[],
  trend: TrendRow[],
  target: string,
  day: string,
): Promise<NonNullable<AttributionDashboardView['converted']>> {
  const snapshot = await ratesInForce(db, orgId, day)
  const fields = ['partnerWon', 'directWon', 'partnerPipeline', 'directPipeline'] as const
  const { sums, leftOut } = convertSums(byCurrency, fields, target, snapshot)
  const months = [...new Set(trend.map((row) => row.month))]
  const convertedTrend = []
  for (const month of months) {
    const monthSnapshot = await ratesInForce(db, orgId, monthEnd(month, day))
    const rows = trend.filter((row) => row.month === month)
    const converted = convertSums(rows, ['partnerWonMinor', 'directWonMinor'] as const, target, monthSnapshot)
    convertedTrend.push({
      month,
      ratesAsOf: monthSnapshot?.asOf ?? null,
      partnerWonMinor: converted.sums.partnerWonMinor.toString(),
      directWonMinor: converted.sums.directWonMinor.toString(),
      leftOut: converted.leftOut,
    })
  }
  return {
    currency: target,
    ratesAsOf: snapshot?.asOf ?? null,
    source: 'ECB euro reference rates',
    partnerWon: toMoneyView(sums.partnerWon, target),
    directWon: toMoneyView(sums.directWon, target),
    partnerPipeline: toMoneyView(sums.partnerPipeline, target),
    directPipeline: toMoneyView(sums.directPipeline, target),
    trend: convertedTrend,
    leftOut,
  }
}
