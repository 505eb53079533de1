// The table revenue owns for goals: a partner's quarterly target for attributed revenue or won deals.
import { bigint, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'
import { defineIds } from '../../../platform/ids'

export const goalIds = defineIds({ goal: 'gol' })

/** One target a quarter a metric a partner: revenue in minor units of its currency, or a count of deals. */
export const partnerGoals = pgTable(
  'partner_goals',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    /** 2026-Q3 */
    quarter: text('quarter').notNull(),
    metric: text('metric', { enum: ['revenue', 'deals'] }).notNull(),
    targetMinor: bigint('target_minor', { mode: 'bigint' }),
    currency: text('currency'),
    targetDeals: integer('target_deals'),
    setBy: text('set_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('partner_goals_target_idx').on(t.orgId, t.partnerId, t.quarter, t.metric),
  ],
)
