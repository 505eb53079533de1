// Tables disputes own: a partner's claim about a commission line or a deal they believe they touched,
// and its thread.
import { index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'
import { defineIds } from '../../../platform/ids'

export const disputeIds = defineIds({ dispute: 'dsp', message: 'dsm' })

export const commissionDisputes = pgTable(
  'commission_disputes',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    /** The line disputed (its entry in force when opened), or null for a deal without credit. */
    entryId: text('entry_id'),
    dealId: text('deal_id').notNull(),
    subject: text('subject').notNull(),
    status: text('status', { enum: ['open', 'adjusted', 'resolved', 'denied'] }).notNull(),
    openedBy: text('opened_by').notNull(),
    openedAt: timestamptz('opened_at').notNull(),
    /** The answer is due by then (the org's SLA). */
    dueAt: timestamptz('due_at').notNull(),
    closedBy: text('closed_by'),
    closedAt: timestamptz('closed_at'),
    resolution: text('resolution'),
    /** The ledger entry an adjustment posted. */
    adjustmentEntryId: text('adjustment_entry_id'),
    /** The Idempotency-Key the resolution came with. */
    resolutionKey: text('resolution_key'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('commission_disputes_partner_idx').on(t.orgId, t.partnerId, t.status),
    index('commission_disputes_entry_idx').on(t.orgId, t.entryId),
  ],
)

export const commissionDisputeMessages = pgTable(
  'commission_dispute_messages',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    disputeId: text('dispute_id').notNull(),
    author: text('author').notNull(),
    side: text('side', { enum: ['partner', 'staff'] }).notNull(),
    body: text('body').notNull(),
    /** Links to evidence: an email, a meeting note, a document. */
    evidence: jsonb('evidence').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('commission_dispute_messages_idx').on(t.orgId, t.disputeId, t.createdAt),
  ],
)
