// Onboarding reminders: the worker writes to a partner's admins, through the mail outbox, about each
// step not yet done that falls due within a few days or is overdue — once per partner, step and due
// day, whatever the number of runs or workers.
import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { Clock } from '../../../platform/clock'
import { queueMail } from '../../../platform/mail'
import { findPartnerAdmins } from '../../identity'
import { findPartnerName } from '../../partners'
import {
  onboardingEnrolments,
  onboardingReminders,
  onboardingStepCompletions,
  onboardingWorkflows,
  onboardingWorkflowVersions,
} from './onboarding.tables'
import { dueOn, isReminderDue } from './onboarding-rules'

export interface OnboardingReminderDeps {
  clock: Clock
  publicUrl: string
}

export const onboardingRemindersJob = 'programs.onboarding-reminders'

/**
 * Queues reminders for every unfinished enrolment, in every org, of a published workflow. Each (partner,
 * workflow, step, due day) is claimed by its key in the same transaction as the mail, so two workers at
 * once, or a run repeated, never write twice. One mail per partner admin lists that partner's steps.
 * Returns how many mails were queued.
 */
export async function remindOnboardingSteps(
  db: Db,
  deps: OnboardingReminderDeps,
  batchSize = 200,
): Promise<number> {
  const now = deps.clock.now()
  const today = now.toISOString().slice(0, 10)
  let queued = 0
  let after: [string, string, string] = ['', '', '']
  for (;;) {
    const batch = await db
      .select({
        enrolment: onboardingEnrolments,
        name: onboardingWorkflows.name,
        steps: onboardingWorkflowVersions.steps,
        done: sql<
          string[]
        >`coalesce((select array_agg(c.step_id) from ${onboardingStepCompletions} c where c.org_id = ${onboardingEnrolments.orgId} and c.workflow_id = ${onboardingEnrolments.workflowId} and c.partner_id = ${onboardingEnrolments.partnerId}), '{}')`,
      })
      .from(onboardingEnrolments)
      .innerJoin(
        onboardingWorkflows,
        and(
          eq(onboardingWorkflows.orgId, onboardingEnrolments.orgId),
          eq(onboardingWorkflows.id, onboardingEnrolments.workflowId),
        ),
      )
      .innerJoin(
        onboardingWorkflowVersions,
        and(
          eq(onboardingWorkflowVersions.orgId, onboardingEnrolments.orgId),
          eq(onboardingWorkflowVersions.workflowId, onboardingEnrolments.workflowId),
          eq(onboardingWorkflowVersions.version, onboardingEnrolments.version),
        ),
      )
      .where(
        and(
          isNull(onboardingEnrolments.activatedAt),
          eq(onboardingWorkflows.status, 'published'),
          sql`(${onboardingEnrolments.orgId}, ${onboardingEnrolments.workflowId}, ${onboardingEnrolments.partnerId}) > (${after[0]}, ${after[1]}, ${after[2]})`,
        ),
      )
      .orderBy(
        asc(onboardingEnrolments.orgId),
        asc(onboardingEnrolments.workflowId),
        asc(onboardingEnrolments.partnerId),
      )
      .limit(batchSize)
    for (const { enrolment, name, steps, done } of batch) {
      const finished = new Set(done)
      const due = steps.flatMap((step) => {
        const day = dueOn(enrolment.enrolledAt, step.dueInDays)
        return !finished.has(step.id) && day !== null && isReminderDue(day, now) ? [{ step, day }] : []
      })
      if (due.length === 0) continue
      queued += await db.transaction(async (tx) => {
        const claimed = []
        for (const item of due) {
          const [row] = await tx
            .insert(onboardingReminders)
            .values({
              orgId: enrolment.orgId,
              partnerId: enrolment.partnerId,
              workflowId: enrolment.workflowId,
              stepId: item.step.id,
              dueOn: item.day,
              mails: 0,
              at: now,
            })
            .onConflictDoNothing()
            .returning()
          // another run claimed it first
          if (row) claimed.push(item)
        }
        if (claimed.length === 0) return 0
        const admins =
          (await findPartnerAdmins(tx, enrolment.orgId, [enrolment.partnerId])).get(enrolment.partnerId) ?? []
        const partner = await findPartnerName(tx, enrolment.orgId, enrolment.partnerId)
        const lines = claimed.map(({ step, day }) =>
          day < today ? `• ${step.title} — overdue since ${day}` : `• ${step.title} — due on ${day}`,
        )
        const isOverdue = claimed.some(({ day }) => day < today)
        for (const admin of admins)
          await queueMail(
            tx,
            enrolment.orgId,
            {
              to: admin.email,
              subject: isOverdue
                ? `Onboarding: ${claimed.length === 1 ? 'a step is' : `${claimed.length} steps are`} overdue`
                : `Onboarding: ${claimed.length === 1 ? 'a step is' : `${claimed.length} steps are`} due soon`,
              text: [
                `Hello ${admin.name},`,
                '',
                `${partner?.name ?? 'Your company'} has onboarding steps to finish in “${name}”:`,
                ...lines,
                '',
                `Your onboarding: ${deps.publicUrl}/portal/onboarding`,
              ].join('\n'),
            },
            deps.clock,
          )
        for (const { step, day } of claimed)
          await tx
            .update(onboardingReminders)
            .set({ mails: admins.length })
            .where(
              and(
                eq(onboardingReminders.orgId, enrolment.orgId),
                eq(onboardingReminders.partnerId, enrolment.partnerId),
                eq(onboardingReminders.workflowId, enrolment.workflowId),
                eq(onboardingReminders.stepId, step.id),
                eq(onboardingReminders.dueOn, day),
              ),
            )
        return admins.length
      })
    }
    if (batch.length < batchSize) return queued
    const last = batch.at(-1)!.enrolment
    after = [last.orgId, last.workflowId, last.partnerId]
  }
}
