// Org-wide passes over paying credit (the commission sync, the tier evaluation) read it once for the
// whole org instead of once a batch; each batch takes its part from the book, read again where the
// credit may have moved since — known exactly from the transactions the book's snapshot did not see.
import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'
import {
  type PayingCredit,
  type PayingCreditSum,
  payingModelId,
  readPayingCredits,
  sumPayingCredits,
} from './paying-credits.service'

/**
 * What an org-wide pass (the commission sync, the tier evaluation) read of the paying credit once,
 * grouped by partner, instead of one scan of the runs in force a batch; each batch takes its part
 * from it, read again where the credit may have moved since.
 */
export interface PayingBook<T> {
  modelId: string | null
  /**
   * The transactions the book may not have seen (64-bit ids, from the snapshot taken just before it
   * was read): those still running then (all at or after `oldest`), and every one from `next` on. A
   * head any other wrote is in the book.
   */
  horizon: { oldest: string; next: string; running: string[] }
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
  const [horizon] = await queryRows<{ oldest: string; next: string; running: string[] }>(
    db,
    sql`select pg_snapshot_xmin(s)::text as oldest, pg_snapshot_xmax(s)::text as next,
               array(select x::text from pg_snapshot_xip(s) as x) as running
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
 * The heads under the book's paying model written by a transaction the book may not have seen, with
 * the actors of the runs they point to now; null when another model pays now (nothing in it holds).
 */
async function movedSince(
  db: Db,
  orgId: string,
  book: PayingBook<unknown>,
  limit?: number,
): Promise<{ deal_id: string; actors: string[] }[] | null> {
  if ((await payingModelId(db, orgId)) !== book.modelId) return null
  // a head keeps the 64-bit id of the transaction that last pointed it: every one the book may not have
  // seen is at or after the snapshot's oldest, so the index reads only the heads written since about then
  return queryRows<{ deal_id: string; actors: string[] }>(
    db,
    sql`select h.deal_id, r.actors from current_runs h
          join attribution_runs r on r.org_id = h.org_id and r.id = h.run_id
         where h.org_id = ${orgId} and h.model_id = ${book.modelId}
           and h.written_xid >= ${book.horizon.oldest}::bigint
           and (h.written_xid >= ${book.horizon.next}::bigint
                or h.written_xid = any(${sql.param(book.horizon.running)}::bigint[]))
         ${limit ? sql`limit ${limit}` : sql``}`,
  )
}

/** Every partner's paying credit, in one scan of the runs in force. */
export const readPayingCreditBook = (db: Db, orgId: string): Promise<PayingCreditBook> =>
  readBook(db, orgId, () => readPayingCredits(db, orgId, null))

/**
 * These partners' credit from the book, as current as a fresh read: a partner is read again when a
 * run in force under the paying model, written by a transaction the book may not have seen, is on a
 * deal they held credit on in the book or now credits them; the whole batch is read again if another
 * model now pays.
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
