// Where partners stand on onboarding. Progress follows the facts: a tax form on file, a course's
// certificate held at the partner, a first deal registration, the profile filled, an agreement
// accepted or a custom step confirmed each complete their step, recorded with when. Refreshing is
// level-triggered — it works from current facts, so a replay changes nothing — and when every required
// step is done the enrolment is activated exactly once: the partner's status moves to active (through
// the partners module), the activation is audited and `onboarding.completed` published.
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { actorLabel, type Scope, systemScope } from '../../../platform/scope'
import { findUsers } from '../../identity'
import { partnersWithTaxFormOnFile } from '../../incentives'
import {
  activatePartner,
  findPartners,
  partnersMatchingQuery,
  readPartnerFacts,
  readPartnerProfiles,
} from '../../partners'
import { programEvents } from '../programs.events'
import { programsPermissions } from '../programs.permissions'
import { partnerCourseCertificates } from '../training/certificates.service'
import type {
  AcceptAgreementInput,
  EnrolmentView,
  OnboardingAudience,
  PartnerOnboardingView,
  StepDefinition,
  StepProgressView,
  WorkflowProgressQuery,
  WorkflowProgressView,
} from './onboarding.contract'
import {
  onboardingAgreementAcceptances,
  onboardingConfirmations,
  onboardingEnrolments,
  onboardingFacts,
  onboardingStepCompletions,
  onboardingWorkflows,
  onboardingWorkflowVersions,
} from './onboarding.tables'
import { courseTitles, toStepView } from './onboarding-reads'
import {
  completionOf,
  dueOn,
  isEveryRequiredDone,
  matchesAudience,
  type PartnerOnboardingFacts,
  percentDone,
  stepStatus,
} from './onboarding-rules'

export interface OnboardingDeps {
  clock: Clock
}

type EnrolmentRow = typeof onboardingEnrolments.$inferSelect
type CompletionRow = typeof onboardingStepCompletions.$inferSelect
interface VersionDefinition {
  name: string
  steps: StepDefinition[]
}

const versionKey = (workflowId: string, version: number) => `${workflowId}:${version}`
const completionKey = (workflowId: string, partnerId: string, stepId: string) =>
  `${workflowId}:${partnerId}:${stepId}`
const batchSize = 500

/** The steps of each (workflow, version) these enrolments follow, with the workflow's name. */
async function readVersions(db: Db, orgId: string, rows: readonly EnrolmentRow[]) {
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
async function readFacts(
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

async function readCompletions(db: Db, orgId: string, rows: readonly EnrolmentRow[]) {
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
export async function refreshOnboarding(
  tx: Db,
  scope: Scope,
  partnerIds: readonly string[],
  deps: OnboardingDeps,
): Promise<number> {
  const ids = [...new Set(partnerIds)]
  if (ids.length === 0) return 0
  const rows = await tx
    .select()
    .from(onboardingEnrolments)
    .where(
      and(
        eq(onboardingEnrolments.orgId, scope.orgId),
        inArray(onboardingEnrolments.partnerId, ids),
        isNull(onboardingEnrolments.activatedAt),
        sql`${onboardingEnrolments.workflowId} in (select w.id from ${onboardingWorkflows} w where w.org_id = ${scope.orgId} and w.status = 'published')`,
      ),
    )
    .orderBy(asc(onboardingEnrolments.partnerId), asc(onboardingEnrolments.workflowId))
    .for('update')
  if (rows.length === 0) return 0
  const now = deps.clock.now()
  const versions = await readVersions(tx, scope.orgId, rows)
  const allSteps = [...versions.values()].flatMap((v) => v.steps)
  const facts = await readFacts(
    tx,
    scope.orgId,
    rows.map((r) => r.partnerId),
    allSteps,
    now,
  )
  const recorded = await readCompletions(tx, scope.orgId, rows)
  let activated = 0
  for (const row of rows) {
    const version = versions.get(versionKey(row.workflowId, row.version))
    if (!version) continue
    const done = new Set<string>()
    const added: CompletionRow[] = []
    const dropped: string[] = []
    for (const step of version.steps) {
      const completion = completionOf(step, facts.get(row.partnerId)!, now)
      const key = completionKey(row.workflowId, row.partnerId, step.id)
      if (completion) {
        done.add(step.id)
        if (!recorded.has(key))
          added.push({
            orgId: scope.orgId,
            workflowId: row.workflowId,
            partnerId: row.partnerId,
            stepId: step.id,
            completedAt: completion.at,
            completedBy: completion.by,
          })
      } else if (recorded.has(key)) dropped.push(step.id)
    }
    if (added.length > 0) await tx.insert(onboardingStepCompletions).values(added).onConflictDoNothing()
    if (dropped.length > 0)
      await tx
        .delete(onboardingStepCompletions)
        .where(
          and(
            eq(onboardingStepCompletions.orgId, scope.orgId),
            eq(onboardingStepCompletions.workflowId, row.workflowId),
            eq(onboardingStepCompletions.partnerId, row.partnerId),
            inArray(onboardingStepCompletions.stepId, dropped),
          ),
        )
    if (isEveryRequiredDone(version.steps, done) && (await activate(tx, scope, row, version, deps)))
      activated++
  }
  return activated
}

/** Marks the enrolment activated if no one did yet; the partner's status, the audit and the event follow. */
async function activate(
  tx: Db,
  scope: Scope,
  row: EnrolmentRow,
  version: VersionDefinition,
  deps: OnboardingDeps,
): Promise<boolean> {
  const [claimed] = await tx
    .update(onboardingEnrolments)
    .set({ activatedAt: deps.clock.now() })
    .where(
      and(
        eq(onboardingEnrolments.orgId, scope.orgId),
        eq(onboardingEnrolments.workflowId, row.workflowId),
        eq(onboardingEnrolments.partnerId, row.partnerId),
        isNull(onboardingEnrolments.activatedAt),
      ),
    )
    .returning()
  if (!claimed) return false
  const isStatusActivated = await activatePartner(
    tx,
    scope,
    row.partnerId,
    `onboarding complete: ${version.name}`,
    deps,
  )
  await writeAudit(
    tx,
    scope,
    {
      action: 'onboarding.activated',
      entityType: 'partner',
      entityId: row.partnerId,
      after: { workflowId: row.workflowId, version: row.version, isStatusActivated },
    },
    deps.clock,
  )
  await publish(
    tx,
    scope,
    programEvents.event('onboarding.completed', row.partnerId, {
      partnerId: row.partnerId,
      workflowId: row.workflowId,
      version: row.version,
      isStatusActivated,
    }),
    deps.clock,
  )
  return true
}

/** Refreshes every unfinished enrolment of a workflow, a batch of partners at a time. */
async function refreshWorkflow(tx: Db, scope: Scope, workflowId: string, deps: OnboardingDeps) {
  let after = ''
  for (;;) {
    const batch = await tx
      .select({ partnerId: onboardingEnrolments.partnerId })
      .from(onboardingEnrolments)
      .where(
        and(
          eq(onboardingEnrolments.orgId, scope.orgId),
          eq(onboardingEnrolments.workflowId, workflowId),
          isNull(onboardingEnrolments.activatedAt),
          sql`${onboardingEnrolments.partnerId} > ${after}`,
        ),
      )
      .orderBy(asc(onboardingEnrolments.partnerId))
      .limit(batchSize)
    if (batch.length === 0) return
    await refreshOnboarding(
      tx,
      scope,
      batch.map((b) => b.partnerId),
      deps,
    )
    after = batch.at(-1)!.partnerId
    if (batch.length < batchSize) return
  }
}

/**
 * Enrols every partner of a just-published version's audience in one statement; unfinished enrolments
 * move to the new version (finished ones stay on theirs). Then works out everyone's progress.
 */
export async function enrolAudience(
  tx: Db,
  scope: Scope,
  workflow: { id: string; version: number; audience: OnboardingAudience },
  deps: OnboardingDeps,
): Promise<void> {
  const now = deps.clock.now()
  const matching = partnersMatchingQuery(tx, scope.orgId, workflow.audience)
  await tx.execute(sql`
    insert into ${onboardingEnrolments} (org_id, workflow_id, partner_id, version, enrolled_at)
    select ${scope.orgId}, ${workflow.id}, m.id, ${workflow.version}, ${now.toISOString()}::timestamptz
    from (${matching}) m
    on conflict (org_id, workflow_id, partner_id) do update set version = excluded.version
    where ${onboardingEnrolments}.activated_at is null`)
  await refreshWorkflow(tx, scope, workflow.id, deps)
}

/**
 * Enrols a new (or changed) partner in every published workflow whose audience it matches and is not
 * in yet, then works out its progress.
 */
export async function enrolPartner(tx: Db, scope: Scope, partnerId: string, deps: OnboardingDeps) {
  const partner = (await readPartnerFacts(tx, scope.orgId, [partnerId])).get(partnerId)
  if (!partner) return
  const published = await tx
    .select({
      id: onboardingWorkflows.id,
      version: onboardingWorkflows.version,
      audience: onboardingWorkflowVersions.audience,
    })
    .from(onboardingWorkflows)
    .innerJoin(
      onboardingWorkflowVersions,
      and(
        eq(onboardingWorkflowVersions.orgId, onboardingWorkflows.orgId),
        eq(onboardingWorkflowVersions.workflowId, onboardingWorkflows.id),
        eq(onboardingWorkflowVersions.version, onboardingWorkflows.version),
      ),
    )
    .where(and(eq(onboardingWorkflows.orgId, scope.orgId), eq(onboardingWorkflows.status, 'published')))
  const matching = published.filter((w) => matchesAudience(w.audience, partner))
  if (matching.length > 0)
    await tx
      .insert(onboardingEnrolments)
      .values(
        matching.map((w) => ({
          orgId: scope.orgId,
          workflowId: w.id,
          partnerId,
          version: w.version,
          enrolledAt: deps.clock.now(),
        })),
      )
      .onConflictDoNothing()
  await refreshOnboarding(tx, scope, [partnerId], deps)
}

/**
 * A fact another module reports through its events (revenue's first deal registration): the first
 * time is kept, and the partner's progress follows.
 */
export async function noteDealRegistration(
  tx: Db,
  scope: Scope,
  partnerId: string,
  at: Date,
  deps: OnboardingDeps,
): Promise<void> {
  await tx
    .insert(onboardingFacts)
    .values({ orgId: scope.orgId, partnerId, kind: 'deal_registration', firstAt: at })
    .onConflictDoNothing()
  await refreshOnboarding(tx, scope, [partnerId], deps)
}

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
async function viewEnrolments(
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
async function checkPartner(db: Db, scope: Scope, partnerId: string): Promise<void> {
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

/** The enrolment and step an action names, in the caller's view; 404 for anything they may not see. */
async function findStep(tx: Db, scope: Scope, workflowId: string, partnerId: string, stepId: string) {
  await checkPartner(tx, scope, partnerId)
  const [row] = await tx
    .select()
    .from(onboardingEnrolments)
    .where(
      and(
        eq(onboardingEnrolments.orgId, scope.orgId),
        eq(onboardingEnrolments.workflowId, workflowId),
        eq(onboardingEnrolments.partnerId, partnerId),
      ),
    )
  if (!row) throw notFound('Onboarding enrolment', `${workflowId}/${partnerId}`)
  const version = (await readVersions(tx, scope.orgId, [row])).get(versionKey(row.workflowId, row.version))
  const step = version?.steps.find((s) => s.id === stepId)
  if (!version || !step) throw notFound('Onboarding step', stepId)
  return { row, version, step }
}

/** A partner admin accepts an agreement step's text, as shown to them (its hash): who, when, which text. */
export async function acceptAgreement(
  db: Db,
  scope: Scope,
  workflowId: string,
  partnerId: string,
  stepId: string,
  input: AcceptAgreementInput,
  deps: OnboardingDeps,
): Promise<PartnerOnboardingView> {
  await db.transaction(async (tx) => {
    const { row, step } = await findStep(tx, scope, workflowId, partnerId, stepId)
    if (step.kind !== 'agreement')
      throw new AppError('CONFLICT', `Step ${stepId} is a ${step.kind} step, not an agreement`, [
        { path: 'stepId', message: 'is not an agreement step' },
      ])
    programsPermissions.require(scope, 'onboarding.act')
    if (input.documentHash !== step.documentHash)
      throw new AppError(
        'CONFLICT',
        'documentHash: the agreement changed since it was shown; read it again',
        [{ path: 'documentHash', message: 'is not the current version of the agreement' }],
      )
    const now = deps.clock.now()
    const [accepted] = await tx
      .insert(onboardingAgreementAcceptances)
      .values({
        orgId: scope.orgId,
        partnerId,
        stepId,
        documentHash: step.documentHash,
        workflowId,
        workflowVersion: row.version,
        documentTitle: step.documentTitle ?? step.title,
        userId: scope.actor.id,
        acceptedAt: now,
      })
      .onConflictDoNothing()
      .returning()
    if (accepted)
      await writeAudit(
        tx,
        scope,
        {
          action: 'onboarding.agreement_accepted',
          entityType: 'partner',
          entityId: partnerId,
          after: {
            workflowId,
            workflowVersion: row.version,
            stepId,
            documentTitle: accepted.documentTitle,
            documentHash: accepted.documentHash,
            by: actorLabel(scope.actor),
          },
        },
        deps.clock,
      )
    await refreshOnboarding(tx, scope, [partnerId], deps)
  })
  return getPartnerOnboarding(db, scope, partnerId, deps.clock)
}

/**
 * A custom step done: the partner admin confirms one the partner may confirm; staff tick any custom
 * step off. Confirming again changes nothing.
 */
export async function confirmStep(
  db: Db,
  scope: Scope,
  workflowId: string,
  partnerId: string,
  stepId: string,
  deps: OnboardingDeps,
): Promise<PartnerOnboardingView> {
  await db.transaction(async (tx) => {
    const { step } = await findStep(tx, scope, workflowId, partnerId, stepId)
    if (step.kind !== 'custom')
      throw new AppError('CONFLICT', `Step ${stepId} is a ${step.kind} step: the facts complete it`, [
        { path: 'stepId', message: 'is not a custom step' },
      ])
    if (scope.partnerId) {
      programsPermissions.require(scope, 'onboarding.act')
      if (step.confirmedBy !== 'partner')
        throw new AppError('FORBIDDEN', `Step ${stepId} is ticked off by staff, not confirmed by the partner`)
    } else programsPermissions.require(scope, 'onboarding.manage')
    const [confirmed] = await tx
      .insert(onboardingConfirmations)
      .values({
        orgId: scope.orgId,
        partnerId,
        stepId,
        confirmedBy: actorLabel(scope.actor),
        confirmedAt: deps.clock.now(),
      })
      .onConflictDoNothing()
      .returning()
    if (confirmed)
      await writeAudit(
        tx,
        scope,
        {
          action: 'onboarding.step_confirmed',
          entityType: 'partner',
          entityId: partnerId,
          after: { workflowId, stepId, title: step.title },
        },
        deps.clock,
      )
    await refreshOnboarding(tx, scope, [partnerId], deps)
  })
  return getPartnerOnboarding(db, scope, partnerId, deps.clock)
}

/** Staff untick a custom step; once the partner is activated on the workflow its steps stay as they were. */
export async function untickStep(
  db: Db,
  scope: Scope,
  workflowId: string,
  partnerId: string,
  stepId: string,
  deps: OnboardingDeps,
): Promise<PartnerOnboardingView> {
  await db.transaction(async (tx) => {
    const { row, step } = await findStep(tx, scope, workflowId, partnerId, stepId)
    programsPermissions.require(scope, 'onboarding.manage')
    if (scope.partnerId) throw new AppError('FORBIDDEN', 'Only staff untick a step')
    if (step.kind !== 'custom')
      throw new AppError('CONFLICT', `Step ${stepId} is a ${step.kind} step: the facts complete it`, [
        { path: 'stepId', message: 'is not a custom step' },
      ])
    if (row.activatedAt)
      throw new AppError(
        'CONFLICT',
        `The partner completed this workflow on ${row.activatedAt.toISOString()}`,
        [{ path: 'stepId', message: 'the workflow is complete for this partner' }],
      )
    const removed = await tx
      .delete(onboardingConfirmations)
      .where(
        and(
          eq(onboardingConfirmations.orgId, scope.orgId),
          eq(onboardingConfirmations.partnerId, partnerId),
          eq(onboardingConfirmations.stepId, stepId),
        ),
      )
      .returning()
    if (removed.length > 0)
      await writeAudit(
        tx,
        scope,
        {
          action: 'onboarding.step_unticked',
          entityType: 'partner',
          entityId: partnerId,
          before: { confirmedBy: removed[0]!.confirmedBy },
          after: { workflowId, stepId, title: step.title },
        },
        deps.clock,
      )
    await refreshOnboarding(tx, scope, [partnerId], deps)
  })
  return getPartnerOnboarding(db, scope, partnerId, deps.clock)
}

/**
 * Works out every unfinished enrolment again, in every org, a batch of partners at a time: facts that
 * change with time alone (a W-8 or a certificate expiring) and any event missed are caught up.
 */
export async function refreshOpenOnboarding(
  db: Db,
  deps: OnboardingDeps,
  batch = batchSize,
): Promise<number> {
  let activated = 0
  let after: [string, string] = ['', '']
  for (;;) {
    const rows = await db
      .selectDistinct({ orgId: onboardingEnrolments.orgId, partnerId: onboardingEnrolments.partnerId })
      .from(onboardingEnrolments)
      .where(
        and(
          isNull(onboardingEnrolments.activatedAt),
          sql`(${onboardingEnrolments.orgId}, ${onboardingEnrolments.partnerId}) > (${after[0]}, ${after[1]})`,
        ),
      )
      .orderBy(asc(onboardingEnrolments.orgId), asc(onboardingEnrolments.partnerId))
      .limit(batch)
    const byOrg = new Map<string, string[]>()
    for (const row of rows) byOrg.set(row.orgId, [...(byOrg.get(row.orgId) ?? []), row.partnerId])
    for (const [orgId, partnerIds] of byOrg)
      activated += await db.transaction((tx) => refreshOnboarding(tx, systemScope(orgId), partnerIds, deps))
    if (rows.length < batch) return activated
    const last = rows.at(-1)!
    after = [last.orgId, last.partnerId]
  }
}
