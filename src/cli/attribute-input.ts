// Input files of `credence attribute`, streamed in chunks: a journeys JSON document
// (`{ "journeys": [ … ] }`) is split into its journeys at the byte level and each one parsed on its
// own, and NDJSON (one journey per line) line by line. No file is ever held whole.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { AttributionError, findJsonValueEnd, isJsonSpace } from '../attribution'

/** Bad input: exits with code 2 and a message naming what is wrong. */
export class InputError extends Error {}

export interface ByteFile {
  size: number
  read(buffer: Uint8Array, offset: number, length: number): number
  close(): void
}

export function openByteFile(path: string | undefined): ByteFile {
  if (path === undefined) throw new InputError('--input: is required')
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    throw new InputError(`--input: cannot read ${path}`)
  }
  return {
    size: fstatSync(fd).size,
    read: (buffer, offset, length) => readSync(fd, buffer, offset, length, null),
    close: () => closeSync(fd),
  }
}

const decoder = new TextDecoder()
const CHUNK = 1 << 20

const isSpace = isJsonSpace

function notJson(where: string): never {
  throw new AttributionError('INVALID_JOURNEY', 'not valid JSON', where)
}

/** Names the first journey of a span that is not valid JSON. */
function reportBadJourney(span: Uint8Array, first: number): never {
  const text = decoder.decode(span)
  let depth = 0
  let start = 0
  let isString = false
  let index = first
  for (let at = 0; at <= text.length; at++) {
    const char = text[at]
    if (isString) {
      if (char === '\\') at++
      else if (char === '"') isString = false
    } else if (char === '"') isString = true
    else if (char === '{' || char === '[') depth++
    else if (char === '}' || char === ']') depth--
    else if (depth === 0 && (char === ',' || char === undefined)) {
      try {
        JSON.parse(text.slice(start, at))
      } catch {
        notJson(`journeys[${index}]`)
      }
      index++
      start = at + 1
    }
  }
  return notJson(`journeys[${first}]`)
}

/**
 * Calls `visit` with each parsed journey value of a `{ "journeys": [...] }` document, in order.
 * Other top-level keys are skipped.
 */
export function streamJourneysJson(
  file: ByteFile,
  visit: (value: unknown, index: number) => void,
  onProgress?: (bytes: number) => void,
): void {
  let buffer = new Uint8Array(CHUNK)
  let filled = 0
  let position = 0
  let consumed = 0
  let isEnd = false
  const refill = () => {
    consumed += position
    buffer.copyWithin(0, position, filled)
    filled -= position
    position = 0
    if (filled === buffer.length) {
      const larger = new Uint8Array(buffer.length * 2)
      larger.set(buffer)
      buffer = larger
    }
    const count = file.read(buffer, filled, buffer.length - filled)
    if (count === 0) isEnd = true
    filled += count
    onProgress?.(consumed)
  }
  /** The next non-space byte (−1 at the end), reading more as needed; leaves position on it. */
  const peek = (): number => {
    for (;;) {
      while (position < filled && isSpace(buffer[position])) position++
      if (position < filled) return buffer[position]
      if (isEnd) return -1
      refill()
    }
  }
  /** End of the JSON value starting at `from`, or −1 when the buffer ends first. */
  const valueEnd = (from = position): number => findJsonValueEnd(buffer, from, filled, isEnd)
  /** Reads one whole value; its text is buffer[from, to). */
  const takeValue = (where: string): [number, number] => {
    for (;;) {
      const end = valueEnd()
      if (end > position) {
        const from = position
        position = end
        return [from, end]
      }
      if (isEnd) notJson(where)
      refill()
    }
  }
  const expect = (byte: number, where: string) => {
    if (peek() !== byte) notJson(where)
    position++
  }

  const shape = () => {
    throw new AttributionError('INVALID_JOURNEY', 'expected an object with a "journeys" array', 'journeys')
  }
  refill()
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) position = 3
  if (peek() !== 0x7b) shape()
  position++
  let hasJourneys = false
  for (;;) {
    const next = peek()
    if (next === 0x7d) break
    if (next !== 0x22) notJson('journeys')
    const [keyFrom, keyTo] = takeValue('journeys')
    const key = JSON.parse(decoder.decode(buffer.subarray(keyFrom, keyTo))) as string
    expect(0x3a, 'journeys')
    if (key !== 'journeys') takeValue(key)
    else {
      if (peek() !== 0x5b) shape()
      hasJourneys = true
      position++
      let index = 0
      if (peek() === 0x5d) position++
      else
        for (;;) {
          if (index > 0) {
            const separator = peek()
            position++
            if (separator === 0x5d) break
            if (separator !== 0x2c) notJson(`journeys[${index - 1}]`)
          }
          // every complete journey already in the buffer is parsed in one call, then visited in order
          peek()
          const first = index
          const [spanFrom, firstEnd] = takeValue(`journeys[${index}]`)
          let spanTo = firstEnd
          index++
          let isLast = false
          for (;;) {
            let at = position
            while (at < filled && isSpace(buffer[at])) at++
            if (at >= filled) break
            if (buffer[at] === 0x5d) {
              position = at + 1
              isLast = true
              break
            }
            if (buffer[at] !== 0x2c) notJson(`journeys[${index - 1}]`)
            let next = at + 1
            while (next < filled && isSpace(buffer[next])) next++
            const end = next < filled ? valueEnd(next) : -1
            if (end <= next) break
            position = end
            spanTo = end
            index++
          }
          const span = buffer.subarray(spanFrom, spanTo)
          let values: unknown[] | undefined
          try {
            values = JSON.parse(`[${decoder.decode(span)}]`) as unknown[]
          } catch {
            values = undefined
          }
          if (values?.length !== index - first) reportBadJourney(span, first)
          for (let offset = 0; offset < values.length; offset++) visit(values[offset], first + offset)
          if (isLast) break
        }
    }
    const after = peek()
    if (after === 0x2c) position++
    else if (after !== 0x7d) notJson('journeys')
  }
  if (!hasJourneys) shape()
  onProgress?.(consumed + position)
}

/** NDJSON: one journey object per line; blank lines are skipped. */
export function streamJourneysNdjson(
  file: ByteFile,
  visit: (value: unknown, index: number) => void,
  onProgress?: (bytes: number) => void,
): void {
  let buffer = new Uint8Array(CHUNK)
  let filled = 0
  let consumed = 0
  let line = 0
  let index = 0
  for (;;) {
    const count = file.read(buffer, filled, buffer.length - filled)
    filled += count
    let start = 0
    for (;;) {
      let end = buffer.indexOf(0x0a, start)
      if (end < 0 || end >= filled) {
        if (count > 0) break
        end = filled
      }
      line++
      let isBlank = true
      for (let at = start; at < end && isBlank; at++) isBlank = isSpace(buffer[at])
      if (!isBlank) {
        let value: unknown
        try {
          value = JSON.parse(decoder.decode(buffer.subarray(start, end)))
        } catch {
          throw new AttributionError('INVALID_JOURNEY', 'not valid JSON', `line ${line}`)
        }
        visit(value, index++)
      }
      start = end + 1
      if (start >= filled) break
    }
    if (count === 0) break
    consumed += Math.min(start, filled)
    buffer.copyWithin(0, Math.min(start, filled), filled)
    filled -= Math.min(start, filled)
    if (filled === buffer.length) {
      const larger = new Uint8Array(buffer.length * 2)
      larger.set(buffer)
      buffer = larger
    }
    onProgress?.(consumed)
  }
}
