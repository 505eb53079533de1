// Tables programs owns for support tickets: the org's SLA settings, tickets between a partner and the
// partner team (with the due times the SLA set when each was opened), their thread (internal notes
// included, flagged) and the files on messages (the bytes are in file storage, keyed by the id).
import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'
import { defineIds } from '../../../platform/ids'
import type { SupportSettings, TicketCategory, TicketPriority, TicketStatus } from './support.contract'

export const supportIds = defineIds({ ticket: 'tkt', message: 'tkm', attachment: 'tka' })

/** An org's SLA targets; none stored means the defaults. */
export const supportSettingsTable = pgTable('support_settings', {
  orgId: text('org_id').primaryKey(),
  settings: jsonb('settings').$type<SupportSettings>().notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
})

export const supportTickets = pgTable(
  'support_tickets',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    subject: text('subject').notNull(),
    category: text('category').$type<TicketCategory>().notNull(),
    priority: text('priority').$type<TicketPriority>().notNull(),
    status: text('status').$type<TicketStatus>().notNull(),
    dealId: text('deal_id'),
    /** The staff user who owns the answer. */
    assigneeId: text('assignee_id'),
    openedBy: text('opened_by').notNull(),
    openedByName: text('opened_by_name').notNull(),
    /** The partner user who opened it (whom staff replies are mailed to); null when staff opened it. */
    openedByUserId: text('opened_by_user_id'),
    openedAt: timestamptz('opened_at').notNull(),
    /** The first reply from staff the partner could read. */
    firstResponseAt: timestamptz('first_response_at'),
    firstResponseDueAt: timestamptz('first_response_due_at').notNull(),
    /** Pushed back by every stretch spent waiting on the partner, so that time never counts. */
    resolutionDueAt: timestamptz('resolution_due_at').notNull(),
    /** Since when it waits on the partner (pending_partner): the resolution clock stands still. */
    pausedAt: timestamptz('paused_at'),
    /** The finished stretches spent waiting on the partner, which pushed the resolution due time back. */
    pausedSeconds: integer('paused_seconds').notNull().default(0),
    /** When it left the active states (resolved or closed); cleared when the partner reopens it. */
    resolvedAt: timestamptz('resolved_at'),
    closedAt: timestamptz('closed_at'),
    lastMessageAt: timestamptz('last_message_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('support_tickets_partner_idx').on(t.orgId, t.partnerId, t.status),
    index('support_tickets_status_idx').on(t.orgId, t.status, t.resolutionDueAt),
    index('support_tickets_recent_idx').on(t.orgId, t.lastMessageAt, t.id),
    index('support_tickets_assignee_idx').on(t.orgId, t.assigneeId).where(sql`${t.assigneeId} is not null`),
  ],
)

export const supportMessages = pgTable(
  'support_ticket_messages',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    ticketId: text('ticket_id').notNull(),
    author: text('author').notNull(),
    authorName: text('author_name').notNull(),
    side: text('side', { enum: ['partner', 'staff'] }).notNull(),
    /** A staff-only note: never shown to the partner, never mailed, never published. */
    isInternal: boolean('is_internal').notNull(),
    body: text('body').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('support_ticket_messages_idx').on(t.orgId, t.ticketId, t.createdAt),
  ],
)

export const supportAttachments = pgTable(
  'support_attachments',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    ticketId: text('ticket_id').notNull(),
    messageId: text('message_id').notNull(),
    /** The file name as shown and downloaded, made safe; never part of the storage key. */
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('support_attachments_ticket_idx').on(t.orgId, t.ticketId, t.messageId),
  ],
)
