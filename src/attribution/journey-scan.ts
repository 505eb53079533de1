import { currencyExponent, isCurrencyCode } from '../money'
import { type ByteInterner, createByteInterner } from './byte-interner'
import { OUTCOME_OPEN } from './columnar'
import {
  createCursor,
  createNameTable,
  isPatternAt,
  keyPatterns,
  matchText,
  readValue,
  SCAN_FALLBACK,
  SCAN_NEED_MORE,
  skip,
  timeValue,
} from './journey-tokens'
import {
  encoder,
  isPlainId,
  isPlainText,
  J_AMOUNT,
  J_AMOUNT_MINOR,
  J_CLOSED,
  J_CREATED,
  J_CURRENCY,
  J_ID,
  J_KIND,
  J_OUTCOME,
  J_PARENT,
  J_TOUCHES,
  JOURNEY_KEYS,
  KINDS,
  OUTCOME_CODES,
  OUTCOMES,
  readDecimal,
  readMinorText,
  V_ARRAY,
  V_INTEGER,
  V_NULL,
  V_STRING,
} from './journey-values'
import { createTouchScanner, type ScannedTouches } from './touch-scan'

// Reads one journey object straight from UTF-8 bytes, for the common shape: plain strings (no
// escapes), integer numbers, ISO-8601 times of the common form, decimal amounts, the known keys.
// It accepts only what readJourney accepts, reading it the same way; on anything else (an escaped
// string, an unknown key, `fields`, a fraction where an integer was expected, a missing or invalid
// field, a duplicate key) it answers FALLBACK and the caller parses that journey with JSON.parse and
// readJourney, which either reads it or names the field that is wrong.

export { SCAN_FALLBACK, SCAN_NEED_MORE }

export interface ScannedJourney extends ScannedTouches {
  id: string
  /** Where the id's bytes are in the scanned buffer, and whether they are all ASCII. */
  idFrom: number
  idTo: number
  isIdAscii: boolean
  /** Raw ids: into the scanner's own interners, in the order met. */
  currency: number
  amountMinor: number
  outcome: number
  createdAt: number
  /** NaN when absent. */
  closedAt: number
}

const decoder = new TextDecoder()
const PATTERNS = keyPatterns(JOURNEY_KEYS)

export interface JourneyScanner {
  readonly result: ScannedJourney
  readonly actors: ByteInterner
  readonly kinds: ByteInterner
  readonly activities: ByteInterner
  readonly currencies: ByteInterner
  /** The buffer of the last scan. */
  readonly bytes: Uint8Array
  /** End of the journey object at bytes[from], or SCAN_NEED_MORE / SCAN_FALLBACK; reads no further than `limit`. */
  scan(bytes: Uint8Array, from: number, limit: number): number
}

export function createJourneyScanner(): JourneyScanner {
  const actors = createByteInterner()
  const kinds = createByteInterner()
  const activities = createByteInterner()
  const currencies = createByteInterner()
  // per currency: its exponent, −1 unknown
  let exponents = new Int8Array(0)
  const partner = kinds.idOfBytes(encoder.encode('partner'), 0, 7)
  const directKind = kinds.idOfBytes(encoder.encode('direct'), 0, 6)

  const result: ScannedJourney = {
    id: '',
    idFrom: 0,
    idTo: 0,
    isIdAscii: true,
    currency: 0,
    amountMinor: 0,
    outcome: 0,
    createdAt: 0,
    closedAt: Number.NaN,
    touchCount: 0,
    actor: new Int32Array(16),
    kind: new Int32Array(16),
    activity: new Int32Array(16),
    at: new Float64Array(16),
  }

  const cursor = createCursor()
  const scanTouches = createTouchScanner(
    cursor,
    {
      actors: createNameTable(actors),
      kinds: createNameTable(kinds),
      activities: createNameTable(activities),
      partnerKind: partner,
      directKind,
    },
    result,
  )
  // the key met at each place in the journey before, −1 before the first
  const expected = new Int8Array(JOURNEY_KEYS.length + 1).fill(-1)

  /** The key at `at` and past its colon (in cursor.integer): the expected one matched whole, or read and matched. */
  const readKey = (at: number, place: number): number => {
    const guess = expected[place]
    if (guess >= 0 && isPatternAt(cursor, PATTERNS[guess], at)) {
      cursor.integer = guess
      return at + PATTERNS[guess].length
    }
    const end = readValue(cursor, at)
    if (end < 0) return end
    const key = matchText(cursor, JOURNEY_KEYS)
    if (key < 0) return SCAN_FALLBACK
    const index = skip(cursor, end)
    if (index >= cursor.limit) return SCAN_NEED_MORE
    if (cursor.bytes[index] !== 0x3a) return SCAN_FALLBACK
    expected[place] = key
    cursor.integer = key
    return index + 1
  }

  const currencyExponentOf = (id: number): number => {
    if (id >= exponents.length) {
      const larger = new Int8Array(currencies.names.length * 2 + 8)
      larger.set(exponents)
      for (let raw = exponents.length; raw < currencies.names.length; raw++) {
        const name = currencies.names[raw] ?? ''
        larger[raw] = name.trim() !== '' && isCurrencyCode(name) ? currencyExponent(name) : -1
      }
      exponents = larger
    }
    return exponents[id]
  }

  const scan = (input: Uint8Array, from: number, end: number): number => {
    cursor.bytes = input
    cursor.limit = end
    const bytes = input
    if (bytes[from] !== 0x7b) return SCAN_FALLBACK
    result.touchCount = 0
    result.closedAt = Number.NaN
    let seen = 0
    let currency = -1
    let minorValue = Number.NaN
    let amountFrom = -1
    let amountTo = -1
    let outcome = -1
    let createdAt = Number.NaN
    let id = ''
    let place = 0
    let index = skip(cursor, from + 1)
    if (index >= end) return SCAN_NEED_MORE
    if (bytes[index] !== 0x7d)
      for (;;) {
        if (bytes[index] !== 0x22) return SCAN_FALLBACK
        index = readKey(index, place++)
        if (index < 0) return index
        const key = cursor.integer
        if (seen & (1 << key)) return SCAN_FALLBACK
        seen |= 1 << key
        index = skip(cursor, index)
        let valueEnd = readValue(cursor, index)
        if (valueEnd < 0) return valueEnd
        const type = cursor.type
        const textFrom = cursor.textFrom
        const textTo = cursor.textTo
        if (key === J_TOUCHES) {
          if (type === V_ARRAY) valueEnd = scanTouches(valueEnd)
          else if (type !== V_NULL) return SCAN_FALLBACK
          if (valueEnd < 0) return valueEnd
        } else if (type === V_ARRAY) return SCAN_FALLBACK
        else if (key === J_ID) {
          if (type !== V_STRING) return SCAN_FALLBACK
          id = decoder.decode(bytes.subarray(textFrom, textTo))
          if (!isPlainId(bytes, textFrom, textTo) && !isPlainText(id)) return SCAN_FALLBACK
          result.idFrom = textFrom
          result.idTo = textTo
          result.isIdAscii = id.length === textTo - textFrom
        } else if (key === J_CURRENCY) {
          if (type !== V_STRING) return SCAN_FALLBACK
          currency = currencies.idOfBytes(bytes, textFrom, textTo)
        } else if (key === J_AMOUNT_MINOR) {
          // read once the currency is known; amountMinor wins over amount, as in readAmount
          if (type === V_INTEGER) minorValue = cursor.integer || 0
          else if (type === V_STRING) minorValue = readMinorText(bytes, textFrom, textTo)
          else return SCAN_FALLBACK
          if (Number.isNaN(minorValue)) return SCAN_FALLBACK
        } else if (key === J_AMOUNT) {
          if (type === V_STRING) {
            amountFrom = textFrom
            amountTo = textTo
          }
        } else if (key === J_OUTCOME) {
          outcome = type === V_STRING ? matchText(cursor, OUTCOMES) : -1
          if (outcome < 0) return SCAN_FALLBACK
        } else if (key === J_CREATED) {
          createdAt = timeValue(cursor)
          if (Number.isNaN(createdAt)) return SCAN_FALLBACK
        } else if (key === J_CLOSED) {
          if (type !== V_NULL) {
            result.closedAt = timeValue(cursor)
            if (Number.isNaN(result.closedAt)) return SCAN_FALLBACK
          }
        } else if (key === J_KIND) {
          if (type !== V_STRING || matchText(cursor, KINDS) < 0) return SCAN_FALLBACK
        } else if (key === J_PARENT) {
          if (type !== V_NULL && type !== V_STRING) return SCAN_FALLBACK
          if (type === V_STRING && !isPlainText(decoder.decode(bytes.subarray(textFrom, textTo))))
            return SCAN_FALLBACK
        }
        index = skip(cursor, valueEnd)
        if (index >= end) return SCAN_NEED_MORE
        if (bytes[index] === 0x7d) break
        if (bytes[index] !== 0x2c) return SCAN_FALLBACK
        index = skip(cursor, index + 1)
        if (index >= end) return SCAN_NEED_MORE
      }
    if (id === '' || currency < 0 || outcome < 0 || Number.isNaN(createdAt)) return SCAN_FALLBACK
    const exponent = currencyExponentOf(currency)
    if (exponent < 0) return SCAN_FALLBACK
    const amount =
      seen & (1 << J_AMOUNT_MINOR)
        ? minorValue
        : amountFrom >= 0
          ? readDecimal(bytes, amountFrom, amountTo, exponent)
          : Number.NaN
    if (Number.isNaN(amount)) return SCAN_FALLBACK
    result.id = id
    result.currency = currency
    result.amountMinor = amount
    result.outcome = OUTCOME_CODES[outcome] ?? OUTCOME_OPEN
    result.createdAt = createdAt
    return index + 1
  }

  return {
    result,
    actors,
    kinds,
    activities,
    currencies,
    get bytes() {
      return cursor.bytes
    },
    scan,
  }
}
