// The rows an import stages, built from a record's mapped values and checked with the same rules as
// the API, one builder per kind. Pure: references (accounts, deals) are checked later, in SQL.
import { closest } from 'fastest-levenshtein'
import countries from 'i18n-iso-countries'
import type { z } from 'zod'
import { AppError, invalidField } from '../../platform/app-error'
import { countryCode, domainName, isoDateTime } from '../../platform/platform.contract'
import { checkActivityType } from './activity-types.service'
import { checkDealFacts } from './deals.service'
import type { ImportKind } from './imports.contract'
import { createDealInput } from './journeys.contract'

export interface RowProblem {
  severity: 'error' | 'warning'
  field: string
  column: string | null
  value: string | null
  message: string
}

export type Values = Record<string, string | null>

export interface StagedAccount {
  externalId: string
  name: string
  domain: string | null
  country: string | null
  industry: string | null
}

export interface StagedDeal {
  externalId: string
  name: string
  accountRef: string | null
  amountMinor: bigint
  currency: string
  stage: string
  status: 'open' | 'won' | 'lost'
  type: 'new' | 'renewal' | 'expansion'
  openedAt: Date
  closedAt: Date | null
  expectedCloseAt: Date | null
  owner: string | null
  parentRef: string | null
}

export interface StagedTouch {
  externalId: string
  dealRef: string
  actorKind: 'partner' | 'direct'
  partnerRef: string | null
  partnerId: string | null
  seller: string | null
  activityType: string
  occurredAt: Date
  notes: string | null
}

export type StagedRow = StagedAccount | StagedDeal | StagedTouch

export interface RowContext {
  /** The import's day, for `importDate` values. */
  importDate: string
  /** The org's activity types, for touches. */
  activityTypes: Map<string, { isActive: boolean }>
  /** Finds the partner a touch names, for touches. */
  partner(ref: string): { id: string } | { problem: string }
}

export type Report = (problem: Omit<RowProblem, 'column' | 'value'>) => void

/** A date or a date-time: `2017-03-01` is midnight UTC of that day. */
function toIsoDateTime(value: string | null): string | null {
  if (value === null) return null
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value
}

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/

/** A date (midnight UTC) or an ISO date-time, between the years 1900 and 2999; null otherwise. */
function toTime(value: string): Date | null {
  const day = dateOnly.exec(value)
  if (!day) return isoDateTime.safeParse(value).success ? new Date(value) : null
  const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])]
  const at = new Date(Date.UTC(year, month - 1, date))
  // 2017-02-30 rolls over into March: not a day of the calendar
  return year >= 1900 && year < 3000 && at.getUTCMonth() === month - 1 && at.getUTCDate() === date ? at : null
}

function required(values: Values, field: string): string {
  const value = values[field]
  if (value === null || value === undefined) throw invalidField(field, 'is blank')
  return value
}

function text(values: Values, field: string, max: number, report: Report): string | null {
  const value = values[field] ?? null
  if (value !== null && value.length > max) {
    report({ severity: 'error', field, message: `is longer than ${max} characters` })
    return null
  }
  return value
}

const countryNames = Object.entries(countries.getNames('en', { select: 'all' })).flatMap(([code, names]) =>
  (Array.isArray(names) ? names : [names]).map((name) => ({ code, name })),
)
const countryByName = new Map(countryNames.map((c) => [c.name.toLowerCase(), c.code]))

/** An ISO code or an English country name; anything else is left out with a warning naming the closest. */
function country(values: Values, report: Report): string | null {
  const value = values.country ?? null
  if (value === null) return null
  if (countryCode.safeParse(value.toUpperCase()).success) return value.toUpperCase()
  const code = countryByName.get(value.toLowerCase())
  if (code) return code
  const suggestion = closest(
    value,
    countryNames.map((c) => c.name),
  )
  report({
    severity: 'warning',
    field: 'country',
    message: `is not a country name or ISO code (closest: ${suggestion}); the account is imported without a country`,
  })
  return null
}

const dealFields = createDealInput.pick({
  name: true,
  amount: true,
  currency: true,
  stage: true,
  status: true,
  type: true,
  openedAt: true,
  closedAt: true,
  expectedCloseAt: true,
  owner: true,
})

/** One problem per field: the first thing wrong with it. */
function zodErrors(error: z.ZodError): AppError {
  const byField = new Map<string, string>()
  for (const issue of error.issues) {
    const path = issue.path.join('.') || 'row'
    if (!byField.has(path)) byField.set(path, issue.message)
  }
  return new AppError(
    'VALIDATION',
    'invalid row',
    [...byField].map(([path, message]) => ({ path, message })),
  )
}

export const rowBuilders: Record<
  ImportKind,
  (values: Values, report: Report, context: RowContext) => StagedRow
> = {
  accounts(values, report) {
    const domain = values.domain ? domainName.safeParse(values.domain) : null
    if (domain && !domain.success)
      report({
        severity: 'warning',
        field: 'domain',
        message: 'is not a domain; the account is imported without one',
      })
    return {
      externalId: required(values, 'externalId'),
      name: required(values, 'name'),
      domain: domain?.success ? domain.data : null,
      country: country(values, report),
      industry: text(values, 'industry', 100, report),
    } satisfies StagedAccount
  },
  deals(values, report) {
    const parsed = dealFields.safeParse({
      name: values.name ?? undefined,
      amount: values.amount ?? undefined,
      currency: values.currency?.toUpperCase() ?? undefined,
      stage: values.stage ?? values.status ?? undefined,
      status: values.status ?? undefined,
      type: values.type ?? undefined,
      openedAt: toIsoDateTime(values.openedAt ?? null) ?? undefined,
      closedAt: toIsoDateTime(values.closedAt ?? null),
      expectedCloseAt: toIsoDateTime(values.expectedCloseAt ?? null),
      owner: values.owner ?? null,
    })
    if (!parsed.success) throw zodErrors(parsed.error)
    const input = parsed.data
    const facts = checkDealFacts(input, new Date())
    return {
      externalId: required(values, 'externalId'),
      name: input.name,
      accountRef: text(values, 'account', 200, report),
      amountMinor: facts.amountMinor,
      currency: input.currency,
      stage: input.stage,
      status: input.status,
      type: input.type,
      openedAt: facts.openedAt,
      closedAt: facts.closedAt,
      expectedCloseAt: input.expectedCloseAt ? new Date(input.expectedCloseAt) : null,
      owner: input.owner ?? null,
      parentRef: text(values, 'parent', 200, report),
    } satisfies StagedDeal
  },
  touches(values, report, context) {
    const actorKind = required(values, 'actorKind')
    if (actorKind !== 'partner' && actorKind !== 'direct')
      throw invalidField('actorKind', 'must be partner or direct (rewrite the file’s values in the mapping)')
    const partnerRef = actorKind === 'partner' ? required(values, 'partner') : null
    const partner = partnerRef === null ? null : context.partner(partnerRef)
    if (partner && 'problem' in partner) throw invalidField('partner', partner.problem)
    const seller = actorKind === 'direct' ? required(values, 'seller') : null
    if (seller && seller.length > 200) throw invalidField('seller', 'is longer than 200 characters')
    const activityType = required(values, 'activity')
    try {
      checkActivityType(context.activityTypes, activityType)
    } catch (error) {
      if (error instanceof AppError) throw invalidField('activity', error.errors[0]?.message ?? error.message)
      throw error
    }
    const occurredAt = toTime(required(values, 'occurredAt'))
    if (!occurredAt) throw invalidField('occurredAt', 'must be a date (2017-03-01) or an ISO date-time')
    const dealRef = required(values, 'deal')
    return {
      // a file without touch ids gets one from what the touch is, so a re-import finds the same touch
      externalId:
        values.externalId ?? `${dealRef}|${partnerRef ?? seller}|${activityType}|${occurredAt.toISOString()}`,
      dealRef,
      actorKind,
      partnerRef,
      partnerId: partner?.id ?? null,
      seller,
      activityType,
      occurredAt,
      notes: text(values, 'notes', 5000, report),
    } satisfies StagedTouch
  },
}
