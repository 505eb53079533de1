// The year-end 1099-NEC report: what each partner was paid in a calendar year (payouts paid, in USD
// at the rates of each payment day), against the year's threshold and the partner's W-9; as rows, a
// CSV file and a statement per partner. A payout that cannot be converted is named, never guessed.
import { and, eq, gte, inArray, lt } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { convert, formatAmount, type RateSnapshot, toMoneyView } from '../../../money'
import { notFound } from '../../../platform/app-error'
import type { Clock } from '../../../platform/clock'
import { csvLine } from '../../../platform/csv'
import type { Scope } from '../../../platform/scope'
import { ratesInForce } from '../../credits'
import { getOrg } from '../../identity'
import { readPartnerFacts } from '../../partners'
import { incentivesPermissions } from '../incentives.permissions'
import { payouts } from '../payouts/payouts.tables'
import type { Form1099Report, Form1099Row, TinKind } from './tax.contract'
import { taxForms } from './tax.tables'
import { thresholdFor } from './tax-thresholds.service'
import { maskTin } from './tin'

type TaxFormRow = typeof taxForms.$inferSelect

/** The payment year asked for, or the last calendar year (the one a 1099-NEC is filed for). */
export const reportYear = (year: number | undefined, clock: Clock) => year ?? clock.now().getUTCFullYear() - 1

interface PartnerPayments {
  usdMinor: bigint
  payouts: number
  warnings: string[]
}

/** Payouts paid in the year, per partner, in USD; the ones that cannot be converted become warnings. */
async function paymentsInYear(
  db: Db,
  orgId: string,
  year: number,
  partnerId?: string,
): Promise<Map<string, PartnerPayments>> {
  const rows = await db
    .select({
      id: payouts.id,
      partnerId: payouts.partnerId,
      amountMinor: payouts.amountMinor,
      currency: payouts.currency,
      paidAt: payouts.paidAt,
    })
    .from(payouts)
    .where(
      and(
        eq(payouts.orgId, orgId),
        eq(payouts.status, 'paid'),
        gte(payouts.paidAt, new Date(Date.UTC(year, 0, 1))),
        lt(payouts.paidAt, new Date(Date.UTC(year + 1, 0, 1))),
        partnerId ? eq(payouts.partnerId, partnerId) : undefined,
      ),
    )
    .orderBy(payouts.paidAt, payouts.id)
  const rates = new Map<string, RateSnapshot | null>()
  const byPartner = new Map<string, PartnerPayments>()
  for (const payout of rows) {
    const entry = byPartner.get(payout.partnerId) ?? { usdMinor: 0n, payouts: 0, warnings: [] }
    byPartner.set(payout.partnerId, entry)
    entry.payouts++
    const day = payout.paidAt!.toISOString().slice(0, 10)
    if (payout.currency === 'USD') {
      entry.usdMinor += payout.amountMinor
      continue
    }
    if (!rates.has(day)) rates.set(day, await ratesInForce(db, orgId, day))
    const snapshot = rates.get(day)
    const canConvert =
      snapshot &&
      [payout.currency, 'USD'].every((c) => c === snapshot.base || snapshot.rates[c] !== undefined)
    if (!snapshot || !canConvert) {
      entry.warnings.push(
        `payout ${payout.id} of ${formatAmount(payout.amountMinor, payout.currency)} ${payout.currency} paid on ${day} ` +
          `could not be converted to USD (no ${payout.currency} and USD rates on or before that day): it is not in the total`,
      )
      continue
    }
    entry.usdMinor += convert(
      { amountMinor: payout.amountMinor, currency: payout.currency },
      'USD',
      snapshot,
    ).amountMinor
  }
  return byPartner
}

/** Each partner's form in force or in review (at most one: a new form supersedes the others). */
async function currentForms(db: Db, orgId: string, partnerIds: string[]) {
  if (partnerIds.length === 0) return new Map<string, TaxFormRow>()
  const rows = await db
    .select()
    .from(taxForms)
    .where(
      and(
        eq(taxForms.orgId, orgId),
        inArray(taxForms.partnerId, partnerIds),
        inArray(taxForms.status, ['submitted', 'approved']),
      ),
    )
  return new Map(rows.map((r) => [r.partnerId, r]))
}

function rowFor(
  partnerId: string,
  partner: { name: string; country: string | null } | undefined,
  paid: PartnerPayments,
  form: TaxFormRow | undefined,
  thresholdMinor: bigint,
  year: number,
): Form1099Row & { form: TaxFormRow | null } {
  const warnings = [...paid.warnings]
  const w9 = form?.kind === 'w9' && form.status === 'approved' ? form : null
  const country = partner?.country ?? null
  const isAtThreshold = paid.usdMinor >= thresholdMinor
  if (!form) {
    if (country === 'US') warnings.push('US partner without a W-9')
    else if (country) warnings.push(`partner in ${country} without a W-8BEN or W-8BEN-E`)
    else warnings.push('no tax form on file, and the partner’s country is not known')
  } else if (form.status === 'submitted') {
    warnings.push(`the partner’s ${formLabel(form.kind)} awaits review`)
  } else if (form.kind !== 'w9') {
    if (country === 'US') warnings.push(`US partner with a ${formLabel(form.kind)} instead of a W-9`)
    if (form.expiresOn && form.expiresOn < `${year}-12-31`)
      warnings.push(`the partner’s ${formLabel(form.kind)} expired on ${form.expiresOn}`)
  }
  if (!w9 && isAtThreshold && (!form || form.kind === 'w9' || country === 'US'))
    warnings.push('paid at or above the threshold without an approved W-9: backup withholding may apply')
  const tinKind = (w9?.tinKind ?? null) as TinKind | null
  return {
    partnerId,
    partnerName: partner?.name ?? partnerId,
    country,
    legalName: w9?.legalName ?? null,
    tinKind,
    tinLast4: w9?.tinLast4 ?? null,
    tinMasked: tinKind && w9?.tinLast4 ? maskTin(tinKind, w9.tinLast4) : null,
    formKind: form?.kind ?? null,
    formStatus: form?.status ?? null,
    paid: toMoneyView(paid.usdMinor, 'USD'),
    payouts: paid.payouts,
    isReportable: Boolean(w9) && isAtThreshold,
    warnings,
    form: form ?? null,
  }
}

const formLabel = (kind: string) => ({ w9: 'W-9', w8ben: 'W-8BEN', w8bene: 'W-8BEN-E' })[kind] ?? kind

async function buildRows(db: Db, orgId: string, year: number, partnerId?: string) {
  const paid = await paymentsInYear(db, orgId, year, partnerId)
  const ids = [...paid.keys()]
  const partners = await readPartnerFacts(db, orgId, ids)
  const forms = await currentForms(db, orgId, ids)
  const threshold = await thresholdFor(db, orgId, year)
  const thresholdMinor = BigInt(threshold.threshold.amountMinor)
  const rows = ids
    .map((id) => rowFor(id, partners.get(id), paid.get(id)!, forms.get(id), thresholdMinor, year))
    .sort((a, b) => a.partnerName.localeCompare(b.partnerName) || a.partnerId.localeCompare(b.partnerId))
  return { rows, threshold }
}

/** Every partner paid in the year: total in USD, W-9 details (tax id masked), reportable or not, warnings. */
export async function build1099Report(
  db: Db,
  scope: Scope,
  year: number | undefined,
  clock: Clock,
): Promise<Form1099Report> {
  incentivesPermissions.require(scope, 'incentives.tax_review')
  const paymentYear = reportYear(year, clock)
  const { rows, threshold } = await buildRows(db, scope.orgId, paymentYear)
  const reportable = rows.filter((r) => r.isReportable)
  return {
    year: paymentYear,
    payer: { name: (await getOrg(db, scope.orgId)).name },
    threshold,
    rows: rows.map(({ form: _form, ...row }) => row),
    reportable: reportable.length,
    reportableTotal: toMoneyView(
      reportable.reduce((sum, r) => sum + BigInt(r.paid.amountMinor), 0n),
      'USD',
    ),
  }
}

const csvHeader = [
  'Payment year',
  'Partner ID',
  'Partner',
  'Country',
  'Legal name (W-9)',
  'TIN',
  'Box 1 nonemployee compensation (USD)',
  'Threshold (USD)',
  'Reportable',
  'Form',
  'Form status',
  'Payouts',
  'Warnings',
]

/** The report as a CSV file for a spreadsheet (every field quoted, none read as a formula). */
export async function build1099Csv(db: Db, scope: Scope, year: number | undefined, clock: Clock) {
  const report = await build1099Report(db, scope, year, clock)
  const lines = [
    csvLine(csvHeader),
    ...report.rows.map((r) =>
      csvLine([
        report.year,
        r.partnerId,
        r.partnerName,
        r.country,
        r.legalName,
        r.tinMasked,
        r.paid.amount,
        report.threshold.threshold.amount,
        r.isReportable ? 'yes' : 'no',
        r.formKind ? formLabel(r.formKind) : null,
        r.formStatus,
        r.payouts,
        r.warnings.join('; '),
      ]),
    ),
  ]
  return { year: report.year, csv: `${lines.join('\r\n')}\r\n` }
}

export interface Statement1099 {
  year: number
  payerName: string
  partnerId: string
  partnerName: string
  recipient: {
    legalName: string | null
    businessName: string | null
    tinMasked: string | null
    addressLines: string[]
  }
  box1: string
  isReportable: boolean
  notes: string[]
}

/** One partner's figures for its 1099-NEC statement (any partner of the org; 404 for another org's). */
export async function read1099Statement(
  db: Db,
  scope: Scope,
  partnerId: string,
  year: number | undefined,
  clock: Clock,
): Promise<Statement1099> {
  incentivesPermissions.require(scope, 'incentives.tax_review')
  const partner = (await readPartnerFacts(db, scope.orgId, [partnerId])).get(partnerId)
  if (!partner) throw notFound('Partner', partnerId)
  const paymentYear = reportYear(year, clock)
  const { rows, threshold } = await buildRows(db, scope.orgId, paymentYear, partnerId)
  const paid: PartnerPayments = { usdMinor: 0n, payouts: 0, warnings: [] }
  const row =
    rows[0] ??
    rowFor(
      partnerId,
      partner,
      paid,
      (await currentForms(db, scope.orgId, [partnerId])).get(partnerId),
      BigInt(threshold.threshold.amountMinor),
      paymentYear,
    )
  const w9 = row.form?.kind === 'w9' && row.form.status === 'approved' ? row.form : null
  return {
    year: paymentYear,
    payerName: (await getOrg(db, scope.orgId)).name,
    partnerId,
    partnerName: partner.name,
    recipient: {
      legalName: w9?.legalName ?? null,
      businessName: w9?.businessName ?? null,
      tinMasked: row.tinMasked,
      addressLines: w9
        ? [
            w9.addressLine1,
            ...(w9.addressLine2 ? [w9.addressLine2] : []),
            [w9.city, [w9.region, w9.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', '),
            w9.country,
          ]
        : [],
    },
    box1: row.paid.amount,
    isReportable: row.isReportable,
    notes: [
      ...(row.isReportable
        ? []
        : [
            `Not reportable: ${w9 ? `below the ${threshold.threshold.amount} USD threshold` : 'no approved W-9 on file'}.`,
          ]),
      ...row.warnings,
    ],
  }
}
