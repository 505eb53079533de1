import { isCurrencyCode, MoneyError, parseAmount } from '../money'
import { AttributionError } from './attribution-error'
import { parseIsoTimeFast } from './iso-time'
import type { PathRow } from './models/markov/markov'
import { isPlainObject } from './params'
import { DIRECT, type FieldValue, type Journey, type JourneyKind, type Outcome, type Touch } from './types'

// Reads journeys from untrusted JSON (`{ "journeys": [...] }`, ISO-8601 times, `amount` as a decimal
// string or `amountMinor`) and path rows from CSV records. Every error names the record and field.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

function fail(path: string, message: string): never {
  throw new AttributionError('INVALID_JOURNEY', message, path)
}

function readText(
  record: Record<string, unknown>,
  key: string,
  path: string,
  isOptional = false,
): string | undefined {
  const value = record[key]
  if (value === undefined || value === null) {
    if (isOptional) return undefined
    return fail(`${path}.${key}`, 'is required')
  }
  if (typeof value !== 'string' || value.trim() === '')
    return fail(`${path}.${key}`, 'must be a non-empty string')
  return value
}

function readTime(
  record: Record<string, unknown>,
  key: string,
  path: string,
  isOptional = false,
): number | undefined {
  const value = record[key]
  if (value === undefined || value === null) {
    if (isOptional) return undefined
    return fail(`${path}.${key}`, 'is required')
  }
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value !== 'string') return fail(`${path}.${key}`, 'not a date')
  const fast = parseIsoTimeFast(value)
  if (!Number.isNaN(fast)) return fast
  const time = ISO_DATE.test(value.trim()) ? Date.parse(value.trim()) : Number.NaN
  if (Number.isNaN(time)) return fail(`${path}.${key}`, 'not a date')
  return time
}

function readChoice<T extends string>(value: unknown, choices: readonly T[], path: string, fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback
  const match = choices.find((choice) => choice === value)
  if (match === undefined) return fail(path, `must be one of ${choices.join(', ')}`)
  return match
}

function readAmount(record: Record<string, unknown>, currency: string, path: string): bigint {
  const minor = record.amountMinor
  if (minor !== undefined) {
    if (typeof minor === 'number' && Number.isSafeInteger(minor)) return BigInt(minor)
    if (typeof minor === 'string' && /^-?\d+$/.test(minor)) return BigInt(minor)
    return fail(`${path}.amountMinor`, 'must be a whole number of minor units')
  }
  const amount = record.amount
  if (typeof amount !== 'string' && typeof amount !== 'number') return fail(`${path}.amount`, 'is required')
  try {
    return parseAmount(String(amount), currency)
  } catch (error) {
    if (error instanceof MoneyError) return fail(`${path}.amount`, error.message)
    throw error
  }
}

function readTouch(value: unknown, path: string): Touch {
  if (!isPlainObject(value)) return fail(path, 'must be an object')
  const actor = readText(value, 'actor', path) ?? ''
  const touch: Touch = {
    actor,
    actorKind: readText(value, 'actorKind', path, true) ?? (actor === DIRECT ? DIRECT : 'partner'),
    activity: readText(value, 'activity', path) ?? '',
    at: readTime(value, 'at', path) ?? 0,
  }
  const id = readText(value, 'id', path, true)
  if (id !== undefined) touch.id = id
  const parentActor = readText(value, 'parentActor', path, true)
  if (parentActor !== undefined) touch.parentActor = parentActor
  return touch
}

function isFieldValue(value: unknown): value is FieldValue {
  return (
    value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  )
}

function readFields(value: unknown, path: string): Record<string, FieldValue> | undefined {
  if (value === undefined) return undefined
  if (!isPlainObject(value)) return fail(path, 'must be an object')
  const fields: Record<string, FieldValue> = {}
  for (const [key, item] of Object.entries(value)) {
    if (!isFieldValue(item)) return fail(`${path}.${key}`, 'must be a string, number, boolean or null')
    fields[key] = item
  }
  return fields
}

export function readJourney(value: unknown, path: string): Journey {
  if (!isPlainObject(value)) return fail(path, 'must be an object')
  const currency = readText(value, 'currency', path) ?? ''
  if (!isCurrencyCode(currency)) fail(`${path}.currency`, `unknown currency "${currency}"`)
  const touches = value.touches ?? []
  if (!Array.isArray(touches)) fail(`${path}.touches`, 'must be an array')
  const journey: Journey = {
    id: readText(value, 'id', path) ?? '',
    amountMinor: readAmount(value, currency, path),
    currency,
    outcome: readChoice<Outcome>(value.outcome, ['won', 'lost', 'open'], `${path}.outcome`),
    createdAt: readTime(value, 'createdAt', path) ?? 0,
    kind: readChoice<JourneyKind>(value.kind, ['new', 'renewal', 'expansion'], `${path}.kind`, 'new'),
    touches: touches.map((touch: unknown, index: number) => readTouch(touch, `${path}.touches[${index}]`)),
  }
  const closedAt = readTime(value, 'closedAt', path, true)
  if (closedAt !== undefined) journey.closedAt = closedAt
  const parentId = readText(value, 'parentId', path, true)
  if (parentId !== undefined) journey.parentId = parentId
  const fields = readFields(value.fields, `${path}.fields`)
  if (fields !== undefined) journey.fields = fields
  return journey
}

/** Reads `{ "journeys": [...] }`; ids must be unique so renewals can find their parents. */
export function readJourneysDocument(document: unknown): Journey[] {
  if (!isPlainObject(document) || !Array.isArray(document.journeys)) {
    return fail('journeys', 'expected an object with a "journeys" array')
  }
  const journeys = document.journeys.map((value: unknown, index: number) =>
    readJourney(value, `journeys[${index}]`),
  )
  const seen = new Set<string>()
  journeys.forEach((journey, index) => {
    if (seen.has(journey.id)) fail(`journeys[${index}].id`, `duplicate id "${journey.id}"`)
    seen.add(journey.id)
  })
  return journeys
}

function readCount(record: Readonly<Record<string, string>>, column: string, path: string): number {
  const text = (record[column] ?? '').trim()
  const value = text === '' ? 0 : Number(text)
  if (!Number.isFinite(value) || value < 0) return fail(`${path}.${column}`, 'not a non-negative number')
  return value
}

/** Rows of the path-aggregated CSV: `path` ("a > b > c"), total_conversions, total_conversion_value, total_null. */
export function readPathRecords(records: readonly Readonly<Record<string, string>>[]): PathRow[] {
  return records.map((record, index) => {
    const path = `paths[${index}]`
    const text = record.path
    if (text === undefined || text.trim() === '') return fail(`${path}.path`, 'is required')
    return {
      channels: text
        .split('>')
        .map((channel) => channel.trim())
        .filter((channel) => channel !== ''),
      conversions: readCount(record, 'total_conversions', path),
      value: readCount(record, 'total_conversion_value', path),
      nulls: readCount(record, 'total_null', path),
    }
  })
}
