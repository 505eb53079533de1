import { sql } from 'drizzle-orm'
import { bigint, boolean, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { externalRefColumns, externalRefIndex, timestamptz } from '../../platform/columns'
import { defineIds } from '../../platform/ids'

/** Id prefixes of this module's records (see the module descriptor). */
export const journeyIds = defineIds({
  account: 'acc',
  deal: 'deal',
  touchpoint: 'tch',
  import: 'imp',
  revenueEvent: 'rev',
})

export const accounts = pgTable(
  'accounts',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    domain: text('domain'),
    country: text('country'),
    industry: text('industry'),
    ...externalRefColumns(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // lists sort by name without regard to case (keyset: lower(name), then id)
    index('accounts_org_name_idx').on(t.orgId, sql`lower(${t.name})`, t.id),
    index('accounts_org_created_idx').on(t.orgId, t.createdAt, t.id),
    externalRefIndex('accounts_external_idx', t),
  ],
)

export const deals = pgTable(
  'deals',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    accountId: text('account_id'),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    stage: text('stage').notNull(),
    status: text('status', { enum: ['open', 'won', 'lost'] }).notNull(),
    type: text('type', { enum: ['new', 'renewal', 'expansion'] }).notNull(),
    openedAt: timestamptz('opened_at').notNull(),
    closedAt: timestamptz('closed_at'),
    /** When an open deal is expected to close (the CRM's close date): where a forecast places it. */
    expectedCloseAt: timestamptz('expected_close_at'),
    owner: text('owner'),
    parentDealId: text('parent_deal_id'),
    ...externalRefColumns(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('deals_org_account_idx').on(t.orgId, t.accountId),
    index('deals_org_status_idx').on(t.orgId, t.status, t.id),
    index('deals_org_opened_idx').on(t.orgId, t.openedAt, t.id),
    index('deals_org_name_idx').on(t.orgId, sql`lower(${t.name})`, t.id),
    index('deals_org_amount_idx').on(t.orgId, t.amountMinor, t.id),
    index('deals_org_parent_idx').on(t.orgId, t.parentDealId),
    externalRefIndex('deals_external_idx', t),
  ],
)

export const touchpoints = pgTable(
  'touchpoints',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    dealId: text('deal_id').notNull(),
    actorKind: text('actor_kind', { enum: ['partner', 'direct'] }).notNull(),
    partnerId: text('partner_id'),
    seller: text('seller'),
    activityType: text('activity_type').notNull(),
    occurredAt: timestamptz('occurred_at').notNull(),
    notes: text('notes'),
    ...externalRefColumns(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('touchpoints_deal_idx').on(t.orgId, t.dealId, t.occurredAt),
    index('touchpoints_partner_idx').on(t.orgId, t.partnerId, t.dealId),
    index('touchpoints_org_occurred_idx').on(t.orgId, t.occurredAt, t.id),
    externalRefIndex('touchpoints_external_idx', t),
  ],
)

export const activityTypes = pgTable(
  'activity_types',
  {
    orgId: text('org_id').notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    isActive: boolean('is_active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] })],
)

/**
 * What happened to a won deal's revenue after it closed: a refund (part or all of the amount paid
 * back) or churn (the customer left). Facts, never changed: commission clawbacks are worked out from
 * them. Keyed by (source, external id) or the request's Idempotency-Key, so replays record nothing.
 */
export const dealRevenueEvents = pgTable(
  'deal_revenue_events',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    dealId: text('deal_id').notNull(),
    kind: text('kind', { enum: ['refund', 'churn'] }).notNull(),
    /** A refund's amount in the deal's currency; null for churn. */
    amountMinor: bigint('amount_minor', { mode: 'bigint' }),
    currency: text('currency').notNull(),
    occurredAt: timestamptz('occurred_at').notNull(),
    reason: text('reason'),
    ...externalRefColumns(),
    recordedBy: text('recorded_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('deal_revenue_events_deal_idx').on(t.orgId, t.dealId, t.occurredAt),
    externalRefIndex('deal_revenue_events_external_idx', t),
  ],
)
