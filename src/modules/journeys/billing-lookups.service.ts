// Facts the connectors need: what a source brought; and for a billing provider's events (Stripe), the
// account a customer is — by an account id or an external id, its email domain, or its exact name —
// and the deal a payment belongs to: the one recorded from that invoice, else the account's latest
// won deal. Reads only.
import { and, desc, eq, isNotNull, like, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { accounts, dealRevenueEvents, deals, touchpoints } from './journeys.tables'

/** How many of the org's accounts, deals and touches came from a source (a connector's provider). */
export async function countFromSource(db: Db, orgId: string, source: string) {
  const count = (table: typeof accounts | typeof deals | typeof touchpoints) =>
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(table)
      .where(and(eq(table.orgId, orgId), eq(table.source, source)))
      .then((rows) => rows[0]?.n ?? 0)
  return { accounts: await count(accounts), deals: await count(deals), touches: await count(touchpoints) }
}

export interface BilledAccount {
  id: string
  name: string
  /** How it was found: id, domain or name. */
  matchedBy: 'id' | 'domain' | 'name'
}

/** The one account a customer's reference, domain or name names; null when none or several do. */
export async function findBilledAccount(
  db: Db,
  orgId: string,
  customer: { ref: string | null; domain: string | null; name: string | null },
): Promise<BilledAccount | null> {
  const tries = [
    [
      'id',
      customer.ref ? or(eq(accounts.id, customer.ref), eq(accounts.externalId, customer.ref)) : undefined,
    ],
    [
      'domain',
      customer.domain ? eq(sql`lower(${accounts.domain})`, customer.domain.toLowerCase()) : undefined,
    ],
    [
      'name',
      customer.name ? eq(sql`lower(${accounts.name})`, customer.name.trim().toLowerCase()) : undefined,
    ],
  ] as const
  for (const [matchedBy, condition] of tries) {
    if (!condition) continue
    const found = await db
      .select({ id: accounts.id, name: accounts.name })
      .from(accounts)
      .where(and(eq(accounts.orgId, orgId), condition))
      .limit(2)
    // two accounts with the customer's domain or name is no answer: a person decides
    if (found.length === 1) return { ...found[0]!, matchedBy }
  }
  return null
}

export interface BilledDeal {
  id: string
  name: string
  currency: string
}

/** The deal recorded from an invoice (source, external id), else the account's latest won deal. */
export async function findBilledDeal(
  db: Db,
  orgId: string,
  ref: { source: string; externalId: string | null; accountId: string | null },
): Promise<BilledDeal | null> {
  const columns = { id: deals.id, name: deals.name, currency: deals.currency }
  if (ref.externalId) {
    const [recorded] = await db
      .select(columns)
      .from(deals)
      .where(and(eq(deals.orgId, orgId), eq(deals.source, ref.source), eq(deals.externalId, ref.externalId)))
    if (recorded) return recorded
  }
  if (!ref.accountId) return null
  const [latest] = await db
    .select(columns)
    .from(deals)
    .where(
      and(
        eq(deals.orgId, orgId),
        eq(deals.accountId, ref.accountId),
        eq(deals.status, 'won'),
        isNotNull(deals.closedAt),
      ),
    )
    .orderBy(desc(deals.closedAt), desc(deals.id))
    .limit(1)
  return latest ?? null
}

/** How much a source's refunds whose external ids start with `prefix` (one payment's) came to. */
export async function refundedFromSource(
  db: Db,
  orgId: string,
  source: string,
  prefix: string,
): Promise<bigint> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${dealRevenueEvents.amountMinor}), 0)::text` })
    .from(dealRevenueEvents)
    .where(
      and(
        eq(dealRevenueEvents.orgId, orgId),
        eq(dealRevenueEvents.source, source),
        eq(dealRevenueEvents.kind, 'refund'),
        like(dealRevenueEvents.externalId, `${prefix.replace(/[\\%_]/g, '\\$&')}%`),
      ),
    )
  return BigInt(row?.total ?? '0')
}
