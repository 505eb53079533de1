import { AttributionError } from './attribution-error'
import { createPathTableBuilder, type PathTable } from './path-table'

// Reads the path-aggregated CSV (`path`, `total_conversions`, `total_conversion_value`, `total_null`;
// comma or semicolon separated, RFC 4180 quoting) straight from bytes into a PathTable: one pass, no
// object or string per row. Bytes come from `read`, so a file is streamed in fixed-size chunks and
// memory stays bounded by the distinct paths. Errors name the line and the field.

/** Fills buffer[offset, offset + length) and returns how many bytes it wrote; 0 at the end. */
export type ReadBytes = (buffer: Uint8Array, offset: number, length: number) => number

export interface ReadPathsOptions {
  /** Called after each chunk with the bytes consumed so far. */
  onProgress?: (bytes: number) => void
  chunkBytes?: number
}

const QUOTE = 0x22
const COMMA = 0x2c
const SEMICOLON = 0x3b
const LF = 0x0a
const CR = 0x0d
const SPACE = 0x20
const TAB = 0x09
const ARROW = 0x3e
const PERIOD = 0x2e
const ZERO = 0x30
const NINE = 0x39

const ROLE_IGNORED = 0
const ROLE_PATH = 1
const ROLE_CONVERSIONS = 2
const ROLE_VALUE = 3
const ROLE_NULLS = 4
const ROLES: Record<string, number> = {
  path: ROLE_PATH,
  total_conversions: ROLE_CONVERSIONS,
  total_conversion_value: ROLE_VALUE,
  total_null: ROLE_NULLS,
}

const decoder = new TextDecoder()

function fail(line: number, field: string | undefined, message: string): never {
  throw new AttributionError(
    'INVALID_JOURNEY',
    message,
    field ? `line ${line}, field ${field}` : `line ${line}`,
  )
}

/** Bytes over a whole buffer, for tests and small inputs. */
export function readFromBytes(bytes: Uint8Array): ReadBytes {
  let position = 0
  return (buffer, offset, length) => {
    const count = Math.min(length, bytes.length - position)
    buffer.set(bytes.subarray(position, position + count), offset)
    position += count
    return count
  }
}

const isBlank = (byte: number) => byte === SPACE || byte === TAB
/** Channel names are trimmed of line breaks too, which a quoted path may hold. */
const isSpace = (byte: number) => isBlank(byte) || byte === LF || byte === CR

export function readPathsCsv(read: ReadBytes, options: ReadPathsOptions = {}): PathTable {
  const table = createPathTableBuilder()
  let buffer = new Uint8Array(options.chunkBytes ?? 1 << 20)
  let filled = 0
  let position = 0
  let isEnd = false
  let consumed = 0
  let line = 1

  /** Keeps the unread tail, reads more; grows the buffer when one record fills it. */
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
    const count = read(buffer, filled, buffer.length - filled)
    if (count === 0) isEnd = true
    filled += count
    options.onProgress?.(consumed)
  }

  refill()
  while (!isEnd && filled < 3) refill()
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) position = 3

  // header: the first line decides the separator (the one used more often, outside quotes)
  let headerEnd = -1
  for (;;) {
    let isQuoted = false
    for (let index = position; index < filled; index++) {
      const byte = buffer[index]
      if (byte === QUOTE) isQuoted = !isQuoted
      else if (byte === LF && !isQuoted) {
        headerEnd = index
        break
      }
    }
    if (headerEnd >= 0 || isEnd) break
    refill()
  }
  if (headerEnd < 0) headerEnd = filled
  let commas = 0
  let semicolons = 0
  for (let index = position; index < headerEnd; index++) {
    if (buffer[index] === COMMA) commas++
    else if (buffer[index] === SEMICOLON) semicolons++
  }
  const delimiter = semicolons > commas ? SEMICOLON : COMMA

  const names: string[] = []
  // fields of the current record: where their text starts and ends, and whether it held a doubled quote
  let fieldFrom = new Int32Array(16)
  let fieldTo = new Int32Array(16)
  let fieldEscaped = new Uint8Array(16)
  let fieldCount = 0
  let recordLines = 0

  /** Scans one record from `position`; false when the buffer ends first (and more may come). */
  const scanRecord = (): boolean => {
    let index = position
    fieldCount = 0
    recordLines = 0
    for (;;) {
      while (index < filled && isBlank(buffer[index])) index++
      if (fieldCount === fieldFrom.length) {
        const size = fieldCount * 2
        fieldFrom = Int32Array.from({ length: size }, (_, i) => fieldFrom[i] ?? 0)
        fieldTo = Int32Array.from({ length: size }, (_, i) => fieldTo[i] ?? 0)
        fieldEscaped = Uint8Array.from({ length: size }, (_, i) => fieldEscaped[i] ?? 0)
      }
      let from: number
      let to: number
      let isEscaped = 0
      if (index < filled && buffer[index] === QUOTE) {
        from = index + 1
        index = from
        for (;;) {
          while (index < filled && buffer[index] !== QUOTE) {
            if (buffer[index] === LF) recordLines++
            index++
          }
          if (index >= filled) {
            if (isEnd) fail(line, names[fieldCount], 'a quoted field never closes')
            return false
          }
          if (index + 1 >= filled && !isEnd) return false
          if (buffer[index + 1] === QUOTE) {
            isEscaped = 1
            index += 2
            continue
          }
          break
        }
        to = index
        index++
        while (index < filled && isBlank(buffer[index])) index++
        if (index < filled && buffer[index] !== delimiter && buffer[index] !== LF && buffer[index] !== CR)
          fail(line, names[fieldCount], 'unexpected text after a closing quote')
        if (index >= filled && !isEnd) return false
      } else {
        from = index
        while (index < filled) {
          const byte = buffer[index]
          if (byte === delimiter || byte === LF || byte === CR) break
          if (byte === QUOTE) fail(line, names[fieldCount], 'a quote inside an unquoted field')
          index++
        }
        if (index >= filled && !isEnd) return false
        to = index
        while (to > from && isBlank(buffer[to - 1])) to--
      }
      fieldFrom[fieldCount] = from
      fieldTo[fieldCount] = to
      fieldEscaped[fieldCount] = isEscaped
      fieldCount++
      if (index < filled && buffer[index] === delimiter) {
        index++
        continue
      }
      if (index < filled && buffer[index] === CR) {
        if (index + 1 >= filled && !isEnd) return false
        index++
      }
      if (index < filled && buffer[index] === LF) index++
      recordLines++
      position = index
      return true
    }
  }

  /** Text of field `field`, with doubled quotes undone; for the header and error messages. */
  const fieldText = (field: number) => {
    const text = decoder.decode(buffer.subarray(fieldFrom[field], fieldTo[field]))
    return fieldEscaped[field] ? text.replaceAll('""', '"') : text
  }

  const isEmptyLine = () => {
    // a line holding only blanks carries no record (csv-parse's skip_empty_lines)
    let index = position
    while (index < filled && isBlank(buffer[index])) index++
    if (index < filled && (buffer[index] === LF || buffer[index] === CR)) {
      if (buffer[index] === CR && index + 1 < filled && buffer[index + 1] === LF) index++
      position = index + 1
      line++
      return true
    }
    return false
  }

  const nextRecord = (): boolean => {
    for (;;) {
      if (position >= filled) {
        if (isEnd) return false
        refill()
        continue
      }
      if (isEmptyLine()) continue
      if (scanRecord()) return true
      if (isEnd) return position < filled
      refill()
    }
  }

  if (!nextRecord()) return table.finish()
  for (let field = 0; field < fieldCount; field++) names.push(fieldText(field).trim())
  line += recordLines
  const roles = names.map((name) => ROLES[name] ?? ROLE_IGNORED)
  const missing = ['path', 'total_conversions'].filter((name) => !names.includes(name))
  if (missing.length > 0)
    throw new AttributionError('INVALID_JOURNEY', `missing column ${missing.join(', ')}`, 'paths')

  let channels = new Int32Array(64)
  let unescaped = new Uint8Array(256)

  const readNumber = (field: number): number => {
    const from = fieldFrom[field]
    const to = fieldTo[field]
    if (from === to) return 0
    // digits with an optional fraction are read exactly as Number() would; anything else goes to it
    let whole = 0
    let index = from
    while (index < to && buffer[index] >= ZERO && buffer[index] <= NINE)
      whole = whole * 10 + buffer[index++] - ZERO
    let value = whole
    if (index < to && buffer[index] === PERIOD) {
      index++
      let fraction = 0
      let scale = 1
      while (index < to && buffer[index] >= ZERO && buffer[index] <= NINE) {
        fraction = fraction * 10 + buffer[index++] - ZERO
        scale *= 10
      }
      value = (whole * scale + fraction) / scale
    }
    if (index !== to || to - from > 15) value = Number(fieldText(field))
    if (!Number.isFinite(value) || value < 0)
      fail(line, names[field], `not a non-negative number ("${fieldText(field)}")`)
    return value
  }

  const readChannels = (field: number): number => {
    let bytes = buffer
    let from = fieldFrom[field]
    let to = fieldTo[field]
    if (fieldEscaped[field]) {
      if (unescaped.length < to - from) unescaped = new Uint8Array((to - from) * 2)
      let length = 0
      for (let index = from; index < to; index++) {
        unescaped[length++] = buffer[index]
        if (buffer[index] === QUOTE) index++
      }
      bytes = unescaped
      from = 0
      to = length
    }
    let count = 0
    let start = from
    for (let index = from; index <= to; index++) {
      if (index < to && bytes[index] !== ARROW) continue
      let begin = start
      let end = index
      while (begin < end && isSpace(bytes[begin])) begin++
      while (end > begin && isSpace(bytes[end - 1])) end--
      if (end > begin) {
        if (count === channels.length) {
          const larger = new Int32Array(count * 2)
          larger.set(channels)
          channels = larger
        }
        channels[count++] = table.internChannelBytes(bytes, begin, end)
      }
      start = index + 1
    }
    return count
  }

  while (nextRecord()) {
    if (fieldCount !== names.length)
      fail(line, undefined, `expected ${names.length} fields, found ${fieldCount}`)
    let length = 0
    let conversions = 0
    let value = 0
    let nulls = 0
    for (let field = 0; field < fieldCount; field++) {
      const role = roles[field]
      if (role === ROLE_PATH) {
        length = readChannels(field)
        if (length === 0) fail(line, 'path', 'is required')
      } else if (role === ROLE_CONVERSIONS) conversions = readNumber(field)
      else if (role === ROLE_VALUE) value = readNumber(field)
      else if (role === ROLE_NULLS) nulls = readNumber(field)
    }
    table.addPath(channels, length, conversions, value, nulls)
    line += recordLines
  }
  options.onProgress?.(consumed + position)
  return table.finish()
}
