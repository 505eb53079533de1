// Tables programs owns for onboarding: workflows with their published versions, the partners enrolled
// in each, the steps each partner has completed (recorded from facts or by hand), agreements accepted,
// custom steps confirmed, the facts other modules report (a first deal registration), and the
// reminders already queued.
import { date, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'
import { defineIds } from '../../../platform/ids'
import type { OnboardingAudience, StepDefinition } from './onboarding.contract'

/** Id prefixes of onboarding records (see the module descriptor). */
export const onboardingIds = defineIds({ workflow: 'obw', step: 'obs' })

/** A workflow: its draft (audience and steps) and the version partners follow once published. */
export const onboardingWorkflows = pgTable(
  'onboarding_workflows',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: ['draft', 'published', 'archived'] }).notNull(),
    audience: jsonb('audience').$type<OnboardingAudience>().notNull(),
    steps: jsonb('steps').$type<StepDefinition[]>().notNull(),
    /** The latest published version; 0 before the first publication. */
    version: integer('version').notNull(),
    publishedAt: timestamptz('published_at'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('onboarding_workflows_status_idx').on(t.orgId, t.status),
  ],
)

/** Each published version, as it was published: enrolments point at one. Append-only. */
export const onboardingWorkflowVersions = pgTable(
  'onboarding_workflow_versions',
  {
    orgId: text('org_id').notNull(),
    workflowId: text('workflow_id').notNull(),
    version: integer('version').notNull(),
    audience: jsonb('audience').$type<OnboardingAudience>().notNull(),
    steps: jsonb('steps').$type<StepDefinition[]>().notNull(),
    publishedBy: text('published_by').notNull(),
    publishedAt: timestamptz('published_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.workflowId, t.version] })],
)

/**
 * A partner enrolled in a workflow, once per workflow: on the version it follows (an unfinished
 * enrolment moves to each new version), and when it was activated — every required step done.
 */
export const onboardingEnrolments = pgTable(
  'onboarding_enrolments',
  {
    orgId: text('org_id').notNull(),
    workflowId: text('workflow_id').notNull(),
    partnerId: text('partner_id').notNull(),
    version: integer('version').notNull(),
    enrolledAt: timestamptz('enrolled_at').notNull(),
    activatedAt: timestamptz('activated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.workflowId, t.partnerId] }),
    index('onboarding_enrolments_partner_idx').on(t.orgId, t.partnerId),
  ],
)

/** A step a partner completed, with when and how: from facts, or by whom. */
export const onboardingStepCompletions = pgTable(
  'onboarding_step_completions',
  {
    orgId: text('org_id').notNull(),
    workflowId: text('workflow_id').notNull(),
    partnerId: text('partner_id').notNull(),
    stepId: text('step_id').notNull(),
    completedAt: timestamptz('completed_at').notNull(),
    /** Who accepted, confirmed or ticked it; null when facts completed it. */
    completedBy: text('completed_by'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.workflowId, t.partnerId, t.stepId] })],
)

/** An agreement a partner admin accepted: who, when, and the version (hash) of the text. Append-only. */
export const onboardingAgreementAcceptances = pgTable(
  'onboarding_agreement_acceptances',
  {
    orgId: text('org_id').notNull(),
    partnerId: text('partner_id').notNull(),
    stepId: text('step_id').notNull(),
    documentHash: text('document_hash').notNull(),
    workflowId: text('workflow_id').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    documentTitle: text('document_title').notNull(),
    userId: text('user_id').notNull(),
    acceptedAt: timestamptz('accepted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.partnerId, t.stepId, t.documentHash] })],
)

/** A custom step confirmed by the partner admin or ticked by staff; unticking deletes it. */
export const onboardingConfirmations = pgTable(
  'onboarding_confirmations',
  {
    orgId: text('org_id').notNull(),
    partnerId: text('partner_id').notNull(),
    stepId: text('step_id').notNull(),
    confirmedBy: text('confirmed_by').notNull(),
    confirmedAt: timestamptz('confirmed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.partnerId, t.stepId] })],
)

/**
 * Facts other modules report through their events, which programs may not read itself (revenue comes
 * later in the module order): the first time each happened for a partner.
 */
export const onboardingFacts = pgTable(
  'onboarding_facts',
  {
    orgId: text('org_id').notNull(),
    partnerId: text('partner_id').notNull(),
    kind: text('kind', { enum: ['deal_registration'] }).notNull(),
    firstAt: timestamptz('first_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.partnerId, t.kind] })],
)

/**
 * A reminder queued for a partner's step and its due day: the key makes a second reminder for the
 * same due day impossible, even from two workers at once.
 */
export const onboardingReminders = pgTable(
  'onboarding_reminders',
  {
    orgId: text('org_id').notNull(),
    partnerId: text('partner_id').notNull(),
    workflowId: text('workflow_id').notNull(),
    stepId: text('step_id').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** How many partner admins it was written to. */
    mails: integer('mails').notNull(),
    at: timestamptz('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.partnerId, t.workflowId, t.stepId, t.dueOn] })],
)
