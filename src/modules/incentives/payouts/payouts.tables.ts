// Tables payouts own: batches per period, one payout per partner and currency in a batch, and the
// ledger entries each payout settles.
import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'
import { defineIds } from '../../../platform/ids'

export const payoutIds = defineIds({ batch: 'pob', payout: 'pay' })

/**
 * A payout batch: pending → approved → processing → paid (or failed, retried; or closed once finance
 * releases the payouts that failed for good, their lines free for a later batch).
 */
export const payoutBatches = pgTable(
  'payout_batches',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    /** Lines dated up to this day are in the batch. */
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    rail: text('rail', { enum: ['stripe', 'bank_file'] }).notNull(),
    status: text('status', {
      enum: ['pending', 'approved', 'processing', 'paid', 'failed', 'closed'],
    }).notNull(),
    /** Four-eyes: the approver may not be the creator. */
    requiresSecondApprover: boolean('requires_second_approver').notNull(),
    /** Per currency: a partner owed less than this is carried to a later batch. */
    minimums: jsonb('minimums').notNull(),
    /** Partners left out of the batch and why (no payout account, no valid tax form, under the minimum). */
    heldBack: jsonb('held_back').notNull(),
    /** The Idempotency-Key the batch was created with: the same key makes no second batch. */
    requestKey: text('request_key'),
    createdBy: text('created_by').notNull(),
    approvedBy: text('approved_by'),
    createdAt: timestamptz('created_at').notNull(),
    approvedAt: timestamptz('approved_at'),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('payout_batches_request_idx')
      .on(t.orgId, t.requestKey)
      .where(sql`${t.requestKey} is not null`),
  ],
)

/**
 * One partner's payout in one currency. `idempotencyKey` is sent to the payment rail on every try,
 * so a retry after a crash at any step never pays twice.
 */
export const payouts = pgTable(
  'payouts',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    batchId: text('batch_id').notNull(),
    partnerId: text('partner_id').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    status: text('status', {
      enum: ['pending', 'processing', 'sent', 'paid', 'failed', 'released'],
    }).notNull(),
    /** Sent to the rail on every try of this attempt; a retry after a final failure takes a new one. */
    idempotencyKey: text('idempotency_key').notNull(),
    attempts: integer('attempts').notNull().default(0),
    providerRef: text('provider_ref'),
    failureReason: text('failure_reason'),
    paidAt: timestamptz('paid_at'),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('payouts_idempotency_idx').on(t.orgId, t.idempotencyKey),
    index('payouts_batch_idx').on(t.orgId, t.batchId),
    index('payouts_partner_idx').on(t.orgId, t.partnerId, t.paidAt),
  ],
)

/** The ledger entries a payout settles; an entry is settled by at most one payout that has not failed. */
export const payoutItems = pgTable(
  'payout_items',
  {
    orgId: text('org_id').notNull(),
    payoutId: text('payout_id').notNull(),
    entryId: text('entry_id').notNull(),
    /** Set when the payout failed for good: the entry is free for a later batch. */
    releasedAt: timestamptz('released_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.payoutId, t.entryId] }),
    uniqueIndex('payout_items_entry_idx').on(t.orgId, t.entryId).where(sql`${t.releasedAt} is null`),
  ],
)

/** Where a partner is paid: a Stripe connected account, or bank details for the bank file. */
export const payoutAccounts = pgTable(
  'payout_accounts',
  {
    orgId: text('org_id').notNull(),
    partnerId: text('partner_id').notNull(),
    rail: text('rail', { enum: ['stripe', 'bank_file'] }).notNull(),
    payeeName: text('payee_name').notNull(),
    stripeAccountId: text('stripe_account_id'),
    iban: text('iban'),
    accountNumber: text('account_number'),
    routingNumber: text('routing_number'),
    bic: text('bic'),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.partnerId] })],
)
