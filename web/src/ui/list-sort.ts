// A list's sort as the API takes it and the URL keeps it: a column name, with a leading '-' for descending.

export type SortDirection = 'ascending' | 'descending'

/** What a sort value means: the column and its direction. */
export function readSort(sort: string): { column: string; direction: SortDirection } {
  return sort.startsWith('-')
    ? { column: sort.slice(1), direction: 'descending' }
    : { column: sort, direction: 'ascending' }
}

/**
 * The sort after a click on a column's header: the same column reverses; another column starts in
 * its own first direction (names A→Z, dates and amounts newest or largest first).
 */
export function nextSort<S extends string>(current: S, column: string, first: SortDirection): S {
  const now = readSort(current)
  const direction =
    now.column === column ? (now.direction === 'ascending' ? 'descending' : 'ascending') : first
  return (direction === 'descending' ? `-${column}` : column) as S
}

/** The sort value from the URL if the list offers it, else nothing (the list's default applies). */
export const parseSort = <S extends string>(offered: readonly S[], value: unknown): S | undefined =>
  offered.find((candidate) => candidate === value)
