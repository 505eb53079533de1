// Every touch the partner's company made, each linked to its deal.
import { Paper, Table, Text } from '@mantine/core'
import { journeyKeys, touchpointsApi } from '../api/journeys'
import { formatDateTime } from '../ui/dates'
import { EmptyHint } from '../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../ui/feedback'
import { PageHeader } from '../ui/page-header'
import { LoadMore, usePagedList } from '../ui/paged-list'
import { AnchorLink } from '../ui/router-link'

export function PortalTouches() {
  const touches = usePagedList(journeyKeys.touchpointList({}), (cursor) => touchpointsApi.list({}, cursor))
  return (
    <>
      <PageHeader
        title="Your touches"
        description="Referrals, registrations, demos and meetings recorded for your company."
      />
      {touches.isPending ? (
        <PageLoader label="Loading your touches…" />
      ) : touches.isError ? (
        <ErrorAlert error={touches.error} what="Touches" />
      ) : touches.items.length === 0 ? (
        <EmptyHint
          title="No touches yet"
          description="Each referral, deal registration or co-sell meeting your partner manager records appears here."
        />
      ) : (
        <>
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={600}>
              <Table verticalSpacing="sm" aria-label="Your touches">
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
                        <AnchorLink to="/portal/deals/$dealId" params={{ dealId: touch.dealId }}>
                          Open deal
                        </AnchorLink>
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
          </Paper>
          <LoadMore
            shown={touches.items.length}
            hasNextPage={touches.hasNextPage}
            isFetchingNextPage={touches.isFetchingNextPage}
            fetchNextPage={touches.fetchNextPage}
          />
        </>
      )}
    </>
  )
}
