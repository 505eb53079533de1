// Cursor pagination, newest first: over time-ordered ids, or over a date and then the id.
import { type Column, lt, type SQL, sql } from 'drizzle-orm'
import { invalidField } from './app-error'

/** The condition for rows after the cursor (ids sort by creation time). */
export const afterCursor = (idColumn: Column, cursor: string | undefined): SQL | undefined =>
  cursor ? lt(idColumn, cursor) : undefined

/** Query `limit + 1` rows, then hand them here: the extra row only says there is a next page. */
export function toPage<Row, View>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => string,
  view: (row: Row) => View,
): { items: View[]; nextCursor: string | null } {
  const hasMore = rows.length > limit
  const pageRows = hasMore ? rows.slice(0, limit) : rows
  return {
    items: pageRows.map(view),
    nextCursor: hasMore && pageRows.length > 0 ? cursorOf(pageRows[pageRows.length - 1]!) : null,
  }
}

/**
 * Keyset pagination over (a date, then the id), newest first: for lists people read by when things
 * happened rather than when they were recorded. The cursor carries both keys.
 */
export function afterDatedCursor(
  dateColumn: Column,
  idColumn: Column,
  cursor: string | undefined,
): SQL | undefined {
  if (!cursor) return undefined
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  const date = new Date(at ?? '')
  if (!id || Number.isNaN(date.getTime()))
    throw invalidField('query.cursor', 'is not a cursor this list gave out')
  return sql`(${dateColumn}, ${idColumn}) < (${date.toISOString()}::timestamptz, ${id})`
}

export const datedCursor = (at: Date, id: string): string =>
  Buffer.from(`${at.toISOString()}|${id}`).toString('base64url')
