// Tables revenue owns for deal registration: partners' registrations with their review state and
// protection, the history of each (status changes and the messages staff and partner exchange), and
// each org's registration settings.
import { sql } from 'drizzle-orm'
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { externalRefColumns, externalRefIndex, timestamptz } from '../../../platform/columns'
import { defineIds } from '../../../platform/ids'
import { registrationNoteKinds, registrationStatuses } from './registrations.contract'

/** Id prefixes of registration records (see the module descriptor). */
export const registrationIds = defineIds({ registration: 'reg', registrationNote: 'rgn' })

/**
 * A partner's claim on an opportunity. While pending (or waiting for the partner's answer) it is due
 * for review by `reviewDueAt`; once approved it protects the account until `protectedUntil` and points
 * at the deal approval created or linked. Submitted with an Idempotency-Key, the key is kept as
 * (source, external id) so a resent request makes no second registration.
 */
export const dealRegistrations = pgTable(
  'deal_registrations',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    status: text('status', { enum: registrationStatuses }).notNull(),
    accountName: text('account_name').notNull(),
    /** The name reduced for comparison (account-names.ts): what duplicates are found by. */
    accountKey: text('account_key').notNull(),
    domain: text('domain'),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    expectedCloseOn: date('expected_close_on', { mode: 'string' }).notNull(),
    products: jsonb('products').$type<string[]>().notNull(),
    notes: text('notes'),
    /** How many conflicts the submission met: the queue's hint; the detail works them out again. */
    conflictsAtSubmission: integer('conflicts_at_submission').notNull(),
    submittedAt: timestamptz('submitted_at').notNull(),
    submittedBy: text('submitted_by').notNull(),
    /** The user who submitted it, told of decisions and questions by mail. */
    submitterUserId: text('submitter_user_id'),
    /** When staff should have decided; null while the partner is asked for more, and once decided. */
    reviewDueAt: timestamptz('review_due_at'),
    decidedAt: timestamptz('decided_at'),
    decidedBy: text('decided_by'),
    protectedUntil: timestamptz('protected_until'),
    extensions: integer('extensions').notNull(),
    accountId: text('account_id'),
    dealId: text('deal_id'),
    /** The customer's country and industry as submitted: what territory routing reads. */
    country: text('country'),
    industry: text('industry'),
    /** The staff user who reviews it: the owner of the territory it was routed to; null when none matched. */
    assignedTo: text('assigned_to'),
    territoryId: text('territory_id'),
    /** Why it went to them, in words ("routed to the EMEA territory: country DE, industry Software"). */
    routingReason: text('routing_reason'),
    ...externalRefColumns(),
    /** A hash of the submitted fields: the same Idempotency-Key with other fields is refused. */
    requestHash: text('request_hash'),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('deal_registrations_status_idx').on(t.orgId, t.status, t.reviewDueAt),
    index('deal_registrations_partner_idx').on(t.orgId, t.partnerId, t.id),
    index('deal_registrations_key_idx').on(t.orgId, t.accountKey),
    index('deal_registrations_domain_idx').on(t.orgId, t.domain),
    index('deal_registrations_deal_idx').on(t.orgId, t.dealId),
    index('deal_registrations_assignee_idx').on(t.orgId, t.assignedTo, t.id),
    index('deal_registrations_expiry_idx').on(t.orgId, t.protectedUntil).where(sql`${t.status} = 'approved'`),
    externalRefIndex('deal_registrations_external_idx', t),
  ],
)

/** What happened to a registration, oldest first, with the message that came with it. Append-only. */
export const dealRegistrationNotes = pgTable(
  'deal_registration_notes',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    registrationId: text('registration_id').notNull(),
    kind: text('kind', { enum: registrationNoteKinds }).notNull(),
    message: text('message'),
    /** Whose side acted: a partner sees this, never staff's names. */
    side: text('side', { enum: ['partner', 'staff', 'system'] }).notNull(),
    actor: text('actor').notNull(),
    at: timestamptz('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('deal_registration_notes_registration_idx').on(t.orgId, t.registrationId, t.at),
  ],
)

/** An org's registration rules; an org without a row has the defaults (registrations.contract.ts). */
export const registrationSettings = pgTable('registration_settings', {
  orgId: text('org_id').primaryKey(),
  reviewSlaHours: integer('review_sla_hours').notNull(),
  protectionDays: integer('protection_days').notNull(),
  extensionDays: integer('extension_days').notNull(),
  maxExtensions: integer('max_extensions').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
})
