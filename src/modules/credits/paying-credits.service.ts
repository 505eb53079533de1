// What money is paid on: each partner's credit on won deals under the org's paying model, from the
// run in force, with the model and run it came from.
import { sql } from 'drizzle-orm'
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

/** Runs naming these partners, and their credits to them; null: every partner (no filter to test). */
const partnerFilter = (partnerIds: readonly string[] | null) =>
  partnerIds === null
    ? sql``
    : sql`and r.actors && ${sql.param([...partnerIds])}::text[] and c.actor = any(${sql.param([...partnerIds])}::text[])`

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
          from attribution_models m
          join current_runs h on h.org_id = m.org_id and h.model_id = m.id
          join attribution_runs r on r.org_id = h.org_id and r.id = h.run_id
          cross join lateral unnest(r.actors, r.actor_kinds, r.shares, r.amounts)
               as c(actor, actor_kind, share, amount_minor)
         where m.org_id = ${orgId} and m.role = 'paying' and r.outcome = ${outcome}
           and c.actor_kind <> 'direct' ${partnerFilter(partnerIds)}
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

/**
 * What an org-wide pass (the commission sync, the tier evaluation) read of the paying credit once,
 * grouped by partner, instead of one scan of the runs in force a batch; each batch takes its part
 * from it, read again where the credit may have moved since.
 */
export interface PayingBook<T> {
  modelId: string | null
  /**
   * The transactions the book may not have seen (32-bit xids, from the snapshot taken just before it
   * was read): those still running then, and every one from `next` on. A head any other wrote is in
   * the book.
   */
  horizon: { next: string; running: string[] }
  byPartner: Map<string, T[]>
}
export type PayingCreditBook = PayingBook<PayingCredit>
export type PayingSumBook = PayingBook<PayingCreditSum> & { closed: { from: Date; to: Date } }

async function readBook<T extends { partnerId: string }>(
  db: Db,
  orgId: string,
  read: () => Promise<T[]>,
): Promise<PayingBook<T>> {
  // first the horizon, then the read: whatever committed before the horizon is visible to the read
  const [horizon] = await queryRows<{ next: string; running: string[] }>(
    db,
    sql`select (pg_snapshot_xmax(s)::text::bigint % 4294967296)::text as next,
               array(select (x::text::bigint % 4294967296)::text from pg_snapshot_xip(s) as x) as running
          from pg_current_snapshot() as s`,
  )
  const modelId = await payingModelId(db, orgId)
  const byPartner = new Map<string, T[]>()
  for (const row of await read()) {
    const list = byPartner.get(row.partnerId)
    if (list) list.push(row)
    else byPartner.set(row.partnerId, [row])
  }
  return { modelId, horizon: horizon!, byPartner }
}

/**
 * The heads under the book's paying model written by a transaction the book may not have seen, with the actors of the
 * runs they point to now; null when another model pays now (nothing in the book holds).
 */
async function movedSince(
  db: Db,
  orgId: string,
  book: PayingBook<unknown>,
  limit?: number,
): Promise<{ deal_id: string; actors: string[] }[] | null> {
  if ((await payingModelId(db, orgId)) !== book.modelId) return null
  // a head's xmin is the transaction that last wrote it; age() orders transaction ids across wraparound
  return queryRows<{ deal_id: string; actors: string[] }>(
    db,
    sql`select h.deal_id, r.actors from current_runs h
          join attribution_runs r on r.org_id = h.org_id and r.id = h.run_id
         where h.org_id = ${orgId} and h.model_id = ${book.modelId}
           and (age(h.xmin) <= age(${book.horizon.next}::xid)
                or h.xmin::text = any(${sql.param(book.horizon.running)}::text[]))
         ${limit ? sql`limit ${limit}` : sql``}`,
  )
}

/** Every partner's paying credit, in one scan of the runs in force. */
export const readPayingCreditBook = (db: Db, orgId: string): Promise<PayingCreditBook> =>
  readBook(db, orgId, () => readPayingCredits(db, orgId, null))

/**
 * These partners' credit from the book, as current as a fresh read: a partner is read again when a
 * run in force under the paying model was written by a transaction the book may not have seen on a deal they held
 * credit on in the book, or that now credits them; the whole batch is read again if another model
 * now pays.
 */
export async function creditsFromBook(
  db: Db,
  orgId: string,
  book: PayingCreditBook,
  partnerIds: readonly string[],
): Promise<PayingCredit[]> {
  const changed = await movedSince(db, orgId, book)
  if (!changed) return readPayingCredits(db, orgId, partnerIds)
  const wanted = new Set(partnerIds)
  const stale = new Set<string>()
  if (changed.length > 0) {
    const changedDeals = new Set(changed.map((c) => c.deal_id))
    for (const { actors } of changed) for (const actor of actors) if (wanted.has(actor)) stale.add(actor)
    for (const partnerId of partnerIds)
      if (book.byPartner.get(partnerId)?.some((c) => changedDeals.has(c.dealId))) stale.add(partnerId)
  }
  const fresh = stale.size > 0 ? await readPayingCredits(db, orgId, [...stale]) : []
  return [
    ...partnerIds.filter((id) => !stale.has(id)).flatMap((id) => book.byPartner.get(id) ?? []),
    ...fresh,
  ]
}

async function payingModelId(db: Db, orgId: string): Promise<string | null> {
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
          from attribution_models m
          join current_runs h on h.org_id = m.org_id and h.model_id = m.id
          join attribution_runs r on r.org_id = h.org_id and r.id = h.run_id
          cross join lateral unnest(r.actors, r.actor_kinds, r.shares, r.amounts)
               as c(actor, actor_kind, share, amount_minor)
         where m.org_id = ${orgId} and m.role = 'paying' and r.outcome = 'won'
           and c.actor_kind <> 'direct' ${partnerFilter(partnerIds)}
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

/** Every partner's paying credit summed per currency over closes in [from, to), in one scan. */
export async function readPayingSumBook(
  db: Db,
  orgId: string,
  closed: { from: Date; to: Date },
): Promise<PayingSumBook> {
  return { ...(await readBook(db, orgId, () => sumPayingCredits(db, orgId, null, closed))), closed }
}

/**
 * These partners' sums from the book while no run in force under the paying model was written since
 * it was read; summed again for the batch once one was (a sum cannot tell which partners it moved).
 */
export async function sumsFromBook(
  db: Db,
  orgId: string,
  book: PayingSumBook,
  partnerIds: readonly string[],
): Promise<PayingCreditSum[]> {
  const changed = await movedSince(db, orgId, book, 1)
  if (!changed || changed.length > 0) return sumPayingCredits(db, orgId, partnerIds, book.closed)
  return partnerIds.flatMap((id) => book.byPartner.get(id) ?? [])
}
