// Where partners stand on onboarding. Progress follows the facts: a tax form on file, a course's
// certificate held at the partner, a first deal registration, the profile filled, an agreement
// accepted or a custom step confirmed each complete their step, recorded with when. Refreshing is
// level-triggered — it works from current facts, so a replay changes nothing — and when every required
// step is done the enrolment is activated exactly once: the partner's status moves to active (through
// the partners module), the activation is audited and `onboarding.completed` published.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { type Scope, systemScope } from '../../../platform/scope'
import { activatePartner, partnersMatchingQuery, readPartnerFacts } from '../../partners'
import { programEvents } from '../programs.events'
import type { OnboardingAudience } from './onboarding.contract'
import {
  onboardingEnrolments,
  onboardingFacts,
  onboardingStepCompletions,
  onboardingWorkflows,
  onboardingWorkflowVersions,
} from './onboarding.tables'
import {
  type CompletionRow,
  completionKey,
  type EnrolmentRow,
  readCompletions,
  readFacts,
  readVersions,
  type VersionDefinition,
  versionKey,
} from './onboarding-reads'
import { completionOf, isEveryRequiredDone, matchesAudience } from './onboarding-rules'

export interface OnboardingDeps {
  clock: Clock
}

const batchSize = 500

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
