// Onboarding workflows: staff keep a draft (name, audience, steps in order) and publish it as a new
// version; publishing enrols every partner of the audience in one statement and moves unfinished
// enrolments to the new version. Each change is audited.
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, invalidField, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { actorLabel, type Scope } from '../../../platform/scope'
import { programsPermissions } from '../programs.permissions'
import { courses } from '../training/training.tables'
import type {
  CreateWorkflowInput,
  OnboardingStepInput,
  StepDefinition,
  UpdateWorkflowInput,
  WorkflowView,
} from './onboarding.contract'
import { createWorkflowInput, onboardingAudience, updateWorkflowInput } from './onboarding.contract'
import { onboardingIds, onboardingWorkflows, onboardingWorkflowVersions } from './onboarding.tables'
import { enrolAudience, type OnboardingDeps } from './onboarding-progress.service'
import { courseTitles, toStepView } from './onboarding-reads'
import { toStepDefinition } from './onboarding-rules'
import { summarizeWorkflows } from './onboarding-views.service'

type WorkflowRow = typeof onboardingWorkflows.$inferSelect

/** The workflow in the org, or 404; `forUpdate` locks it for a change. */
async function findWorkflow(db: Db, scope: Scope, id: string, forUpdate = false): Promise<WorkflowRow> {
  const query = db
    .select()
    .from(onboardingWorkflows)
    .where(and(eq(onboardingWorkflows.orgId, scope.orgId), eq(onboardingWorkflows.id, id)))
  const [row] = forUpdate ? await query.for('update') : await query
  if (!row) throw notFound('Onboarding workflow', id)
  return row
}

/**
 * Steps as given to stored steps: an id that is not one of the workflow's steps, the same id twice or a
 * course not in the org is refused, naming the field.
 */
async function checkSteps(
  db: Db,
  orgId: string,
  inputs: readonly OnboardingStepInput[],
  existing: readonly StepDefinition[],
): Promise<StepDefinition[]> {
  const known = new Set(existing.map((s) => s.id))
  const seen = new Set<string>()
  const steps = inputs.map((input, i) => {
    if (input.id !== undefined) {
      if (!known.has(input.id)) throw invalidField(`steps.${i}.id`, `no step ${input.id} on this workflow`)
      if (seen.has(input.id)) throw invalidField(`steps.${i}.id`, 'names a step given twice')
      seen.add(input.id)
    }
    return toStepDefinition(input, onboardingIds.step)
  })
  const courseIds = [...new Set(steps.flatMap((s) => (s.courseId ? [s.courseId] : [])))]
  if (courseIds.length > 0) {
    const found = await db
      .select({ id: courses.id })
      .from(courses)
      .where(and(eq(courses.orgId, orgId), inArray(courses.id, courseIds)))
    const ids = new Set(found.map((c) => c.id))
    steps.forEach((step, i) => {
      if (step.courseId && !ids.has(step.courseId))
        throw invalidField(`steps.${i}.courseId`, `course ${step.courseId} not found`)
    })
  }
  return steps
}

async function toViews(
  db: Db,
  scope: Scope,
  rows: readonly WorkflowRow[],
  now: Date,
): Promise<WorkflowView[]> {
  if (rows.length === 0) return []
  const versions = await db
    .select({
      workflowId: onboardingWorkflowVersions.workflowId,
      version: onboardingWorkflowVersions.version,
      steps: onboardingWorkflowVersions.steps,
      audience: onboardingWorkflowVersions.audience,
    })
    .from(onboardingWorkflowVersions)
    .where(
      and(
        eq(onboardingWorkflowVersions.orgId, scope.orgId),
        inArray(
          onboardingWorkflowVersions.workflowId,
          rows.map((r) => r.id),
        ),
        sql`${onboardingWorkflowVersions.version} = (select max(v.version) from ${onboardingWorkflowVersions} v where v.org_id = ${onboardingWorkflowVersions.orgId} and v.workflow_id = ${onboardingWorkflowVersions.workflowId})`,
      ),
    )
  const latest = new Map(versions.map((v) => [v.workflowId, v]))
  const counts = await summarizeWorkflows(
    db,
    scope.orgId,
    rows.map((r) => r.id),
    now,
  )
  const titles = await courseTitles(
    db,
    scope.orgId,
    rows.flatMap((r) => r.steps),
  )
  return rows.map((row) => {
    const published = latest.get(row.id)
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      status: row.status,
      audience: row.audience,
      steps: row.steps.map((s) => toStepView(s, titles)),
      version: row.version,
      hasUnpublishedChanges:
        !published ||
        JSON.stringify(published.steps) !== JSON.stringify(row.steps) ||
        JSON.stringify(published.audience) !== JSON.stringify(row.audience),
      publishedAt: row.publishedAt?.toISOString() ?? null,
      counts: counts.get(row.id) ?? { enrolled: 0, activated: 0, overdue: 0 },
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    }
  })
}

export async function listWorkflows(db: Db, scope: Scope, clock: Clock) {
  programsPermissions.require(scope, 'onboarding.manage')
  const rows = await db
    .select()
    .from(onboardingWorkflows)
    .where(eq(onboardingWorkflows.orgId, scope.orgId))
    .orderBy(asc(onboardingWorkflows.name), asc(onboardingWorkflows.id))
  return { items: await toViews(db, scope, rows, clock.now()) }
}

export async function getWorkflow(db: Db, scope: Scope, id: string, clock: Clock): Promise<WorkflowView> {
  programsPermissions.require(scope, 'onboarding.manage')
  const [view] = await toViews(db, scope, [await findWorkflow(db, scope, id)], clock.now())
  return view!
}

export async function createWorkflow(
  db: Db,
  scope: Scope,
  rawInput: CreateWorkflowInput,
  clock: Clock,
): Promise<WorkflowView> {
  programsPermissions.require(scope, 'onboarding.manage')
  const input = createWorkflowInput.parse(rawInput)
  const steps = await checkSteps(db, scope.orgId, input.steps, [])
  const now = clock.now()
  const row: WorkflowRow = {
    orgId: scope.orgId,
    id: onboardingIds.workflow(),
    name: input.name,
    description: input.description,
    status: 'draft',
    audience: onboardingAudience.parse(input.audience),
    steps,
    version: 0,
    publishedAt: null,
    createdAt: now,
    updatedAt: now,
  }
  await db.transaction(async (tx) => {
    await tx.insert(onboardingWorkflows).values(row)
    await writeAudit(
      tx,
      scope,
      {
        action: 'onboarding_workflow.created',
        entityType: 'onboarding_workflow',
        entityId: row.id,
        after: row,
      },
      clock,
    )
  })
  return getWorkflow(db, scope, row.id, clock)
}

export async function updateWorkflow(
  db: Db,
  scope: Scope,
  id: string,
  rawInput: UpdateWorkflowInput,
  clock: Clock,
): Promise<WorkflowView> {
  programsPermissions.require(scope, 'onboarding.manage')
  const input = updateWorkflowInput.parse(rawInput)
  await db.transaction(async (tx) => {
    const before = await findWorkflow(tx, scope, id, true)
    if (before.status === 'archived')
      throw new AppError('CONFLICT', `Onboarding workflow ${id} is archived`, [
        { path: 'status', message: 'is archived' },
      ])
    const changes: Partial<WorkflowRow> = { updatedAt: clock.now() }
    if (input.name !== undefined) changes.name = input.name
    if (input.description !== undefined) changes.description = input.description
    if (input.audience !== undefined) changes.audience = input.audience
    if (input.steps !== undefined)
      changes.steps = await checkSteps(tx, scope.orgId, input.steps, before.steps)
    const [after] = await tx
      .update(onboardingWorkflows)
      .set(changes)
      .where(and(eq(onboardingWorkflows.orgId, scope.orgId), eq(onboardingWorkflows.id, id)))
      .returning()
    await writeAudit(
      tx,
      scope,
      {
        action: 'onboarding_workflow.updated',
        entityType: 'onboarding_workflow',
        entityId: id,
        before,
        after,
      },
      clock,
    )
  })
  return getWorkflow(db, scope, id, clock)
}

/**
 * Publishes the draft as the next version: partners of the audience are enrolled (those not yet in
 * it, in one statement), unfinished enrolments move to the new version, and everyone's progress is
 * worked out from the facts at once — a partner whose facts already complete it is activated.
 */
export async function publishWorkflow(
  db: Db,
  scope: Scope,
  id: string,
  deps: OnboardingDeps,
): Promise<WorkflowView> {
  programsPermissions.require(scope, 'onboarding.manage')
  await db.transaction(async (tx) => {
    const before = await findWorkflow(tx, scope, id, true)
    if (before.steps.length === 0)
      throw new AppError('VALIDATION', 'steps: a workflow needs at least one step to be published', [
        { path: 'steps', message: 'add at least one step' },
      ])
    const now = deps.clock.now()
    const version = before.version + 1
    await tx.insert(onboardingWorkflowVersions).values({
      orgId: scope.orgId,
      workflowId: id,
      version,
      audience: before.audience,
      steps: before.steps,
      publishedBy: actorLabel(scope.actor),
      publishedAt: now,
    })
    await tx
      .update(onboardingWorkflows)
      .set({ status: 'published', version, publishedAt: now, updatedAt: now })
      .where(and(eq(onboardingWorkflows.orgId, scope.orgId), eq(onboardingWorkflows.id, id)))
    await writeAudit(
      tx,
      scope,
      {
        action: 'onboarding_workflow.published',
        entityType: 'onboarding_workflow',
        entityId: id,
        before: { status: before.status, version: before.version },
        after: { status: 'published', version, audience: before.audience, steps: before.steps },
      },
      deps.clock,
    )
    await enrolAudience(tx, scope, { id, version, audience: before.audience }, deps)
  })
  return getWorkflow(db, scope, id, deps.clock)
}

/** Archived: no partner is enrolled any more; the progress recorded stays. */
export async function archiveWorkflow(db: Db, scope: Scope, id: string, clock: Clock): Promise<WorkflowView> {
  programsPermissions.require(scope, 'onboarding.manage')
  await db.transaction(async (tx) => {
    const before = await findWorkflow(tx, scope, id, true)
    if (before.status === 'archived') return
    await tx
      .update(onboardingWorkflows)
      .set({ status: 'archived', updatedAt: clock.now() })
      .where(and(eq(onboardingWorkflows.orgId, scope.orgId), eq(onboardingWorkflows.id, id)))
    await writeAudit(
      tx,
      scope,
      {
        action: 'onboarding_workflow.archived',
        entityType: 'onboarding_workflow',
        entityId: id,
        before: { status: before.status },
        after: { status: 'archived' },
      },
      clock,
    )
  })
  return getWorkflow(db, scope, id, clock)
}
