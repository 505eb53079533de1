import { type ByteInterner, HASH_SEED } from './byte-interner'
import { parseIsoTimeBytes } from './iso-time'
import { isPlainText, V_ARRAY, V_INTEGER, V_NULL, V_STRING } from './journey-values'

// The tokens of a journey scan (see journey-scan.ts): blanks, values, keys and names read from
// UTF-8 bytes through one cursor that the journey and touch scans share.

/** The bytes ran out before the object closed. */
export const SCAN_NEED_MORE = -1
/** Not the common shape: parse this journey the general way. */
export const SCAN_FALLBACK = -2

export interface Cursor {
  bytes: Uint8Array
  /** Reads go no further than this. */
  limit: number
  /** The last value read: its type, its text span (strings) or value (integers), a name's hash. */
  type: number
  textFrom: number
  textTo: number
  integer: number
  hash: number
}

export function createCursor(): Cursor {
  return { bytes: new Uint8Array(0), limit: 0, type: 0, textFrom: 0, textTo: 0, integer: 0, hash: 0 }
}

/** Past blanks from `at`. */
export function skip(cursor: Cursor, at: number): number {
  const input = cursor.bytes
  const end = cursor.limit
  while (at < end) {
    const byte = input[at]
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) break
    at++
  }
  return at
}

/** Reads a value at `at` (after blanks); returns its end, or a SCAN_ code. */
export function readValue(cursor: Cursor, at: number): number {
  const input = cursor.bytes
  const end = cursor.limit
  if (at >= end) return SCAN_NEED_MORE
  const first = input[at]
  if (first === 0x22) {
    // the closing quote is found natively; every reader of the text then refuses a backslash or a
    // control character in it (keys, outcomes and times by matching, names once per distinct name),
    // so an escaped quote never ends a string early
    let index = at + 1
    while (index < end && input[index] !== 0x22) index++
    if (index >= end) return SCAN_NEED_MORE
    cursor.type = V_STRING
    cursor.textFrom = at + 1
    cursor.textTo = index
    return index + 1
  }
  if (first === 0x2d || (first >= 0x30 && first <= 0x39)) {
    let index = first === 0x2d ? at + 1 : at
    const digitsFrom = index
    let value = 0
    for (; index < end; index++) {
      const digit = input[index] - 0x30
      if (!(digit >= 0 && digit <= 9)) break
      value = value * 10 + digit
    }
    if (index >= end) return SCAN_NEED_MORE
    const count = index - digitsFrom
    if (count === 0 || count > 15 || (count > 1 && input[digitsFrom] === 0x30)) return SCAN_FALLBACK
    const next = input[index]
    if (next === 0x2e || next === 0x65 || next === 0x45) return SCAN_FALLBACK
    cursor.type = V_INTEGER
    cursor.integer = first === 0x2d ? -value : value
    return index
  }
  if (first === 0x6e) {
    if (at + 4 > end) return SCAN_NEED_MORE
    if (input[at + 1] !== 0x75 || input[at + 2] !== 0x6c || input[at + 3] !== 0x6c) return SCAN_FALLBACK
    cursor.type = V_NULL
    return at + 4
  }
  if (first === 0x5b) {
    cursor.type = V_ARRAY
    return at
  }
  return SCAN_FALLBACK
}

/** readValue for a name: a string hashed while its closing quote is found, so interning reads it once. */
export function readName(cursor: Cursor, at: number): number {
  const input = cursor.bytes
  const end = cursor.limit
  if (at >= end) return SCAN_NEED_MORE
  if (input[at] !== 0x22) return readValue(cursor, at)
  let hash = HASH_SEED
  let index = at + 1
  for (; index < end; index++) {
    const byte = input[index]
    if (byte === 0x22) break
    hash = Math.imul(hash ^ byte, 0x01000193)
  }
  if (index >= end) return SCAN_NEED_MORE
  cursor.type = V_STRING
  cursor.textFrom = at + 1
  cursor.textTo = index
  cursor.hash = hash
  return index + 1
}

/** Which of `choices` the last string is, or −1. */
export function matchText(cursor: Cursor, choices: readonly Uint8Array[]): number {
  const input = cursor.bytes
  const from = cursor.textFrom
  const length = cursor.textTo - from
  for (let choice = 0; choice < choices.length; choice++) {
    const candidate = choices[choice]
    if (candidate.length !== length || candidate[0] !== input[from]) continue
    let index = 1
    while (index < length && candidate[index] === input[from + index]) index++
    if (index === length) return choice
  }
  return -1
}

/** `"key":` as bytes, for matching a key and its colon in one comparison. */
export const keyPatterns = (keys: readonly Uint8Array[]): Uint8Array[] =>
  keys.map((key) => Uint8Array.of(0x22, ...key, 0x22, 0x3a))

/** Whether `pattern` is at bytes[at]. */
export function isPatternAt(cursor: Cursor, pattern: Uint8Array, at: number): boolean {
  const input = cursor.bytes
  const length = pattern.length
  if (at + length > cursor.limit) return false
  for (let index = 0; index < length; index++) if (input[at + index] !== pattern[index]) return false
  return true
}

/** A time as readTime reads it: integer epoch milliseconds or a common ISO-8601 string; NaN otherwise. */
export function timeValue(cursor: Cursor): number {
  if (cursor.type === V_INTEGER) return cursor.integer
  if (cursor.type === V_STRING) return parseIsoTimeBytes(cursor.bytes, cursor.textFrom, cursor.textTo)
  return Number.NaN
}

export interface NameTable {
  interner: ByteInterner
  /** Per raw id: whether the name is blank (readText refuses it), −1 not yet known. */
  isBlank: Int8Array<ArrayBuffer>
}

export const createNameTable = (interner: ByteInterner): NameTable => ({
  interner,
  isBlank: new Int8Array(0),
})

/** The name just read by readName, if readText accepts it (a non-blank string), interned; −1 otherwise. */
export function internName(cursor: Cursor, names: NameTable): number {
  if (cursor.type !== V_STRING) return -1
  const id = names.interner.idOfHashed(cursor.bytes, cursor.textFrom, cursor.textTo, cursor.hash)
  if (id >= names.isBlank.length) {
    const larger = new Int8Array(Math.max(16, names.isBlank.length * 2, id + 1)).fill(-1)
    larger.set(names.isBlank)
    names.isBlank = larger
  }
  // trim() knows every Unicode space, so a name with other bytes is checked once, as a string
  if (names.isBlank[id] < 0) names.isBlank[id] = isPlainText(names.interner.names[id] ?? '') ? 0 : 1
  return names.isBlank[id] ? -1 : id
}
