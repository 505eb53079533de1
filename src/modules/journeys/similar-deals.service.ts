// Closed deals like a given one — the same currency, an amount within half to double of it, and, as far
// as they narrow without leaving too few, the same industry and country — with the partners that
// touched each: what recommending partners for a deal compares.
import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'

export type Likeness = 'industry, country and size' | 'industry and size' | 'size'

export interface SimilarDeals {
  likeness: Likeness
  /** The deal's own partners. */
  dealPartners: string[]
  deals: { dealId: string; isWon: boolean; partnerIds: string[] }[]
}

// fewer similar deals than this and the next, looser likeness is tried
const enoughDeals = 20
const mostDeals = 5000

/** Null when the deal is not the org's. */
export async function readSimilarClosedDeals(
  db: Db,
  orgId: string,
  dealId: string,
): Promise<SimilarDeals | null> {
  const [target] = await queryRows<{
    amount_minor: string
    currency: string
    industry: string | null
    country: string | null
    partners: string[] | null
  }>(
    db,
    sql`select d.amount_minor::text, d.currency, a.industry, a.country,
          (select array_agg(distinct t.partner_id) from touchpoints t
            where t.org_id = d.org_id and t.deal_id = d.id and t.partner_id is not null) as partners
        from deals d left join accounts a on a.org_id = d.org_id and a.id = d.account_id
        where d.org_id = ${orgId} and d.id = ${dealId}`,
  )
  if (!target) return null
  const levels: { likeness: Likeness; industry: boolean; country: boolean }[] = [
    { likeness: 'industry, country and size', industry: true, country: true },
    { likeness: 'industry and size', industry: true, country: false },
    { likeness: 'size', industry: false, country: false },
  ]
  let found: SimilarDeals['deals'] = []
  let likeness: Likeness = 'size'
  for (const level of levels) {
    if ((level.industry && !target.industry) || (level.country && !target.country)) continue
    const rows = await queryRows<{ id: string; status: string; partners: string[] | null }>(
      db,
      sql`select s.id, s.status,
            (select array_agg(distinct t.partner_id) from touchpoints t
              where t.org_id = s.org_id and t.deal_id = s.id and t.partner_id is not null) as partners
          from deals s left join accounts a on a.org_id = s.org_id and a.id = s.account_id
          where s.org_id = ${orgId} and s.id <> ${dealId} and s.status in ('won', 'lost')
            and s.currency = ${target.currency}
            and s.amount_minor between ${target.amount_minor}::bigint / 2 and ${target.amount_minor}::bigint * 2
            ${level.industry ? sql`and a.industry = ${target.industry}` : sql``}
            ${level.country ? sql`and a.country = ${target.country}` : sql``}
          order by s.closed_at desc, s.id
          limit ${mostDeals}`,
    )
    found = rows.map((r) => ({ dealId: r.id, isWon: r.status === 'won', partnerIds: r.partners ?? [] }))
    likeness = level.likeness
    if (found.length >= enoughDeals) break
  }
  return { likeness, dealPartners: target.partners ?? [], deals: found }
}
