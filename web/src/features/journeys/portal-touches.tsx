// Every touch the partner's company made, each linked to its deal.
import { Paper } from '@mantine/core'
import { EmptyHint } from '../../ui/empty-hint'
import { nounOf } from '../../ui/list-count'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { AnchorLink } from '../../ui/router-link'
import { journeyKeys, touchpointsApi } from './journeys-api'
import { TouchesTable } from './touches-table'

export function PortalTouches() {
  const touches = usePagedList(journeyKeys.touchpointList({}), (cursor) => touchpointsApi.list({}, cursor))
  return (
    <>
      <PageHeader
        title="Your touches"
        description="Referrals, registrations, demos and meetings recorded for your company."
      />
      <PagedListView
        list={touches}
        loadingLabel="Loading your touches…"
        what="Touches"
        noun={nounOf('touch', 'touches')}
        empty={
          <EmptyHint
            title="No touches yet"
            description="Each referral, deal registration or co-sell meeting your partner manager records appears here."
          />
        }
      >
        {(items) => (
          <Paper withBorder radius="md">
            <TouchesTable
              touches={items}
              label="Your touches"
              dealCell={(touch) => (
                <AnchorLink to="/portal/deals/$dealId" params={{ dealId: touch.dealId }}>
                  Open deal
                </AnchorLink>
              )}
            />
          </Paper>
        )}
      </PagedListView>
    </>
  )
}
