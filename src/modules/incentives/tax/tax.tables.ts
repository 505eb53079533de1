// Tables tax owns: partners' tax forms (W-9, W-8BEN, W-8BEN-E) with their tax ids sealed, and the
// org's own 1099-NEC thresholds where they differ from the IRS's.
import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'
import { defineIds } from '../../../platform/ids'

export const taxIds = defineIds({ form: 'txf' })

/**
 * One tax form a partner signed. A new one supersedes the partner's earlier forms; staff approve or
 * reject it. Tax ids are stored sealed (AES-GCM, bound to the form) with only their last 4 in clear.
 */
export const taxForms = pgTable(
  'tax_forms',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    kind: text('kind', { enum: ['w9', 'w8ben', 'w8bene'] }).notNull(),
    status: text('status', { enum: ['submitted', 'approved', 'rejected', 'superseded'] }).notNull(),
    legalName: text('legal_name').notNull(),
    businessName: text('business_name'),
    /** W-9 federal tax classification, or W-8 entity type (individual for a W-8BEN). */
    taxClassification: text('tax_classification').notNull(),
    country: text('country').notNull(),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2'),
    city: text('city').notNull(),
    region: text('region'),
    postalCode: text('postal_code'),
    /** The US tax id: required on a W-9, optional on a W-8. */
    tinKind: text('tin_kind', { enum: ['ssn', 'ein', 'itin'] }),
    tinSealed: text('tin_sealed'),
    tinLast4: text('tin_last4'),
    /** The tax id in the country of residence (W-8s). */
    foreignTinSealed: text('foreign_tin_sealed'),
    foreignTinLast4: text('foreign_tin_last4'),
    /** Treaty benefits claimed on a W-8: the treaty country, its article and the rate in percent. */
    treatyCountry: text('treaty_country'),
    treatyArticle: text('treaty_article'),
    treatyRatePercent: text('treaty_rate_percent'),
    signerName: text('signer_name').notNull(),
    /** The signer ticked "under penalties of perjury, I declare…" (always true: refused otherwise). */
    isSignatureAttested: boolean('is_signature_attested').notNull(),
    signedAt: timestamptz('signed_at').notNull(),
    signedFromIp: text('signed_from_ip'),
    submittedBy: text('submitted_by').notNull(),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamptz('reviewed_at'),
    rejectionReason: text('rejection_reason'),
    /** W-8s stay valid until the end of the third calendar year after signing; W-9s do not expire. */
    expiresOn: date('expires_on', { mode: 'string' }),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('tax_forms_partner_idx').on(t.orgId, t.partnerId, t.status),
    // a new form supersedes the earlier ones: a partner has at most one form in force or in review
    uniqueIndex('tax_forms_current_idx')
      .on(t.orgId, t.partnerId)
      .where(sql`${t.status} in ('submitted', 'approved')`),
    index('tax_forms_status_idx').on(t.orgId, t.status, t.id).where(sql`${t.status} = 'submitted'`),
  ],
)

/** The org's 1099-NEC reporting threshold for a payment year, in USD cents, where it sets its own. */
export const taxThresholds = pgTable(
  'tax_thresholds',
  {
    orgId: text('org_id').notNull(),
    year: integer('year').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'bigint' }).notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year] })],
)
