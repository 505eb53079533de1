// A table header that sorts its list: click to sort by the column, click again to reverse it.
import { Group, Table, type TableThProps, UnstyledButton } from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { nextSort, readSort, type SortDirection } from './list-sort'

export function SortableTh<S extends string>({
  column,
  sort,
  onSort,
  first = 'ascending',
  children,
  ...props
}: Omit<TableThProps, 'children'> & {
  /** The API's name for the column, e.g. 'createdAt'. */
  column: string
  /** The list's current sort, e.g. '-createdAt'. */
  sort: S
  onSort: (next: S) => void
  /** The direction a first click sorts in: names A→Z, dates and amounts newest or largest first. */
  first?: SortDirection
  children: ReactNode
}) {
  const current = readSort(sort)
  const direction = current.column === column ? current.direction : null
  const Arrow =
    direction === 'ascending' ? IconArrowUp : direction === 'descending' ? IconArrowDown : IconSelector
  const alignEnd = props.ta === 'right'
  return (
    // aria-sort tells screen readers the order; the arrow shows everyone else
    <Table.Th {...props} aria-sort={direction ?? 'none'}>
      <UnstyledButton
        onClick={() => onSort(nextSort(sort, column, first))}
        fw={700}
        fz="sm"
        w={alignEnd ? '100%' : undefined}
      >
        <Group gap={4} wrap="nowrap" justify={alignEnd ? 'flex-end' : 'flex-start'}>
          {children}
          <Arrow size={14} aria-hidden stroke={direction ? 2.2 : 1.4} opacity={direction ? 1 : 0.5} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  )
}
