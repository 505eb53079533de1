// What money is paid on: each partner's credit on won deals under the org's paying model, from the
// run in force, with the model and run it came from.
import { type SQL, sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'

export interface PayingCredit {
  dealId: string
  partnerId: string
  /** Exact decimal string. */
  share: string
  creditMinor: bigint
  currency: string
  /** The deal's amount and close as the run saw them. */
  dealAmountMinor: bigint
  closedAt: Date
  modelId: string
  modelName: string
  modelVersion: number
  runId: string
}

/**
 * The runs in force that name any of these partners and pass `where`, found through the actors index
 * first (a partner is on a small part of the org's runs), then kept only when they are the head of
 * their deal and model. The fence (`offset 0`) keeps the planner from starting at the org's heads.
 */
export const partnerRunsInForce = (orgId: string, partnerIds: readonly string[], where: SQL = sql`true`) =>
  sql`(select r.* from attribution_runs r
        where r.org_id = ${orgId} and r.actors && ${sql.param([...partnerIds])}::text[] and ${where}
          and exists (select 1 from current_runs h where h.org_id = r.org_id and h.deal_id = r.deal_id
                         and h.model_id = r.model_id and h.run_id = r.id)
        offset 0)`

/** Up to this many partners, their credit is found from their runs; more, from the org's heads. */
const fewPartners = 25

/**
 * The paying model `m` and its runs in force `r` with their credits `c`: every partner's, or these
 * partners' (then only their credits). A few partners' runs are found through the actors index; a batch
 * of many is on most of the org's runs, so it starts from the heads of the paying model instead.
 */
const payingCredits = (orgId: string, partnerIds: readonly string[] | null) => {
  const credits = sql`cross join lateral unnest(r.actors, r.actor_kinds, r.shares, r.amounts)
               as c(actor, actor_kind, share, amount_minor)
         where m.org_id = ${orgId} and m.role = 'paying'`
  if (partnerIds !== null && partnerIds.length <= fewPartners)
    return sql`attribution_models m
          join ${partnerRunsInForce(orgId, partnerIds)} r on r.org_id = m.org_id and r.model_id = m.id
          ${credits} and c.actor = any(${sql.param([...partnerIds])}::text[])`
  return sql`attribution_models m
          join current_runs h on h.org_id = m.org_id and h.model_id = m.id
          join attribution_runs r on r.org_id = h.org_id and r.id = h.run_id
          ${credits}
          ${partnerIds === null ? sql`` : sql`and r.actors && ${sql.param([...partnerIds])}::text[] and c.actor = any(${sql.param([...partnerIds])}::text[])`}`
}

/**
 * These partners' (null: every partner's) credits on won deals (or open ones) under the paying model
 * (none when no model pays); `closed` keeps deals that closed in [from, to) only.
 */
export async function readPayingCredits(
  db: Db,
  orgId: string,
  partnerIds: readonly string[] | null,
  options: { closed?: { from: Date; to: Date }; outcome?: 'won' | 'open' } = {},
): Promise<PayingCredit[]> {
  const { closed, outcome = 'won' } = options
  if (partnerIds?.length === 0) return []
  const rows = await queryRows<{
    deal_id: string
    partner_id: string
    share: string
    credit_minor: string
    currency: string
    amount_minor: string
    deal_at: Date | string
    model_id: string
    model_name: string
    model_version: number
    run_id: string
  }>(
    db,
    sql`select r.deal_id, c.actor as partner_id, c.share, c.amount_minor::text as credit_minor, r.currency,
               r.amount_minor::text as amount_minor, r.deal_at, m.id as model_id, m.name as model_name,
               r.model_version, r.id as run_id
          from ${payingCredits(orgId, partnerIds)}
           and r.outcome = ${outcome} and c.actor_kind <> 'direct'
           ${closed ? sql`and r.deal_at >= ${closed.from.toISOString()}::timestamptz and r.deal_at < ${closed.to.toISOString()}::timestamptz` : sql``}`,
  )
  return rows.map((r) => ({
    dealId: r.deal_id,
    partnerId: r.partner_id,
    share: r.share,
    creditMinor: BigInt(r.credit_minor),
    currency: r.currency,
    dealAmountMinor: BigInt(r.amount_minor),
    closedAt: new Date(r.deal_at),
    modelId: r.model_id,
    modelName: r.model_name,
    modelVersion: r.model_version,
    runId: r.run_id,
  }))
}

/** Every partner credited on a won deal under the paying model. */
export async function listPaidPartners(db: Db, orgId: string): Promise<string[]> {
  const rows = await queryRows<{ actor: string }>(
    db,
    sql`select distinct c.actor
          from attribution_models m
          join current_runs h on h.org_id = m.org_id and h.model_id = m.id
          join attribution_runs r on r.org_id = h.org_id and r.id = h.run_id
          cross join lateral unnest(r.actors, r.actor_kinds) as c(actor, actor_kind)
         where m.org_id = ${orgId} and m.role = 'paying' and r.outcome = 'won' and c.actor_kind <> 'direct'
         order by 1`,
  )
  return rows.map((r) => r.actor)
}

/** The org's paying model, or null when none pays. */
export async function payingModelId(db: Db, orgId: string): Promise<string | null> {
  const [row] = await queryRows<{ id: string }>(
    db,
    sql`select id from attribution_models where org_id = ${orgId} and role = 'paying'`,
  )
  return row?.id ?? null
}

export interface PayingCreditSum {
  partnerId: string
  currency: string
  /** These partners' credit on won deals that closed in the period, summed. */
  creditMinor: bigint
  /** How many of those deals credit the partner with a share above zero. */
  deals: number
}

/**
 * Per partner and deal currency: credit on won deals under the paying model that closed in
 * [from, to), and the number of such deals, summed on the server (tier criteria read these).
 */
export async function sumPayingCredits(
  db: Db,
  orgId: string,
  partnerIds: readonly string[] | null,
  closed: { from: Date; to: Date },
): Promise<PayingCreditSum[]> {
  if (partnerIds?.length === 0) return []
  const rows = await queryRows<{ partner_id: string; currency: string; credit_minor: string; deals: number }>(
    db,
    sql`select c.actor as partner_id, r.currency, sum(c.amount_minor)::text as credit_minor,
               count(distinct r.deal_id) filter (where c.share::numeric > 0)::int as deals
          from ${payingCredits(orgId, partnerIds)}
           and r.outcome = 'won' and c.actor_kind <> 'direct'
           and r.deal_at >= ${closed.from.toISOString()}::timestamptz and r.deal_at < ${closed.to.toISOString()}::timestamptz
         group by c.actor, r.currency`,
  )
  return rows.map((r) => ({
    partnerId: r.partner_id,
    currency: r.currency,
    creditMinor: BigInt(r.credit_minor),
    deals: r.deals,
  }))
}
