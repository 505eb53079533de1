// A workflow as the builder edits it, and back to what the API takes: every step keeps the settings of
// every kind while it is edited, and sends only its own kind's.
import type {
  CreateWorkflowInput,
  OnboardingStepInput,
  OnboardingStepKind,
  ProfileField,
  WorkflowView,
} from '../../../../src/modules/programs/onboarding/onboarding.contract'

export interface StepDraft {
  /** The saved step's id; undefined for a step added since. */
  id?: string
  /** A stable key for the list while it is edited. */
  key: string
  kind: OnboardingStepKind
  title: string
  description: string
  isRequired: boolean
  dueInDays: string
  documentTitle: string
  documentText: string
  documentUrl: string
  fields: ProfileField[]
  courseId: string
  confirmedBy: 'partner' | 'staff'
}

export interface WorkflowDraft {
  name: string
  description: string
  types: string[]
  tags: string
  steps: StepDraft[]
}

let keys = 0
const nextKey = () => `step-${++keys}`

const defaultTitles: Record<OnboardingStepKind, string> = {
  agreement: 'Accept the partner agreement',
  profile: 'Complete your profile',
  tax_form: 'Submit your tax form',
  course: 'Get certified',
  deal_registration: 'Register your first deal',
  custom: 'Kickoff call with your partner manager',
}

export function newStep(kind: OnboardingStepKind): StepDraft {
  return {
    key: nextKey(),
    kind,
    title: defaultTitles[kind],
    description: '',
    isRequired: true,
    dueInDays: '',
    documentTitle: kind === 'agreement' ? 'Partner agreement' : '',
    documentText: '',
    documentUrl: '',
    fields: ['website', 'country', 'contact'],
    courseId: '',
    confirmedBy: 'partner',
  }
}

export const emptyWorkflow = (): WorkflowDraft => ({
  name: '',
  description: '',
  types: [],
  tags: '',
  steps: [],
})

export function toDraft(workflow: WorkflowView): WorkflowDraft {
  return {
    name: workflow.name,
    description: workflow.description,
    types: workflow.audience.types,
    tags: workflow.audience.tags.join(', '),
    steps: workflow.steps.map((step) => ({
      ...newStep(step.kind),
      id: step.id,
      title: step.title,
      description: step.description,
      isRequired: step.isRequired,
      dueInDays: step.dueInDays === null ? '' : String(step.dueInDays),
      documentTitle: step.documentTitle ?? '',
      documentText: step.documentText ?? '',
      documentUrl: step.documentUrl ?? '',
      fields: step.fields ?? ['website', 'country', 'contact'],
      courseId: step.courseId ?? '',
      confirmedBy: step.confirmedBy ?? 'partner',
    })),
  }
}

function toStepInput(step: StepDraft): OnboardingStepInput {
  const days = step.dueInDays.trim()
  const base = {
    ...(step.id ? { id: step.id } : {}),
    title: step.title,
    description: step.description,
    isRequired: step.isRequired,
    dueInDays: days === '' ? null : Number(days),
  }
  switch (step.kind) {
    case 'agreement':
      return {
        ...base,
        kind: 'agreement',
        documentTitle: step.documentTitle,
        documentText: step.documentText,
        documentUrl: step.documentUrl.trim() === '' ? null : step.documentUrl.trim(),
      }
    case 'profile':
      return { ...base, kind: 'profile', fields: step.fields }
    case 'course':
      return { ...base, kind: 'course', courseId: step.courseId }
    case 'custom':
      return { ...base, kind: 'custom', confirmedBy: step.confirmedBy }
    case 'tax_form':
      return { ...base, kind: 'tax_form' }
    case 'deal_registration':
      return { ...base, kind: 'deal_registration' }
  }
}

export function toWorkflowInput(draft: WorkflowDraft): CreateWorkflowInput {
  return {
    name: draft.name,
    description: draft.description,
    audience: {
      types: draft.types as NonNullable<CreateWorkflowInput['audience']>['types'],
      tags: draft.tags
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    },
    steps: draft.steps.map(toStepInput),
  }
}

/** Moves a step up (-1) or down (+1); at either end it stays. */
export function moveStep(steps: readonly StepDraft[], index: number, by: -1 | 1): StepDraft[] {
  const to = index + by
  if (to < 0 || to >= steps.length) return [...steps]
  const next = [...steps]
  ;[next[index], next[to]] = [next[to]!, next[index]!]
  return next
}
