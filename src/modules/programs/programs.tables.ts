// Tables programs owns for tiers and territories: ladders and their versions, each partner's evaluated standing,
// proposals staff decide, the history of every tier change, and org-wide evaluations with progress.
// The partner's current tier itself lives on the partner (partners module, ADR 0012).
import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
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
export const programIds = defineIds({
  ladder: 'tld',
  proposal: 'tpr',
  tierChange: 'tcg',
  evaluation: 'tev',
  territory: 'ter',
})

/** A tier ladder: its name, whether it is in force, and its latest version's number. */
export const tierLadders = pgTable(
  'tier_ladders',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
)

/** Every version of a ladder's definition (levels, criteria, mode, grace), never changed. */
export const tierLadderVersions = pgTable(
  'tier_ladder_versions',
  {
    orgId: text('org_id').notNull(),
    ladderId: text('ladder_id').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.ladderId, t.version] })],
)

/**
 * Where each evaluated partner stands: the ladder that applies, the level they qualify for, the
 * figures it was worked out from, and when a partner that stopped qualifying loses its tier. A row
 * is written only when one of these changes, so evaluating again with nothing changed writes nothing.
 */
export const partnerTierStates = pgTable(
  'partner_tier_states',
  {
    orgId: text('org_id').notNull(),
    partnerId: text('partner_id').notNull(),
    ladderId: text('ladder_id'),
    /** The tier programs last set on the partner (a mirror of partners.tier, for lists and filters). */
    tier: text('tier'),
    /** The highest level whose criteria all hold now. */
    qualifies: text('qualifies'),
    /** Attributed revenue in the ladder's period and currency, for sorting. */
    revenueMinor: bigint('revenue_minor', { mode: 'bigint' }).notNull(),
    figures: jsonb('figures').notNull(),
    /** Since when the partner no longer meets its tier, and the day its grace ends. */
    atRiskSince: timestamptz('at_risk_since'),
    graceUntil: timestamptz('grace_until'),
    /** A rejected proposal's target: not proposed again while it stays the target ('' for no tier). */
    declined: text('declined'),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.partnerId] }),
    index('partner_tier_states_tier_idx').on(t.orgId, t.tier, t.revenueMinor),
    index('partner_tier_states_revenue_idx').on(t.orgId, t.revenueMinor, t.partnerId),
  ],
)

/** A tier change waiting for staff on a ladder in review mode; at most one pending per partner. */
export const tierProposals = pgTable(
  'tier_proposals',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    ladderId: text('ladder_id').notNull(),
    ladderVersion: integer('ladder_version').notNull(),
    fromTier: text('from_tier'),
    fromName: text('from_name'),
    toTier: text('to_tier'),
    toName: text('to_name'),
    direction: text('direction', { enum: ['promotion', 'demotion'] }).notNull(),
    explanation: text('explanation').notNull(),
    figures: jsonb('figures').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'withdrawn'] }).notNull(),
    createdAt: timestamptz('created_at').notNull(),
    decidedAt: timestamptz('decided_at'),
    decidedBy: text('decided_by'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('tier_proposals_pending_idx').on(t.orgId, t.partnerId).where(sql`${t.status} = 'pending'`),
    index('tier_proposals_status_idx').on(t.orgId, t.status, t.createdAt),
  ],
)

/** Every change of a partner's tier, with the numbers that explain it. Append-only. */
export const tierChanges = pgTable(
  'tier_changes',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    ladderId: text('ladder_id'),
    ladderVersion: integer('ladder_version'),
    fromTier: text('from_tier'),
    fromName: text('from_name'),
    toTier: text('to_tier'),
    toName: text('to_name'),
    direction: text('direction', { enum: ['promotion', 'demotion'] }).notNull(),
    explanation: text('explanation').notNull(),
    figures: jsonb('figures').notNull(),
    proposalId: text('proposal_id'),
    actor: text('actor').notNull(),
    at: timestamptz('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('tier_changes_partner_idx').on(t.orgId, t.partnerId, t.at),
  ],
)

/** An org-wide evaluation (requested, scheduled, or after a ladder change), with its progress. */
export const tierEvaluations = pgTable(
  'tier_evaluations',
  { ...orgJobColumns(), changed: integer('changed').notNull(), proposed: integer('proposed').notNull() },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
)

/**
 * A territory: the partner manager who owns it, the partners assigned to it, and its rules as data
 * (countries, regions, industries, named accounts). Registrations are routed to the owner of the
 * best-matching active territory.
 */
export const territories = pgTable(
  'territories',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    ownerUserId: text('owner_user_id').notNull(),
    partnerIds: jsonb('partner_ids').$type<string[]>().notNull(),
    countries: jsonb('countries').$type<string[]>().notNull(),
    regions: jsonb('regions').$type<string[]>().notNull(),
    industries: jsonb('industries').$type<string[]>().notNull(),
    namedAccounts: jsonb('named_accounts').$type<string[]>().notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('territories_org_name_idx').on(t.orgId, t.name)],
)
