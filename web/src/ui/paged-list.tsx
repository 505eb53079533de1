// Cursor-paginated lists: pages accumulate in one query, a "Load more" button fetches the next, and the
// footer says how many of the server's total are showing.
import { Button, Group, Text } from '@mantine/core'
import { keepPreviousData, type QueryKey, useInfiniteQuery } from '@tanstack/react-query'
import { type ReactNode, useMemo } from 'react'
import type { Page } from '../../../src/platform/platform.contract'
import { ErrorAlert, PageLoader } from './feedback'
import { type Noun, rangeCaption } from './list-count'
import { formatCount } from './money'

export function usePagedList<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  /** Asks again this often, for a list that changes on its own (a delivery log). */
  refetchIntervalMs?: number,
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    ...(refetchIntervalMs ? { refetchInterval: refetchIntervalMs } : {}),
  })
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data])
  // the newest page's count: rows added while paging show up in it
  const total = query.data?.pages.at(-1)?.total ?? 0
  return { ...query, items, total }
}

export function LoadMore({
  shown,
  total,
  noun,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  shown: number
  total: number
  noun: Noun
  hasNextPage: boolean
  isFetchingNextPage: boolean
  fetchNextPage: () => unknown
}) {
  return (
    <Group justify="center" gap="md" mt="md">
      <Text size="sm" c="dimmed" role="status" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {rangeCaption(shown, total, noun, formatCount)}
      </Text>
      {hasNextPage ? (
        <Button variant="default" loading={isFetchingNextPage} onClick={() => fetchNextPage()}>
          Load more
        </Button>
      ) : null}
    </Group>
  )
}

/** The part of usePagedList's result that PagedListView reads. */
export type PagedListState<T> = {
  items: T[]
  total: number
  isPending: boolean
  isError: boolean
  error: unknown
  hasNextPage: boolean
  isFetchingNextPage: boolean
  fetchNextPage: () => unknown
}

/**
 * Every paged list goes through the same states: a loader first, an error in place of the rows, a hint
 * when there are none, else the rows and "Load more". Without `empty`, an empty list still renders the
 * rows, for lists that are never empty in practice (the signed-in user is always among the users).
 */
export function PagedListView<T>({
  list,
  loadingLabel,
  what,
  noun,
  empty,
  children,
}: {
  list: PagedListState<T>
  loadingLabel: string
  /** What the rows are, for the count under them: nounOf('deal'). */
  noun: Noun
  /** What failed to load, for the error title, e.g. 'Deals'. */
  what: string
  empty?: ReactNode
  children: (items: T[]) => ReactNode
}) {
  if (list.isPending) return <PageLoader label={loadingLabel} />
  if (list.isError) return <ErrorAlert error={list.error} what={what} />
  if (list.items.length === 0 && empty !== undefined) return empty
  return (
    <>
      {children(list.items)}
      <LoadMore
        shown={list.items.length}
        total={list.total}
        noun={noun}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </>
  )
}
