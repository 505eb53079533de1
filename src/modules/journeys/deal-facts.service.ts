// A deal's facts as money reads them: its name, type, stage, status and close, its account's country
// and industry, when the original deal a renewal or expansion grew from closed, and its refunds and
// churn since.
import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'
import type { DealStatus, DealType } from './journeys.contract'
import { type RevenueFact, readRevenueFacts } from './revenue-events.service'

export interface DealFacts {
  id: string
  name: string
  type: DealType
  stage: string
  status: DealStatus
  closedAt: Date | null
  account: { country: string | null; industry: string | null }
  /** The close of the first deal up its parent chain (itself for a deal without a parent). */
  originClosedAt: Date | null
  /** Refunds and churn after it closed, oldest first. */
  revenue: RevenueFact[]
}

export async function readDealFacts(
  db: Db,
  orgId: string,
  dealIds: readonly string[],
): Promise<Map<string, DealFacts>> {
  if (dealIds.length === 0) return new Map()
  const rows = await queryRows<{
    id: string
    name: string
    type: DealType
    stage: string
    status: DealStatus
    closed_at: Date | string | null
    country: string | null
    industry: string | null
    origin_closed_at: Date | string | null
  }>(
    db,
    sql`with recursive chain(deal_id, ancestor_id, parent_id, closed_at, depth) as (
          select d.id, d.id, d.parent_deal_id, d.closed_at, 0 from deals d
           where d.org_id = ${orgId} and d.id = any(${sql.param([...dealIds])}::text[])
        union all
          select c.deal_id, p.id, p.parent_deal_id, p.closed_at, c.depth + 1 from chain c
            join deals p on p.org_id = ${orgId} and p.id = c.parent_id
           where c.depth < 32
        )
        , origin as (select distinct on (deal_id) deal_id, closed_at from chain order by deal_id, depth desc)
        select d.id, d.name, d.type, d.stage, d.status, d.closed_at, a.country, a.industry,
               o.closed_at as origin_closed_at
          from deals d
          left join accounts a on a.org_id = d.org_id and a.id = d.account_id
          left join origin o on o.deal_id = d.id
         where d.org_id = ${orgId} and d.id = any(${sql.param([...dealIds])}::text[])`,
  )
  const revenue = await readRevenueFacts(db, orgId, dealIds)
  const toDate = (value: Date | string | null) => (value === null ? null : new Date(value))
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        type: r.type,
        stage: r.stage,
        status: r.status,
        closedAt: toDate(r.closed_at),
        account: { country: r.country, industry: r.industry },
        originClosedAt: toDate(r.origin_closed_at),
        revenue: revenue.get(r.id) ?? [],
      },
    ]),
  )
}
