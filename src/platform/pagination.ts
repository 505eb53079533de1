// Cursor pagination: newest first over time-ordered ids, or in any allowed sort order (keyset);
// every page also says how many rows match.
import { type Column, lt, type SQL, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Db } from '../db/client'
import { invalidField } from './app-error'

/** The condition for rows after the cursor (ids sort by creation time). */
export const afterCursor = (idColumn: Column, cursor: string | undefined): SQL | undefined =>
  cursor ? lt(idColumn, cursor) : undefined

/**
 * Query `limit + 1` rows, then hand them here: the extra row only says there is a next page. `view`
 * gets each row of the page with its index, so views worked out for the page at once line up.
 */
export function toPage<Row, View>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => string,
  view: (row: Row, index: number) => View,
  total: number,
): { items: View[]; nextCursor: string | null; total: number } {
  const hasMore = rows.length > limit
  const pageRows = hasMore ? rows.slice(0, limit) : rows
  return {
    items: pageRows.map(view),
    nextCursor: hasMore && pageRows.length > 0 ? cursorOf(pageRows[pageRows.length - 1]!) : null,
    total,
  }
}

/** How many rows match a list's filters (without its cursor): the "of N" beside a page. */
export async function countRows(db: Db, table: PgTable, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table).where(where)
  return row?.n ?? 0
}

// ── sorted lists ──────────────────────────────────────────────────────────────────────────────────

/** A column a list may be sorted by: how to compare it in SQL and read it from a row for the cursor. */
export interface SortColumn<Row> {
  column: Column
  type: 'text' | 'timestamptz' | 'bigint'
  valueOf(row: Row): string
  /** Compare text without regard to case (names): the same order on every database collation. */
  isCaseless?: boolean
}

export interface Keyset<Row> {
  /** Rows after the cursor in this order, or undefined on the first page. */
  after: SQL | undefined
  orderBy: SQL[]
  cursorOf(row: Row): string
}

const badCursor = () => invalidField('query.cursor', 'is not a cursor this list gave out for this sort')

function readCursor(cursor: string, sort: string, type: SortColumn<unknown>['type']): [string, string] {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString())
  } catch {
    throw badCursor()
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort) throw badCursor()
  const [, value, id] = parsed as unknown[]
  if (typeof value !== 'string' || typeof id !== 'string' || id.length > 64) throw badCursor()
  if (type === 'bigint' && !/^-?\d{1,19}$/.test(value)) throw badCursor()
  if (type === 'timestamptz') {
    const at = Date.parse(value)
    if (Number.isNaN(at) || at < Date.UTC(1900, 0, 1) || at >= Date.UTC(3000, 0, 1)) throw badCursor()
  }
  return [value, id]
}

/**
 * Keyset pagination in any allowed order: `sort` is a column name, `-name` for descending. The
 * cursor carries the sort, the last row's value and its id (the tie-breaker), so pages never skip
 * or repeat rows while the list changes.
 */
export function keyset<Row>(
  columns: Record<string, SortColumn<Row>>,
  id: { column: Column; valueOf(row: Row): string },
  sort: string,
  cursor: string | undefined,
): Keyset<Row> {
  const isDescending = sort.startsWith('-')
  const key = columns[sort.replace(/^-/, '')]
  if (!key)
    throw invalidField(
      'query.sort',
      `must be one of ${Object.keys(columns).join(', ')} (prefix - to reverse)`,
    )
  const direction = isDescending ? sql.raw('desc') : sql.raw('asc')
  const compare = isDescending ? sql.raw('<') : sql.raw('>')
  const sortExpression = key.isCaseless ? sql`lower(${key.column})` : sql`${key.column}`
  let after: SQL | undefined
  if (cursor) {
    const [value, lastId] = readCursor(cursor, sort, key.type)
    const typed = sql`${value}::${sql.raw(key.type)}`
    after = sql`(${sortExpression}, ${id.column}) ${compare} (${key.isCaseless ? sql`lower(${typed})` : typed}, ${lastId})`
  }
  return {
    after,
    orderBy: [sql`${sortExpression} ${direction}`, sql`${id.column} ${direction}`],
    cursorOf: (row) =>
      Buffer.from(JSON.stringify([sort, key.valueOf(row), id.valueOf(row)])).toString('base64url'),
  }
}
