// One partner's attributed figures for a period under every enabled model (paying and shadow): won
// credit in the period and the period before, open pipeline, won deals, and its largest credited won
// deals under the paying model. Summed on the server from the runs in force; quarterly reviews read it.
import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'
import { partnerRunsInForce } from './paying-credits.service'

interface Span {
  from: Date
  to: Date
}

export interface PartnerModelFigures {
  modelId: string
  modelKey: string
  modelName: string
  role: 'paying' | 'shadow'
  currency: string
  /** Credit on won deals that closed in the period. */
  wonMinor: bigint
  /** Credit on won deals that closed in the period before. */
  previousWonMinor: bigint
  /** Won deals in the period crediting the partner with a share above zero. */
  wonDeals: number
  /** Credit on deals open now. */
  pipelineMinor: bigint
  openDeals: number
}

export interface PartnerTopDeal {
  dealId: string
  currency: string
  dealAmountMinor: bigint
  creditMinor: bigint
  /** Exact decimal string. */
  share: string
  closedAt: Date
  modelName: string
}

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`

/** Every enabled model (those without credit too), per currency the partner was credited in. */
export async function readPartnerModelFigures(
  db: Db,
  orgId: string,
  partnerId: string,
  period: Span,
  previous: Span,
): Promise<{
  models: { id: string; key: string; name: string; role: 'paying' | 'shadow' }[]
  figures: PartnerModelFigures[]
}> {
  const models = await queryRows<{ id: string; key: string; name: string; role: 'paying' | 'shadow' }>(
    db,
    sql`select id, key, name, role from attribution_models
         where org_id = ${orgId} and role <> 'off' order by role = 'paying' desc, name, id`,
  )
  const won = (span: Span) =>
    sql`r.outcome = 'won' and r.deal_at >= ${at(span.from)} and r.deal_at < ${at(span.to)}`
  const rows = await queryRows<{
    model_id: string
    currency: string
    won_minor: string
    previous_minor: string
    won_deals: number
    pipeline_minor: string
    open_deals: number
  }>(
    db,
    sql`select m.id as model_id, r.currency,
               coalesce(sum(c.amount_minor) filter (where ${won(period)}), 0)::text as won_minor,
               coalesce(sum(c.amount_minor) filter (where ${won(previous)}), 0)::text as previous_minor,
               count(distinct r.deal_id) filter (where ${won(period)} and c.share::numeric > 0)::int as won_deals,
               coalesce(sum(c.amount_minor) filter (where r.outcome = 'open'), 0)::text as pipeline_minor,
               count(distinct r.deal_id) filter (where r.outcome = 'open' and c.share::numeric > 0)::int as open_deals
          from ${partnerRunsInForce(orgId, [partnerId], sql`(r.outcome = 'open' or ${won(previous)} or ${won(period)})`)} r
          join attribution_models m on m.org_id = r.org_id and m.id = r.model_id
          cross join lateral unnest(r.actors, r.actor_kinds, r.shares, r.amounts)
               as c(actor, actor_kind, share, amount_minor)
         where m.role <> 'off' and c.actor = ${partnerId} and c.actor_kind <> 'direct'
         group by m.id, r.currency`,
  )
  const byId = new Map(models.map((m) => [m.id, m]))
  return {
    models,
    figures: rows.flatMap((r) => {
      const model = byId.get(r.model_id)
      if (!model) return []
      return [
        {
          modelId: model.id,
          modelKey: model.key,
          modelName: model.name,
          role: model.role,
          currency: r.currency,
          wonMinor: BigInt(r.won_minor),
          previousWonMinor: BigInt(r.previous_minor),
          wonDeals: r.won_deals,
          pipelineMinor: BigInt(r.pipeline_minor),
          openDeals: r.open_deals,
        },
      ]
    }),
  }
}

/** The partner's largest credits on won deals that closed in the period, under the paying model. */
export async function readPartnerTopDeals(
  db: Db,
  orgId: string,
  partnerId: string,
  period: Span,
  limit: number,
): Promise<PartnerTopDeal[]> {
  const rows = await queryRows<{
    deal_id: string
    currency: string
    amount_minor: string
    credit_minor: string
    share: string
    deal_at: Date | string
    model_name: string
  }>(
    db,
    sql`select r.deal_id, r.currency, r.amount_minor::text as amount_minor,
               c.amount_minor::text as credit_minor, c.share, r.deal_at, m.name as model_name
          from ${partnerRunsInForce(orgId, [partnerId], sql`r.outcome = 'won' and r.deal_at >= ${at(period.from)} and r.deal_at < ${at(period.to)}`)} r
          join attribution_models m on m.org_id = r.org_id and m.id = r.model_id
          cross join lateral unnest(r.actors, r.actor_kinds, r.shares, r.amounts)
               as c(actor, actor_kind, share, amount_minor)
         where m.role = 'paying' and c.actor = ${partnerId} and c.actor_kind <> 'direct' and c.amount_minor > 0
         order by c.amount_minor desc, r.deal_id
         limit ${limit}`,
  )
  return rows.map((r) => ({
    dealId: r.deal_id,
    currency: r.currency,
    dealAmountMinor: BigInt(r.amount_minor),
    creditMinor: BigInt(r.credit_minor),
    share: r.share,
    closedAt: new Date(r.deal_at),
    modelName: r.model_name,
  }))
}
