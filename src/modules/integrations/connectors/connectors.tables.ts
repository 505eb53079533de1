// Tables of the CRM and billing connectors: one connection per (org, provider) with its credentials
// sealed at rest, its settings and where the last sync stopped; each sync run with its progress and
// what it changed; and the ids of the provider's webhook events already taken, so a replay is a no-op.
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'
import { defineIds } from '../../../platform/ids'
import { orgJobColumns } from '../../../platform/org-jobs'
import { connectionStatuses, inboundOutcomes, providers } from './connectors.contract'

/** Id prefixes of connector records (see the module descriptor). */
export const connectorIds = defineIds({ connection: 'conn', syncRun: 'sync' })

export const connections = pgTable(
  'connections',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    provider: text('provider', { enum: providers }).notNull(),
    /** connected; failing (the last sync could not run: a refused token, an unreachable API); disconnected. */
    status: text('status', { enum: connectionStatuses }).notNull(),
    /** What the provider calls the account connected (a HubSpot portal, a Salesforce org). */
    account: text('account'),
    /** The provider's credentials as JSON, sealed (AES-GCM) with the connection's org and id bound. */
    credentialsSealed: text('credentials_sealed'),
    settings: jsonb('settings').notNull(),
    /** Where the next incremental sync starts, per object type; null until a first load succeeds. */
    cursor: jsonb('cursor'),
    lastSyncAt: timestamptz('last_sync_at'),
    lastError: text('last_error'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('connections_provider_idx').on(t.orgId, t.provider),
    // the provider's account finds the org its webhooks are for
    index('connections_account_idx').on(t.provider, t.account),
  ],
)

export const syncRuns = pgTable(
  'sync_runs',
  {
    ...orgJobColumns(),
    connectionId: text('connection_id').notNull(),
    provider: text('provider', { enum: providers }).notNull(),
    /** full: everything the provider holds; incremental: what changed since the connection's cursor. */
    mode: text('mode', { enum: ['full', 'incremental'] }).notNull(),
    /** A dry run reads and checks everything and writes nothing. */
    dryRun: boolean('dry_run').notNull(),
    /** How many times a worker has taken it: a run that failed for a passing cause is queued again. */
    attempts: integer('attempts').notNull().default(0),
    /** What the run is doing now, e.g. "reading deals". */
    phase: text('phase'),
    /** Records read so far, by kind (accounts, deals, touches). */
    fetched: jsonb('fetched').notNull(),
    /** The import the run staged its records in (its report lists each bad record). */
    importId: text('import_id'),
    /** At the end: per kind, records created and updated; and records removed at the source. */
    result: jsonb('result'),
    requestedBy: text('requested_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('sync_runs_connection_idx').on(t.orgId, t.connectionId, t.createdAt),
  ],
)

/**
 * A provider's webhook events already taken, with what became of each: the same event again changes
 * nothing. HubSpot's queue a sync; Stripe's are applied at once (or say why not).
 */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    orgId: text('org_id').notNull(),
    provider: text('provider', { enum: providers }).notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    /** queued (a sync will read it), applied, ignored (a type Credence does not use), unmatched, refused. */
    outcome: text('outcome', { enum: inboundOutcomes }).notNull(),
    /** What was done or why not, e.g. "refund of 20.00 EUR on Globex renewal". */
    detail: text('detail'),
    dealId: text('deal_id'),
    receivedAt: timestamptz('received_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.provider, t.eventId] }),
    index('inbound_events_org_received_idx').on(t.orgId, t.provider, t.receivedAt),
    index('inbound_events_received_idx').on(t.receivedAt),
  ],
)

/** Which account a billing customer is, once matched (by metadata, email domain or name, or by hand). */
export const billingCustomers = pgTable(
  'billing_customers',
  {
    orgId: text('org_id').notNull(),
    provider: text('provider', { enum: providers }).notNull(),
    customerId: text('customer_id').notNull(),
    accountId: text('account_id').notNull(),
    matchedBy: text('matched_by').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.provider, t.customerId] })],
)
