// Onboarding as people see it: a partner's enrolments with each step's status, due day, completion
// and what the caller may do, a workflow's progress across its partners, and the summary per workflow.
import { and, asc, eq, inArray, ne } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { notFound } from '../../../platform/app-error'
import type { Clock } from '../../../platform/clock'
import type { Scope } from '../../../platform/scope'
import { findUsers } from '../../identity'
import { findPartners } from '../../partners'
import { programsPermissions } from '../programs.permissions'
import type {
  EnrolmentView,
  PartnerOnboardingView,
  StepDefinition,
  StepProgressView,
  WorkflowProgressQuery,
  WorkflowProgressView,
} from './onboarding.contract'
import { onboardingEnrolments, onboardingWorkflows, onboardingWorkflowVersions } from './onboarding.tables'
import {
  completionKey,
  courseTitles,
  type EnrolmentRow,
  readCompletions,
  readVersions,
  toStepView,
  versionKey,
} from './onboarding-reads'
import { dueOn, percentDone, stepStatus } from './onboarding-rules'

/** Whether the caller may act on a step of a partner now: accept, confirm, or (staff) tick and untick. */
function canAct(
  scope: Scope,
  step: StepDefinition,
  partnerId: string,
  isDone: boolean,
  isActivated: boolean,
) {
  const isOwnAdmin = programsPermissions.can(scope, 'onboarding.act') && scope.partnerId === partnerId
  const isStaff = !scope.partnerId && programsPermissions.can(scope, 'onboarding.manage')
  if (step.kind === 'agreement') return isOwnAdmin && !isDone
  if (step.kind === 'custom') {
    if (isStaff) return !isActivated || !isDone
    return step.confirmedBy === 'partner' && isOwnAdmin && !isDone
  }
  return false
}

/** Enrolments as the API shows them: each step's status, due day, completion and what the caller may do. */
export async function viewEnrolments(
  db: Db,
  scope: Scope,
  rows: readonly EnrolmentRow[],
  now: Date,
): Promise<EnrolmentView[]> {
  if (rows.length === 0) return []
  const versions = await readVersions(db, scope.orgId, rows)
  const completions = await readCompletions(db, scope.orgId, rows)
  const partners = await findPartners(
    db,
    scope.orgId,
    rows.map((r) => r.partnerId),
  )
  const steps = [...versions.values()].flatMap((v) => v.steps)
  const courseIds = [...new Set(steps.flatMap((s) => (s.courseId ? [s.courseId] : [])))]
  const titles = courseIds.length > 0 ? await courseTitles(db, scope.orgId, steps) : new Map<string, string>()
  const people = await findUsers(
    db,
    scope.orgId,
    [...completions.values()].flatMap((c) =>
      c.completedBy?.startsWith('user:') ? [c.completedBy.slice(5)] : [],
    ),
  )
  const byName = (label: string | null) =>
    label?.startsWith('user:') ? (people.get(label.slice(5))?.name ?? label) : label
  return rows.flatMap((row) => {
    const version = versions.get(versionKey(row.workflowId, row.version))
    if (!version) return []
    const isActivated = row.activatedAt !== null
    const stepViews: StepProgressView[] = version.steps.map((step) => {
      const completion = completions.get(completionKey(row.workflowId, row.partnerId, step.id))
      const due = dueOn(row.enrolledAt, step.dueInDays)
      return {
        ...step,
        courseTitle: step.courseId ? (titles.get(step.courseId) ?? null) : null,
        // once activated, a step left undone (an optional one) is no longer overdue
        status: stepStatus(completion !== undefined, isActivated ? null : due, now),
        dueOn: due,
        completedAt: completion?.completedAt.toISOString() ?? null,
        completedBy: byName(completion?.completedBy ?? null),
        canAct: canAct(scope, step, row.partnerId, completion !== undefined, isActivated),
      }
    })
    const required = stepViews.filter((s) => s.isRequired)
    const requiredDone = required.filter((s) => s.status === 'done').length
    return [
      {
        workflowId: row.workflowId,
        workflowName: version.name,
        version: row.version,
        partnerId: row.partnerId,
        partnerName: partners.get(row.partnerId)?.name ?? null,
        enrolledAt: row.enrolledAt.toISOString(),
        activatedAt: row.activatedAt?.toISOString() ?? null,
        percentDone: isActivated ? 100 : percentDone(requiredDone, required.length),
        requiredDone,
        requiredTotal: required.length,
        overdue: stepViews.filter((s) => s.status === 'overdue').length,
        steps: stepViews,
      },
    ]
  })
}

/** A partner the caller may see: staff any in the org, a partner user only their own; 404 otherwise. */
export async function checkPartner(db: Db, scope: Scope, partnerId: string): Promise<void> {
  if (scope.partnerId && scope.partnerId !== partnerId) throw notFound('Partner', partnerId)
  if (!(await findPartners(db, scope.orgId, [partnerId])).has(partnerId)) throw notFound('Partner', partnerId)
}

/** A partner's onboarding: every workflow it is enrolled in (but archived ones), with each step. */
export async function getPartnerOnboarding(
  db: Db,
  scope: Scope,
  partnerId: string,
  clock: Clock,
): Promise<PartnerOnboardingView> {
  programsPermissions.require(scope, 'onboarding.read')
  await checkPartner(db, scope, partnerId)
  const rows = await db
    .select({ enrolment: onboardingEnrolments })
    .from(onboardingEnrolments)
    .innerJoin(
      onboardingWorkflows,
      and(
        eq(onboardingWorkflows.orgId, onboardingEnrolments.orgId),
        eq(onboardingWorkflows.id, onboardingEnrolments.workflowId),
      ),
    )
    .where(
      and(
        eq(onboardingEnrolments.orgId, scope.orgId),
        eq(onboardingEnrolments.partnerId, partnerId),
        ne(onboardingWorkflows.status, 'archived'),
      ),
    )
    .orderBy(asc(onboardingEnrolments.enrolledAt), asc(onboardingEnrolments.workflowId))
  return {
    partnerId,
    items: await viewEnrolments(
      db,
      scope,
      rows.map((r) => r.enrolment),
      clock.now(),
    ),
  }
}

/** Every partner enrolled in a workflow, with its progress; filter by standing. */
export async function getWorkflowProgress(
  db: Db,
  scope: Scope,
  workflowId: string,
  query: WorkflowProgressQuery,
  clock: Clock,
): Promise<WorkflowProgressView> {
  programsPermissions.require(scope, 'onboarding.manage')
  const [workflow] = await db
    .select()
    .from(onboardingWorkflows)
    .where(and(eq(onboardingWorkflows.orgId, scope.orgId), eq(onboardingWorkflows.id, workflowId)))
  if (!workflow) throw notFound('Onboarding workflow', workflowId)
  const rows = await db
    .select()
    .from(onboardingEnrolments)
    .where(and(eq(onboardingEnrolments.orgId, scope.orgId), eq(onboardingEnrolments.workflowId, workflowId)))
    .orderBy(asc(onboardingEnrolments.enrolledAt), asc(onboardingEnrolments.partnerId))
  const views = await viewEnrolments(db, scope, rows, clock.now())
  const filtered = views.filter((v) => {
    if (query.status === 'activated') return v.activatedAt !== null
    if (query.status === 'active') return v.activatedAt === null
    if (query.status === 'overdue') return v.activatedAt === null && v.overdue > 0
    return true
  })
  const [latest] = await db
    .select({ steps: onboardingWorkflowVersions.steps })
    .from(onboardingWorkflowVersions)
    .where(
      and(
        eq(onboardingWorkflowVersions.orgId, scope.orgId),
        eq(onboardingWorkflowVersions.workflowId, workflowId),
        eq(onboardingWorkflowVersions.version, workflow.version),
      ),
    )
  const steps = latest?.steps ?? []
  const titles = await courseTitles(db, scope.orgId, steps)
  return {
    workflowId,
    version: workflow.version,
    steps: steps.map((s) => toStepView(s, titles)),
    items: filtered.slice(0, query.limit),
    total: filtered.length,
  }
}

/** Enrolled, activated and overdue partners of each workflow. */
export async function summarizeWorkflows(db: Db, orgId: string, workflowIds: readonly string[], now: Date) {
  const counts = new Map<string, { enrolled: number; activated: number; overdue: number }>()
  if (workflowIds.length === 0) return counts
  const rows = await db
    .select()
    .from(onboardingEnrolments)
    .where(
      and(eq(onboardingEnrolments.orgId, orgId), inArray(onboardingEnrolments.workflowId, [...workflowIds])),
    )
  const open = rows.filter((r) => r.activatedAt === null)
  const versions = await readVersions(db, orgId, open)
  const completions = await readCompletions(db, orgId, open)
  const today = now.toISOString().slice(0, 10)
  for (const row of rows) {
    const count = counts.get(row.workflowId) ?? { enrolled: 0, activated: 0, overdue: 0 }
    count.enrolled++
    if (row.activatedAt) count.activated++
    else {
      const steps = versions.get(versionKey(row.workflowId, row.version))?.steps ?? []
      const isOverdue = steps.some((step) => {
        const due = dueOn(row.enrolledAt, step.dueInDays)
        return (
          due !== null &&
          due < today &&
          !completions.has(completionKey(row.workflowId, row.partnerId, step.id))
        )
      })
      if (isOverdue) count.overdue++
    }
    counts.set(row.workflowId, count)
  }
  return counts
}
