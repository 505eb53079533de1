// Accounts more than one partner is working: the open deals on an account (or an open deal without
// one) that carry touches from two partners or more, with each partner's touches as evidence.
import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'

export interface ContestedPartner {
  partnerId: string
  deals: number
  touches: number
  firstAt: Date
  lastAt: Date
  activities: string[]
}

export interface ContestedAccount {
  /** The account's id, or the deal's when the deal names no account. */
  key: string
  account: { id: string; name: string } | null
  deals: { id: string; name: string; amountMinor: bigint; currency: string; stage: string; openedAt: Date }[]
  /** Earliest touch first. */
  partners: ContestedPartner[]
}

export async function readContestedAccounts(db: Db, orgId: string): Promise<ContestedAccount[]> {
  const rows = await queryRows<{
    key: string
    account_id: string | null
    account_name: string | null
    deals: { id: string; name: string; amount: string; currency: string; stage: string; openedAt: string }[]
    partners: {
      partnerId: string
      deals: number
      touches: number
      firstAt: string
      lastAt: string
      activities: string[]
    }[]
  }>(
    db,
    sql`with open_deals as (
          select d.id, d.name, d.account_id, d.amount_minor, d.currency, d.stage, d.opened_at,
                 coalesce(d.account_id, d.id) as key
          from deals d where d.org_id = ${orgId} and d.status = 'open'
        ), by_partner as (
          select o.key, t.partner_id, count(distinct t.deal_id)::int as deals, count(*)::int as touches,
                 min(t.occurred_at) as first_at, max(t.occurred_at) as last_at,
                 array_agg(distinct t.activity_type order by t.activity_type) as activities
          from open_deals o
          join touchpoints t on t.org_id = ${orgId} and t.deal_id = o.id and t.partner_id is not null
          group by o.key, t.partner_id
        ), contested as (
          select key from by_partner group by key having count(*) >= 2
        )
        select c.key, a.id as account_id, a.name as account_name,
          (select json_agg(json_build_object('id', o.id, 'name', o.name, 'amount', o.amount_minor::text,
              'currency', o.currency, 'stage', o.stage, 'openedAt', o.opened_at) order by o.opened_at, o.id)
             from open_deals o where o.key = c.key) as deals,
          (select json_agg(json_build_object('partnerId', p.partner_id, 'deals', p.deals, 'touches', p.touches,
              'firstAt', p.first_at, 'lastAt', p.last_at, 'activities', p.activities) order by p.first_at, p.partner_id)
             from by_partner p where p.key = c.key) as partners
        from contested c
        left join accounts a on a.org_id = ${orgId} and a.id = c.key
        order by c.key`,
  )
  return rows.map((r) => ({
    key: r.key,
    account: r.account_id && r.account_name !== null ? { id: r.account_id, name: r.account_name } : null,
    deals: r.deals.map((d) => ({
      id: d.id,
      name: d.name,
      amountMinor: BigInt(d.amount),
      currency: d.currency,
      stage: d.stage,
      openedAt: new Date(d.openedAt),
    })),
    partners: r.partners.map((p) => ({
      ...p,
      firstAt: new Date(p.firstAt),
      lastAt: new Date(p.lastAt),
    })),
  }))
}
