import { AttributionError } from './attribution-error'
import { createByteInterner } from './byte-interner'
import { createColumnsBuilder, type JourneyColumns, OUTCOME_OPEN, type PreparedRows } from './columnar'
import { readJourney } from './journey-input'
import { createJourneyScanner, SCAN_NEED_MORE } from './journey-scan'
import { findJsonValueEnd, isJsonSpace } from './json-bytes'
import type { ReadBytes } from './path-csv'
import { DAY_MS } from './prepare'
import type { AttributionOptions } from './types'

// Reads journeys (a `{ "journeys": [...] }` document or NDJSON, one journey per line) from bytes
// straight into columns: each journey is scanned in place (journey-scan.ts), prepared as
// prepareJourney prepares it (time order, window, exclusions, de-duplication) and appended, with no
// object or string per touch. A journey the scanner does not take is parsed with JSON.parse and read
// by readJourney, so every input reads the same as through readJourneysDocument, and every error
// names the journey (or NDJSON line) and the field.

export interface ReadJourneysOptions {
  format?: 'json' | 'ndjson'
  /** Called after each chunk with the bytes consumed so far. */
  onProgress?: (bytes: number) => void
  chunkBytes?: number
}

const decoder = new TextDecoder()
const encoder = new TextEncoder()
const isSpace = isJsonSpace

function notJson(where: string): never {
  throw new AttributionError('INVALID_JOURNEY', 'not valid JSON', where)
}

function growInts(values: Int32Array<ArrayBuffer>, size: number, fill: number): Int32Array<ArrayBuffer> {
  if (size <= values.length) return values
  const larger = new Int32Array(Math.max(size, values.length * 2)).fill(fill)
  larger.set(values)
  return larger
}

/** Adds scanned or parsed journeys to a columns builder, checking ids are unique. */
function createJourneySink(options: AttributionOptions) {
  const builder = createColumnsBuilder(options)
  const scanner = createJourneyScanner()
  const { result } = scanner
  const seen = createByteInterner(false)
  const excluded = new Set(options.excludeActivities ?? [])
  const lookback = options.lookbackDays === undefined ? Number.NaN : options.lookbackDays * DAY_MS
  const dedupe = options.dedupe ?? 'none'
  // raw scanner ids → column ids, assigned in the order touches are counted, as add() assigns them
  let actorOf = new Int32Array(0)
  let kindOf = new Int32Array(0)
  let activityOf = new Int32Array(0)
  let currencyOf = new Int32Array(0)
  let order = new Int32Array(16)
  const rows: PreparedRows = {
    id: '',
    amountMinor: 0,
    currency: 0,
    outcome: 0,
    createdAt: 0,
    referenceTime: 0,
    touchCount: 0,
    actor: new Int32Array(16),
    kind: new Int32Array(16),
    activity: new Int32Array(16),
    at: new Float64Array(16),
  }
  const actorNames = scanner.actors.names
  const kindNames = scanner.kinds.names
  const activityNames = scanner.activities.names
  const text = (names: string[], id: number) => names[id] ?? ''

  const compareNames = (names: string[], left: number, right: number): number => {
    if (left === right) return 0
    const a = text(names, left)
    const b = text(names, right)
    return a < b ? -1 : a > b ? 1 : 0
  }
  /** compareTouches on raw rows: ids and parent actors never change a column row, so they are left out. */
  const compareRows = (a: number, b: number): number =>
    result.at[a] - result.at[b] ||
    compareNames(actorNames, result.actor[a], result.actor[b]) ||
    compareNames(kindNames, result.kind[a], result.kind[b]) ||
    compareNames(activityNames, result.activity[a], result.activity[b])

  // ids are compared as their UTF-8 bytes (as the scanner saw them when plain ASCII), never as a Set of strings
  const checkUnique = (id: string, index: number, bytes?: Uint8Array, from = 0, to = 0) => {
    let source = bytes
    if (source === undefined) {
      source = encoder.encode(id)
      from = 0
      to = source.length
    }
    const before = seen.size
    if (seen.idOfBytes(source, from, to) === before) return
    throw new AttributionError('INVALID_JOURNEY', `duplicate id "${id}"`, `journeys[${index}].id`)
  }

  const addScanned = (index: number) => {
    if (result.isIdAscii) checkUnique(result.id, index, scanner.bytes, result.idFrom, result.idTo)
    else checkUnique(result.id, index)
    const count = result.touchCount
    let reference: number
    if (result.outcome !== OUTCOME_OPEN && !Number.isNaN(result.closedAt)) reference = result.closedAt
    else if (options.asOf !== undefined) reference = options.asOf
    else {
      reference = result.createdAt
      for (let row = 0; row < count; row++) reference = Math.max(reference, result.at[row])
    }
    const earliest = Number.isNaN(lookback) ? Number.NEGATIVE_INFINITY : reference - lookback
    if (order.length < count) {
      order = new Int32Array(count * 2)
      rows.actor = new Int32Array(count * 2)
      rows.kind = new Int32Array(count * 2)
      rows.activity = new Int32Array(count * 2)
      rows.at = new Float64Array(count * 2)
    }
    // insertion sort: a journey's touches are few and usually already in time order
    for (let row = 0; row < count; row++) {
      let place = row
      while (place > 0 && compareRows(order[place - 1], row) > 0) {
        order[place] = order[place - 1]
        place--
      }
      order[place] = row
    }
    let kept = 0
    let previous = -1
    for (let step = 0; step < count; step++) {
      const row = order[step]
      const activity = result.activity[row]
      if (excluded.size > 0 && excluded.has(text(activityNames, activity))) continue
      if (result.at[row] < earliest) continue
      const actor = result.actor[row]
      let isRepeat = false
      if (dedupe === 'consecutive')
        isRepeat = previous >= 0 && result.actor[previous] === actor && result.activity[previous] === activity
      else if (dedupe === 'all')
        for (let earlier = 0; earlier < step && !isRepeat; earlier++) {
          const other = order[earlier]
          isRepeat =
            result.actor[other] === actor &&
            result.activity[other] === activity &&
            !excluded.has(text(activityNames, activity)) &&
            result.at[other] >= earliest
        }
      previous = row
      if (isRepeat) continue
      actorOf = growInts(actorOf, actor + 1, -1)
      if (actorOf[actor] < 0) actorOf[actor] = builder.actorIdOf(text(actorNames, actor))
      const kind = result.kind[row]
      kindOf = growInts(kindOf, kind + 1, -1)
      if (kindOf[kind] < 0) kindOf[kind] = builder.kindIdOf(text(kindNames, kind))
      activityOf = growInts(activityOf, activity + 1, -1)
      if (activityOf[activity] < 0) activityOf[activity] = builder.activityIdOf(text(activityNames, activity))
      rows.actor[kept] = actorOf[actor]
      rows.kind[kept] = kindOf[kind]
      rows.activity[kept] = activityOf[activity]
      rows.at[kept] = result.at[row]
      kept++
    }
    const currency = result.currency
    currencyOf = growInts(currencyOf, currency + 1, -1)
    if (currencyOf[currency] < 0)
      currencyOf[currency] = builder.currencyIdOf(text(scanner.currencies.names, currency))
    rows.id = result.id
    rows.amountMinor = result.amountMinor
    rows.currency = currencyOf[currency]
    rows.outcome = result.outcome
    rows.createdAt = result.createdAt
    rows.referenceTime = reference
    rows.touchCount = kept
    rows.hadTouches = count > 0
    builder.addPrepared(rows)
  }

  /** The general way, for a journey the scanner did not take. */
  const addParsed = (json: string, index: number, where: string) => {
    let value: unknown
    try {
      value = JSON.parse(json)
    } catch {
      notJson(where)
    }
    const journey = readJourney(value, `journeys[${index}]`)
    checkUnique(journey.id, index)
    builder.add(journey, index)
  }

  return { scanner, addScanned, addParsed, finish: () => builder.finish() }
}

/** A byte buffer over `read` that keeps the unread tail and grows when one value fills it. */
function createByteStream(read: ReadBytes, options: ReadJourneysOptions) {
  const stream = {
    buffer: new Uint8Array(options.chunkBytes ?? 1 << 20),
    filled: 0,
    position: 0,
    consumed: 0,
    isEnd: false,
    refill() {
      stream.consumed += stream.position
      stream.buffer.copyWithin(0, stream.position, stream.filled)
      stream.filled -= stream.position
      stream.position = 0
      if (stream.filled === stream.buffer.length) {
        const larger = new Uint8Array(stream.buffer.length * 2)
        larger.set(stream.buffer)
        stream.buffer = larger
      }
      const count = read(stream.buffer, stream.filled, stream.buffer.length - stream.filled)
      if (count === 0) stream.isEnd = true
      stream.filled += count
      options.onProgress?.(stream.consumed)
    },
  }
  return stream
}

export function readJourneyColumns(
  read: ReadBytes,
  options: AttributionOptions = {},
  readOptions: ReadJourneysOptions = {},
): JourneyColumns {
  const sink = createJourneySink(options)
  const stream = createByteStream(read, readOptions)
  if (readOptions.format === 'ndjson') readNdjson(stream, sink)
  else readDocument(stream, sink)
  readOptions.onProgress?.(stream.consumed + stream.position)
  return sink.finish()
}

type Sink = ReturnType<typeof createJourneySink>
type Stream = ReturnType<typeof createByteStream>

function readNdjson(stream: Stream, sink: Sink): void {
  let line = 0
  let index = 0
  for (;;) {
    const { buffer, filled, position } = stream
    let end = buffer.indexOf(0x0a, position)
    if (end < 0 || end >= filled) {
      if (!stream.isEnd) {
        stream.refill()
        continue
      }
      if (position >= filled) return
      end = filled
    }
    line++
    let start = position
    while (start < end && isSpace(buffer[start])) start++
    if (start < end) {
      let after = sink.scanner.scan(buffer, start, end)
      while (after >= 0 && after < end && isSpace(buffer[after])) after++
      if (after === end) sink.addScanned(index)
      else sink.addParsed(decoder.decode(buffer.subarray(start, end)), index, `line ${line}`)
      index++
    }
    stream.position = end + 1
  }
}

function readDocument(stream: Stream, sink: Sink): void {
  /** The next non-space byte (−1 at the end), reading more as needed; leaves position on it. */
  const peek = (): number => {
    for (;;) {
      while (stream.position < stream.filled && isSpace(stream.buffer[stream.position])) stream.position++
      if (stream.position < stream.filled) return stream.buffer[stream.position]
      if (stream.isEnd) return -1
      stream.refill()
    }
  }
  /** End of the JSON value at `position`, or −1 when the buffer ends first. */
  const valueEnd = (): number => findJsonValueEnd(stream.buffer, stream.position, stream.filled, stream.isEnd)
  /** Reads one whole value and returns its text. */
  const takeValue = (where: string): string => {
    for (;;) {
      const end = valueEnd()
      if (end > stream.position) {
        const from = stream.position
        stream.position = end
        return decoder.decode(stream.buffer.subarray(from, end))
      }
      if (stream.isEnd) notJson(where)
      stream.refill()
    }
  }
  const shape = (): never => {
    throw new AttributionError('INVALID_JOURNEY', 'expected an object with a "journeys" array', 'journeys')
  }
  const readJourneyAt = (index: number) => {
    for (;;) {
      const end = sink.scanner.scan(stream.buffer, stream.position, stream.filled)
      if (end >= 0) {
        stream.position = end
        sink.addScanned(index)
        return
      }
      if (end !== SCAN_NEED_MORE || stream.isEnd) break
      stream.refill()
    }
    const where = `journeys[${index}]`
    sink.addParsed(takeValue(where), index, where)
  }

  stream.refill()
  const { buffer } = stream
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) stream.position = 3
  if (peek() !== 0x7b) shape()
  stream.position++
  let hasJourneys = false
  for (;;) {
    const next = peek()
    if (next === 0x7d) break
    if (next !== 0x22) notJson('journeys')
    let key: unknown
    try {
      key = JSON.parse(takeValue('journeys'))
    } catch {
      notJson('journeys')
    }
    if (peek() !== 0x3a) notJson('journeys')
    stream.position++
    peek()
    if (key !== 'journeys') takeValue(String(key))
    else {
      if (peek() !== 0x5b) shape()
      hasJourneys = true
      stream.position++
      if (peek() === 0x5d) stream.position++
      else
        for (let index = 0; ; index++) {
          peek()
          readJourneyAt(index)
          const separator = peek()
          stream.position++
          if (separator === 0x5d) break
          if (separator !== 0x2c) notJson(`journeys[${index}]`)
        }
    }
    const after = peek()
    if (after === 0x2c) stream.position++
    else if (after !== 0x7d) notJson('journeys')
  }
  if (!hasJourneys) shape()
  stream.position++
  peek()
}
