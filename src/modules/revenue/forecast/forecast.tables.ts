// The table revenue owns for forecasts: the win chance an org gives each stage of its pipeline.
import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'

/** The chance a deal in this stage is won, as the org judges it: a decimal from 0 to 1. */
export const stageProbabilities = pgTable(
  'forecast_stage_probabilities',
  {
    orgId: text('org_id').notNull(),
    stage: text('stage').notNull(),
    probability: text('probability').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.stage] })],
)
