// Cursor-paginated lists: pages accumulate in one query and a "Load more" button fetches the next.
import { Button, Center, Text } from '@mantine/core'
import { keepPreviousData, type QueryKey, useInfiniteQuery } from '@tanstack/react-query'
import { type ReactNode, useMemo } from 'react'
import type { Page } from '../../../src/platform/platform.contract'
import { ErrorAlert, PageLoader } from './feedback'
import { formatCount } from './money'

export function usePagedList<T>(queryKey: QueryKey, fetchPage: (cursor: string | null) => Promise<Page<T>>) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  })
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data])
  return { ...query, items }
}

export function LoadMore({
  shown,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  shown: number
  hasNextPage: boolean
  isFetchingNextPage: boolean
  fetchNextPage: () => unknown
}) {
  return (
    <Center mt="md">
      {hasNextPage ? (
        <Button variant="default" loading={isFetchingNextPage} onClick={() => fetchNextPage()}>
          Load more
        </Button>
      ) : (
        <Text size="sm" c="dimmed">
          {shown === 1 ? 'Showing the only row' : `Showing all ${formatCount(shown)} rows`}
        </Text>
      )}
    </Center>
  )
}

/** The part of usePagedList's result that PagedListView reads. */
export type PagedListState<T> = {
  items: T[]
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
  empty,
  children,
}: {
  list: PagedListState<T>
  loadingLabel: string
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
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </>
  )
}
