// Payout batches: what is payable up to a day, grouped per partner and currency, approved by finance
// (four-eyes when asked), then sent through a payment rail exactly once. Each payout carries an
// idempotency key the rail honours, and every step is recorded before the next, so a worker that
// dies after reserving, after the rail answered, or before recording is simply run again.
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../../db/client'
import { toMoneyView } from '../../../money'
import { AppError, invalidField, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { actorLabel, type Scope, systemScope } from '../../../platform/scope'
import { findPartners } from '../../partners'
import { incentiveEvents } from '../incentives.events'
import { incentivesPermissions } from '../incentives.permissions'
import { entryStatusSql } from '../ledger.service'
import { partnersWithValidTaxForm } from '../tax/tax.service'
import type {
  BatchView,
  CreateBatchInput,
  PayoutAccountInput,
  PayoutAccountView,
  PayoutView,
} from './payouts.contract'
import { payoutAccounts, payoutBatches, payoutIds, payoutItems, payouts } from './payouts.tables'
import { normaliseIban, type PaymentRail, type PayoutInstruction } from './rails'

export const processBatchJob = 'incentives.process-payout-batch'

type BatchRow = typeof payoutBatches.$inferSelect
type PayoutRow = typeof payouts.$inferSelect
type AccountRow = typeof payoutAccounts.$inferSelect
type HeldBack = { partnerId: string; currency: string; amountMinor: string; reason: string }

const lastFour = (value: string | null) => (value ? `••••${value.slice(-4)}` : null)

const toAccountView = (row: AccountRow): PayoutAccountView => ({
  partnerId: row.partnerId,
  rail: row.rail,
  payeeName: row.payeeName,
  stripeAccountId: row.stripeAccountId,
  iban: lastFour(row.iban),
  accountNumber: lastFour(row.accountNumber),
  routingNumber: row.routingNumber,
  bic: row.bic,
  updatedAt: row.updatedAt.toISOString(),
})

/** The partner a payout-account request is about: a partner user's own, whatever they asked for. */
function ownPartner(scope: Scope, partnerId: string) {
  if (scope.partnerId && scope.partnerId !== partnerId) throw notFound('Partner', partnerId)
}

export async function getPayoutAccount(db: Db, scope: Scope, partnerId: string): Promise<PayoutAccountView> {
  incentivesPermissions.require(scope, 'incentives.read')
  ownPartner(scope, partnerId)
  const [row] = await db
    .select()
    .from(payoutAccounts)
    .where(and(eq(payoutAccounts.orgId, scope.orgId), eq(payoutAccounts.partnerId, partnerId)))
  if (!row) throw notFound('Payout account', partnerId)
  return toAccountView(row)
}

/** A partner's admin, or finance, says where the partner is paid. */
export async function setPayoutAccount(
  db: Db,
  scope: Scope,
  partnerId: string,
  input: PayoutAccountInput,
  clock: Clock,
): Promise<PayoutAccountView> {
  if (scope.partnerId) {
    ownPartner(scope, partnerId)
    if (scope.actor.role !== 'partner_admin')
      throw new AppError('FORBIDDEN', 'Only a partner admin may change where the partner is paid')
  } else incentivesPermissions.require(scope, 'incentives.finance')
  const [partner] = (await findPartners(db, scope.orgId, [partnerId])).values()
  if (!partner) throw notFound('Partner', partnerId)
  if (input.rail === 'stripe' && !input.stripeAccountId)
    throw invalidField('stripeAccountId', 'a Stripe payout needs the partner’s connected account id')
  let iban: string | null = null
  if (input.rail === 'bank_file') {
    if (input.iban) {
      iban = normaliseIban(input.iban)
      if (!iban) throw invalidField('iban', 'is not a valid IBAN (its check digits do not match)')
    } else if (!input.accountNumber || !input.routingNumber)
      throw invalidField('iban', 'give an IBAN, or an account and routing number')
  }
  const row = {
    orgId: scope.orgId,
    partnerId,
    rail: input.rail,
    payeeName: input.payeeName,
    stripeAccountId: input.rail === 'stripe' ? input.stripeAccountId! : null,
    iban,
    accountNumber: input.rail === 'bank_file' ? (input.accountNumber ?? null) : null,
    routingNumber: input.rail === 'bank_file' ? (input.routingNumber ?? null) : null,
    bic: input.rail === 'bank_file' ? (input.bic?.toUpperCase() ?? null) : null,
    updatedAt: clock.now(),
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(payoutAccounts)
      .values(row)
      .onConflictDoUpdate({ target: [payoutAccounts.orgId, payoutAccounts.partnerId], set: row })
    await writeAudit(
      tx,
      scope,
      {
        action: 'payout_account.set',
        entityType: 'partner',
        entityId: partnerId,
        after: {
          rail: row.rail,
          payeeName: row.payeeName,
          stripeAccountId: row.stripeAccountId,
          iban: lastFour(iban),
        },
      },
      clock,
    )
  })
  return toAccountView(row)
}

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
