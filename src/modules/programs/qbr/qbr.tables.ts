// Tables programs owns for quarterly business reviews: each review version (its figures kept as they
// were at generation, its goals, whether the partner sees it) and org-wide generations with progress.
import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'
import { defineIds } from '../../../platform/ids'
import { orgJobColumns } from '../../../platform/org-jobs'
import type { QbrFigures, QbrGoal } from './qbr.contract'

/** Id prefixes of review records (see the module descriptor). */
export const qbrIds = defineIds({ review: 'qbr', run: 'qrun' })

/**
 * A review of one partner's quarter. Versions count up per partner and quarter and are never
 * rewritten: regenerating adds one. The unique version is what keeps two generations (or two
 * scheduled runs) from writing the same version twice.
 */
export const qbrReviews = pgTable(
  'qbr_reviews',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    /** e.g. 2026-Q3 */
    quarter: text('quarter').notNull(),
    version: integer('version').notNull(),
    source: text('source', { enum: ['on_demand', 'batch', 'scheduled'] }).notNull(),
    /** The org-wide generation that wrote it: a run delivered twice writes each partner once. */
    runId: text('run_id'),
    figures: jsonb('figures').$type<QbrFigures>().notNull(),
    goals: jsonb('goals').$type<QbrGoal[]>().notNull(),
    isShared: boolean('is_shared').notNull(),
    sharedAt: timestamptz('shared_at'),
    generatedBy: text('generated_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('qbr_reviews_version_idx').on(t.orgId, t.partnerId, t.quarter, t.version),
    uniqueIndex('qbr_reviews_run_idx').on(t.orgId, t.runId, t.partnerId).where(sql`${t.runId} is not null`),
    index('qbr_reviews_quarter_idx').on(t.orgId, t.quarter, t.partnerId),
    index('qbr_reviews_shared_idx').on(t.orgId, t.partnerId, t.quarter).where(sql`${t.isShared}`),
  ],
)

/** Generating every active partner's review for a quarter, in the background with progress. */
export const qbrRuns = pgTable(
  'qbr_runs',
  {
    ...orgJobColumns(),
    quarter: text('quarter').notNull(),
    generated: integer('generated').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
)
