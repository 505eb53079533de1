// What a forecast needs to know of deals: each open deal's stage, expected close and whether a partner
// brought it in (its first touch), and how the org's deals went before a day (win rate, time to win).
import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'

export interface OpenDealPlan {
  dealId: string
  name: string
  stage: string
  type: 'new' | 'renewal' | 'expansion'
  openedAt: Date
  /** The CRM's close date for the deal, when it has one. */
  expectedCloseAt: Date | null
  /** The deal's first touch is a partner's: the partner brought the deal in. */
  isPartnerSourced: boolean
}

/** Every open deal of the org, oldest first. */
export async function readOpenDealPlans(db: Db, orgId: string): Promise<OpenDealPlan[]> {
  const rows = await queryRows<{
    id: string
    name: string
    stage: string
    type: OpenDealPlan['type']
    opened_at: Date | string
    expected_close_at: Date | string | null
    first_kind: string | null
  }>(
    db,
    sql`select d.id, d.name, d.stage, d.type, d.opened_at, d.expected_close_at,
          (select t.actor_kind from touchpoints t where t.org_id = d.org_id and t.deal_id = d.id
            order by t.occurred_at, t.id limit 1) as first_kind
        from deals d where d.org_id = ${orgId} and d.status = 'open'
        order by d.opened_at, d.id`,
  )
  return rows.map((r) => ({
    dealId: r.id,
    name: r.name,
    stage: r.stage,
    type: r.type,
    openedAt: new Date(r.opened_at),
    expectedCloseAt: r.expected_close_at === null ? null : new Date(r.expected_close_at),
    isPartnerSourced: r.first_kind === 'partner',
  }))
}

/** How the org's deals closed before a moment: what a forecast made then could have known. */
export interface ClosingHistory {
  won: number
  lost: number
  /** The median days from opening to winning, over the deals won; null before the first win. */
  medianDaysToWin: number | null
}

export async function readClosingHistory(db: Db, orgId: string, before: Date): Promise<ClosingHistory> {
  const [row] = await queryRows<{ won: number; lost: number; median_days: number | null }>(
    db,
    sql`select count(*) filter (where status = 'won')::int as won, count(*) filter (where status = 'lost')::int as lost,
          (percentile_cont(0.5) within group (order by extract(epoch from closed_at - opened_at) / 86400)
            filter (where status = 'won'))::float8 as median_days
        from deals where org_id = ${orgId} and status in ('won', 'lost') and closed_at < ${before.toISOString()}::timestamptz`,
  )
  return {
    won: row?.won ?? 0,
    lost: row?.lost ?? 0,
    medianDaysToWin:
      row?.median_days === null || row?.median_days === undefined ? null : Number(row.median_days),
  }
}
