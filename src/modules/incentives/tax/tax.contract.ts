// Tax on the wire: partners' W-9 / W-8BEN / W-8BEN-E forms (tax ids only ever masked), their review,
// the org's 1099-NEC thresholds and the year-end 1099-NEC report.
import { z } from 'zod'
import { countryCode, entityId, moneyView, page, pageQuery } from '../../../platform/platform.contract'

export const taxFormKinds = ['w9', 'w8ben', 'w8bene'] as const
export const taxFormKind = z.enum(taxFormKinds)
export type TaxFormKind = z.infer<typeof taxFormKind>

export const taxFormStatuses = ['submitted', 'approved', 'rejected', 'superseded'] as const
export const taxFormStatus = z.enum(taxFormStatuses)
export type TaxFormStatus = z.infer<typeof taxFormStatus>

/** W-9 line 3a: the federal tax classification of a US person. */
export const w9Classifications = [
  'individual',
  'c_corporation',
  's_corporation',
  'partnership',
  'trust_estate',
  'llc_c',
  'llc_s',
  'llc_p',
  'other',
] as const

// W-8BEN-E line 4: the chapter 3 status of a foreign entity (a W-8BEN is always an individual's)
const w8beneOwnClassifications = [
  'corporation',
  'disregarded_entity',
  'simple_trust',
  'grantor_trust',
  'complex_trust',
  'estate',
  'government',
  'central_bank',
  'international_organization',
  'tax_exempt_organization',
  'private_foundation',
] as const
export const w8beneClassifications = ['partnership', ...w8beneOwnClassifications] as const

export const taxClassifications = [...w9Classifications, ...w8beneOwnClassifications] as const
export const taxClassification = z.enum(taxClassifications)
export type TaxClassification = z.infer<typeof taxClassification>

/** A US tax id: Social Security, Employer Identification or Individual Taxpayer Identification Number. */
export const tinKinds = ['ssn', 'ein', 'itin'] as const
export const tinKind = z.enum(tinKinds)
export type TinKind = z.infer<typeof tinKind>

const text = (max: number) => z.string().trim().max(max)

export const submitTaxFormInput = z
  .object({
    partnerId: entityId
      .optional()
      .describe('The partner the form is for: staff name one; a partner user submits their own'),
    kind: taxFormKind.describe('w9 for US persons; w8ben for individuals and w8bene for entities abroad'),
    legalName: text(200).describe('Name as shown on the income tax return'),
    businessName: text(200).optional().describe('Business or disregarded entity name, if different'),
    taxClassification,
    country: countryCode.describe('Country of citizenship, incorporation or residence: US on a W-9 only'),
    addressLine1: text(200),
    addressLine2: text(200).optional(),
    city: text(100),
    region: text(100).optional().describe('State or province'),
    postalCode: text(20).optional(),
    tinKind: tinKind.optional().describe('Required with tin: ssn, ein or itin'),
    tin: text(30)
      .optional()
      .describe('US tax id: SSN AAA-GG-SSSS, EIN XX-XXXXXXX or ITIN 9XX-XX-XXXX. Required on a W-9'),
    foreignTin: text(40).optional().describe('Tax id in the country of residence (W-8s)'),
    treatyCountry: countryCode.optional().describe('W-8 treaty benefits: the treaty country'),
    treatyArticle: text(50).optional().describe('W-8 treaty benefits: the article and paragraph, e.g. 7(1)'),
    treatyRatePercent: text(10)
      .optional()
      .describe('W-8 treaty benefits: the withholding rate, e.g. 0 or 15'),
    signerName: text(200),
    signatureAttested: z
      .boolean()
      .describe('The signer certifies the form under penalties of perjury; it must be true'),
  })
  .meta({
    id: 'NewTaxForm',
    examples: [
      {
        kind: 'w9',
        legalName: 'Harbor Systems LLC',
        taxClassification: 'llc_c',
        country: 'US',
        addressLine1: '1 Harbor Way',
        city: 'Portland',
        region: 'OR',
        postalCode: '97201',
        tinKind: 'ein',
        tin: '12-3456789',
        signerName: 'Ines de Vries',
        signatureAttested: true,
      },
    ],
  })
export type SubmitTaxFormInput = z.infer<typeof submitTaxFormInput>

export const rejectTaxFormInput = z
  .object({ reason: text(1000).describe('Why the form cannot be accepted; the partner sees it') })
  .meta({ id: 'TaxFormRejection' })
export type RejectTaxFormInput = z.infer<typeof rejectTaxFormInput>

export const taxFormView = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    partnerName: z.string().nullable(),
    kind: taxFormKind,
    status: taxFormStatus,
    legalName: z.string(),
    businessName: z.string().nullable(),
    taxClassification: z.string(),
    country: z.string(),
    addressLine1: z.string(),
    addressLine2: z.string().nullable(),
    city: z.string(),
    region: z.string().nullable(),
    postalCode: z.string().nullable(),
    tinKind: tinKind.nullable(),
    tinMasked: z.string().nullable().describe('The US tax id with all but its last 4 digits hidden'),
    tinLast4: z.string().nullable(),
    foreignTinMasked: z.string().nullable(),
    treaty: z.object({ country: z.string(), article: z.string(), ratePercent: z.string() }).nullable(),
    signerName: z.string(),
    signedAt: z.string(),
    signedFromIp: z.string().nullable(),
    submittedBy: z.string(),
    reviewedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    expiresOn: z.string().nullable().describe('W-8s: the last day the form is valid'),
    isValid: z.boolean().describe('Approved and not expired: payouts to the partner may go ahead'),
    createdAt: z.string(),
  })
  .meta({ id: 'TaxForm' })
export type TaxFormView = z.infer<typeof taxFormView>

export const listTaxFormsQuery = pageQuery.extend({
  status: taxFormStatus.optional(),
  partnerId: entityId.optional(),
})
export type ListTaxFormsQuery = z.infer<typeof listTaxFormsQuery>
export const taxFormPage = page(taxFormView)

export const setTaxThresholdInput = z
  .object({
    year: z.number().int().min(2000).max(2999),
    amountMinor: z
      .string()
      .regex(/^\d{1,15}$/, 'must be a whole number of US cents, e.g. 200000 for $2,000.00'),
  })
  .meta({ id: 'TaxThreshold' })
export type SetTaxThresholdInput = z.infer<typeof setTaxThresholdInput>

export const taxThresholdView = z.object({
  year: z.number().int(),
  threshold: moneyView,
  source: z.enum(['irs', 'org']).describe('The IRS default, or the org’s own amount'),
})
export type TaxThresholdView = z.infer<typeof taxThresholdView>
export const taxThresholdList = z.object({ items: z.array(taxThresholdView) })

export const reportYearQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2999)
    .optional()
    .describe('The payment year; the last calendar year by default'),
})
export type ReportYearQuery = z.infer<typeof reportYearQuery>

export const partnerIdParam = z.object({
  partnerId: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be an id such as prt_01h455vb4pex5vsknk084sn02q'),
})

export const form1099Row = z
  .object({
    partnerId: z.string(),
    partnerName: z.string(),
    country: z.string().nullable(),
    legalName: z.string().nullable().describe('From the approved W-9'),
    tinKind: tinKind.nullable(),
    tinLast4: z.string().nullable(),
    tinMasked: z.string().nullable(),
    formKind: taxFormKind.nullable().describe('The partner’s form in force or in review'),
    formStatus: taxFormStatus.nullable(),
    paid: moneyView.describe('Payouts paid in the year, in USD at the rates of each payment day'),
    payouts: z.number().int(),
    isReportable: z.boolean().describe('An approved W-9 and a total at or above the threshold'),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'Form1099Row' })
export type Form1099Row = z.infer<typeof form1099Row>

export const form1099Report = z
  .object({
    year: z.number().int(),
    payer: z.object({ name: z.string() }),
    threshold: taxThresholdView,
    rows: z.array(form1099Row),
    reportable: z.number().int(),
    reportableTotal: moneyView,
  })
  .meta({ id: 'Form1099Report' })
export type Form1099Report = z.infer<typeof form1099Report>
