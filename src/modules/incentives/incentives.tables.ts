// Tables incentives owns: commission plans and their effective-dated versions, and the commission
// ledger, an append-only list of entries from which every balance and status is derived.
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
import { timestamptz } from '../../platform/columns'
import { defineIds } from '../../platform/ids'
import { orgJobColumns } from '../../platform/org-jobs'

/** Id prefixes of this module's records (see the module descriptor). */
export const incentiveIds = defineIds({ plan: 'pln', entry: 'cme', sync: 'csy' })

/** A commission plan or a SPIF: what it is called and the currency its amounts are written in. */
export const commissionPlans = pgTable(
  'commission_plans',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['commission', 'spif'] }).notNull(),
    /** Flat amounts, caps, floors and tier thresholds are in this currency. */
    currency: text('currency').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    /** The latest version's number. */
    version: integer('version').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
)

/**
 * A plan's terms from a day on. A deal is paid under the version in force on the day it closed (the
 * latest whose `effectiveFrom` is on or before it), however often it is recomputed later.
 */
export const commissionPlanVersions = pgTable(
  'commission_plan_versions',
  {
    orgId: text('org_id').notNull(),
    planId: text('plan_id').notNull(),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    terms: jsonb('terms').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.planId, t.version] })],
)

/**
 * The commission ledger. Entries are never changed or deleted: a line (one plan's commission for one
 * partner on one deal under one rule) is posted, and a later change reverses it and posts its new
 * amount. `seq` numbers a line's entries, so two writers can never post the same step twice.
 */
export const commissionEntries = pgTable(
  'commission_entries',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    dealId: text('deal_id').notNull(),
    planId: text('plan_id').notNull(),
    /** plan:deal:partner:rule — the line this entry belongs to. */
    lineKey: text('line_key').notNull(),
    seq: integer('seq').notNull(),
    kind: text('kind', { enum: ['earned', 'reversal'] }).notNull(),
    /** For a reversal: the entry it cancels. */
    reversesId: text('reverses_id'),
    /** Signed, in the partner's currency. */
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    /** The deal's close day: the line's date for periods, FX and the hold. */
    lineDate: date('line_date', { mode: 'string' }).notNull(),
    /** Not payable before this moment. */
    holdUntil: timestamptz('hold_until').notNull(),
    /** Every figure the amount came from (null on a reversal: it cancels the receipt it names). */
    receipt: jsonb('receipt'),
    reason: text('reason').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('commission_entries_line_idx').on(t.orgId, t.lineKey, t.seq),
    index('commission_entries_partner_idx').on(t.orgId, t.partnerId, t.lineDate),
    index('commission_entries_deal_idx').on(t.orgId, t.dealId),
    uniqueIndex('commission_entries_reverses_idx')
      .on(t.orgId, t.reversesId)
      .where(sql`${t.reversesId} is not null`),
  ],
)

/** An org-wide commission sync (after a recompute or a plan change), with its progress. */
export const commissionSyncs = pgTable(
  'commission_syncs',
  { ...orgJobColumns(), posted: integer('posted').notNull() },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
)
