// One of the partner's deals and the touches their company made on it.
import { Paper, Stack, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { humanize } from '../../ui/labels'
import { PageHeader } from '../../ui/page-header'
import { AnchorLink } from '../../ui/router-link'
import { DealStatusBadge } from './deal-status-badge'
import { DealSummary } from './deal-summary'
import { dealsApi, journeyKeys } from './journeys-api'
import { TouchTimeline } from './touch-timeline'

export function PortalDealDetail({ dealId }: { dealId: string }) {
  const deal = useQuery({
    queryKey: journeyKeys.deal(dealId),
    queryFn: () => dealsApi.get(dealId),
    retry: false,
  })
  if (deal.isPending) return <PageLoader label="Loading deal…" />
  if (deal.isError) {
    return (
      <Stack>
        <ErrorAlert error={deal.error} what="Deal" />
        <AnchorLink to="/portal/deals">Back to your deals</AnchorLink>
      </Stack>
    )
  }
  return (
    <>
      <PageHeader
        title={deal.data.name}
        badge={<DealStatusBadge status={deal.data.status} />}
        description={`${humanize(deal.data.type)} deal${deal.data.accountName ? ` with ${deal.data.accountName}` : ''}`}
      />
      <Stack gap="lg">
        <DealSummary deal={deal.data} area="portal" />
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="md">
            Your touches on this deal
          </Title>
          <TouchTimeline
            touches={deal.data.touchpoints}
            area="portal"
            emptyHint="Tell your partner manager about your work on this deal so it is recorded."
          />
        </Paper>
      </Stack>
    </>
  )
}
