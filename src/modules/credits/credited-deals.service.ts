// The deals behind a credit figure: every number on the dashboard opens the list of deals it sums,
// each with the part credited to what the number counts, and the sums over all pages (which equal
// the figure). Grouped in SQL, paged by keyset.
import { and, arrayContains, type Column, eq, inArray, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { toMoneyView } from '../../money'
import type { Clock } from '../../platform/clock'
import { keyset, toPage } from '../../platform/pagination'
import type { Scope } from '../../platform/scope'
import { findDealNames } from '../journeys'
import { creditsPermissions } from './credits.permissions'
import { attributionRuns, credits, currentRuns } from './credits.tables'
import { headCredits, headRun, modelFor, runsInPeriod } from './credits-read.service'
import type { CreditedDealsQuery, CreditedDealsView } from './figures.contract'

/** Credit earned by partners (of these types, when given). */
export function partnerCredit(types: readonly string[] | undefined): SQL {
  return types && types.length > 0
    ? sql`${credits.actorKind} <> 'direct' and ${inArray(credits.actorKind, [...types])}`
    : sql`${credits.actorKind} <> 'direct'`
}

const sumOf = (condition: SQL) =>
  sql<string>`coalesce(sum(${credits.amountMinor}) filter (where ${condition}), 0)`

/** What the credited amount counts, and which deals qualify, for each `credited` filter. */
function creditedBy(credited: string, types: readonly string[] | undefined) {
  const partners = partnerCredit(types)
  if (credited === 'partners') return { counts: partners, having: sql`${sumOf(partners)} > 0` }
  if (credited === 'direct') {
    const direct = sql`${credits.actorKind} = 'direct'`
    return { counts: direct, having: sql`${sumOf(direct)} > 0` }
  }
  if (credited === 'no-partner')
    return { counts: sql`${credits.actorKind} = 'direct'`, having: sql`${sumOf(partners)} = 0` }
  const own = sql`${credits.actor} = ${credited}`
  return {
    counts: own,
    having: sql`${sumOf(own)} > 0`,
    runs: arrayContains(attributionRuns.actors, [credited]),
  }
}

const outcomes = { won: ['won'], open: ['open'], lost: ['lost'], closed: ['won', 'lost'] } as const

export async function listCreditedDeals(
  db: Db,
  scope: Scope,
  query: CreditedDealsQuery,
  clock: Clock,
): Promise<CreditedDealsView> {
  creditsPermissions.require(scope, 'credits.read')
  const model = await modelFor(db, scope, query.model, clock)
  // a partner user's list is always their own credit
  const { counts, having, runs } = creditedBy(scope.partnerId ?? query.credited, query.partnerType)
  const grouped = db.$with('credited_deals').as(
    db
      .select({
        dealId: sql<string>`${currentRuns.dealId}`.as('deal_id'),
        outcome: sql<'won' | 'open' | 'lost'>`${attributionRuns.outcome}`.as('outcome'),
        dealAt: sql<Date>`${attributionRuns.dealAt}`.as('deal_at'),
        currency: sql<string>`${attributionRuns.currency}`.as('currency'),
        amount: sql<string>`${attributionRuns.amountMinor}`.as('amount'),
        credited: sql<string>`${sumOf(counts)}`.as('credited'),
      })
      .from(currentRuns)
      .innerJoin(attributionRuns, headRun)
      .innerJoin(credits, headCredits)
      .where(
        and(
          eq(currentRuns.orgId, scope.orgId),
          eq(currentRuns.modelId, model.row.id),
          runs,
          runsInPeriod(query),
          query.outcome ? inArray(attributionRuns.outcome, [...outcomes[query.outcome]]) : undefined,
          query.currency ? eq(attributionRuns.currency, query.currency) : undefined,
        ),
      )
      .groupBy(currentRuns.dealId, attributionRuns.orgId, attributionRuns.id)
      .having(having),
  )
  type Row = { dealId: string; dealAt: Date | string; amount: string; credited: string }
  const column = (field: unknown) => field as Column
  const order = keyset<Row>(
    {
      dealAt: {
        column: column(grouped.dealAt),
        type: 'timestamptz',
        valueOf: (r) => new Date(r.dealAt).toISOString(),
      },
      amount: { column: column(grouped.amount), type: 'bigint', valueOf: (r) => String(r.amount) },
      credited: { column: column(grouped.credited), type: 'bigint', valueOf: (r) => String(r.credited) },
    },
    { column: column(grouped.dealId), valueOf: (r) => r.dealId },
    query.sort,
    query.cursor,
  )
  const [rows, sums] = await Promise.all([
    db
      .with(grouped)
      .select()
      .from(grouped)
      .where(order.after)
      .orderBy(...order.orderBy)
      .limit(query.limit + 1),
    db
      .with(grouped)
      .select({
        currency: grouped.currency,
        deals: sql<number>`count(*)::int`,
        credited: sql<string>`coalesce(sum(${grouped.credited}), 0)::text`,
      })
      .from(grouped)
      .groupBy(grouped.currency)
      .orderBy(grouped.currency),
  ])
  const names = await findDealNames(
    db,
    scope.orgId,
    rows.map((r) => r.dealId),
  )
  const list = toPage(
    rows,
    query.limit,
    order.cursorOf,
    (r) => {
      const amount = BigInt(r.amount)
      const credited = BigInt(r.credited)
      return {
        dealId: r.dealId,
        name: names.get(r.dealId) ?? r.dealId,
        outcome: r.outcome,
        dealAt: new Date(r.dealAt).toISOString(),
        amount: toMoneyView(amount, r.currency),
        credited: toMoneyView(credited, r.currency),
        share: amount === 0n ? '0' : (Number((credited * 1_000_000n) / amount) / 1_000_000).toFixed(6),
      }
    },
    sums.reduce((n, s) => n + s.deals, 0),
  )
  return {
    ...list,
    model: { id: model.row.id, name: model.row.name },
    sums: sums.map((s) => ({
      currency: s.currency,
      deals: s.deals,
      credited: toMoneyView(s.credited, s.currency),
    })),
  }
}
