// Reading onboarding's records: the steps of each workflow version enrolments follow, the facts that
// complete steps, the completions recorded, the titles of the courses course steps point at, and a
// stored step as the API shows it.
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { partnersWithTaxFormOnFile } from '../../incentives'
import { readPartnerProfiles } from '../../partners'
import { partnerCourseCertificates } from '../training/certificates.service'
import { courses } from '../training/training.tables'
import type { StepDefinition, StepView } from './onboarding.contract'
import {
  onboardingAgreementAcceptances,
  onboardingConfirmations,
  type onboardingEnrolments,
  onboardingFacts,
  onboardingStepCompletions,
  onboardingWorkflows,
  onboardingWorkflowVersions,
} from './onboarding.tables'
import type { PartnerOnboardingFacts } from './onboarding-rules'

/** Course titles by id, for the steps that name a course. */
export async function courseTitles(db: Db, orgId: string, steps: readonly StepDefinition[]) {
  const ids = [...new Set(steps.flatMap((s) => (s.courseId ? [s.courseId] : [])))]
  if (ids.length === 0) return new Map<string, string>()
  const rows = await db
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(and(eq(courses.orgId, orgId), inArray(courses.id, ids)))
  return new Map(rows.map((r) => [r.id, r.title]))
}

export const toStepView = (step: StepDefinition, titles: ReadonlyMap<string, string>): StepView => ({
  ...step,
  courseTitle: step.courseId ? (titles.get(step.courseId) ?? null) : null,
})

export type EnrolmentRow = typeof onboardingEnrolments.$inferSelect
export type CompletionRow = typeof onboardingStepCompletions.$inferSelect
export interface VersionDefinition {
  name: string
  steps: StepDefinition[]
}

export const versionKey = (workflowId: string, version: number) => `${workflowId}:${version}`
export const completionKey = (workflowId: string, partnerId: string, stepId: string) =>
  `${workflowId}:${partnerId}:${stepId}`

/** The steps of each (workflow, version) these enrolments follow, with the workflow's name. */
export async function readVersions(db: Db, orgId: string, rows: readonly EnrolmentRow[]) {
  const found = new Map<string, VersionDefinition>()
  const workflowIds = [...new Set(rows.map((r) => r.workflowId))]
  if (workflowIds.length === 0) return found
  const versions = await db
    .select({
      workflowId: onboardingWorkflowVersions.workflowId,
      version: onboardingWorkflowVersions.version,
      steps: onboardingWorkflowVersions.steps,
      name: onboardingWorkflows.name,
    })
    .from(onboardingWorkflowVersions)
    .innerJoin(
      onboardingWorkflows,
      and(
        eq(onboardingWorkflows.orgId, onboardingWorkflowVersions.orgId),
        eq(onboardingWorkflows.id, onboardingWorkflowVersions.workflowId),
      ),
    )
    .where(
      and(
        eq(onboardingWorkflowVersions.orgId, orgId),
        inArray(onboardingWorkflowVersions.workflowId, workflowIds),
        inArray(onboardingWorkflowVersions.version, [...new Set(rows.map((r) => r.version))]),
      ),
    )
  for (const v of versions) found.set(versionKey(v.workflowId, v.version), { name: v.name, steps: v.steps })
  return found
}

/** Everything the steps of these partners read, in one read per kind of fact. */
export async function readFacts(
  db: Db,
  orgId: string,
  partnerIds: readonly string[],
  steps: readonly StepDefinition[],
  now: Date,
): Promise<Map<string, PartnerOnboardingFacts>> {
  const ids = [...new Set(partnerIds)]
  const kinds = new Set(steps.map((s) => s.kind))
  const profiles = kinds.has('profile') ? await readPartnerProfiles(db, orgId, ids) : new Map()
  const taxForms = kinds.has('tax_form') ? await partnersWithTaxFormOnFile(db, orgId, ids, now) : new Map()
  const courseIds = steps.flatMap((s) => (s.courseId ? [s.courseId] : []))
  const certificates = await partnerCourseCertificates(db, orgId, ids, courseIds, now)
  const dealFacts = kinds.has('deal_registration')
    ? await db
        .select()
        .from(onboardingFacts)
        .where(
          and(
            eq(onboardingFacts.orgId, orgId),
            inArray(onboardingFacts.partnerId, ids),
            eq(onboardingFacts.kind, 'deal_registration'),
          ),
        )
    : []
  const acceptances = kinds.has('agreement')
    ? await db
        .select()
        .from(onboardingAgreementAcceptances)
        .where(
          and(
            eq(onboardingAgreementAcceptances.orgId, orgId),
            inArray(onboardingAgreementAcceptances.partnerId, ids),
          ),
        )
    : []
  const confirmations = kinds.has('custom')
    ? await db
        .select()
        .from(onboardingConfirmations)
        .where(and(eq(onboardingConfirmations.orgId, orgId), inArray(onboardingConfirmations.partnerId, ids)))
    : []
  const facts = new Map<string, PartnerOnboardingFacts>()
  for (const id of ids)
    facts.set(id, {
      profile: profiles.get(id) ?? { website: false, country: false, contact: false },
      taxFormAt: taxForms.get(id) ?? null,
      certificates: certificates.get(id) ?? new Map(),
      dealRegistrationAt: null,
      acceptances: new Map(),
      confirmations: new Map(),
    })
  for (const fact of dealFacts) facts.get(fact.partnerId)!.dealRegistrationAt = fact.firstAt
  for (const a of acceptances)
    (facts.get(a.partnerId)!.acceptances as Map<string, { at: Date; by: string }>).set(
      `${a.stepId}:${a.documentHash}`,
      { at: a.acceptedAt, by: `user:${a.userId}` },
    )
  for (const c of confirmations)
    (facts.get(c.partnerId)!.confirmations as Map<string, { at: Date; by: string }>).set(c.stepId, {
      at: c.confirmedAt,
      by: c.confirmedBy,
    })
  return facts
}

export async function readCompletions(db: Db, orgId: string, rows: readonly EnrolmentRow[]) {
  const found = new Map<string, CompletionRow>()
  if (rows.length === 0) return found
  const completions = await db
    .select()
    .from(onboardingStepCompletions)
    .where(
      and(
        eq(onboardingStepCompletions.orgId, orgId),
        inArray(onboardingStepCompletions.partnerId, [...new Set(rows.map((r) => r.partnerId))]),
        inArray(onboardingStepCompletions.workflowId, [...new Set(rows.map((r) => r.workflowId))]),
      ),
    )
  for (const c of completions) found.set(completionKey(c.workflowId, c.partnerId, c.stepId), c)
  return found
}

/**
 * Works out these partners' progress from the current facts in the caller's transaction: records steps
 * that became complete (with when), drops those no longer complete, and activates each enrolment whose
 * required steps are all done. The unfinished enrolments are locked first, in one order, so two
 * completions at once activate a partner once. Answers how many enrolments were activated.
 */
