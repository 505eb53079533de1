// Tables integrations owns for outbound webhooks: the endpoints an org subscribes to its events (the
// signing secret sealed at rest, the one it replaces kept for a day while receivers switch over), and
// one delivery per (endpoint, event) with its attempts, last answer and when it is due again.
import { sql } from 'drizzle-orm'
import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'
import { defineIds } from '../../../platform/ids'
import { deliveryStatuses } from './webhooks.contract'

/** Id prefixes of webhook records (see the module descriptor). */
export const webhookIds = defineIds({ endpoint: 'whe', delivery: 'whd', ping: 'whp' })

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    url: text('url').notNull(),
    description: text('description'),
    /** Event types sent to it; `*` for every one. */
    eventTypes: text('event_types').array().notNull(),
    isActive: boolean('is_active').notNull(),
    secretSealed: text('secret_sealed').notNull(),
    /** The secret a rotation replaced, still signed with until `previousSecretUntil`. */
    previousSecretSealed: text('previous_secret_sealed'),
    previousSecretUntil: timestamptz('previous_secret_until'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('webhook_endpoints_active_idx').on(t.orgId, t.isActive),
  ],
)

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    endpointId: text('endpoint_id').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The body as first sent (the event as it was), so a replay sends the same bytes. */
    body: text('body').notNull(),
    status: text('status', { enum: deliveryStatuses }).notNull(),
    attempts: integer('attempts').notNull(),
    /** When it is due (again); a sending delivery whose worker stopped is due once this passes. */
    nextAttemptAt: timestamptz('next_attempt_at').notNull(),
    lastAttemptAt: timestamptz('last_attempt_at'),
    /** The receiver's HTTP status, or null when it could not be reached. */
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    /** The start of the receiver's answer, for the log. */
    lastResponse: text('last_response'),
    deliveredAt: timestamptz('delivered_at'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('webhook_deliveries_event_idx').on(t.orgId, t.endpointId, t.eventId),
    index('webhook_deliveries_list_idx').on(t.orgId, t.endpointId, t.createdAt),
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'retrying', 'sending')`),
  ],
)
