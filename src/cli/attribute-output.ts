// Output of `credence attribute`, written as a stream in 1 MB chunks: no document is ever held as
// one string. With --out it goes to a hidden temporary file beside the target, renamed into place
// once complete and removed on failure, so a failed run leaves neither a half-written file nor a
// temporary one behind.
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

const CHUNK = 1 << 20

export interface OutputSink {
  /** Appends text; plain ASCII is copied byte by byte, anything else encoded as UTF-8. */
  write(text: string): void
  /** Appends a number as JSON writes it; whole numbers are written digit by digit, zero-padded to `width`. */
  writeNumber(value: number, width?: number): void
  /** Flushes and, with --out, moves the file into place. */
  finish(): void
  /** Drops what was written to --out. */
  abandon(): void
}

/**
 * Text is encoded into one reused 1 MB buffer and handed on whole: to --out as bytes, to the
 * command's output as one string per chunk, so no output is held as strings waiting to be joined.
 */
function createByteSink(
  flushBytes: (bytes: Buffer, isAscii: boolean) => void,
): Pick<OutputSink, 'write' | 'writeNumber'> & { flush(): void } {
  const buffer = Buffer.allocUnsafe(CHUNK)
  let position = 0
  let isAscii = true
  const flush = () => {
    if (position === 0) return
    flushBytes(buffer.subarray(0, position), isAscii)
    position = 0
    isAscii = true
  }
  const write = (text: string) => {
    const length = text.length
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (position + length * 3 > CHUNK) {
      flush()
      if (length * 3 > CHUNK) {
        flushBytes(Buffer.from(text, 'utf8'), false)
        return
      }
    }
    // short ASCII strings copy faster in a loop than through the encoder
    if (length < 64) {
      let index = 0
      for (; index < length; index++) {
        const code = text.charCodeAt(index)
        if (code >= 0x80) break
        buffer[position + index] = code
      }
      if (index === length) {
        position += length
        return
      }
    }
    const written = buffer.write(text, position, 'utf8')
    if (written !== length) isAscii = false
    position += written
  }
  /** A whole number below 2^31, zero-padded to `width`. */
  const writeInt = (value: number, width: number) => {
    let digits = 1
    for (let rest = value; rest >= 10; rest = (rest / 10) | 0) digits++
    const size = Math.max(digits, width)
    let rest = value | 0
    for (let at = position + size - 1; at >= position; at--) {
      const next = (rest / 10) | 0
      buffer[at] = 48 + rest - next * 10
      rest = next
    }
    position += size
  }
  return {
    write,
    writeNumber(value, width = 0) {
      if (!(value >= 0 && value <= Number.MAX_SAFE_INTEGER && Math.floor(value) === value)) {
        write(String(value).padStart(width, '0'))
        return
      }
      if (position + 20 + width > CHUNK) flush()
      // whole numbers past 2^31 (times in milliseconds) as two parts with integer arithmetic
      if (value > 0x7fffffff) {
        const high = Math.floor(value / 1e8)
        writeInt(high, width > 8 ? width - 8 : 0)
        writeInt(value - high * 1e8, 8)
      } else writeInt(value, width)
    },
    flush,
  }
}

export function openOutput(out: string | undefined, writeOut: (text: string) => void): OutputSink {
  if (out === undefined) {
    // an ASCII chunk becomes a one-byte string without decoding
    const bytes = createByteSink((chunk, isAscii) => writeOut(chunk.toString(isAscii ? 'latin1' : 'utf8')))
    return {
      write: bytes.write,
      writeNumber: bytes.writeNumber,
      finish: bytes.flush,
      abandon() {},
    }
  }
  const temporary = join(dirname(out), `.${basename(out)}.${process.pid}.partial`)
  let fd: number | undefined = openSync(temporary, 'w')
  const bytes = createByteSink((chunk) => {
    if (fd !== undefined) writeSync(fd, chunk)
  })
  return {
    write: bytes.write,
    writeNumber: bytes.writeNumber,
    finish() {
      bytes.flush()
      if (fd !== undefined) closeSync(fd)
      fd = undefined
      renameSync(temporary, out)
    },
    abandon() {
      if (fd !== undefined) closeSync(fd)
      fd = undefined
      try {
        unlinkSync(temporary)
      } catch {
        // already gone
      }
    },
  }
}

type Cell = string | number

function csvCell(value: Cell): string {
  const text = String(value)
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function writeCsvRow(sink: OutputSink, row: readonly Cell[]): void {
  sink.write(`${row.map(csvCell).join(',')}\n`)
}

/** A table needs its column widths first, so it is for the short outputs (totals, scores). */
export function writeTable(sink: OutputSink, rows: readonly (readonly Cell[])[]): void {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => String(row[column] ?? '').length))) ?? []
  for (const row of rows) {
    sink.write(
      `${row
        .map((value, column) => String(value).padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    )
  }
}

export function writeRows(
  sink: OutputSink,
  format: 'csv' | 'table',
  rows: readonly (readonly Cell[])[],
): void {
  if (format === 'table') writeTable(sink, rows)
  else for (const row of rows) writeCsvRow(sink, row)
}

const replaceBigint = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)

/** JSON of one value, indented to sit at `depth` inside a streamed document. */
export function toJsonAt(value: unknown, depth: number): string {
  const text = JSON.stringify(value, replaceBigint, 2)
  return depth === 0 ? text : text.replaceAll('\n', `\n${'  '.repeat(depth)}`)
}

/**
 * Writes `{ …head, [arrayKey]: [ …items ], …tail }` with the items streamed one at a time, indented
 * as JSON.stringify(document, null, 2) would be. An item may instead be written to the sink as
 * compact JSON on one line after beginJson().
 */
export function writeJsonDocument(
  sink: OutputSink,
  head: Record<string, unknown>,
  arrayKey: string,
  items: (emit: (item: unknown) => void, beginJson: () => void) => void,
  tail: () => Record<string, unknown>,
): void {
  sink.write('{\n')
  for (const [key, value] of Object.entries(head)) {
    if (value !== undefined) sink.write(`  ${JSON.stringify(key)}: ${toJsonAt(value, 1)},\n`)
  }
  sink.write(`  ${JSON.stringify(arrayKey)}: [`)
  let count = 0
  items(
    (item) => {
      sink.write(`${count === 0 ? '\n' : ',\n'}    ${toJsonAt(item, 2)}`)
      count++
    },
    () => {
      sink.write(count === 0 ? '\n    ' : ',\n    ')
      count++
    },
  )
  sink.write(count === 0 ? ']' : '\n  ]')
  for (const [key, value] of Object.entries(tail())) {
    if (value !== undefined) sink.write(`,\n  ${JSON.stringify(key)}: ${toJsonAt(value, 1)}`)
  }
  sink.write('\n}\n')
}
