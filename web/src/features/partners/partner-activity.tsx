// The deals a partner touched and the touches themselves, on the partner's page.
import { Paper, Title } from '@mantine/core'
import { useMemo } from 'react'
import { EmptyHint } from '../../ui/empty-hint'
import { nounOf } from '../../ui/list-count'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { DealLink, DealsTable } from '../journeys/deals-table'
import { dealsApi, journeyKeys, touchpointsApi } from '../journeys/journeys-api'
import { TouchesTable } from '../journeys/touches-table'

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
        <PagedListView
          list={deals}
          loadingLabel="Loading deals…"
          what="Deals"
          noun={nounOf('deal')}
          empty={
            <EmptyHint
              size="sm"
              title="No deals touched yet"
              description="Open a deal and add a touch from this partner to see it here."
            />
          }
        >
          {(items) => <DealsTable deals={items} area="console" label="Partner deals" />}
        </PagedListView>
      </Paper>
      <Paper withBorder p="lg" radius="md">
        <Title order={2} size="h4" mb="sm">
          Touches
        </Title>
        <PagedListView
          list={touches}
          loadingLabel="Loading touches…"
          what="Touches"
          noun={nounOf('touch', 'touches')}
          empty={
            <EmptyHint
              size="sm"
              title="No touches yet"
              description="Touches this partner makes on deals appear here."
            />
          }
        >
          {(items) => (
            <TouchesTable
              touches={items}
              label="Partner touches"
              verticalSpacing="xs"
              dealCell={(touch) => (
                <DealLink
                  deal={{ id: touch.dealId, name: dealNames.get(touch.dealId) ?? 'Open deal' }}
                  area="console"
                />
              )}
            />
          )}
        </PagedListView>
      </Paper>
    </>
  )
}
