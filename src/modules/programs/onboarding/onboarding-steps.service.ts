// What people do to onboarding steps: a partner admin accepts an agreement, staff (or the partner,
// when the step says so) confirm a custom step, and staff untick one; each is recorded, audited and
// followed by working the partner's progress out again.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import { actorLabel, type Scope } from '../../../platform/scope'
import { programsPermissions } from '../programs.permissions'
import type { AcceptAgreementInput, PartnerOnboardingView } from './onboarding.contract'
import {
  onboardingAgreementAcceptances,
  onboardingConfirmations,
  onboardingEnrolments,
} from './onboarding.tables'
import { type OnboardingDeps, refreshOnboarding } from './onboarding-progress.service'
import { readVersions, versionKey } from './onboarding-reads'
import { checkPartner, getPartnerOnboarding } from './onboarding-views.service'

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
