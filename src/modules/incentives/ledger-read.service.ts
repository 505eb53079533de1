// The ledger read back: entries with their receipts and derived status, and each partner's balance
// by status. A partner user reads only their own; staff read any partner.
import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'
import { toMoneyView } from '../../money'
import { notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import type { Scope } from '../../platform/scope'
import { findDealNames } from '../journeys'
import { findPartners } from '../partners'
import type { BalanceView, EntryQuery, EntryView, ReceiptView } from './incentives.contract'
import { incentivesPermissions } from './incentives.permissions'
import { commissionEntries } from './incentives.tables'
import { entryStatusSql } from './ledger.service'

/** The partner a request may read: a partner user's own, whatever they asked for. */
function partnerFilter(scope: Scope, asked: string | undefined): string | undefined {
  if (scope.partnerId) {
    if (asked && asked !== scope.partnerId) throw notFound('Partner', asked)
    return scope.partnerId
  }
  return asked
}

export async function listEntries(
  db: Db,
  scope: Scope,
  query: EntryQuery,
  clock: Clock,
): Promise<{ items: EntryView[]; nextCursor: string | null; total: number }> {
  incentivesPermissions.require(scope, 'incentives.read')
  const partnerId = partnerFilter(scope, query.partnerId)
  const status = entryStatusSql(clock.now())
  const filters: (SQL | undefined)[] = [
    eq(commissionEntries.orgId, scope.orgId),
    partnerId ? eq(commissionEntries.partnerId, partnerId) : undefined,
    query.dealId ? eq(commissionEntries.dealId, query.dealId) : undefined,
    query.status ? sql`${status} = ${query.status}` : undefined,
  ]
  const rows = await db
    .select({ entry: commissionEntries, status })
    .from(commissionEntries)
    .where(and(...filters, query.cursor ? lt(commissionEntries.id, query.cursor) : undefined))
    .orderBy(desc(commissionEntries.id))
    .limit(query.limit + 1)
  const page = rows.slice(0, query.limit)
  const [counted] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(commissionEntries)
    .where(and(...filters))
  const [partnerNames, dealNames] = await Promise.all([
    findPartners(
      db,
      scope.orgId,
      page.map((r) => r.entry.partnerId),
    ),
    findDealNames(
      db,
      scope.orgId,
      page.map((r) => r.entry.dealId),
    ),
  ])
  return {
    total: counted?.n ?? 0,
    items: page.map(({ entry, status }) => ({
      id: entry.id,
      partnerId: entry.partnerId,
      partnerName: partnerNames.get(entry.partnerId)?.name ?? entry.partnerId,
      dealId: entry.dealId,
      dealName: dealNames.get(entry.dealId) ?? null,
      planId: entry.planId,
      lineKey: entry.lineKey,
      kind: entry.kind,
      reversesId: entry.reversesId,
      amount: toMoneyView(entry.amountMinor, entry.currency),
      lineDate: entry.lineDate,
      holdUntil: entry.holdUntil.toISOString(),
      status,
      reason: entry.reason,
      receipt: entry.receipt as ReceiptView | null,
      createdAt: entry.createdAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit ? page.at(-1)!.entry.id : null,
  }
}

/** Each partner's balance per currency, summed by status on the server. */
export async function listBalances(
  db: Db,
  scope: Scope,
  query: { partnerId?: string },
  clock: Clock,
): Promise<{ items: BalanceView[] }> {
  incentivesPermissions.require(scope, 'incentives.read')
  const partnerId = partnerFilter(scope, query.partnerId)
  const rows = await queryRows<{
    partner_id: string
    currency: string
    kind: string
    status: string
    amount: string
  }>(
    db,
    sql`select partner_id, currency, kind, status, sum(amount_minor)::text as amount
          from (select partner_id, currency, kind, amount_minor, ${entryStatusSql(clock.now())} as status
                  from commission_entries
                 where org_id = ${scope.orgId} ${partnerId ? sql`and partner_id = ${partnerId}` : sql``}) e
         group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
  )
  const names = await findPartners(
    db,
    scope.orgId,
    rows.map((r) => r.partner_id),
  )
  const balances = new Map<string, BalanceView>()
  for (const row of rows) {
    const key = `${row.partner_id}|${row.currency}`
    const zero = toMoneyView(0n, row.currency)
    const balance = balances.get(key) ?? {
      partnerId: row.partner_id,
      partnerName: names.get(row.partner_id)?.name ?? row.partner_id,
      currency: row.currency,
      pending: zero,
      approved: zero,
      held: zero,
      paid: zero,
      reversed: zero,
      total: zero,
    }
    const amount = BigInt(row.amount)
    const status = row.status as 'pending' | 'approved' | 'held' | 'paid' | 'reversed'
    // a reversal that cancels an unpaid line is counted once: as that line's amount, reversed
    if (!(row.kind === 'reversal' && status === 'reversed'))
      balance[status] = toMoneyView(BigInt(balance[status].amountMinor) + amount, row.currency)
    balance.total = toMoneyView(BigInt(balance.total.amountMinor) + amount, row.currency)
    balances.set(key, balance)
  }
  return { items: [...balances.values()] }
}

export interface CommissionSums {
  currency: string
  /** Net commission on lines dated in the period (reversals taken off). */
  earnedMinor: bigint
  /** The part of it paid out. */
  paidMinor: bigint
  /** Earned and not yet paid: pending, approved or held. */
  pendingMinor: bigint
}

/** One partner's commission on lines dated in [from, to) (calendar days), per currency, summed on the server. */
export async function sumPartnerCommissions(
  db: Db,
  orgId: string,
  partnerId: string,
  lineDates: { from: string; to: string },
  now: Date,
): Promise<CommissionSums[]> {
  const rows = await queryRows<{ currency: string; earned: string; paid: string }>(
    db,
    sql`select currency, sum(amount_minor)::text as earned,
               coalesce(sum(amount_minor) filter (where status = 'paid'), 0)::text as paid
          from (select currency, amount_minor, ${entryStatusSql(now)} as status
                  from commission_entries
                 where org_id = ${orgId} and partner_id = ${partnerId}
                   and line_date >= ${lineDates.from}::date and line_date < ${lineDates.to}::date) e
         group by currency order by currency`,
  )
  return rows.map((r) => {
    const earnedMinor = BigInt(r.earned)
    const paidMinor = BigInt(r.paid)
    return { currency: r.currency, earnedMinor, paidMinor, pendingMinor: earnedMinor - paidMinor }
  })
}
