// Values of a journey read straight from UTF-8 bytes, exactly as readJourney reads their strings,
// and the keys and choices a journey scan matches.
import { OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON } from './columnar'

export const encoder = new TextEncoder()
export const keysOf = (names: string[]) => names.map((name) => encoder.encode(name))
export const JOURNEY_KEYS = keysOf([
  'id',
  'amount',
  'amountMinor',
  'currency',
  'outcome',
  'createdAt',
  'closedAt',
  'kind',
  'touches',
  'parentId',
])
export const [
  J_ID,
  J_AMOUNT,
  J_AMOUNT_MINOR,
  J_CURRENCY,
  J_OUTCOME,
  J_CREATED,
  J_CLOSED,
  J_KIND,
  J_TOUCHES,
  J_PARENT,
] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
export const TOUCH_KEYS = keysOf(['actor', 'actorKind', 'activity', 'at', 'id', 'parentActor'])
export const [T_ACTOR, T_KIND, T_ACTIVITY, T_AT] = [0, 1, 2, 3]
export const OUTCOMES = keysOf(['won', 'lost', 'open'])
export const OUTCOME_CODES = [OUTCOME_WON, OUTCOME_LOST, OUTCOME_OPEN]
export const KINDS = keysOf(['new', 'renewal', 'expansion'])
export const DIRECT = keysOf(['direct'])

// value types a scan can meet
export const V_STRING = 1
export const V_INTEGER = 2
export const V_NULL = 3
export const V_ARRAY = 4

/** An ASCII id with no space, backslash or control character: plain text, checked without a string. */
export function isPlainId(bytes: Uint8Array, from: number, to: number): boolean {
  if (from === to) return false
  for (let index = from; index < to; index++) {
    const byte = bytes[index]
    if (byte <= 0x20 || byte === 0x5c || byte >= 0x7f) return false
  }
  return true
}

/** Text read as is: not blank (readText's rule) and free of what JSON.parse would unescape or refuse. */
export function isPlainText(text: string): boolean {
  if (text.trim() === '') return false
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x20 || code === 0x5c) return false
  }
  return true
}

/** An `amount` string as parseAmount reads it, when it is plain digits with at most `exponent` decimals. */
export function readDecimal(bytes: Uint8Array, from: number, to: number, exponent: number): number {
  let index = from
  const sign = bytes[index] === 0x2d ? -1 : 1
  if (bytes[index] === 0x2d || bytes[index] === 0x2b) index++
  let value = 0
  let digits = 0
  while (index < to && bytes[index] >= 0x30 && bytes[index] <= 0x39) {
    value = value * 10 + bytes[index++] - 0x30
    digits++
  }
  if (digits === 0) return Number.NaN
  let decimals = 0
  if (index < to && bytes[index] === 0x2e) {
    index++
    while (index < to && bytes[index] >= 0x30 && bytes[index] <= 0x39) {
      value = value * 10 + bytes[index++] - 0x30
      decimals++
    }
    if (decimals === 0) return Number.NaN
  }
  if (index !== to || decimals > exponent || digits + exponent > 15) return Number.NaN
  for (let pad = decimals; pad < exponent; pad++) value *= 10
  return value === 0 ? 0 : sign * value
}

/** A string of minor units, /^-?\d+$/ as readAmount reads it. */
export function readMinorText(bytes: Uint8Array, from: number, to: number): number {
  const index = bytes[from] === 0x2d ? from + 1 : from
  if (index === to || to - index > 15) return Number.NaN
  let value = 0
  for (let at = index; at < to; at++) {
    const digit = bytes[at] - 0x30
    if (!(digit >= 0 && digit <= 9)) return Number.NaN
    value = value * 10 + digit
  }
  return index > from && value !== 0 ? -value : value
}
