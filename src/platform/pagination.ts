// Cursor pagination over time-ordered ids: newest first, the cursor is the last id of the page.
import { type Column, lt, type SQL } from 'drizzle-orm'

/** The condition for rows after the cursor (ids sort by creation time). */
export const afterCursor = (idColumn: Column, cursor: string | undefined): SQL | undefined =>
  cursor ? lt(idColumn, cursor) : undefined

/** Query `limit + 1` rows, then hand them here: the extra row only says there is a next page. */
export function toPage<Row, View>(
  rows: Row[],
  limit: number,
  idOf: (row: Row) => string,
  view: (row: Row) => View,
): { items: View[]; nextCursor: string | null } {
  const hasMore = rows.length > limit
  const pageRows = hasMore ? rows.slice(0, limit) : rows
  return {
    items: pageRows.map(view),
    nextCursor: hasMore && pageRows.length > 0 ? idOf(pageRows[pageRows.length - 1]!) : null,
  }
}
