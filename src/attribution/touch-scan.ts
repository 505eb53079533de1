import {
  type Cursor,
  internName,
  isPatternAt,
  keyPatterns,
  matchText,
  type NameTable,
  readName,
  readValue,
  SCAN_FALLBACK,
  SCAN_NEED_MORE,
  skip,
  timeValue,
} from './journey-tokens'
import {
  DIRECT,
  isPlainText,
  T_ACTIVITY,
  T_ACTOR,
  T_AT,
  T_KIND,
  TOUCH_KEYS,
  V_ARRAY,
  V_NULL,
  V_STRING,
} from './journey-values'

// The touches array of a journey scan, read straight into the scanned journey's rows. Files write
// every touch with the same keys in the same order, so each key is first tried as the one met at
// that place in the touch before: `"actor":` matched in one comparison, without reading it as a value.

/** Where a journey scan keeps its touches: rows of raw ids into the scanner's interners. */
export interface ScannedTouches {
  touchCount: number
  actor: Int32Array
  kind: Int32Array
  activity: Int32Array
  at: Float64Array
}

export interface TouchNames {
  actors: NameTable
  kinds: NameTable
  activities: NameTable
  /** Kind ids of a touch without actorKind: direct for the direct actor, else partner. */
  partnerKind: number
  directKind: number
}

const decoder = new TextDecoder()
const PATTERNS = keyPatterns(TOUCH_KEYS)

function growTouches(result: ScannedTouches): void {
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

/** Returns a reader of the touches array at `at` (its `[`): its end or a SCAN_ code. */
export function createTouchScanner(
  cursor: Cursor,
  names: TouchNames,
  result: ScannedTouches,
): (at: number) => number {
  // the key met at each place in the last touch, −1 before the first
  const expected = new Int8Array(TOUCH_KEYS.length + 1).fill(-1)

  /** The key at `at` and past its colon: the expected one matched whole, or read and matched. */
  const readKey = (at: number, place: number): number => {
    const guess = expected[place]
    if (guess >= 0 && isPatternAt(cursor, PATTERNS[guess], at)) {
      cursor.integer = guess
      return at + PATTERNS[guess].length
    }
    const end = readValue(cursor, at)
    if (end < 0) return end
    const key = matchText(cursor, TOUCH_KEYS)
    if (key < 0) return SCAN_FALLBACK
    const index = skip(cursor, end)
    if (index >= cursor.limit) return SCAN_NEED_MORE
    if (cursor.bytes[index] !== 0x3a) return SCAN_FALLBACK
    expected[place] = key
    cursor.integer = key
    return index + 1
  }

  const scanTouch = (at: number): number => {
    const bytes = cursor.bytes
    if (bytes[at] !== 0x7b) return SCAN_FALLBACK
    let seen = 0
    let actor = -1
    let kind = -1
    let activity = -1
    let time = Number.NaN
    let isDirect = false
    let place = 0
    let index = skip(cursor, at + 1)
    if (index >= cursor.limit) return SCAN_NEED_MORE
    if (bytes[index] !== 0x7d)
      for (;;) {
        if (bytes[index] !== 0x22) return SCAN_FALLBACK
        index = readKey(index, place++)
        if (index < 0) return index
        const key = cursor.integer
        if (seen & (1 << key)) return SCAN_FALLBACK
        seen |= 1 << key
        index = skip(cursor, index)
        const end = key === T_AT ? readValue(cursor, index) : readName(cursor, index)
        if (end < 0) return end
        const type = cursor.type
        if (type === V_ARRAY) return SCAN_FALLBACK
        if (key === T_ACTOR) {
          actor = internName(cursor, names.actors)
          if (actor < 0) return SCAN_FALLBACK
          isDirect = matchText(cursor, DIRECT) === 0
        } else if (key === T_ACTIVITY) {
          activity = internName(cursor, names.activities)
          if (activity < 0) return SCAN_FALLBACK
        } else if (key === T_AT) {
          time = timeValue(cursor)
          if (Number.isNaN(time)) return SCAN_FALLBACK
        } else if (type !== V_NULL) {
          // actorKind, id and parentActor are optional names
          if (type !== V_STRING) return SCAN_FALLBACK
          if (key === T_KIND) {
            kind = internName(cursor, names.kinds)
            if (kind < 0) return SCAN_FALLBACK
          } else if (!isPlainText(decoder.decode(bytes.subarray(cursor.textFrom, cursor.textTo))))
            return SCAN_FALLBACK
        }
        index = skip(cursor, end)
        if (index >= cursor.limit) return SCAN_NEED_MORE
        if (bytes[index] === 0x7d) break
        if (bytes[index] !== 0x2c) return SCAN_FALLBACK
        index = skip(cursor, index + 1)
        if (index >= cursor.limit) return SCAN_NEED_MORE
      }
    if (actor < 0 || activity < 0 || Number.isNaN(time)) return SCAN_FALLBACK
    const row = result.touchCount++
    if (row === result.actor.length) growTouches(result)
    result.actor[row] = actor
    result.kind[row] = kind >= 0 ? kind : isDirect ? names.directKind : names.partnerKind
    result.activity[row] = activity
    result.at[row] = time
    return index + 1
  }

  return (at) => {
    let index = skip(cursor, at + 1)
    if (index >= cursor.limit) return SCAN_NEED_MORE
    if (cursor.bytes[index] === 0x5d) return index + 1
    for (;;) {
      const end = scanTouch(index)
      if (end < 0) return end
      index = skip(cursor, end)
      if (index >= cursor.limit) return SCAN_NEED_MORE
      if (cursor.bytes[index] === 0x5d) return index + 1
      if (cursor.bytes[index] !== 0x2c) return SCAN_FALLBACK
      index = skip(cursor, index + 1)
      if (index >= cursor.limit) return SCAN_NEED_MORE
    }
  }
}
