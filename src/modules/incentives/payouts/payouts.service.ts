// Payout batches: what is payable up to a day, grouped per partner and currency, held back with the
// reason when a partner cannot be paid, approved by finance (four-eyes when asked), sent by the
// worker (payout-worker.service.ts) and, for a bank file, marked paid when the bank ran it.
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../../db/client'
import { toMoneyView } from '../../../money'
import { AppError, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { actorLabel, type Scope } from '../../../platform/scope'
import { findPartners } from '../../partners'
import { incentiveEvents } from '../incentives.events'
import { incentivesPermissions } from '../incentives.permissions'
import { entryStatusSql } from '../ledger.service'
import { partnersWithValidTaxForm } from '../tax/tax.service'
import type { BatchView, CreateBatchInput, PayoutView } from './payouts.contract'
import { payoutAccounts, payoutBatches, payoutIds, payoutItems, payouts } from './payouts.tables'

type BatchRow = typeof payoutBatches.$inferSelect
type PayoutRow = typeof payouts.$inferSelect
type HeldBack = { partnerId: string; currency: string; amountMinor: string; reason: string }

export async function readBatch(db: Db, orgId: string, id: string): Promise<BatchRow> {
  const [row] = await db
    .select()
    .from(payoutBatches)
    .where(and(eq(payoutBatches.orgId, orgId), eq(payoutBatches.id, id)))
  if (!row) throw notFound('Payout batch', id)
  return row
}

async function batchView(db: Db, orgId: string, batch: BatchRow): Promise<BatchView> {
  const rows = await db
    .select()
    .from(payouts)
    .where(and(eq(payouts.orgId, orgId), eq(payouts.batchId, batch.id)))
    .orderBy(payouts.partnerId, payouts.currency)
  const counts = new Map(
    (
      await queryRows<{ payout_id: string; n: number }>(
        db,
        sql`select i.payout_id, count(*)::int as n from payout_items i
              join payouts p on p.org_id = i.org_id and p.id = i.payout_id
             where i.org_id = ${orgId} and p.batch_id = ${batch.id} group by 1`,
      )
    ).map((r) => [r.payout_id, r.n]),
  )
  const names = await findPartners(db, orgId, [
    ...rows.map((r) => r.partnerId),
    ...(batch.heldBack as HeldBack[]).map((h) => h.partnerId),
  ])
  const totals = new Map<string, bigint>()
  for (const payout of rows)
    totals.set(payout.currency, (totals.get(payout.currency) ?? 0n) + payout.amountMinor)
  return {
    ...summaryOf(batch),
    totals: [...totals].map(([currency, amount]) => toMoneyView(amount, currency)),
    heldBack: (batch.heldBack as HeldBack[]).map((h) => ({
      partnerId: h.partnerId,
      partnerName: names.get(h.partnerId)?.name ?? h.partnerId,
      currency: h.currency,
      amount: toMoneyView(h.amountMinor, h.currency),
      reason: h.reason,
    })),
    payouts: rows.map((payout) =>
      toPayoutView(payout, names.get(payout.partnerId)?.name ?? payout.partnerId, counts.get(payout.id) ?? 0),
    ),
  }
}

const toPayoutView = (payout: PayoutRow, partnerName: string, entries: number): PayoutView => ({
  id: payout.id,
  partnerId: payout.partnerId,
  partnerName,
  amount: toMoneyView(payout.amountMinor, payout.currency),
  status: payout.status,
  idempotencyKey: payout.idempotencyKey,
  attempts: payout.attempts,
  providerRef: payout.providerRef,
  failureReason: payout.failureReason,
  paidAt: payout.paidAt?.toISOString() ?? null,
  entries,
})

const summaryOf = (batch: BatchRow) => ({
  id: batch.id,
  periodTo: batch.periodTo,
  rail: batch.rail,
  status: batch.status,
  requiresSecondApprover: batch.requiresSecondApprover,
  createdBy: batch.createdBy,
  approvedBy: batch.approvedBy,
  createdAt: batch.createdAt.toISOString(),
  approvedAt: batch.approvedAt?.toISOString() ?? null,
  finishedAt: batch.finishedAt?.toISOString() ?? null,
  totals: [] as ReturnType<typeof toMoneyView>[],
})

export async function getBatch(db: Db, scope: Scope, id: string): Promise<BatchView> {
  incentivesPermissions.require(scope, 'incentives.finance')
  return batchView(db, scope.orgId, await readBatch(db, scope.orgId, id))
}

export async function listBatches(db: Db, scope: Scope) {
  incentivesPermissions.require(scope, 'incentives.finance')
  const rows = await db
    .select()
    .from(payoutBatches)
    .where(eq(payoutBatches.orgId, scope.orgId))
    .orderBy(desc(payoutBatches.createdAt), desc(payoutBatches.id))
    .limit(50)
  const totals = await queryRows<{ batch_id: string; currency: string; amount: string }>(
    db,
    sql`select batch_id, currency, sum(amount_minor)::text as amount from payouts
         where org_id = ${scope.orgId} and batch_id = any(${sql.param(rows.map((r) => r.id))}::text[])
         group by 1, 2 order by 1, 2`,
  )
  return {
    items: rows.map((row) => ({
      ...summaryOf(row),
      totals: totals.filter((t) => t.batch_id === row.id).map((t) => toMoneyView(t.amount, t.currency)),
    })),
  }
}

/**
 * A batch of everything payable up to `periodTo`: approved lines (past their hold) that no payout
 * settles yet, per partner and currency. Partners without a payout account on the batch's rail,
 * owed nothing or less than the minimum are held back and said so. The same Idempotency-Key gives
 * the same batch, however often and however many at once it is sent.
 */
export async function createBatch(
  db: Db,
  scope: Scope,
  input: CreateBatchInput,
  requestKey: string | null,
  clock: Clock,
): Promise<BatchView> {
  incentivesPermissions.require(scope, 'incentives.finance')
  const now = clock.now()
  const id = await db.transaction(async (tx) => {
    // one batch is built at a time per org: two never claim the same line
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`payouts:${scope.orgId}`}, 0))`)
    if (requestKey) {
      const [existing] = await tx
        .select({ id: payoutBatches.id })
        .from(payoutBatches)
        .where(and(eq(payoutBatches.orgId, scope.orgId), eq(payoutBatches.requestKey, requestKey)))
      if (existing) return existing.id
    }
    const payable = await queryRows<{
      id: string
      partner_id: string
      currency: string
      amount_minor: string
      status: 'approved' | 'held'
    }>(
      tx,
      // held lines are read too, to say which partners wait for a tax form or a dispute's answer
      sql`select * from (
            select id, partner_id, currency, amount_minor::text as amount_minor, ${entryStatusSql(now)} as status
              from commission_entries
             where org_id = ${scope.orgId} and line_date <= ${input.periodTo}
               and not exists (select 1 from payout_items i where i.org_id = commission_entries.org_id
                                and i.entry_id = commission_entries.id and i.released_at is null)) e
           where status in ('approved', 'held')
           order by partner_id, currency, id`,
    )
    const taxed = await partnersWithValidTaxForm(
      tx,
      scope.orgId,
      [...new Set(payable.map((e) => e.partner_id))],
      now,
    )
    const groups = new Map<
      string,
      { partnerId: string; currency: string; amount: bigint; entries: string[]; disputed: bigint }
    >()
    for (const entry of payable) {
      const key = `${entry.partner_id}|${entry.currency}`
      const group = groups.get(key) ?? {
        partnerId: entry.partner_id,
        currency: entry.currency,
        amount: 0n,
        entries: [],
        disputed: 0n,
      }
      // a partner without a tax form is held whole; one with a form waits only for disputed lines
      if (entry.status === 'held' && taxed.has(entry.partner_id)) group.disputed += BigInt(entry.amount_minor)
      else {
        group.amount += BigInt(entry.amount_minor)
        group.entries.push(entry.id)
      }
      groups.set(key, group)
    }
    const accounts = new Map(
      (
        await tx
          .select()
          .from(payoutAccounts)
          .where(and(eq(payoutAccounts.orgId, scope.orgId), eq(payoutAccounts.rail, input.rail)))
      ).map((a) => [a.partnerId, a]),
    )
    const batchId = payoutIds.batch()
    const heldBack: HeldBack[] = []
    const toPay: { row: typeof payouts.$inferInsert; entries: string[] }[] = []
    for (const group of groups.values()) {
      const minimum = BigInt(input.minimums[group.currency] ?? '0')
      const reason = !taxed.has(group.partnerId)
        ? 'no valid tax form on file (W-9, or W-8BEN / W-8BEN-E)'
        : group.amount <= 0n
          ? 'nothing owed: reversals exceed what is payable'
          : group.amount < minimum
            ? `below the ${group.currency} minimum payout`
            : !accounts.has(group.partnerId)
              ? `no payout account for ${input.rail === 'stripe' ? 'Stripe' : 'the bank file'}`
              : null
      if (group.disputed !== 0n)
        heldBack.push({
          partnerId: group.partnerId,
          currency: group.currency,
          amountMinor: group.disputed.toString(),
          reason: 'lines under an open dispute',
        })
      if (group.entries.length === 0) continue
      if (reason) {
        heldBack.push({
          partnerId: group.partnerId,
          currency: group.currency,
          amountMinor: group.amount.toString(),
          reason,
        })
        continue
      }
      const payoutId = payoutIds.payout()
      toPay.push({
        row: {
          orgId: scope.orgId,
          id: payoutId,
          batchId,
          partnerId: group.partnerId,
          amountMinor: group.amount,
          currency: group.currency,
          status: 'pending',
          idempotencyKey: payoutId,
          attempts: 0,
          updatedAt: now,
        },
        entries: group.entries,
      })
    }
    await tx.insert(payoutBatches).values({
      orgId: scope.orgId,
      id: batchId,
      periodTo: input.periodTo,
      rail: input.rail,
      status: 'pending',
      requiresSecondApprover: input.requiresSecondApprover,
      minimums: input.minimums,
      heldBack,
      requestKey,
      createdBy: actorLabel(scope.actor),
      createdAt: now,
    })
    for (let i = 0; i < toPay.length; i += 500)
      await tx.insert(payouts).values(toPay.slice(i, i + 500).map((p) => p.row))
    const items = toPay.flatMap((p) =>
      p.entries.map((entryId) => ({ orgId: scope.orgId, payoutId: p.row.id, entryId })),
    )
    for (let i = 0; i < items.length; i += 2000) await tx.insert(payoutItems).values(items.slice(i, i + 2000))
    await writeAudit(
      tx,
      scope,
      {
        action: 'payout_batch.created',
        entityType: 'payout_batch',
        entityId: batchId,
        after: {
          periodTo: input.periodTo,
          rail: input.rail,
          payouts: toPay.length,
          heldBack: heldBack.length,
        },
      },
      clock,
    )
    return batchId
  })
  return batchView(db, scope.orgId, await readBatch(db, scope.orgId, id))
}

async function moveBatch(
  db: Db,
  scope: Scope,
  id: string,
  from: BatchRow['status'][],
  to: BatchRow['status'],
  clock: Clock,
  extra: Partial<typeof payoutBatches.$inferInsert> = {},
  /** The bank's reference for a bank-file run, kept in the audit log. */
  reference: string | null = null,
): Promise<BatchRow> {
  return db.transaction(async (tx) => {
    const [moved] = await tx
      .update(payoutBatches)
      .set({ status: to, ...extra })
      .where(
        and(
          eq(payoutBatches.orgId, scope.orgId),
          eq(payoutBatches.id, id),
          inArray(payoutBatches.status, from),
        ),
      )
      .returning()
    if (!moved) {
      const batch = await readBatch(tx, scope.orgId, id)
      throw new AppError('CONFLICT', `The batch is ${batch.status}; it cannot become ${to}`)
    }
    await writeAudit(
      tx,
      scope,
      {
        action: `payout_batch.${to}`,
        entityType: 'payout_batch',
        entityId: id,
        after: reference ? { status: to, reference } : { status: to },
      },
      clock,
    )
    await publish(
      tx,
      scope,
      incentiveEvents.event('payout_batch.changed', id, { batchId: id, status: to }),
      clock,
    )
    return moved
  })
}

/** Finance approves a pending batch; with four-eyes, someone other than its creator. */
export async function approveBatch(db: Db, scope: Scope, id: string, clock: Clock): Promise<BatchView> {
  incentivesPermissions.require(scope, 'incentives.finance')
  const batch = await readBatch(db, scope.orgId, id)
  if (batch.requiresSecondApprover && batch.createdBy === actorLabel(scope.actor))
    throw new AppError('FORBIDDEN', 'This batch needs a second approver: someone other than its creator')
  const moved = await moveBatch(db, scope, id, ['pending'], 'approved', clock, {
    approvedBy: actorLabel(scope.actor),
    approvedAt: clock.now(),
  })
  return batchView(db, scope.orgId, moved)
}

/** Starts sending an approved batch (or a failed one's failed payouts again, with new keys). */
export async function executeBatch(db: Db, scope: Scope, id: string, clock: Clock): Promise<BatchView> {
  incentivesPermissions.require(scope, 'incentives.finance')
  const batch = await readBatch(db, scope.orgId, id)
  if (batch.status === 'failed') {
    // a final refusal moved no money: the retry is a new attempt under a new key
    await db
      .update(payouts)
      .set({
        status: 'pending',
        idempotencyKey: sql`${payouts.id} || '-' || (${payouts.attempts} + 1)`,
        failureReason: null,
        updatedAt: clock.now(),
      })
      .where(and(eq(payouts.orgId, scope.orgId), eq(payouts.batchId, id), eq(payouts.status, 'failed')))
  }
  // the announcement sends the job that pays it
  const moved = await moveBatch(db, scope, id, ['approved', 'failed'], 'processing', clock)
  return batchView(db, scope.orgId, moved)
}

/**
 * Finance lets go of a failed batch's payouts that failed for good (a closed account, a refused
 * transfer): they become released and their lines free for a later batch, after the partner puts
 * their payout details right. The batch closes. No money moved on a failed payout, so none is undone.
 */
export async function releaseFailedPayouts(
  db: Db,
  scope: Scope,
  id: string,
  reason: string,
  clock: Clock,
): Promise<BatchView> {
  incentivesPermissions.require(scope, 'incentives.finance')
  const closed = await db.transaction(async (tx) => {
    // the batch row first: a retry starting at the same moment waits, or wins and this is refused
    const moved = await moveBatch(tx, scope, id, ['failed'], 'closed', clock, { finishedAt: clock.now() })
    const released = await tx
      .update(payouts)
      .set({ status: 'released', updatedAt: clock.now() })
      .where(and(eq(payouts.orgId, scope.orgId), eq(payouts.batchId, id), eq(payouts.status, 'failed')))
      .returning({ id: payouts.id, partnerId: payouts.partnerId })
    if (released.length === 0)
      throw new AppError('CONFLICT', 'The batch has no failed payouts to release: send it again instead')
    await tx
      .update(payoutItems)
      .set({ releasedAt: clock.now() })
      .where(
        and(
          eq(payoutItems.orgId, scope.orgId),
          inArray(
            payoutItems.payoutId,
            released.map((p) => p.id),
          ),
        ),
      )
    await writeAudit(
      tx,
      scope,
      {
        action: 'payout.released',
        entityType: 'payout_batch',
        entityId: id,
        after: { reason, payouts: released.map((p) => p.id), partners: released.map((p) => p.partnerId) },
      },
      clock,
    )
    return moved
  })
  return batchView(db, scope.orgId, closed)
}

/** A bank-file batch is paid when finance says the bank ran it. */
export async function markBatchPaid(
  db: Db,
  scope: Scope,
  id: string,
  clock: Clock,
  reference: string | null = null,
): Promise<BatchView> {
  incentivesPermissions.require(scope, 'incentives.finance')
  const batch = await readBatch(db, scope.orgId, id)
  if (batch.rail !== 'bank_file')
    throw new AppError('CONFLICT', 'Only a bank-file batch is marked paid by hand')
  const [unsent] = await db
    .select({ id: payouts.id })
    .from(payouts)
    .where(
      and(
        eq(payouts.orgId, scope.orgId),
        eq(payouts.batchId, id),
        inArray(payouts.status, ['pending', 'processing']),
      ),
    )
    .limit(1)
  if (unsent)
    throw new AppError(
      'CONFLICT',
      'The bank file is not complete yet: wait for the batch to finish processing',
    )
  await db
    .update(payouts)
    .set({ status: 'paid', paidAt: clock.now(), updatedAt: clock.now() })
    .where(and(eq(payouts.orgId, scope.orgId), eq(payouts.batchId, id), eq(payouts.status, 'sent')))
  const moved = await moveBatch(
    db,
    scope,
    id,
    ['processing'],
    'paid',
    clock,
    { finishedAt: clock.now() },
    reference,
  )
  return batchView(db, scope.orgId, moved)
}
