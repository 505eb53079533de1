// Bulk loads write rows with COPY, on both databases: through pg-copy-streams on PostgreSQL and through
// PGlite's /dev/blob device on the embedded database. Far faster than INSERTs for large imports.
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { PGlite } from '@electric-sql/pglite'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { Db } from '../db/client'

export type CopyValue = string | number | bigint | boolean | Date | null

// COPY's CSV format reads an unquoted empty field as NULL and a quoted one as a string, so every value
// is quoted (a value can never turn into NULL) and NULL is written as nothing
const csvField = (value: CopyValue): string => {
  if (value === null) return ''
  const text = value instanceof Date ? value.toISOString() : String(value)
  return `"${text.replaceAll('"', '""')}"`
}

/**
 * Appends the rows to the table with one COPY. Pass the database handle itself, not a transaction: the
 * rows land whether or not a later step succeeds, so copy into staging tables and merge from there.
 */
export async function copyRows(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  if (rows.length === 0) return
  let csv = ''
  for (const row of rows) csv += `${row.map(csvField).join(',')}\n`
  const statement = `copy ${table} (${columns.join(', ')}) from %s with (format csv)`
  const client = (db as unknown as { $client: PGlite | pg.Pool }).$client
  if ('connect' in client && 'totalCount' in client) {
    const connection = await client.connect()
    try {
      await pipeline(Readable.from([csv]), connection.query(copyFrom(statement.replace('%s', 'stdin'))))
    } finally {
      connection.release()
    }
    return
  }
  await (client as PGlite).query(statement.replace('%s', `'/dev/blob'`), [], { blob: new Blob([csv]) })
}
