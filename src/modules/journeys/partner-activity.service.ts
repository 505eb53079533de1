// Partners' activity over a period, for many partners at once and summed on the server: touches made,
// the last touch, and the deals they touched that closed (won or lost) — what partner health reads.
import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'

export interface PartnerActivity {
  partnerId: string
  /** Touches the partner made in [from, to). */
  touches: number
  /** The partner's latest touch before `to`, at any time. */
  lastTouchAt: Date | null
  /** Deals the partner touched that closed in [from, to), and the won ones among them. */
  closedDeals: number
  wonDeals: number
}

/** How many touches each of these partners logged in [from, to) (partners with none are absent). */
export async function countPartnerTouches(
  db: Db,
  orgId: string,
  partnerIds: readonly string[],
  period: { from: Date; to: Date },
): Promise<Map<string, number>> {
  if (partnerIds.length === 0) return new Map()
  const rows = await queryRows<{ partner_id: string; touches: number }>(
    db,
    sql`select t.partner_id, count(*)::int as touches
          from touchpoints t
         where t.org_id = ${orgId} and t.partner_id = any(${sql.param([...new Set(partnerIds)])}::text[])
           and t.occurred_at >= ${period.from.toISOString()}::timestamptz
           and t.occurred_at < ${period.to.toISOString()}::timestamptz
         group by t.partner_id`,
  )
  return new Map(rows.map((r) => [r.partner_id, Number(r.touches)]))
}

export async function readPartnerActivity(
  db: Db,
  orgId: string,
  partnerIds: readonly string[],
  period: { from: Date; to: Date },
): Promise<Map<string, PartnerActivity>> {
  const found = new Map<string, PartnerActivity>()
  if (partnerIds.length === 0) return found
  const from = period.from.toISOString()
  const to = period.to.toISOString()
  const wanted = sql.param([...new Set(partnerIds)])
  const touches = await queryRows<{ partner_id: string; touches: number; last_at: string | null }>(
    db,
    sql`select t.partner_id,
               count(*) filter (where t.occurred_at >= ${from}::timestamptz)::int as touches,
               max(t.occurred_at)::text as last_at
          from touchpoints t
         where t.org_id = ${orgId} and t.partner_id = any(${wanted}::text[])
           and t.occurred_at < ${to}::timestamptz
         group by t.partner_id`,
  )
  const closed = await queryRows<{ partner_id: string; closed: number; won: number }>(
    db,
    sql`select p.partner_id, count(*)::int as closed, count(*) filter (where d.status = 'won')::int as won
          from (select distinct t.partner_id, t.deal_id from touchpoints t
                 where t.org_id = ${orgId} and t.partner_id = any(${wanted}::text[])) p
          join deals d on d.org_id = ${orgId} and d.id = p.deal_id
         where d.status in ('won', 'lost')
           and d.closed_at >= ${from}::timestamptz and d.closed_at < ${to}::timestamptz
         group by p.partner_id`,
  )
  const entry = (partnerId: string) => {
    let row = found.get(partnerId)
    if (!row) {
      row = { partnerId, touches: 0, lastTouchAt: null, closedDeals: 0, wonDeals: 0 }
      found.set(partnerId, row)
    }
    return row
  }
  for (const r of touches) {
    const row = entry(r.partner_id)
    row.touches = r.touches
    row.lastTouchAt = r.last_at ? new Date(r.last_at) : null
  }
  for (const r of closed) {
    const row = entry(r.partner_id)
    row.closedDeals = r.closed
    row.wonDeals = r.won
  }
  return found
}

/** Deals closed in [from, to) that any partner touched, and the won ones: the org's partner win rate. */
export async function readPartnerWinRate(
  db: Db,
  orgId: string,
  period: { from: Date; to: Date },
): Promise<{ closedDeals: number; wonDeals: number }> {
  const [row] = await queryRows<{ closed: number; won: number }>(
    db,
    sql`select count(*)::int as closed, count(*) filter (where d.status = 'won')::int as won
          from deals d
         where d.org_id = ${orgId} and d.status in ('won', 'lost')
           and d.closed_at >= ${period.from.toISOString()}::timestamptz
           and d.closed_at < ${period.to.toISOString()}::timestamptz
           and exists (select 1 from touchpoints t where t.org_id = d.org_id and t.deal_id = d.id
                        and t.partner_id is not null)`,
  )
  return { closedDeals: row?.closed ?? 0, wonDeals: row?.won ?? 0 }
}
