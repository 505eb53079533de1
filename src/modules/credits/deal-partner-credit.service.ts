// Each deal's partner credit under one model, as the run in force holds it: what forecasts and
// pipeline views value a deal at. One row a deal, its partners' credits unnested from the run's arrays.
import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'

export interface DealPartnerCredit {
  dealId: string
  outcome: 'open' | 'won' | 'lost'
  currency: string
  /** The deal's amount as the run saw it. */
  amountMinor: bigint
  openedAt: Date
  /** Closed, or opened while open. */
  dealAt: Date
  /** The partners' credit, together; direct sellers' credit is left out. */
  partnerMinor: bigint
  /** Each partner with credit above zero, largest first. */
  partners: { partnerId: string; partnerType: string; amountMinor: bigint }[]
}

export interface DealCreditFilter {
  outcomes: readonly ('open' | 'won' | 'lost')[]
  /** Only deals opened before this moment. */
  openedBefore?: Date
  /** Only deals still open, or closed on or after this moment. */
  activeSince?: Date
}

export async function readDealPartnerCredits(
  db: Db,
  orgId: string,
  modelId: string,
  filter: DealCreditFilter,
): Promise<DealPartnerCredit[]> {
  if (filter.outcomes.length === 0) return []
  const rows = await queryRows<{
    deal_id: string
    outcome: DealPartnerCredit['outcome']
    currency: string
    amount_minor: string
    opened_at: Date | string
    deal_at: Date | string
    partners: [string, string, string][] | null
  }>(
    db,
    sql`select r.deal_id, r.outcome, r.currency, r.amount_minor::text, r.opened_at, r.deal_at,
          (select json_agg(json_build_array(c.actor, c.kind, c.amount::text) order by c.amount desc, c.actor)
             from unnest(r.actors, r.actor_kinds, r.amounts) as c(actor, kind, amount)
            where c.kind <> 'direct' and c.amount > 0) as partners
        from current_runs h join attribution_runs r on r.org_id = h.org_id and r.id = h.run_id
        where h.org_id = ${orgId} and h.model_id = ${modelId}
          and r.outcome = any(${sql.param([...filter.outcomes])}::text[])
          ${filter.openedBefore ? sql`and r.opened_at < ${filter.openedBefore.toISOString()}::timestamptz` : sql``}
          ${filter.activeSince ? sql`and (r.outcome = 'open' or r.deal_at >= ${filter.activeSince.toISOString()}::timestamptz)` : sql``}`,
  )
  return rows.map((r) => {
    const partners = (r.partners ?? []).map(([partnerId, partnerType, amount]) => ({
      partnerId,
      partnerType,
      amountMinor: BigInt(amount),
    }))
    return {
      dealId: r.deal_id,
      outcome: r.outcome,
      currency: r.currency,
      amountMinor: BigInt(r.amount_minor),
      openedAt: new Date(r.opened_at),
      dealAt: new Date(r.deal_at),
      partnerMinor: partners.reduce((sum, p) => sum + p.amountMinor, 0n),
      partners,
    }
  })
}
