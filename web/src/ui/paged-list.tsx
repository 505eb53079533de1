// Cursor-paginated lists: pages accumulate in one query and a "Load more" button fetches the next.
import { Button, Center, Text } from '@mantine/core'
import { keepPreviousData, type QueryKey, useInfiniteQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { Page } from '../../../src/platform/platform.contract'
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
