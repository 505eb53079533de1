// Output of `credence attribute`, written as a stream in 64 KB chunks: no document is ever held as
// one string. With --out it goes to a hidden temporary file beside the target, renamed into place
// once complete and removed on failure, so a failed run leaves neither a half-written file nor a
// temporary one behind.
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

const CHUNK = 1 << 16

export interface OutputSink {
  write(text: string): void
  /** Flushes and, with --out, moves the file into place. */
  finish(): void
  /** Drops what was written to --out. */
  abandon(): void
}

export function openOutput(out: string | undefined, writeOut: (text: string) => void): OutputSink {
  let pending: string[] = []
  let pendingLength = 0
  if (out === undefined) {
    const flush = () => {
      if (pendingLength === 0) return
      writeOut(pending.join(''))
      pending = []
      pendingLength = 0
    }
    return {
      write(text) {
        pending.push(text)
        pendingLength += text.length
        if (pendingLength >= CHUNK) flush()
      },
      finish: flush,
      abandon() {
        pending = []
        pendingLength = 0
      },
    }
  }
  const temporary = join(dirname(out), `.${basename(out)}.${process.pid}.partial`)
  let fd: number | undefined = openSync(temporary, 'w')
  const flush = () => {
    if (pendingLength === 0 || fd === undefined) return
    writeSync(fd, pending.join(''))
    pending = []
    pendingLength = 0
  }
  return {
    write(text) {
      pending.push(text)
      pendingLength += text.length
      if (pendingLength >= CHUNK) flush()
    },
    finish() {
      flush()
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
 * as JSON.stringify(document, null, 2) would be.
 */
export function writeJsonDocument(
  sink: OutputSink,
  head: Record<string, unknown>,
  arrayKey: string,
  items: (emit: (item: unknown) => void) => void,
  tail: () => Record<string, unknown>,
): void {
  sink.write('{\n')
  for (const [key, value] of Object.entries(head)) {
    if (value !== undefined) sink.write(`  ${JSON.stringify(key)}: ${toJsonAt(value, 1)},\n`)
  }
  sink.write(`  ${JSON.stringify(arrayKey)}: [`)
  let count = 0
  items((item) => {
    sink.write(`${count === 0 ? '\n' : ',\n'}    ${toJsonAt(item, 2)}`)
    count++
  })
  sink.write(count === 0 ? ']' : '\n  ]')
  for (const [key, value] of Object.entries(tail())) {
    if (value !== undefined) sink.write(`,\n  ${JSON.stringify(key)}: ${toJsonAt(value, 1)}`)
  }
  sink.write('\n}\n')
}
