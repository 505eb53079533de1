// Tables programs owns for partner health: the org's settings, one snapshot per partner per day (the
// trend), and each partner's latest score (what lists read, and where entering at risk is noticed).
import { date, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'
import type { HealthFactorView, HealthSettings } from './health.contract'

type Band = 'healthy' | 'watch' | 'at_risk' | 'unscored'

/** An org's health settings; none stored means the defaults. */
export const healthSettingsTable = pgTable('health_settings', {
  orgId: text('org_id').primaryKey(),
  settings: jsonb('settings').$type<HealthSettings>().notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
})

/** A partner's score for a day: one per partner per day, a recompute the same day replaces it. */
export const healthSnapshots = pgTable(
  'health_snapshots',
  {
    orgId: text('org_id').notNull(),
    partnerId: text('partner_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    score: integer('score'),
    band: text('band').$type<Band>().notNull(),
    factors: jsonb('factors').$type<HealthFactorView[]>().notNull(),
    computedAt: timestamptz('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.partnerId, t.day] })],
)

/** Each partner's latest score, and since when it has been at risk (null when it is not). */
export const partnerHealth = pgTable(
  'partner_health',
  {
    orgId: text('org_id').notNull(),
    partnerId: text('partner_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    score: integer('score'),
    band: text('band').$type<Band>().notNull(),
    factors: jsonb('factors').$type<HealthFactorView[]>().notNull(),
    computedAt: timestamptz('computed_at').notNull(),
    atRiskSince: timestamptz('at_risk_since'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.partnerId] }),
    index('partner_health_band_idx').on(t.orgId, t.band, t.score),
    index('partner_health_score_idx').on(t.orgId, t.score, t.partnerId),
  ],
)
