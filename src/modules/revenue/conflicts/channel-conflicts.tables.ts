// The table revenue owns for channel conflicts: staff's decision on an account several partners work.
import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'

/**
 * How staff settled a contested account (or a deal without one): which partner owns it, or that it is
 * no conflict. It holds while the same partners are on it; another partner arriving opens it again.
 */
export const channelConflictDecisions = pgTable(
  'channel_conflict_decisions',
  {
    orgId: text('org_id').notNull(),
    /** The account's id, or the deal's when the deal names no account. */
    key: text('key').notNull(),
    outcome: text('outcome', { enum: ['owner', 'dismissed'] }).notNull(),
    ownerPartnerId: text('owner_partner_id'),
    note: text('note').notNull(),
    /** The partners on the account when it was decided, sorted. */
    partnerIds: text('partner_ids').array().notNull(),
    decidedBy: text('decided_by').notNull(),
    decidedAt: timestamptz('decided_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] })],
)
