// Tables programs owns for the leaderboard: the org's settings (off until staff switch it on) and the
// partners that chose to appear on it.
import { jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'
import type { LeaderboardSettings } from './leaderboard.contract'

/** An org's leaderboard settings; none stored means the defaults (switched off). */
export const leaderboardSettingsTable = pgTable('leaderboard_settings', {
  orgId: text('org_id').primaryKey(),
  settings: jsonb('settings').$type<LeaderboardSettings>().notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
})

/** A partner that chose to appear on its org's leaderboard (leaving it deletes the row). */
export const leaderboardMembers = pgTable(
  'leaderboard_members',
  {
    orgId: text('org_id').notNull(),
    partnerId: text('partner_id').notNull(),
    joinedBy: text('joined_by').notNull(),
    joinedAt: timestamptz('joined_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.partnerId] })],
)
