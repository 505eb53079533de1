// Tables of CSV imports: the column mapping saved per source, each import with its counts and status,
// its row-by-row problems, and the rows staged (bulk-copied) before one transaction merges them.
import { bigint, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../platform/columns'

/** How a source's CSV columns become accounts, deals or touches; one per (org, source, kind). */
export const importMappings = pgTable(
  'import_mappings',
  {
    orgId: text('org_id').notNull(),
    source: text('source').notNull(),
    kind: text('kind', { enum: ['accounts', 'deals', 'touches'] }).notNull(),
    mapping: jsonb('mapping').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.source, t.kind] })],
)

export const imports = pgTable(
  'imports',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    source: text('source').notNull(),
    /** staged → committing → committed; or discarded, or failed with a reason. */
    status: text('status', { enum: ['staged', 'committing', 'committed', 'discarded', 'failed'] }).notNull(),
    /** Per kind: file name, rows read, rows valid, rows with errors, and warnings. */
    files: jsonb('files').notNull(),
    errorCount: integer('error_count').notNull(),
    warningCount: integer('warning_count').notNull(),
    /** After the commit: per kind, rows inserted and rows updated. */
    result: jsonb('result'),
    failure: text('failure'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    finishedAt: timestamptz('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('imports_org_created_idx').on(t.orgId, t.createdAt),
  ],
)

/** One problem with one row: an error keeps the row out, a warning does not. */
export const importProblems = pgTable(
  'import_problems',
  {
    orgId: text('org_id').notNull(),
    importId: text('import_id').notNull(),
    seq: integer('seq').notNull(),
    kind: text('kind').notNull(),
    line: integer('line').notNull(),
    severity: text('severity', { enum: ['error', 'warning'] }).notNull(),
    /** `row` problems come from the row alone; `reference` ones are checked again as files arrive. */
    origin: text('origin', { enum: ['row', 'reference'] }).notNull(),
    field: text('field').notNull(),
    column: text('column'),
    value: text('value'),
    message: text('message').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.importId, t.seq] }),
    index('import_problems_line_idx').on(t.orgId, t.importId, t.kind, t.line),
  ],
)

// Staging tables have no key or index: each is filled by COPY and read whole by org and import, so an
// index would only slow every row of a large file down (a b-tree insert per row). Lines are unique by
// construction: one staged row per line of the file.
const stagedColumns = () => ({
  orgId: text('org_id').notNull(),
  importId: text('import_id').notNull(),
  line: integer('line').notNull(),
  /** The id the record gets if it is new; an existing record keeps its own. */
  id: text('id').notNull(),
  externalId: text('external_id').notNull(),
})

export const stagedAccounts = pgTable('import_staged_accounts', {
  ...stagedColumns(),
  name: text('name').notNull(),
  domain: text('domain'),
  country: text('country'),
  industry: text('industry'),
})

export const stagedDeals = pgTable('import_staged_deals', {
  ...stagedColumns(),
  name: text('name').notNull(),
  accountRef: text('account_ref'),
  amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
  currency: text('currency').notNull(),
  stage: text('stage').notNull(),
  status: text('status').notNull(),
  type: text('type').notNull(),
  openedAt: timestamptz('opened_at').notNull(),
  closedAt: timestamptz('closed_at'),
  expectedCloseAt: timestamptz('expected_close_at'),
  owner: text('owner'),
  parentRef: text('parent_ref'),
})

export const stagedTouches = pgTable('import_staged_touches', {
  ...stagedColumns(),
  dealRef: text('deal_ref').notNull(),
  actorKind: text('actor_kind').notNull(),
  partnerRef: text('partner_ref'),
  /** Resolved while staging (partners are few); the reference stays for the report. */
  partnerId: text('partner_id'),
  seller: text('seller'),
  activityType: text('activity_type').notNull(),
  occurredAt: timestamptz('occurred_at').notNull(),
  notes: text('notes'),
})
