import {
  type AttributionOptions,
  getModel,
  type JsonValue,
  MODEL_KEYS,
  type ModelKey,
  type ModelSpec,
} from '../attribution'
import { InputError } from './attribute-input'

export type OutputFormat = 'json' | 'csv' | 'table'

export interface CommonFlags {
  input?: string
  format: 'journeys' | 'ndjson' | 'paths'
  output: OutputFormat
  options?: string
  asOf?: string
  out?: string
}

export type AttributeFlags = CommonFlags & { model: string; params?: string }
export type CompareFlags = CommonFlags & { models?: string; paying?: string }
export type RecommendFlags = CommonFlags & { models?: string; split?: string }

export function parseJsonFlag(text: string | undefined, flag: string): unknown {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new InputError(`${flag}: not valid JSON`)
  }
}

export function readOptions(flags: CommonFlags): AttributionOptions {
  const parsed = parseJsonFlag(flags.options, '--options')
  if (parsed !== undefined && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) {
    throw new InputError('--options: must be a JSON object')
  }
  const options: AttributionOptions = { ...(parsed ?? {}) }
  if (flags.asOf !== undefined) {
    const time = Date.parse(flags.asOf)
    if (Number.isNaN(time)) throw new InputError('--as-of: not a date')
    options.asOf = time
  }
  return options
}

export function readModelKey(text: string, flag: string): ModelKey {
  const key = MODEL_KEYS.find((candidate) => candidate === text.trim())
  if (!key) throw new InputError(`${flag}: unknown model "${text}" (known: ${MODEL_KEYS.join(', ')})`)
  return key
}

export function readModelList(text: string | undefined): ModelSpec[] {
  const keys = text
    ? text.split(',').filter((key) => key.trim() !== '')
    : [...MODEL_KEYS].filter((key) => key !== 'custom')
  if (keys.length === 0) throw new InputError('--models: name at least one model')
  return keys.map((key) => ({ key: readModelKey(key, '--models') }))
}

export function checkFormats(flags: CommonFlags): void {
  if (!['journeys', 'ndjson', 'paths'].includes(flags.format))
    throw new InputError('--format: must be journeys, ndjson or paths')
  if (!['json', 'csv', 'table'].includes(flags.output))
    throw new InputError('--output: must be json, csv or table')
}

/** The model's parameters as the engine reads them, defaults filled in. */
export function paramsJsonOf(spec: ModelSpec): JsonValue {
  return JSON.parse(JSON.stringify(getModel(spec.key).parseParams(spec.params) ?? {}))
}
