// Pure onboarding rules: turning a workflow draft's steps into stored definitions (ids kept, the
// agreement's version hashed), an audience match, due days, and where a partner stands on each step
// given the facts — no database, no clock of its own.
import { createHash } from 'node:crypto'
import type {
  OnboardingAudience,
  OnboardingStepInput,
  ProfileField,
  StepDefinition,
} from './onboarding.contract'

const day = 86_400_000

/** Days before a due date the reminder goes out; an overdue step without one is reminded at once. */
export const reminderLeadDays = 3

/** The agreement's version: its title, text and address hashed, so any change asks for a new acceptance. */
export const documentHashOf = (title: string, text: string, url: string | null): string =>
  createHash('sha256')
    .update(JSON.stringify([title.trim(), text.trim(), url ?? '']))
    .digest('hex')

/** Parsed step input to the stored shape: every kind's settings present, the ones that do not apply null. */
export function toStepDefinition(input: OnboardingStepInput, newId: () => string): StepDefinition {
  const base = {
    id: input.id ?? newId(),
    kind: input.kind,
    title: input.title.trim(),
    description: (input.description ?? '').trim(),
    isRequired: input.isRequired ?? true,
    dueInDays: input.dueInDays ?? null,
    documentTitle: null,
    documentText: null,
    documentUrl: null,
    documentHash: null,
    fields: null,
    courseId: null,
    confirmedBy: null,
  } satisfies StepDefinition
  switch (input.kind) {
    case 'agreement': {
      const text = input.documentText ?? ''
      const url = input.documentUrl ?? null
      return {
        ...base,
        documentTitle: input.documentTitle.trim(),
        documentText: text,
        documentUrl: url,
        documentHash: documentHashOf(input.documentTitle, text, url),
      }
    }
    case 'profile':
      return { ...base, fields: [...new Set(input.fields)] }
    case 'course':
      return { ...base, courseId: input.courseId }
    case 'custom':
      return { ...base, confirmedBy: input.confirmedBy ?? 'staff' }
    default:
      return base
  }
}

/** Empty lists match everyone; tags match when the partner has any of them. */
export function matchesAudience(
  audience: OnboardingAudience,
  partner: { type: string; tags: string[] },
): boolean {
  if (audience.types.length > 0 && !audience.types.includes(partner.type as never)) return false
  if (audience.tags.length > 0 && !partner.tags.some((tag) => audience.tags.includes(tag.toLowerCase())))
    return false
  return true
}

/** The calendar day (UTC) a step is due, counted from the enrolment; null when it has no due date. */
export function dueOn(enrolledAt: Date, dueInDays: number | null): string | null {
  if (dueInDays === null) return null
  return new Date(enrolledAt.getTime() + dueInDays * day).toISOString().slice(0, 10)
}

/** What is known of one partner, for the steps that read facts. */
export interface PartnerOnboardingFacts {
  profile: Record<ProfileField, boolean>
  /** When the partner's tax form in force or in review was signed; null: none on file. */
  taxFormAt: Date | null
  /** When someone at the partner first earned each course's certificate that still holds, by course id. */
  certificates: ReadonlyMap<string, Date>
  dealRegistrationAt: Date | null
  /** Agreements accepted, by `${stepId}:${documentHash}`. */
  acceptances: ReadonlyMap<string, { at: Date; by: string }>
  /** Custom steps confirmed or ticked, by step id. */
  confirmations: ReadonlyMap<string, { at: Date; by: string }>
}

export interface StepCompletion {
  at: Date
  /** Who did it by hand; null when facts did. */
  by: string | null
}

/**
 * Whether the facts complete a step now, and since when. A profile step has no moment of its own:
 * `now` stands for it (the time it was first seen filled is what gets recorded).
 */
export function completionOf(
  step: StepDefinition,
  facts: PartnerOnboardingFacts,
  now: Date,
): StepCompletion | null {
  switch (step.kind) {
    case 'agreement': {
      const accepted = facts.acceptances.get(`${step.id}:${step.documentHash}`)
      return accepted ? { at: accepted.at, by: accepted.by } : null
    }
    case 'profile':
      return (step.fields ?? []).every((field) => facts.profile[field]) ? { at: now, by: null } : null
    case 'tax_form':
      return facts.taxFormAt ? { at: facts.taxFormAt, by: null } : null
    case 'course': {
      const at = step.courseId ? facts.certificates.get(step.courseId) : undefined
      return at ? { at, by: null } : null
    }
    case 'deal_registration':
      return facts.dealRegistrationAt ? { at: facts.dealRegistrationAt, by: null } : null
    case 'custom': {
      const confirmed = facts.confirmations.get(step.id)
      return confirmed ? { at: confirmed.at, by: confirmed.by } : null
    }
  }
}

export type StepStatus = 'done' | 'open' | 'overdue'

export function stepStatus(isDone: boolean, due: string | null, now: Date): StepStatus {
  if (isDone) return 'done'
  return due !== null && due < now.toISOString().slice(0, 10) ? 'overdue' : 'open'
}

/** Required steps done out of required steps, in whole percent (a workflow of optional steps is done). */
export function percentDone(requiredDone: number, requiredTotal: number): number {
  return requiredTotal === 0 ? 100 : Math.floor((requiredDone * 100) / requiredTotal)
}

/** Every required step is done. */
export const isEveryRequiredDone = (steps: readonly StepDefinition[], done: ReadonlySet<string>): boolean =>
  steps.every((step) => !step.isRequired || done.has(step.id))

/** A step not done whose reminder is due: within the lead days of its due day, or past it. */
export function isReminderDue(due: string | null, now: Date): boolean {
  if (due === null) return false
  const lead = new Date(now.getTime() + reminderLeadDays * day).toISOString().slice(0, 10)
  return due <= lead
}
