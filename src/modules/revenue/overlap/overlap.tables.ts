// The tables revenue owns for account overlap: each partner's uploaded account list, kept only as
// keyed hashes of the normalised domain and name with the partner's status for it — never the names.
import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'

/** A partner's account list: one at a time, replaced by the next upload. */
export const overlapLists = pgTable(
  'overlap_lists',
  {
    orgId: text('org_id').notNull(),
    partnerId: text('partner_id').notNull(),
    rowCount: integer('row_count').notNull(),
    uploadedAt: timestamptz('uploaded_at').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.partnerId] })],
)

/** One account of a partner's list as keyed hashes (HMAC-SHA256 under the org's overlap key). */
export const overlapEntries = pgTable(
  'overlap_entries',
  {
    orgId: text('org_id').notNull(),
    partnerId: text('partner_id').notNull(),
    /** The row's line in the uploaded file. */
    line: integer('line').notNull(),
    domainKey: text('domain_key'),
    nameKey: text('name_key').notNull(),
    status: text('status', { enum: ['customer', 'open', 'prospect'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.partnerId, t.line] }),
    index('overlap_entries_domain_idx').on(t.orgId, t.domainKey),
    index('overlap_entries_name_idx').on(t.orgId, t.nameKey),
  ],
)
