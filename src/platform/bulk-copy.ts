// Bulk loads write rows with COPY, on both databases: through pg-copy-streams on PostgreSQL and through
// PGlite's /dev/blob device on the embedded database. Far faster than INSERTs for large imports.
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { PGlite } from '@electric-sql/pglite'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { Db } from '../db/client'

export type CopyValue = string | number | bigint | boolean | Date | null

const special = /[\\\t\n\r]/
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

// COPY's text format: NULL is \N, and a backslash, tab, newline or carriage return in a value is
// escaped, so a value (even the text `\N`) never turns into NULL or into another column or row
const textField = (value: CopyValue): string => {
  if (typeof value === 'string')
    return special.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => escapes[c]!) : value
  if (value === null) return '\\N'
  // a time, a number or a boolean has nothing to escape
  return value instanceof Date ? value.toISOString() : String(value)
}

/** One row as a line of COPY's text format (tab-separated, ending with a newline). */
export function copyLine(values: readonly CopyValue[]): string {
  let line = textField(values[0] ?? null)
  for (let i = 1; i < values.length; i++) line += `\t${textField(values[i]!)}`
  return `${line}\n`
}

/**
 * Appends lines made by `copyLine` to the table with one COPY. Pass the database handle itself, not a
 * transaction: the rows land whether or not a later step succeeds, so copy into staging tables and
 * merge from there.
 */
export async function copyLines(
  db: Db,
  table: string,
  columns: readonly string[],
  lines: string,
): Promise<void> {
  if (lines.length === 0) return
  const statement = `copy ${table} (${columns.join(', ')}) from %s`
  const client = (db as unknown as { $client: PGlite | pg.Pool }).$client
  if ('connect' in client && 'totalCount' in client) {
    const connection = await client.connect()
    try {
      await pipeline(Readable.from([lines]), connection.query(copyFrom(statement.replace('%s', 'stdin'))))
    } finally {
      connection.release()
    }
    return
  }
  await (client as PGlite).query(statement.replace('%s', `'/dev/blob'`), [], { blob: new Blob([lines]) })
}
