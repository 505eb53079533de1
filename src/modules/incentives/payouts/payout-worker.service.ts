// Sending a batch exactly once. Each payout carries an idempotency key the rail honours, and every
// step is recorded before the next, so a worker that dies after reserving, after the rail answered,
// or before recording is simply run again.
import { and, eq, inArray, sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../../db/client'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { systemScope } from '../../../platform/scope'
import { incentiveEvents } from '../incentives.events'
import { readBatch } from './payouts.service'
import { payoutAccounts, payoutBatches, payouts } from './payouts.tables'
import type { PaymentRail, PayoutInstruction } from './rails'

export const processBatchJob = 'incentives.process-payout-batch'

type BatchRow = typeof payoutBatches.$inferSelect
type PayoutRow = typeof payouts.$inferSelect
type AccountRow = typeof payoutAccounts.$inferSelect

/** Where the worker stands with one payout; a test stops the process at each. */
export type PayoutStep = 'reserved' | 'sent' | 'recorded'

export interface ProcessOptions {
  rails: Partial<Record<BatchRow['rail'], PaymentRail>>
  onStep?: (step: PayoutStep, payoutId: string) => void | Promise<void>
}

/**
 * Sends every payout of a processing batch that is not final yet, one at a time: reserve (a try is
 * counted), send with the payout's key, record what the rail said. Run again after any crash, it
 * sends the same keys, and the rail answers each with the transfer it already made.
 */
export async function processBatch(
  db: Db,
  orgId: string,
  batchId: string,
  clock: Clock,
  options: ProcessOptions,
): Promise<{ paid: number; sent: number; failed: number }> {
  const batch = await readBatch(db, orgId, batchId)
  if (batch.status !== 'processing') return { paid: 0, sent: 0, failed: 0 }
  const rail = options.rails[batch.rail]
  if (!rail) throw new Error(`No ${batch.rail} payment rail is configured`)
  const todo = await db
    .select()
    .from(payouts)
    .where(
      and(
        eq(payouts.orgId, orgId),
        eq(payouts.batchId, batchId),
        inArray(payouts.status, ['pending', 'processing']),
      ),
    )
    .orderBy(payouts.id)
  const accounts = new Map(
    (
      await db
        .select()
        .from(payoutAccounts)
        .where(
          and(
            eq(payoutAccounts.orgId, orgId),
            inArray(
              payoutAccounts.partnerId,
              todo.map((p) => p.partnerId),
            ),
          ),
        )
    ).map((a) => [a.partnerId, a]),
  )
  const scope = systemScope(orgId)
  if (rail.name === 'bank_file') {
    await writeBankFile(db, orgId, batch, todo, accounts, rail, clock)
    return finishBatch(db, orgId, batchId, clock)
  }
  for (const payout of todo) {
    const [reserved] = await db
      .update(payouts)
      .set({ status: 'processing', attempts: sql`${payouts.attempts} + 1`, updatedAt: clock.now() })
      .where(
        and(
          eq(payouts.orgId, orgId),
          eq(payouts.id, payout.id),
          inArray(payouts.status, ['pending', 'processing']),
        ),
      )
      .returning()
    if (!reserved) continue
    await options.onStep?.('reserved', payout.id)
    const account = accounts.get(payout.partnerId)
    const outcome = account
      ? await rail.send(instructionOf(reserved, account, batch))
      : ({
          status: 'failed',
          providerRef: null,
          reason: 'the partner has no payout account any more',
        } as const)
    await options.onStep?.('sent', payout.id)
    await db.transaction(async (tx) => {
      const now = clock.now()
      const [recorded] = await tx
        .update(payouts)
        .set(
          outcome.status === 'failed'
            ? {
                status: 'failed',
                providerRef: outcome.providerRef,
                failureReason: outcome.reason,
                updatedAt: now,
              }
            : outcome.status === 'paid'
              ? { status: 'paid', providerRef: outcome.providerRef, paidAt: now, updatedAt: now }
              : { status: 'sent', providerRef: outcome.providerRef, updatedAt: now },
        )
        .where(and(eq(payouts.orgId, orgId), eq(payouts.id, payout.id), eq(payouts.status, 'processing')))
        .returning()
      if (!recorded) return
      await writeAudit(
        tx,
        scope,
        {
          action: `payout.${recorded.status}`,
          entityType: 'payout',
          entityId: payout.id,
          after: {
            amountMinor: recorded.amountMinor.toString(),
            currency: recorded.currency,
            providerRef: recorded.providerRef,
            reason: recorded.failureReason,
          },
        },
        clock,
      )
      await publish(
        tx,
        scope,
        incentiveEvents.event('payout.changed', payout.id, {
          payoutId: payout.id,
          partnerId: payout.partnerId,
          status: recorded.status,
        }),
        clock,
      )
    })
    await options.onStep?.('recorded', payout.id)
  }
  return finishBatch(db, orgId, batchId, clock)
}

/**
 * A bank file moves no money by itself: each payout's line is checked (the rail refuses bank details
 * a bank would), and the batch is recorded in one go — the lines that go in the file as sent, any
 * refused as failed with why — with one audit entry for the file.
 */
async function writeBankFile(
  db: Db,
  orgId: string,
  batch: BatchRow,
  todo: PayoutRow[],
  accounts: Map<string, AccountRow>,
  rail: PaymentRail,
  clock: Clock,
) {
  const outcomes = await Promise.all(
    todo.map(async (payout) => {
      const account = accounts.get(payout.partnerId)
      return {
        payout,
        outcome: account
          ? await rail.send(instructionOf(payout, account, batch))
          : ({
              status: 'failed',
              providerRef: null,
              reason: 'the partner has no payout account any more',
            } as const),
      }
    }),
  )
  const sent = outcomes.filter((o) => o.outcome.status !== 'failed')
  const refused = outcomes.flatMap((o) =>
    o.outcome.status === 'failed' ? [{ ...o, reason: o.outcome.reason }] : [],
  )
  await db.transaction(async (tx) => {
    const now = clock.now()
    if (sent.length > 0)
      await tx.execute(
        sql`update payouts p set status = 'sent', attempts = p.attempts + 1, provider_ref = s.ref, updated_at = ${now.toISOString()}::timestamptz
              from unnest(${sql.param(sent.map((o) => o.payout.id))}::text[], ${sql.param(sent.map((o) => o.outcome.providerRef ?? o.payout.id))}::text[]) as s(id, ref)
             where p.org_id = ${orgId} and p.id = s.id and p.status in ('pending', 'processing')`,
      )
    for (const { payout, reason } of refused)
      await tx
        .update(payouts)
        .set({
          status: 'failed',
          attempts: sql`${payouts.attempts} + 1`,
          failureReason: reason,
          updatedAt: now,
        })
        .where(
          and(
            eq(payouts.orgId, orgId),
            eq(payouts.id, payout.id),
            inArray(payouts.status, ['pending', 'processing']),
          ),
        )
    await writeAudit(
      tx,
      systemScope(orgId),
      {
        action: 'payout_batch.file_written',
        entityType: 'payout_batch',
        entityId: batch.id,
        after: {
          sent: sent.length,
          refused: refused.map((r) => ({ payoutId: r.payout.id, reason: r.reason })),
        },
      },
      clock,
    )
  })
}

/** The batch's status from its payouts': paid when all are, failed when any failed. */
async function finishBatch(db: Db, orgId: string, batchId: string, clock: Clock) {
  const counts = await queryRows<{ status: string; n: number }>(
    db,
    sql`select status, count(*)::int as n from payouts where org_id = ${orgId} and batch_id = ${batchId} group by 1`,
  )
  const n = (status: string) => counts.find((c) => c.status === status)?.n ?? 0
  const open = n('pending') + n('processing')
  const status = open > 0 ? null : n('failed') > 0 ? 'failed' : n('sent') > 0 ? null : 'paid'
  if (status)
    await db.transaction(async (tx) => {
      const [moved] = await tx
        .update(payoutBatches)
        .set({ status, finishedAt: clock.now() })
        .where(
          and(
            eq(payoutBatches.orgId, orgId),
            eq(payoutBatches.id, batchId),
            eq(payoutBatches.status, 'processing'),
          ),
        )
        .returning()
      if (moved)
        await publish(
          tx,
          systemScope(orgId),
          incentiveEvents.event('payout_batch.changed', batchId, { batchId, status }),
          clock,
        )
    })
  return { paid: n('paid'), sent: n('sent'), failed: n('failed') }
}

export function instructionOf(payout: PayoutRow, account: AccountRow, batch: BatchRow): PayoutInstruction {
  return {
    payoutId: payout.id,
    idempotencyKey: payout.idempotencyKey,
    partnerId: payout.partnerId,
    payeeName: account.payeeName,
    destination:
      account.rail === 'stripe'
        ? { kind: 'stripe', accountId: account.stripeAccountId! }
        : {
            kind: 'bank',
            ...(account.iban ? { iban: account.iban } : {}),
            ...(account.accountNumber ? { accountNumber: account.accountNumber } : {}),
            ...(account.routingNumber ? { routingNumber: account.routingNumber } : {}),
            ...(account.bic ? { bic: account.bic } : {}),
          },
    amountMinor: payout.amountMinor,
    currency: payout.currency,
    reference: `Commissions to ${batch.periodTo}`,
  }
}

/** Batches left processing by a worker that stopped: run again (the rails' keys make it safe). */
export async function listStalledBatches(db: Db, clock: Clock, olderThanMs = 120_000) {
  return queryRows<{ org_id: string; id: string }>(
    db,
    sql`select b.org_id, b.id from payout_batches b
         where b.status = 'processing' and exists (
           select 1 from payouts p where p.org_id = b.org_id and p.batch_id = b.id
              and p.status in ('pending', 'processing')
              and p.updated_at < ${new Date(clock.now().getTime() - olderThanMs).toISOString()}::timestamptz)
         limit 20`,
  )
}
