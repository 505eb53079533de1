import type { JsonValue } from './types'

// Two interleaved 32-bit FNV-1a lanes with different offsets: a 64-bit, dependency-free,
// deterministic content hash for model versions and input fingerprints (not for security).

export interface Hasher {
  update(text: string): Hasher
  /** Mixes numbers (ints or doubles) directly, without building strings, for columnar data. */
  updateNumbers(values: ArrayLike<number>, from?: number, to?: number): Hasher
  digest(): string
}

export function createHasher(): Hasher {
  let low = 0x811c9dc5
  let high = 0x050c5d1f
  const hasher: Hasher = {
    update(text: string) {
      for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index)
        low = Math.imul(low ^ code, 0x01000193)
        high = Math.imul(high ^ (code + 0x9e), 0x01000193)
      }
      // a separator so ("ab","c") and ("a","bc") differ
      low = Math.imul(low ^ 0xff, 0x01000193)
      high = Math.imul(high ^ 0x1ff, 0x01000193)
      return hasher
    },
    updateNumbers(values: ArrayLike<number>, from = 0, to = values.length) {
      for (let index = from; index < to; index++) {
        const value = values[index]
        const word = Number.isInteger(value) ? value | 0 : Math.floor(value * 1e6) | 0
        const upper = Math.floor(value / 4294967296) | 0
        low = Math.imul(low ^ word, 0x01000193)
        low = Math.imul(low ^ upper, 0x01000193)
        high = Math.imul(high ^ (word + 0x9e), 0x01000193)
        high = Math.imul(high ^ (upper + 0x3c), 0x01000193)
      }
      return hasher
    },
    digest() {
      return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0')
    },
  }
  return hasher
}

/** Stable JSON with sorted keys and bigints as strings, so equal values hash equally. */
export function stringifyStable(value: unknown): string {
  if (typeof value === 'bigint') return `"${value}n"`
  if (value === undefined) return 'null'
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(stringifyStable).join(',')}]`
  const entries = Object.entries(value)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stringifyStable(item)}`).join(',')}}`
}

export function hashValue(value: unknown): string {
  return createHasher().update(stringifyStable(value)).digest()
}

/** Copies a plain value into JSON form (bigints as strings, undefined dropped) for params and reports. */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(toJsonValue)
  if (typeof value === 'object') {
    const result: Record<string, JsonValue> = {}
    for (const [key, item] of Object.entries(value)) if (item !== undefined) result[key] = toJsonValue(item)
    return result
  }
  return null
}

/** A 32-bit number from text, for seeding per-journey sampling and hold-out splits. */
export function hashText(text: string): number {
  return Number.parseInt(createHasher().update(text).digest().slice(8), 16)
}
