import { AttributionError } from './attribution-error'

// Plain validation for model params: the engine takes no schema library, and errors name the field.

export type ParamsObject = Readonly<Record<string, unknown>>

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function readParamsObject(input: unknown, allowed: readonly string[]): ParamsObject {
  if (input === undefined || input === null) return {}
  if (!isPlainObject(input)) throw new AttributionError('INVALID_PARAMS', 'must be an object', 'params')
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) {
      throw new AttributionError(
        'INVALID_PARAMS',
        `unknown parameter (allowed: ${allowed.join(', ')})`,
        `params.${key}`,
      )
    }
  }
  return input
}

export interface NumberRange {
  min?: number
  max?: number
  isExclusiveMin?: boolean
  isInteger?: boolean
}

export function readNumber(
  params: ParamsObject,
  key: string,
  fallback: number,
  range: NumberRange = {},
): number {
  const value = params[key]
  if (value === undefined) return fallback
  return checkNumber(value, `params.${key}`, range)
}

export function checkNumber(value: unknown, path: string, range: NumberRange = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AttributionError('INVALID_PARAMS', 'must be a finite number', path)
  }
  if (range.isInteger && !Number.isInteger(value)) {
    throw new AttributionError('INVALID_PARAMS', 'must be an integer', path)
  }
  if (range.min !== undefined && (range.isExclusiveMin ? value <= range.min : value < range.min)) {
    throw new AttributionError(
      'INVALID_PARAMS',
      `must be ${range.isExclusiveMin ? '>' : '≥'} ${range.min}`,
      path,
    )
  }
  if (range.max !== undefined && value > range.max) {
    throw new AttributionError('INVALID_PARAMS', `must be ≤ ${range.max}`, path)
  }
  return value
}

export function readChoice<T extends string>(
  params: ParamsObject,
  key: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = params[key]
  if (value === undefined) return fallback
  const match = choices.find((choice) => choice === value)
  if (match === undefined) {
    throw new AttributionError('INVALID_PARAMS', `must be one of ${choices.join(', ')}`, `params.${key}`)
  }
  return match
}

export function readWeightTable(
  params: ParamsObject,
  key: string,
  fallback: Readonly<Record<string, number>>,
): Readonly<Record<string, number>> {
  const value = params[key]
  if (value === undefined) return fallback
  if (!isPlainObject(value))
    throw new AttributionError('INVALID_PARAMS', 'must be an object of numbers', `params.${key}`)
  const table: Record<string, number> = {}
  for (const [name, weight] of Object.entries(value)) {
    table[name] = checkNumber(weight, `params.${key}.${name}`, { min: 0 })
  }
  return table
}

export function readBoolean(params: ParamsObject, key: string, fallback: boolean): boolean {
  const value = params[key]
  if (value === undefined) return fallback
  if (typeof value !== 'boolean')
    throw new AttributionError('INVALID_PARAMS', 'must be true or false', `params.${key}`)
  return value
}
