// What revenue movements are made of: the deals won (new business, expansions, renewals with the
// amount of the deal they renew) and the renewals lost, and the churn recorded on won deals.
import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'

export interface ClosedDealFact {
  dealId: string
  name: string
  type: 'new' | 'renewal' | 'expansion'
  status: 'won' | 'lost'
  closedAt: Date
  amountMinor: bigint
  currency: string
  /** The deal a renewal or expansion grew from, with its amount and currency. */
  parent: { dealId: string; amountMinor: bigint; currency: string } | null
}

export interface ChurnFact {
  dealId: string
  occurredAt: Date
}

/** The org's won deals and lost renewals closed before `before`, and the churn recorded before it. */
export async function readRevenueHistory(
  db: Db,
  orgId: string,
  before: Date,
): Promise<{ deals: ClosedDealFact[]; churns: ChurnFact[] }> {
  const until = before.toISOString()
  const deals = await queryRows<{
    id: string
    name: string
    type: ClosedDealFact['type']
    status: ClosedDealFact['status']
    closed_at: Date | string
    amount_minor: string
    currency: string
    parent_id: string | null
    parent_amount: string | null
    parent_currency: string | null
  }>(
    db,
    sql`select d.id, d.name, d.type, d.status, d.closed_at, d.amount_minor::text, d.currency,
          p.id as parent_id, p.amount_minor::text as parent_amount, p.currency as parent_currency
        from deals d
        left join deals p on p.org_id = d.org_id and p.id = d.parent_deal_id
        where d.org_id = ${orgId} and d.closed_at < ${until}::timestamptz
          and (d.status = 'won' or (d.status = 'lost' and d.type = 'renewal'))
        order by d.closed_at, d.id`,
  )
  const churns = await queryRows<{ deal_id: string; occurred_at: Date | string }>(
    db,
    sql`select deal_id, min(occurred_at) as occurred_at from deal_revenue_events
        where org_id = ${orgId} and kind = 'churn' and occurred_at < ${until}::timestamptz
        group by deal_id`,
  )
  return {
    deals: deals.map((d) => ({
      dealId: d.id,
      name: d.name,
      type: d.type,
      status: d.status,
      closedAt: new Date(d.closed_at),
      amountMinor: BigInt(d.amount_minor),
      currency: d.currency,
      parent:
        d.parent_id && d.parent_amount !== null && d.parent_currency !== null
          ? { dealId: d.parent_id, amountMinor: BigInt(d.parent_amount), currency: d.parent_currency }
          : null,
    })),
    churns: churns.map((c) => ({ dealId: c.deal_id, occurredAt: new Date(c.occurred_at) })),
  }
}
