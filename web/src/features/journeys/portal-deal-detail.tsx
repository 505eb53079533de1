// One of the partner's deals: their own credit and how they earned it, and the touches they made.
import { Paper, Stack, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { humanize } from '../../ui/labels'
import { PageHeader } from '../../ui/page-header'
import { AnchorLink } from '../../ui/router-link'
import { creditedTouchIds } from '../credits/credit-math'
import { useDealAttribution } from '../credits/deal-credit-panel'
import { PortalDealCredit } from '../credits/portal-deal-credit'
import { PortalWhatIf } from '../incentives/portal-what-if'
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
  const attribution = useDealAttribution(dealId, null)
  const creditTouchIds = useMemo(() => creditedTouchIds(attribution.data?.credits), [attribution.data])
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
        <PortalDealCredit dealId={dealId} />
        {deal.data.status === 'open' ? <PortalWhatIf dealId={dealId} /> : null}
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="md">
            Your touches on this deal
          </Title>
          <TouchTimeline
            touches={deal.data.touchpoints}
            area="portal"
            creditTouchIds={creditTouchIds}
            emptyHint="Tell your partner manager about your work on this deal so it is recorded."
          />
        </Paper>
      </Stack>
    </>
  )
}
