import { currencyExponent, isCurrencyCode } from '../money'
import { type ByteInterner, createByteInterner } from './byte-interner'
import { OUTCOME_OPEN } from './columnar'
import { parseIsoTimeBytes } from './iso-time'
import {
  DIRECT,
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
  T_ACTIVITY,
  T_ACTOR,
  T_AT,
  T_KIND,
  TOUCH_KEYS,
  V_ARRAY,
  V_INTEGER,
  V_NULL,
  V_STRING,
} from './journey-values'

// Reads one journey object straight from UTF-8 bytes, for the common shape: plain strings (no
// escapes), integer numbers, ISO-8601 times of the common form, decimal amounts, the known keys.
// It accepts only what readJourney accepts, reading it the same way; on anything else (an escaped
// string, an unknown key, `fields`, a fraction where an integer was expected, a missing or invalid
// field, a duplicate key) it answers FALLBACK and the caller parses that journey with JSON.parse and
// readJourney, which either reads it or names the field that is wrong.

/** The bytes ran out before the object closed. */
export const SCAN_NEED_MORE = -1
/** Not the common shape: parse this journey the general way. */
export const SCAN_FALLBACK = -2

export interface ScannedJourney {
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
  touchCount: number
  actor: Int32Array
  kind: Int32Array
  activity: Int32Array
  at: Float64Array
}

const decoder = new TextDecoder()

interface NameTable {
  interner: ByteInterner
  isBlank: Int8Array<ArrayBuffer>
}

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
  // per raw id: whether the name is blank (readText refuses it), −1 not yet known
  const actorTable: NameTable = { interner: actors, isBlank: new Int8Array(0) }
  const kindTable: NameTable = { interner: kinds, isBlank: new Int8Array(0) }
  const activityTable: NameTable = { interner: activities, isBlank: new Int8Array(0) }
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

  let bytes: Uint8Array = new Uint8Array(0)
  let limit = 0
  // the last value read: its type, its text span (strings) or value (integers)
  let type = 0
  let textFrom = 0
  let textTo = 0
  let integer = 0

  const skip = (at: number) => {
    const input = bytes
    const end = limit
    while (at < end) {
      const byte = input[at]
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) break
      at++
    }
    return at
  }

  /** Reads a value at `at` (after blanks); returns its end, or a SCAN_ code. */
  const readValue = (at: number): number => {
    const input = bytes
    const end = limit
    if (at >= end) return SCAN_NEED_MORE
    const first = input[at]
    if (first === 0x22) {
      // the closing quote is found natively; every reader of the text then refuses a backslash or a
      // control character in it (keys, outcomes and times by matching, names once per distinct name),
      // so an escaped quote never ends a string early
      let index = at + 1
      while (index < end && input[index] !== 0x22) index++
      if (index >= end) return SCAN_NEED_MORE
      type = V_STRING
      textFrom = at + 1
      textTo = index
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
      type = V_INTEGER
      integer = first === 0x2d ? -value : value
      return index
    }
    if (first === 0x6e) {
      if (at + 4 > end) return SCAN_NEED_MORE
      if (input[at + 1] !== 0x75 || input[at + 2] !== 0x6c || input[at + 3] !== 0x6c) return SCAN_FALLBACK
      type = V_NULL
      return at + 4
    }
    if (first === 0x5b) {
      type = V_ARRAY
      return at
    }
    return SCAN_FALLBACK
  }

  const matchText = (choices: readonly Uint8Array[]): number => {
    const input = bytes
    const from = textFrom
    const length = textTo - from
    for (let choice = 0; choice < choices.length; choice++) {
      const candidate = choices[choice]
      if (candidate.length !== length || candidate[0] !== input[from]) continue
      let index = 1
      while (index < length && candidate[index] === input[from + index]) index++
      if (index === length) return choice
    }
    return -1
  }

  /** A time as readTime reads it: integer epoch milliseconds or a common ISO-8601 string; NaN otherwise. */
  const timeValue = (): number => {
    if (type === V_INTEGER) return integer
    if (type === V_STRING) return parseIsoTimeBytes(bytes, textFrom, textTo)
    return Number.NaN
  }

  /** A name readText accepts (a non-blank string), interned; −1 otherwise. */
  const internName = (names: NameTable): number => {
    if (type !== V_STRING) return -1
    const id = names.interner.idOfBytes(bytes, textFrom, textTo)
    if (id >= names.isBlank.length) {
      const larger = new Int8Array(Math.max(16, names.isBlank.length * 2, id + 1)).fill(-1)
      larger.set(names.isBlank)
      names.isBlank = larger
    }
    // trim() knows every Unicode space, so a name with other bytes is checked once, as a string
    if (names.isBlank[id] < 0) names.isBlank[id] = isPlainText(names.interner.names[id] ?? '') ? 0 : 1
    return names.isBlank[id] ? -1 : id
  }

  const growTouches = () => {
    const size = result.actor.length * 2
    const ints = (values: Int32Array) => {
      const larger = new Int32Array(size)
      larger.set(values)
      return larger
    }
    result.actor = ints(result.actor)
    result.kind = ints(result.kind)
    result.activity = ints(result.activity)
    const at = new Float64Array(size)
    at.set(result.at)
    result.at = at
  }

  /** Reads one touch object at `at`; returns its end or a SCAN_ code. */
  const scanTouch = (at: number): number => {
    if (bytes[at] !== 0x7b) return SCAN_FALLBACK
    let seen = 0
    let actor = -1
    let kind = -1
    let activity = -1
    let time = Number.NaN
    let isDirect = false
    let index = skip(at + 1)
    if (index >= limit) return SCAN_NEED_MORE
    if (bytes[index] !== 0x7d)
      for (;;) {
        if (bytes[index] !== 0x22) return SCAN_FALLBACK
        let end = readValue(index)
        if (end < 0) return end
        const key = matchText(TOUCH_KEYS)
        if (key < 0 || seen & (1 << key)) return SCAN_FALLBACK
        seen |= 1 << key
        index = skip(end)
        if (index >= limit) return SCAN_NEED_MORE
        if (bytes[index] !== 0x3a) return SCAN_FALLBACK
        index = skip(index + 1)
        end = readValue(index)
        if (end < 0) return end
        if (type === V_ARRAY) return SCAN_FALLBACK
        if (key === T_ACTOR) {
          actor = internName(actorTable)
          if (actor < 0) return SCAN_FALLBACK
          isDirect = matchText(DIRECT) === 0
        } else if (key === T_ACTIVITY) {
          activity = internName(activityTable)
          if (activity < 0) return SCAN_FALLBACK
        } else if (key === T_AT) {
          time = timeValue()
          if (Number.isNaN(time)) return SCAN_FALLBACK
        } else if (type !== V_NULL) {
          // actorKind, id and parentActor are optional names
          if (type !== V_STRING) return SCAN_FALLBACK
          if (key === T_KIND) {
            kind = internName(kindTable)
            if (kind < 0) return SCAN_FALLBACK
          } else if (!isPlainText(decoder.decode(bytes.subarray(textFrom, textTo)))) return SCAN_FALLBACK
        }
        index = skip(end)
        if (index >= limit) return SCAN_NEED_MORE
        if (bytes[index] === 0x7d) break
        if (bytes[index] !== 0x2c) return SCAN_FALLBACK
        index = skip(index + 1)
        if (index >= limit) return SCAN_NEED_MORE
      }
    if (actor < 0 || activity < 0 || Number.isNaN(time)) return SCAN_FALLBACK
    const row = result.touchCount++
    if (row === result.actor.length) growTouches()
    result.actor[row] = actor
    result.kind[row] = kind >= 0 ? kind : isDirect ? directKind : partner
    result.activity[row] = activity
    result.at[row] = time
    return index + 1
  }

  /** Reads the touches array at `at` (its `[`); returns its end or a SCAN_ code. */
  const scanTouches = (at: number): number => {
    let index = skip(at + 1)
    if (index >= limit) return SCAN_NEED_MORE
    if (bytes[index] === 0x5d) return index + 1
    for (;;) {
      const end = scanTouch(index)
      if (end < 0) return end
      index = skip(end)
      if (index >= limit) return SCAN_NEED_MORE
      if (bytes[index] === 0x5d) return index + 1
      if (bytes[index] !== 0x2c) return SCAN_FALLBACK
      index = skip(index + 1)
      if (index >= limit) return SCAN_NEED_MORE
    }
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
    bytes = input
    limit = end
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
    let index = skip(from + 1)
    if (index >= limit) return SCAN_NEED_MORE
    if (bytes[index] !== 0x7d)
      for (;;) {
        if (bytes[index] !== 0x22) return SCAN_FALLBACK
        let valueEnd = readValue(index)
        if (valueEnd < 0) return valueEnd
        const key = matchText(JOURNEY_KEYS)
        if (key < 0 || seen & (1 << key)) return SCAN_FALLBACK
        seen |= 1 << key
        index = skip(valueEnd)
        if (index >= limit) return SCAN_NEED_MORE
        if (bytes[index] !== 0x3a) return SCAN_FALLBACK
        index = skip(index + 1)
        valueEnd = readValue(index)
        if (valueEnd < 0) return valueEnd
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
          if (type === V_INTEGER) minorValue = integer || 0
          else if (type === V_STRING) minorValue = readMinorText(bytes, textFrom, textTo)
          else return SCAN_FALLBACK
          if (Number.isNaN(minorValue)) return SCAN_FALLBACK
        } else if (key === J_AMOUNT) {
          if (type === V_STRING) {
            amountFrom = textFrom
            amountTo = textTo
          }
        } else if (key === J_OUTCOME) {
          outcome = type === V_STRING ? matchText(OUTCOMES) : -1
          if (outcome < 0) return SCAN_FALLBACK
        } else if (key === J_CREATED) {
          createdAt = timeValue()
          if (Number.isNaN(createdAt)) return SCAN_FALLBACK
        } else if (key === J_CLOSED) {
          if (type !== V_NULL) {
            result.closedAt = timeValue()
            if (Number.isNaN(result.closedAt)) return SCAN_FALLBACK
          }
        } else if (key === J_KIND) {
          if (type !== V_STRING || matchText(KINDS) < 0) return SCAN_FALLBACK
        } else if (key === J_PARENT) {
          if (type !== V_NULL && type !== V_STRING) return SCAN_FALLBACK
          if (type === V_STRING && !isPlainText(decoder.decode(bytes.subarray(textFrom, textTo))))
            return SCAN_FALLBACK
        }
        index = skip(valueEnd)
        if (index >= limit) return SCAN_NEED_MORE
        if (bytes[index] === 0x7d) break
        if (bytes[index] !== 0x2c) return SCAN_FALLBACK
        index = skip(index + 1)
        if (index >= limit) return SCAN_NEED_MORE
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
      return bytes
    },
    scan,
  }
}
