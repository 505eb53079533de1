// Deal registration on the wire: what a partner submits, the conflicts a name or domain meets (full
// evidence for staff, redacted for partners), the review decisions, the registration as listed and in
// detail, and the org's registration settings.
import { z } from 'zod'
import {
  countryCode,
  currencyCode,
  entityId,
  moneyView,
  page,
  pageQuery,
  timestamp,
} from '../../../platform/platform.contract'

export const registrationStatuses = ['pending', 'info_requested', 'approved', 'rejected', 'expired'] as const
export const registrationStatus = z.enum(registrationStatuses)
export type RegistrationStatus = z.infer<typeof registrationStatus>

const decimalAmount = z
  .string()
  .trim()
  .regex(/^\d{1,15}(\.\d{1,4})?$/, 'must be a decimal amount such as 25000.00')

const calendarDay = z.iso
  .date()
  .refine((day) => day >= '1900-01-01' && day < '3000-01-01', 'must be between the years 1900 and 2999')

const accountName = z.string().trim().min(2).max(200).describe('The customer’s company name')
const domain = z
  .string()
  .trim()
  .max(253)
  .nullable()
  .optional()
  .describe('The customer’s web domain, e.g. acme.example (a web address is read as its domain)')

export const checkRegistrationInput = z
  .object({
    partnerId: entityId
      .optional()
      .describe('Staff check for a partner; a partner user always checks for their own'),
    accountName,
    domain,
  })
  .meta({ id: 'RegistrationCheck', examples: [{ accountName: 'Acme Widgets', domain: 'acme.example' }] })
export type CheckRegistrationInput = z.infer<typeof checkRegistrationInput>

export const submitRegistrationInput = z
  .object({
    partnerId: entityId
      .optional()
      .describe('Staff register for a partner (required then); a partner user registers for their own'),
    accountName,
    domain,
    contact: z.object({
      name: z.string().trim().min(1).max(200),
      email: z.email().max(320),
    }),
    amount: decimalAmount.describe('Expected deal amount in major units, e.g. "25000.00"'),
    currency: currencyCode,
    expectedCloseOn: calendarDay.describe('When the deal is expected to close (YYYY-MM-DD)'),
    products: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    notes: z.string().trim().max(5000).nullable().optional(),
    country: countryCode
      .nullable()
      .optional()
      .describe('The customer’s country (ISO 3166 alpha-2): routes the registration to a territory'),
    industry: z
      .string()
      .trim()
      .max(100)
      .nullable()
      .optional()
      .describe('The customer’s industry: routes the registration to a territory'),
  })
  .meta({
    id: 'NewDealRegistration',
    examples: [
      {
        accountName: 'Acme Widgets',
        domain: 'acme.example',
        contact: { name: 'Dana Buyer', email: 'dana@acme.example' },
        amount: '25000.00',
        currency: 'USD',
        expectedCloseOn: '2026-09-30',
        products: ['Platform', 'Analytics add-on'],
        notes: 'Met their CFO at the partner summit; evaluating against two others.',
        country: 'DE',
        industry: 'Software',
      },
    ],
  })
export type SubmitRegistrationInput = z.infer<typeof submitRegistrationInput>

/**
 * One conflict a registration meets. `evidence` is for staff only: a partner learns that the account
 * is registered (and until when it is protected) or that an open opportunity exists, never by whom.
 */
export const conflictView = z
  .object({
    kind: z
      .enum(['registration', 'open_deal'])
      .describe('registration: another partner registered it; open_deal: a deal is already open on it'),
    match: z.enum(['domain', 'name', 'similar_name']),
    message: z.string().describe('The conflict in plain words, as the caller may read it'),
    protectedUntil: timestamp.nullable().describe('For an approved registration: the end of its protection'),
    evidence: z
      .object({
        similarity: z.number().describe('How alike the names are, 0–1'),
        accountName: z.string(),
        domain: z.string().nullable(),
        registration: z
          .object({
            id: z.string(),
            partnerId: z.string(),
            partnerName: z.string().nullable(),
            status: registrationStatus,
            submittedAt: timestamp,
            amount: moneyView,
          })
          .nullable(),
        deal: z
          .object({
            id: z.string(),
            name: z.string(),
            accountId: z.string(),
            amount: moneyView,
            stage: z.string(),
            owner: z.string().nullable(),
            openedAt: timestamp,
          })
          .nullable(),
      })
      .nullable()
      .describe('Staff only: the record the conflict is with'),
  })
  .meta({ id: 'RegistrationConflict' })
export type ConflictView = z.infer<typeof conflictView>

export const conflictList = z
  .object({ conflicts: z.array(conflictView) })
  .meta({ id: 'RegistrationConflicts' })
export type ConflictList = z.infer<typeof conflictList>

export const registrationNoteKinds = [
  'submitted',
  'info_requested',
  'replied',
  'approved',
  'rejected',
  'extended',
  'expired',
] as const

export const registrationNoteView = z.object({
  kind: z.enum(registrationNoteKinds),
  message: z.string().nullable(),
  side: z.enum(['partner', 'staff', 'system']),
  actor: z.string().nullable().describe('Who acted; staff only'),
  at: timestamp,
})
export type RegistrationNoteView = z.infer<typeof registrationNoteView>

export const registrationView = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    partnerName: z.string().nullable(),
    status: registrationStatus,
    accountName: z.string(),
    domain: z.string().nullable(),
    contact: z.object({ name: z.string(), email: z.string() }),
    amount: moneyView,
    expectedCloseOn: z.string(),
    products: z.array(z.string()),
    notes: z.string().nullable(),
    submittedAt: timestamp,
    reviewDueAt: timestamp
      .nullable()
      .describe('When staff should have decided; null when not waiting for them'),
    isOverdue: z.boolean().describe('Waiting for staff past its review deadline'),
    infoRequest: z.string().nullable().describe('While the partner is asked for more: what staff asked'),
    rejectionReason: z.string().nullable().describe('Why staff rejected it'),
    decidedAt: timestamp.nullable(),
    protectedUntil: timestamp.nullable(),
    extensions: z.number().int(),
    dealId: z.string().nullable(),
    accountId: z.string().nullable(),
    conflictsAtSubmission: z.number().int(),
    isInactive: z
      .boolean()
      .describe(
        'Approved, and the partner has not touched its deal since the registration for 30 days or more',
      ),
    lastPartnerActivityAt: timestamp
      .nullable()
      .describe('The partner’s last touch on the deal after registering'),
    country: z.string().nullable(),
    industry: z.string().nullable(),
    assignee: z
      .object({ id: z.string(), name: z.string().nullable() })
      .nullable()
      .describe('The staff user who reviews it: its territory’s owner (staff only)'),
    territoryId: z.string().nullable(),
    routingReason: z
      .string()
      .nullable()
      .describe('Why it went to its reviewer, e.g. “routed to the EMEA territory: country DE” (staff only)'),
  })
  .meta({ id: 'DealRegistration' })
export type RegistrationView = z.infer<typeof registrationView>

export const registrationDetailView = registrationView
  .extend({
    conflicts: z.array(conflictView).describe('Worked out now, as the caller may see them'),
    history: z.array(registrationNoteView).describe('Oldest first'),
  })
  .meta({ id: 'DealRegistrationDetail' })
export type RegistrationDetailView = z.infer<typeof registrationDetailView>

export const submittedRegistrationView = registrationView
  .extend({ conflicts: z.array(conflictView).describe('What the submission met, as the caller may see it') })
  .meta({ id: 'SubmittedDealRegistration' })
export type SubmittedRegistrationView = z.infer<typeof submittedRegistrationView>

const flag = z.enum(['true', 'false']).transform((value) => value === 'true')

export const listRegistrationsQuery = pageQuery.extend({
  status: registrationStatus.optional(),
  overdue: flag.optional().describe('true: only those waiting for staff past their review deadline'),
  inactive: flag.optional().describe('true: only approved ones without partner activity since'),
  partnerId: entityId.optional().describe('A partner user may name only their own partner'),
  q: z.string().trim().max(200).optional().describe('Search in account names and domains'),
  assignedTo: z
    .union([z.enum(['me', 'none']), entityId])
    .optional()
    .describe('me: the caller’s own queue; none: those no territory took; or a staff user’s id'),
})
export type ListRegistrationsQuery = z.infer<typeof listRegistrationsQuery>
export const registrationPage = page(registrationView)

export const approveRegistrationInput = z
  .object({
    dealId: entityId
      .optional()
      .describe(
        'An open deal to link; without it approval creates the account (if none has the domain) and a deal',
      ),
    note: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'RegistrationApproval' })
export type ApproveRegistrationInput = z.infer<typeof approveRegistrationInput>

export const rejectRegistrationInput = z
  .object({ reason: z.string().trim().min(1).max(2000).describe('Shown to the partner') })
  .meta({ id: 'RegistrationRejection' })

export const registrationMessageInput = z
  .object({ message: z.string().trim().min(1).max(5000) })
  .meta({ id: 'RegistrationMessage' })

export const extendRegistrationInput = z
  .object({
    days: z.number().int().min(1).max(365).optional().describe('Defaults to the org’s extension days'),
    note: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'RegistrationExtension' })
export type ExtendRegistrationInput = z.infer<typeof extendRegistrationInput>

export const registrationDefaults = {
  reviewSlaHours: 48,
  protectionDays: 90,
  extensionDays: 30,
  maxExtensions: 2,
} as const

export const registrationSettingsInput = z
  .object({
    reviewSlaHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .describe('Hours staff have to decide'),
    protectionDays: z.number().int().min(1).max(730).describe('Days an approval protects the account'),
    extensionDays: z.number().int().min(1).max(365).describe('Days an extension adds by default'),
    maxExtensions: z.number().int().min(0).max(20).describe('How many times a registration may be extended'),
  })
  .meta({ id: 'RegistrationSettings', examples: [registrationDefaults] })
export type RegistrationSettings = z.infer<typeof registrationSettingsInput>
