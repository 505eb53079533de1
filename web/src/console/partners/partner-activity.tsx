// The deals a partner touched and the touches themselves, on the partner's page.
import { Paper, Table, Text, Title } from '@mantine/core'
import { useMemo } from 'react'
import { dealsApi, journeyKeys, touchpointsApi } from '../../api/journeys'
import { formatDateTime } from '../../ui/dates'
import { DealLink, DealsTable } from '../../ui/deals-table'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { LoadMore, usePagedList } from '../../ui/paged-list'

export function PartnerActivity({ partnerId }: { partnerId: string }) {
  const deals = usePagedList(journeyKeys.dealList({ partnerId }), (cursor) =>
    dealsApi.list({ partnerId }, cursor),
  )
  const touches = usePagedList(journeyKeys.touchpointList({ partnerId }), (cursor) =>
    touchpointsApi.list({ partnerId }, cursor),
  )
  const dealNames = useMemo(() => new Map(deals.items.map((deal) => [deal.id, deal.name])), [deals.items])

  return (
    <>
      <Paper withBorder p="lg" radius="md">
        <Title order={2} size="h4" mb="sm">
          Deals
        </Title>
        {deals.isPending ? (
          <PageLoader label="Loading deals…" />
        ) : deals.isError ? (
          <ErrorAlert error={deals.error} what="Deals" />
        ) : deals.items.length === 0 ? (
          <EmptyHint
            size="sm"
            title="No deals touched yet"
            description="Open a deal and add a touch from this partner to see it here."
          />
        ) : (
          <>
            <DealsTable deals={deals.items} area="console" label="Partner deals" />
            <LoadMore
              shown={deals.items.length}
              hasNextPage={deals.hasNextPage}
              isFetchingNextPage={deals.isFetchingNextPage}
              fetchNextPage={deals.fetchNextPage}
            />
          </>
        )}
      </Paper>
      <Paper withBorder p="lg" radius="md">
        <Title order={2} size="h4" mb="sm">
          Touches
        </Title>
        {touches.isPending ? (
          <PageLoader label="Loading touches…" />
        ) : touches.isError ? (
          <ErrorAlert error={touches.error} what="Touches" />
        ) : touches.items.length === 0 ? (
          <EmptyHint
            size="sm"
            title="No touches yet"
            description="Touches this partner makes on deals appear here."
          />
        ) : (
          <>
            <Table.ScrollContainer minWidth={600}>
              <Table verticalSpacing="xs" aria-label="Partner touches">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Activity</Table.Th>
                    <Table.Th>Deal</Table.Th>
                    <Table.Th>Notes</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {touches.items.map((touch) => (
                    <Table.Tr key={touch.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(touch.occurredAt)}</Table.Td>
                      <Table.Td>{touch.activityLabel}</Table.Td>
                      <Table.Td>
                        <DealLink
                          deal={{ id: touch.dealId, name: dealNames.get(touch.dealId) ?? 'Open deal' }}
                          area="console"
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {touch.notes ?? '—'}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMore
              shown={touches.items.length}
              hasNextPage={touches.hasNextPage}
              isFetchingNextPage={touches.isFetchingNextPage}
              fetchNextPage={touches.fetchNextPage}
            />
          </>
        )}
      </Paper>
    </>
  )
}
