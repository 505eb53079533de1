// Tables the credits module owns: model settings and their versions, immutable runs with their
// credits and the facts they saw, the current run per (deal, model), and org-wide recompute jobs.
import { sql } from 'drizzle-orm'
import {
  bigint,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  pgView,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { timestamptz } from '../../platform/columns'
import { defineIds } from '../../platform/ids'
import { orgJobColumns } from '../../platform/org-jobs'

/** Id prefixes of this module's records (see the module descriptor). */
export const creditIds = defineIds({ model: 'mdl', run: 'run', recompute: 'rcp' })

/** An org's attribution models: one pays, others run in the shadow for comparison, some are off. */
export const attributionModels = pgTable(
  'attribution_models',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['paying', 'shadow', 'off'] }).notNull(),
    /** The version in force; every change of params or options makes a new one. */
    version: integer('version').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // at most one paying model per org
    uniqueIndex('attribution_models_paying_idx').on(t.orgId).where(sql`${t.role} = 'paying'`),
  ],
)

/** Every version of every model, never changed: a run names the version it ran under. */
export const attributionModelVersions = pgTable(
  'attribution_model_versions',
  {
    orgId: text('org_id').notNull(),
    modelId: text('model_id').notNull(),
    version: integer('version').notNull(),
    params: jsonb('params').notNull(),
    options: jsonb('options').notNull(),
    /** For learned models (markov, shapley, ai): what was learned, with its own version hash. */
    learned: jsonb('learned'),
    createdAt: timestamptz('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.modelId, t.version] })],
)

/**
 * The facts a deal's runs saw, stored once for every model that ran over them: the deal with its
 * touches, the deals it grew from, the partner chains above its partners. A run's explanation is
 * worked out again from these and the run's model version, so it never changes, even after the
 * touches do (ADR 0009).
 */
export const attributionInputs = pgTable(
  'attribution_inputs',
  {
    orgId: text('org_id').notNull(),
    /** sha256 of `facts` as stored (canonical JSON). */
    id: text('id').notNull(),
    dealId: text('deal_id').notNull(),
    facts: json('facts').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
)

/**
 * One attribution of one deal under one model version and one set of facts (its input hash), with
 * each actor's credit: the arrays line up, one entry an actor, in the engine's order.
 */
export const attributionRuns = pgTable(
  'attribution_runs',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    dealId: text('deal_id').notNull(),
    modelId: text('model_id').notNull(),
    modelVersion: integer('model_version').notNull(),
    inputHash: text('input_hash').notNull(),
    /** The facts the run saw (`attribution_inputs`); null for runs stored with their explanations. */
    inputId: text('input_id'),
    currency: text('currency').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    /** The deal's outcome and dates in the facts this run saw (dealAt: closed, or opened while open). */
    outcome: text('outcome', { enum: ['open', 'won', 'lost'] }).notNull(),
    openedAt: timestamptz('opened_at').notNull(),
    dealAt: timestamptz('deal_at').notNull(),
    notes: jsonb('notes').notNull(),
    actors: text('actors').array().notNull(),
    actorKinds: text('actor_kinds').array().notNull(),
    /** Exact decimal strings; a run's shares sum to exactly 1. */
    shares: text('shares').array().notNull(),
    amounts: bigint('amounts', { mode: 'bigint' }).array().notNull(),
    /** Runs stored before their facts were: each actor's explanation as it was written. */
    explanations: json('explanations'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('attribution_runs_input_idx').on(t.orgId, t.dealId, t.modelId, t.modelVersion, t.inputHash),
    // one partner's runs (their history, their deals, the portal): `actors @> array[partner]`
    index('attribution_runs_actors_idx').using('gin', t.actors),
  ],
)

/** Each actor's credit in a run, one row an actor: a view over the runs' arrays. */
export const credits = pgView('credits', {
  orgId: text('org_id').notNull(),
  runId: text('run_id').notNull(),
  actor: text('actor').notNull(),
  actorKind: text('actor_kind').notNull(),
  share: text('share').notNull(),
  amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
  /** 1-based place of the actor in its run. */
  position: bigint('position', { mode: 'number' }).notNull(),
}).existing()

/** The run in force for each (deal, model): what the platform shows and pays from. */
export const currentRuns = pgTable(
  'current_runs',
  {
    orgId: text('org_id').notNull(),
    dealId: text('deal_id').notNull(),
    modelId: text('model_id').notNull(),
    runId: text('run_id').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    /**
     * The transaction that last pointed the head (its 64-bit id): an org-wide pass finds the heads
     * written since it read the credit through an index instead of scanning them all.
     */
    writtenXid: bigint('written_xid', { mode: 'bigint' })
      .notNull()
      .default(sql`(pg_current_xact_id()::text::bigint)`),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.dealId, t.modelId] }),
    // a model's heads (`org_id, model_id`), and those written since a transaction: every head a
    // recompute writes also enters this index, so it is the only one besides the key
    index('current_runs_written_idx').on(t.orgId, t.modelId, t.writtenXid),
  ],
)

/** An org-wide recompute: how far it got, so the API and the console can show progress. */
export const recomputeJobs = pgTable('recompute_jobs', orgJobColumns(), (t) => [
  primaryKey({ columns: [t.orgId, t.id] }),
])

/** The org's euro reference rates (ECB): units of the currency per 1 EUR on each publication day. */
export const fxRates = pgTable(
  'fx_rates',
  {
    orgId: text('org_id').notNull(),
    currency: text('currency').notNull(),
    /** YYYY-MM-DD */
    day: text('day').notNull(),
    perEur: text('per_eur').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.currency, t.day] })],
)
