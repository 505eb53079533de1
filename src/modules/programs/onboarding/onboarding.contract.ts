// Onboarding on the wire: workflows (a named, versioned sequence of steps for an audience of partner
// types and tags), each step of a kind — an agreement to accept, profile fields to fill, a tax form on
// file, a course's certificate, a first deal registration, or a custom step ticked by hand — and each
// partner's progress through the workflow it was enrolled in.
import { z } from 'zod'
import { entityId, idParam, timestamp } from '../../../platform/platform.contract'

export const onboardingStepKinds = [
  'agreement',
  'profile',
  'tax_form',
  'course',
  'deal_registration',
  'custom',
] as const
export const onboardingStepKind = z.enum(onboardingStepKinds)
export type OnboardingStepKind = z.infer<typeof onboardingStepKind>

export const profileFields = ['website', 'country', 'contact'] as const
export const profileField = z.enum(profileFields)
export type ProfileField = z.infer<typeof profileField>

export const customConfirmers = ['partner', 'staff'] as const

const webAddress = z.url({ protocol: /^https?$/, error: 'must be a web address (http or https)' }).max(2000)

const stepBase = {
  id: entityId.optional().describe('An existing step’s id keeps it (and the partners’ progress on it)'),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).default(''),
  isRequired: z.boolean().default(true).describe('Activation waits for every required step'),
  dueInDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .nullable()
    .default(null)
    .describe('Days after enrolment the step is due; null: no due date'),
}

const agreementStep = z
  .object({
    ...stepBase,
    kind: z.literal('agreement'),
    documentTitle: z.string().trim().min(1).max(200).describe('e.g. “Partner agreement”'),
    documentText: z.string().max(50_000).default('').describe('The text the partner admin accepts'),
    documentUrl: webAddress.nullable().default(null).describe('Or where the document is kept'),
  })
  .strict()
  .superRefine((step, ctx) => {
    if (!step.documentText.trim() && !step.documentUrl)
      ctx.addIssue({ code: 'custom', path: ['documentText'], message: 'give the text or a documentUrl' })
  })

const profileStep = z
  .object({
    ...stepBase,
    kind: z.literal('profile'),
    fields: z
      .array(profileField)
      .min(1)
      .max(profileFields.length)
      .describe('Profile fields that must be filled'),
  })
  .strict()

const taxFormStep = z.object({ ...stepBase, kind: z.literal('tax_form') }).strict()

const courseStep = z
  .object({
    ...stepBase,
    kind: z.literal('course'),
    courseId: entityId.describe('A course whose certificate someone at the partner must hold'),
  })
  .strict()

const dealRegistrationStep = z.object({ ...stepBase, kind: z.literal('deal_registration') }).strict()

const customStep = z
  .object({
    ...stepBase,
    kind: z.literal('custom'),
    confirmedBy: z
      .enum(customConfirmers)
      .default('staff')
      .describe('partner: the partner admin confirms it (staff may too); staff: only staff tick it'),
  })
  .strict()

export const onboardingStepInput = z.discriminatedUnion('kind', [
  agreementStep,
  profileStep,
  taxFormStep,
  courseStep,
  dealRegistrationStep,
  customStep,
])
export type OnboardingStepInput = z.input<typeof onboardingStepInput>

/** The partner types (partners' own list; a test keeps the two the same). */
export const audienceTypes = [
  'reseller',
  'referral',
  'affiliate',
  'distributor',
  'agency',
  'technology',
  'alliance',
  'marketplace_app',
] as const

/** Which partners a workflow enrols: empty lists match every partner. */
export const onboardingAudience = z
  .object({
    types: z
      .array(z.enum(audienceTypes))
      .max(10)
      .default([])
      .describe('Partner types enrolled; empty: every type'),
    tags: z
      .array(z.string().trim().toLowerCase().min(1).max(50))
      .max(20)
      .default([])
      .describe('A partner with any of these tags is enrolled; empty: tags do not matter'),
  })
  .strict()
export type OnboardingAudience = z.infer<typeof onboardingAudience>

const workflowShape = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).default(''),
  audience: onboardingAudience.default({ types: [], tags: [] }),
  steps: z.array(onboardingStepInput).max(30).default([]),
}

export const createWorkflowInput = z
  .object(workflowShape)
  .strict()
  .meta({
    id: 'NewOnboardingWorkflow',
    examples: [
      {
        name: 'Reseller onboarding',
        description: 'What a new reseller does in its first month.',
        audience: { types: ['reseller'], tags: [] },
        steps: [
          {
            kind: 'agreement',
            title: 'Sign the partner agreement',
            documentTitle: 'Partner agreement',
            documentText: 'The partner resells the platform on the terms below…',
            dueInDays: 7,
          },
          { kind: 'profile', title: 'Complete your profile', fields: ['website', 'country', 'contact'] },
          { kind: 'tax_form', title: 'Submit your tax form', dueInDays: 14 },
          { kind: 'deal_registration', title: 'Register your first deal', dueInDays: 30 },
        ],
      },
    ],
  })
export type CreateWorkflowInput = z.input<typeof createWorkflowInput>

export const updateWorkflowInput = z
  .object({
    name: workflowShape.name.optional(),
    description: z.string().trim().max(2000).optional(),
    audience: onboardingAudience.optional(),
    steps: z.array(onboardingStepInput).max(30).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'change at least one field' })
  .meta({ id: 'OnboardingWorkflowChange' })
export type UpdateWorkflowInput = z.input<typeof updateWorkflowInput>

/** A step as stored on a workflow: every kind's settings, the ones that do not apply null. */
export interface StepDefinition {
  id: string
  kind: OnboardingStepKind
  title: string
  description: string
  isRequired: boolean
  dueInDays: number | null
  documentTitle: string | null
  documentText: string | null
  documentUrl: string | null
  /** sha256 of the agreement's title, text and address: an acceptance counts for this text only. */
  documentHash: string | null
  fields: ProfileField[] | null
  courseId: string | null
  confirmedBy: (typeof customConfirmers)[number] | null
}

export const stepView = z.object({
  id: z.string(),
  kind: onboardingStepKind,
  title: z.string(),
  description: z.string(),
  isRequired: z.boolean(),
  dueInDays: z.number().int().nullable(),
  documentTitle: z.string().nullable(),
  documentText: z.string().nullable(),
  documentUrl: z.string().nullable(),
  documentHash: z
    .string()
    .nullable()
    .describe('The agreement’s version: a hash of its title, text and address'),
  fields: z.array(profileField).nullable(),
  courseId: z.string().nullable(),
  courseTitle: z.string().nullable(),
  confirmedBy: z.enum(customConfirmers).nullable(),
})
export type StepView = z.infer<typeof stepView>

export const workflowStatuses = ['draft', 'published', 'archived'] as const
export const workflowStatus = z.enum(workflowStatuses)
export type WorkflowStatus = z.infer<typeof workflowStatus>

export const workflowView = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    status: workflowStatus,
    audience: onboardingAudience,
    steps: z.array(stepView).describe('The draft: what the next publication makes live'),
    version: z.number().int().describe('The published version partners follow; 0 before the first'),
    hasUnpublishedChanges: z.boolean(),
    publishedAt: timestamp.nullable(),
    counts: z.object({
      enrolled: z.number().int(),
      activated: z.number().int(),
      overdue: z.number().int().describe('Partners with at least one step past its due date'),
    }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'OnboardingWorkflow' })
export type WorkflowView = z.infer<typeof workflowView>

export const workflowList = z.object({ items: z.array(workflowView) })

export const stepStatuses = ['done', 'open', 'overdue'] as const
export const stepProgressView = stepView.extend({
  status: z.enum(stepStatuses),
  dueOn: z.string().nullable().describe('The calendar day it is due (UTC), from the enrolment'),
  completedAt: timestamp.nullable(),
  completedBy: z.string().nullable().describe('Who accepted, confirmed or ticked it; null when facts did'),
  canAct: z.boolean().describe('The caller may accept the agreement or confirm or tick the step themselves'),
})
export type StepProgressView = z.infer<typeof stepProgressView>

export const enrolmentView = z
  .object({
    workflowId: z.string(),
    workflowName: z.string(),
    version: z.number().int(),
    partnerId: z.string(),
    partnerName: z.string().nullable(),
    enrolledAt: timestamp,
    activatedAt: timestamp.nullable(),
    percentDone: z.number().int().describe('Required steps done, in percent'),
    requiredDone: z.number().int(),
    requiredTotal: z.number().int(),
    overdue: z.number().int(),
    steps: z.array(stepProgressView),
  })
  .meta({ id: 'OnboardingEnrolment' })
export type EnrolmentView = z.infer<typeof enrolmentView>

export const partnerOnboardingView = z
  .object({ partnerId: z.string(), items: z.array(enrolmentView) })
  .meta({ id: 'PartnerOnboarding' })
export type PartnerOnboardingView = z.infer<typeof partnerOnboardingView>

export const workflowProgressQuery = z.object({
  status: z.enum(['all', 'active', 'activated', 'overdue']).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
})
export type WorkflowProgressQuery = z.infer<typeof workflowProgressQuery>

export const workflowProgressView = z
  .object({
    workflowId: z.string(),
    version: z.number().int(),
    steps: z.array(stepView),
    items: z.array(enrolmentView),
    total: z.number().int(),
  })
  .meta({ id: 'OnboardingWorkflowProgress' })
export type WorkflowProgressView = z.infer<typeof workflowProgressView>

export const acceptAgreementInput = z
  .object({
    documentHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be the documentHash of the text shown')
      .describe('The version of the text the partner admin read: refused if the text changed since'),
  })
  .strict()
export type AcceptAgreementInput = z.infer<typeof acceptAgreementInput>

export const stepParams = z.object({
  id: idParam.shape.id.describe('The workflow'),
  partnerId: idParam.shape.id,
  stepId: idParam.shape.id,
})
