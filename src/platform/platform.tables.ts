// Tables the platform owns: the event outbox and its deliveries, the audit chain, outgoing mail.
import { sql } from 'drizzle-orm'
import { bigint, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { timestamptz } from './columns'

/** Written in the same transaction as the facts it announces; relayed to subscribers afterwards. */
export const events = pgTable(
  'events',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    type: text('type').notNull(),
    entityId: text('entity_id'),
    payload: jsonb('payload').notNull(),
    actor: text('actor').notNull(),
    occurredAt: timestamptz('occurred_at').notNull(),
    relayedAt: timestamptz('relayed_at'),
  },
  (t) => [
    index('events_org_type_idx').on(t.orgId, t.type, t.id),
    // an org's latest event: what cached aggregates are checked against
    index('events_org_idx').on(t.orgId, t.id),
    index('events_pending_idx').on(t.id).where(sql`${t.relayedAt} is null`),
  ],
)

/** One row per (subscriber, event) handled: a redelivered event is recognised and skipped. */
export const eventDeliveries = pgTable(
  'event_deliveries',
  {
    subscriber: text('subscriber').notNull(),
    eventId: text('event_id').notNull(),
    orgId: text('org_id').notNull(),
    deliveredAt: timestamptz('delivered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subscriber, t.eventId] })],
)

/** Append-only, hash-chained per org: each row stores the hash of the one before it. */
export const auditLog = pgTable(
  'audit_log',
  {
    orgId: text('org_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: text('id').notNull().unique(),
    at: timestamptz('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.seq] }),
    index('audit_entity_idx').on(t.orgId, t.entityType, t.entityId),
  ],
)

export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamptz('created_at').notNull(),
    sentAt: timestamptz('sent_at'),
  },
  (t) => [index('mail_org_idx').on(t.orgId, t.id)],
)
