// Tax forms: a partner's W-9 / W-8BEN / W-8BEN-E, checked field by field, its tax ids sealed, each
// submission superseding the earlier forms; staff approve or reject (audited without the tax id);
// the partners whose form is in force, and those with a form on file (in force or in review).
import { and, desc, eq, gte, inArray, isNull, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, type FieldError, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { afterCursor, countRows, toPage } from '../../../platform/pagination'
import { actorLabel, type Scope } from '../../../platform/scope'
import { createSealer } from '../../../platform/sealed'
import { findPartners } from '../../partners'
import { incentiveEvents } from '../incentives.events'
import { incentivesPermissions } from '../incentives.permissions'
import {
  type ListTaxFormsQuery,
  type RejectTaxFormInput,
  type SubmitTaxFormInput,
  type TaxFormView,
  type TinKind,
  w8beneClassifications,
  w9Classifications,
} from './tax.contract'
import { taxForms, taxIds } from './tax.tables'
import { checkForeignTin, checkTin, maskForeignTin, maskTin } from './tin'

export interface TaxDeps {
  clock: Clock
  /** The app secret tax ids are sealed under. */
  secret: string
}

/** Where the signer signed from: the client address of the request. */
export interface Signing {
  ip: string | null
}

type TaxFormRow = typeof taxForms.$inferSelect

const tinPurpose = 'tax-form-tin'
/** Sealed tax ids are bound to their form: a value copied to another row does not open. */
export const tinContext = (orgId: string, formId: string, field: 'tin' | 'foreign_tin') =>
  `${orgId}:${formId}:${field}`

const dayOf = (at: Date) => at.toISOString().slice(0, 10)

/** A W-8 stays valid until the last day of the third calendar year after the year it was signed. */
export const w8ExpiresOn = (signedAt: Date): string => `${signedAt.getUTCFullYear() + 3}-12-31`

function visible(scope: Scope): SQL {
  const org = eq(taxForms.orgId, scope.orgId)
  return scope.partnerId ? and(org, eq(taxForms.partnerId, scope.partnerId))! : org
}

const isValidOn = (row: TaxFormRow, day: string) =>
  row.status === 'approved' && (row.expiresOn === null || row.expiresOn >= day)

function toView(row: TaxFormRow, partnerName: string | null, today: string): TaxFormView {
  const tinKind = row.tinKind as TinKind | null
  return {
    id: row.id,
    partnerId: row.partnerId,
    partnerName,
    kind: row.kind,
    status: row.status,
    legalName: row.legalName,
    businessName: row.businessName,
    taxClassification: row.taxClassification,
    country: row.country,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    city: row.city,
    region: row.region,
    postalCode: row.postalCode,
    tinKind,
    tinMasked: tinKind && row.tinLast4 ? maskTin(tinKind, row.tinLast4) : null,
    tinLast4: row.tinLast4,
    foreignTinMasked: row.foreignTinLast4 ? maskForeignTin(row.foreignTinLast4) : null,
    treaty:
      row.treatyCountry && row.treatyArticle && row.treatyRatePercent
        ? { country: row.treatyCountry, article: row.treatyArticle, ratePercent: row.treatyRatePercent }
        : null,
    signerName: row.signerName,
    signedAt: row.signedAt.toISOString(),
    signedFromIp: row.signedFromIp,
    submittedBy: row.submittedBy,
    reviewedBy: row.reviewedBy,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    rejectionReason: row.rejectionReason,
    expiresOn: row.expiresOn,
    isValid: isValidOn(row, today),
    createdAt: row.createdAt.toISOString(),
  }
}

/** What the audit log keeps of a form: everything but its tax ids, of which only the last 4. */
const auditedForm = (row: TaxFormRow) => ({
  partnerId: row.partnerId,
  kind: row.kind,
  status: row.status,
  legalName: row.legalName,
  taxClassification: row.taxClassification,
  country: row.country,
  tinKind: row.tinKind,
  tinLast4: row.tinLast4,
  foreignTinLast4: row.foreignTinLast4,
  treatyCountry: row.treatyCountry,
  treatyArticle: row.treatyArticle,
  treatyRatePercent: row.treatyRatePercent,
  signerName: row.signerName,
  signedAt: row.signedAt,
  signedFromIp: row.signedFromIp,
  expiresOn: row.expiresOn,
  reviewedBy: row.reviewedBy,
  rejectionReason: row.rejectionReason,
})

const blankToNull = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null)

interface CheckedForm {
  tin: { kind: TinKind; normalized: string; last4: string } | null
  foreignTin: { normalized: string; last4: string } | null
  treaty: { country: string; article: string; ratePercent: string } | null
}

/** Every field check of a form at once, so the signer sees each problem beside its field. */
function checkForm(input: SubmitTaxFormInput): CheckedForm {
  const errors: FieldError[] = []
  const refuse = (path: string, message: string) => errors.push({ path, message })
  for (const field of ['legalName', 'addressLine1', 'city', 'signerName'] as const)
    if (!input[field].trim()) refuse(field, 'must not be blank')
  if (input.signatureAttested !== true)
    refuse('signatureAttested', 'tick the certification to sign the form under penalties of perjury')

  const isW9 = input.kind === 'w9'
  if (isW9 && input.country !== 'US')
    refuse('country', 'a W-9 is for US persons: use a W-8BEN or W-8BEN-E outside the US')
  if (!isW9 && input.country === 'US') refuse('country', 'a W-8 is for persons outside the US: use a W-9')
  const classification = input.taxClassification
  if (isW9 && !(w9Classifications as readonly string[]).includes(classification))
    refuse('taxClassification', `is not a W-9 classification (${w9Classifications.join(', ')})`)
  if (input.kind === 'w8ben' && classification !== 'individual')
    refuse('taxClassification', 'a W-8BEN is for individuals: an entity uses a W-8BEN-E')
  if (input.kind === 'w8bene' && !(w8beneClassifications as readonly string[]).includes(classification))
    refuse('taxClassification', 'a W-8BEN-E is for entities: an individual uses a W-8BEN')

  let tin: CheckedForm['tin'] = null
  const givenTin = blankToNull(input.tin)
  if (givenTin && !input.tinKind) refuse('tinKind', 'say which kind of tax id this is: ssn, ein or itin')
  if (!givenTin && input.tinKind) refuse('tin', 'is required with tinKind')
  if (isW9 && !givenTin && !input.tinKind) refuse('tin', 'a W-9 needs the US tax id (SSN, EIN or ITIN)')
  if (givenTin && input.tinKind) {
    const check = checkTin(input.tinKind, givenTin)
    if (!check.ok) refuse('tin', check.problem)
    else tin = { kind: input.tinKind, normalized: check.normalized, last4: check.last4 }
    const isPerson = classification === 'individual'
    if (isW9 && !isPerson && input.tinKind !== 'ein')
      refuse('tinKind', 'an entity gives its EIN (only individuals and sole proprietors give an SSN or ITIN)')
    if (input.kind === 'w8ben' && input.tinKind === 'ein')
      refuse('tinKind', 'an individual gives an SSN or ITIN on a W-8BEN')
    if (input.kind === 'w8bene' && input.tinKind !== 'ein') refuse('tinKind', 'an entity gives its EIN')
  }

  let foreignTin: CheckedForm['foreignTin'] = null
  const givenForeign = blankToNull(input.foreignTin)
  if (givenForeign && isW9) refuse('foreignTin', 'a W-9 takes the US tax id only')
  else if (givenForeign) {
    const check = checkForeignTin(givenForeign)
    if (!check.ok) refuse('foreignTin', check.problem)
    else foreignTin = { normalized: check.normalized, last4: check.last4 }
  } else if (!isW9 && !givenTin)
    refuse('foreignTin', 'give the tax id of your country of residence (or a US tax id)')

  let treaty: CheckedForm['treaty'] = null
  const article = blankToNull(input.treatyArticle)
  const rate = blankToNull(input.treatyRatePercent)
  const claimsTreaty = Boolean(input.treatyCountry || article || rate)
  if (claimsTreaty && isW9) refuse('treatyCountry', 'treaty benefits are claimed on a W-8 only')
  else if (claimsTreaty) {
    if (!input.treatyCountry) refuse('treatyCountry', 'name the treaty country')
    else if (input.treatyCountry === 'US')
      refuse('treatyCountry', 'must be the country of residence, not the US')
    if (!article) refuse('treatyArticle', 'name the treaty article, e.g. 7')
    if (!rate) refuse('treatyRatePercent', 'give the withholding rate the treaty allows, e.g. 0')
    else if (!/^\d{1,2}(\.\d{1,2})?$/.test(rate) || Number(rate) > 30)
      refuse('treatyRatePercent', 'must be a percentage from 0 to 30, e.g. 15')
    if (input.treatyCountry && article && rate)
      treaty = { country: input.treatyCountry, article, ratePercent: rate }
  }

  if (errors.length > 0)
    throw new AppError('VALIDATION', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors)
  return { tin, foreignTin, treaty }
}

async function partnerNames(db: Db, orgId: string, ids: string[]) {
  const found = await findPartners(db, orgId, ids)
  return (id: string) => found.get(id)?.name ?? null
}

async function getRow(db: Db, scope: Scope, id: string): Promise<TaxFormRow> {
  const [row] = await db
    .select()
    .from(taxForms)
    .where(and(visible(scope), eq(taxForms.id, id)))
  if (!row) throw notFound('Tax form', id)
  return row
}

export async function getTaxForm(db: Db, scope: Scope, id: string, clock: Clock): Promise<TaxFormView> {
  incentivesPermissions.require(scope, 'incentives.tax_read')
  const row = await getRow(db, scope, id)
  const nameOf = await partnerNames(db, scope.orgId, [row.partnerId])
  return toView(row, nameOf(row.partnerId), dayOf(clock.now()))
}

/** Forms newest first; a partner user sees only their own. */
export async function listTaxForms(db: Db, scope: Scope, query: ListTaxFormsQuery, clock: Clock) {
  incentivesPermissions.require(scope, 'incentives.tax_read')
  const where = and(
    visible(scope),
    query.status ? eq(taxForms.status, query.status) : undefined,
    query.partnerId ? eq(taxForms.partnerId, query.partnerId) : undefined,
  )
  const rows = await db
    .select()
    .from(taxForms)
    .where(and(where, afterCursor(taxForms.id, query.cursor)))
    .orderBy(desc(taxForms.id))
    .limit(query.limit + 1)
  const nameOf = await partnerNames(
    db,
    scope.orgId,
    rows.map((r) => r.partnerId),
  )
  const today = dayOf(clock.now())
  return toPage(
    rows,
    query.limit,
    (r) => r.id,
    (r) => toView(r, nameOf(r.partnerId), today),
    await countRows(db, taxForms, where),
  )
}

/**
 * A partner's new form (a partner user's own, or one staff record for a partner): checked field by
 * field, its tax ids sealed, superseding the partner's earlier forms in force or in review.
 */
export async function submitTaxForm(
  db: Db,
  scope: Scope,
  input: SubmitTaxFormInput,
  signing: Signing,
  deps: TaxDeps,
): Promise<TaxFormView> {
  incentivesPermissions.require(scope, 'incentives.tax_submit')
  let partnerId: string
  if (scope.partnerId) {
    if (input.partnerId && input.partnerId !== scope.partnerId) throw notFound('Partner', input.partnerId)
    partnerId = scope.partnerId
  } else {
    if (!input.partnerId)
      throw new AppError('VALIDATION', 'partnerId: name the partner the form is for', [
        { path: 'partnerId', message: 'name the partner the form is for' },
      ])
    partnerId = input.partnerId
  }
  const checked = checkForm(input)
  if (!(await findPartners(db, scope.orgId, [partnerId])).has(partnerId))
    throw new AppError('VALIDATION', `partnerId: partner ${partnerId} not found`, [
      { path: 'partnerId', message: `partner ${partnerId} not found` },
    ])

  const now = deps.clock.now()
  const id = taxIds.form()
  const sealer = createSealer(deps.secret, tinPurpose)
  const row: TaxFormRow = {
    orgId: scope.orgId,
    id,
    partnerId,
    kind: input.kind,
    status: 'submitted',
    legalName: input.legalName.trim(),
    businessName: input.kind === 'w8ben' ? null : blankToNull(input.businessName),
    taxClassification: input.taxClassification,
    country: input.country,
    addressLine1: input.addressLine1.trim(),
    addressLine2: blankToNull(input.addressLine2),
    city: input.city.trim(),
    region: blankToNull(input.region),
    postalCode: blankToNull(input.postalCode),
    tinKind: checked.tin?.kind ?? null,
    tinSealed: checked.tin ? sealer.seal(checked.tin.normalized, tinContext(scope.orgId, id, 'tin')) : null,
    tinLast4: checked.tin?.last4 ?? null,
    foreignTinSealed: checked.foreignTin
      ? sealer.seal(checked.foreignTin.normalized, tinContext(scope.orgId, id, 'foreign_tin'))
      : null,
    foreignTinLast4: checked.foreignTin?.last4 ?? null,
    treatyCountry: checked.treaty?.country ?? null,
    treatyArticle: checked.treaty?.article ?? null,
    treatyRatePercent: checked.treaty?.ratePercent ?? null,
    signerName: input.signerName.trim(),
    isSignatureAttested: true,
    signedAt: now,
    signedFromIp: signing.ip,
    submittedBy: actorLabel(scope.actor),
    reviewedBy: null,
    reviewedAt: null,
    rejectionReason: null,
    expiresOn: input.kind === 'w9' ? null : w8ExpiresOn(now),
    createdAt: now,
    updatedAt: now,
  }
  await db.transaction(async (tx) => {
    // one submission per partner at a time, so exactly one form is left in force or in review
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`tax:${scope.orgId}:${partnerId}`}))`)
    const superseded = await tx
      .update(taxForms)
      .set({ status: 'superseded', updatedAt: now })
      .where(
        and(
          eq(taxForms.orgId, scope.orgId),
          eq(taxForms.partnerId, partnerId),
          inArray(taxForms.status, ['submitted', 'approved']),
        ),
      )
      .returning({ id: taxForms.id, status: taxForms.status })
    for (const old of superseded)
      await writeAudit(
        tx,
        scope,
        {
          action: 'tax_form.superseded',
          entityType: 'tax_form',
          entityId: old.id,
          after: { status: 'superseded', partnerId, supersededBy: id },
        },
        deps.clock,
      )
    await tx.insert(taxForms).values(row)
    await writeAudit(
      tx,
      scope,
      {
        action: 'tax_form.submitted',
        entityType: 'tax_form',
        entityId: id,
        after: { ...auditedForm(row), supersedes: superseded.map((s) => s.id) },
      },
      deps.clock,
    )
    await publish(
      tx,
      scope,
      incentiveEvents.event('tax_form.changed', id, { formId: id, partnerId, status: 'submitted' }),
      deps.clock,
    )
  })
  const nameOf = await partnerNames(db, scope.orgId, [partnerId])
  return toView(row, nameOf(partnerId), dayOf(now))
}

async function review(
  db: Db,
  scope: Scope,
  id: string,
  decision: { status: 'approved' } | { status: 'rejected'; reason: string },
  clock: Clock,
): Promise<TaxFormView> {
  incentivesPermissions.require(scope, 'incentives.tax_review')
  const now = clock.now()
  const after = await db.transaction(async (tx) => {
    const before = await getRow(tx, scope, id)
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`tax:${scope.orgId}:${before.partnerId}`}))`)
    const [current] = await tx
      .select()
      .from(taxForms)
      .where(and(eq(taxForms.orgId, scope.orgId), eq(taxForms.id, id)))
    if (current!.status !== 'submitted')
      throw new AppError(
        'CONFLICT',
        `Tax form ${id} is ${current!.status}: only a submitted form can be approved or rejected`,
        [{ path: 'status', message: `is ${current!.status}, not submitted` }],
      )
    const [updated] = await tx
      .update(taxForms)
      .set({
        status: decision.status,
        reviewedBy: actorLabel(scope.actor),
        reviewedAt: now,
        rejectionReason: decision.status === 'rejected' ? decision.reason : null,
        updatedAt: now,
      })
      .where(and(eq(taxForms.orgId, scope.orgId), eq(taxForms.id, id)))
      .returning()
    await writeAudit(
      tx,
      scope,
      {
        action: `tax_form.${decision.status}`,
        entityType: 'tax_form',
        entityId: id,
        before: { status: current!.status },
        after: auditedForm(updated!),
      },
      clock,
    )
    await publish(
      tx,
      scope,
      incentiveEvents.event('tax_form.changed', id, {
        formId: id,
        partnerId: updated!.partnerId,
        status: decision.status,
      }),
      clock,
    )
    return updated!
  })
  const nameOf = await partnerNames(db, scope.orgId, [after.partnerId])
  return toView(after, nameOf(after.partnerId), dayOf(now))
}

export const approveTaxForm = (db: Db, scope: Scope, id: string, clock: Clock) =>
  review(db, scope, id, { status: 'approved' }, clock)

export async function rejectTaxForm(
  db: Db,
  scope: Scope,
  id: string,
  input: RejectTaxFormInput,
  clock: Clock,
): Promise<TaxFormView> {
  incentivesPermissions.require(scope, 'incentives.tax_review')
  const reason = input.reason.trim()
  if (!reason)
    throw new AppError('VALIDATION', 'reason: say why the form cannot be accepted', [
      { path: 'reason', message: 'say why the form cannot be accepted' },
    ])
  return review(db, scope, id, { status: 'rejected', reason }, clock)
}

/**
 * The partners among these whose tax form is approved and not expired on the day (`asOf`, now by
 * default): payouts hold every other partner.
 */
export async function partnersWithValidTaxForm(
  db: Db,
  orgId: string,
  partnerIds: readonly string[],
  asOf: Date = new Date(),
): Promise<Set<string>> {
  if (partnerIds.length === 0) return new Set()
  const rows = await db
    .selectDistinct({ partnerId: taxForms.partnerId })
    .from(taxForms)
    .where(
      and(
        eq(taxForms.orgId, orgId),
        inArray(taxForms.partnerId, [...new Set(partnerIds)]),
        eq(taxForms.status, 'approved'),
        or(isNull(taxForms.expiresOn), gte(taxForms.expiresOn, dayOf(asOf))),
      ),
    )
  return new Set(rows.map((r) => r.partnerId))
}

/**
 * The partners among these with a tax form on file on the day — submitted or approved, and not expired
 * — with when it was signed: what an onboarding step on tax forms asks for.
 */
export async function partnersWithTaxFormOnFile(
  db: Db,
  orgId: string,
  partnerIds: readonly string[],
  asOf: Date,
): Promise<Map<string, Date>> {
  if (partnerIds.length === 0) return new Map()
  const rows = await db
    .select({ partnerId: taxForms.partnerId, signedAt: taxForms.signedAt })
    .from(taxForms)
    .where(
      and(
        eq(taxForms.orgId, orgId),
        inArray(taxForms.partnerId, [...new Set(partnerIds)]),
        inArray(taxForms.status, ['submitted', 'approved']),
        or(isNull(taxForms.expiresOn), gte(taxForms.expiresOn, dayOf(asOf))),
      ),
    )
  return new Map(rows.map((r) => [r.partnerId, r.signedAt]))
}
