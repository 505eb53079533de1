// Facts for deal registration (revenue): the accounts a registered name or domain may mean, each with
// its open deals, and whether a partner touched a deal again after a moment. Reads only; the caller
// decides what counts as a match.
import { and, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { containsPattern } from '../../platform/search'
import { accounts, deals, touchpoints } from './journeys.tables'

export interface OpenDealFact {
  id: string
  name: string
  amountMinor: bigint
  currency: string
  stage: string
  owner: string | null
  openedAt: Date
}

export interface AccountMatchFact {
  id: string
  name: string
  domain: string | null
  /** Newest first; empty when the account has none open. */
  openDeals: OpenDealFact[]
}

/**
 * Accounts whose domain is `domain`, or whose name contains one of `words` (lower case), at most
 * `limit` of them: the candidates a caller scores. Domain matches come first, then names with more
 * of the words.
 */
export async function findAccountMatches(
  db: Db,
  orgId: string,
  query: { domain: string | null; words: readonly string[]; limit: number },
): Promise<AccountMatchFact[]> {
  const byDomain = query.domain ? eq(sql`lower(${accounts.domain})`, query.domain) : undefined
  const byName = query.words.map((word) => ilike(accounts.name, containsPattern(word)))
  if (!byDomain && byName.length === 0) return []
  const rows = await db
    .select({ id: accounts.id, name: accounts.name, domain: accounts.domain })
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), or(byDomain, ...byName)))
    // the likeliest first, so the bound cuts the weakest: same domain, most words, shortest name
    .orderBy(
      ...(byDomain ? [desc(sql`(${byDomain})`)] : []),
      ...(byName.length > 0
        ? [
            desc(
              sql`(${sql.join(
                byName.map((c) => sql`(${c})::int`),
                sql` + `,
              )})`,
            ),
          ]
        : []),
      sql`length(${accounts.name})`,
      accounts.id,
    )
    .limit(query.limit)
  if (rows.length === 0) return []
  const open = await db
    .select({
      accountId: deals.accountId,
      id: deals.id,
      name: deals.name,
      amountMinor: deals.amountMinor,
      currency: deals.currency,
      stage: deals.stage,
      owner: deals.owner,
      openedAt: deals.openedAt,
    })
    .from(deals)
    .where(
      and(
        eq(deals.orgId, orgId),
        eq(deals.status, 'open'),
        inArray(
          deals.accountId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(desc(deals.openedAt), deals.id)
    .limit(query.limit * 5)
  return rows.map((row) => ({
    ...row,
    openDeals: open.filter((d) => d.accountId === row.id).map(({ accountId: _, ...deal }) => deal),
  }))
}

/**
 * For each (deal, partner, after): the last time that partner touched the deal after that moment, or
 * null when it has not. Answered in the order asked, in one query.
 */
export async function readPartnerActivityAfter(
  db: Db,
  orgId: string,
  asked: readonly { dealId: string; partnerId: string; after: Date }[],
): Promise<(Date | null)[]> {
  if (asked.length === 0) return []
  const asks = sql`unnest(${sql.param(asked.map((a) => a.dealId))}::text[],
      ${sql.param(asked.map((a) => a.partnerId))}::text[],
      ${sql.param(asked.map((a) => a.after.toISOString()))}::text[])
    with ordinality as i(deal_id, partner_id, after_at, ord)`
  const rows = await db
    .select({
      ord: sql<number>`i.ord::int`,
      last: sql<Date | null>`max(${touchpoints.occurredAt})`.mapWith(touchpoints.occurredAt),
    })
    .from(asks)
    .leftJoin(
      touchpoints,
      and(
        eq(touchpoints.orgId, orgId),
        sql`${touchpoints.dealId} = i.deal_id`,
        sql`${touchpoints.partnerId} = i.partner_id`,
        sql`${touchpoints.occurredAt} > i.after_at::timestamptz`,
      ),
    )
    .groupBy(sql`i.ord`)
  const last = new Map(rows.map((r) => [Number(r.ord), r.last] as const))
  return asked.map((_, i) => last.get(i + 1) ?? null)
}
