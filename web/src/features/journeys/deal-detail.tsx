// One deal: its facts, why each actor earned its credit, the partners who win deals like it (while open),
// the touch timeline oldest first, and (for editors) the form to add a touch.
import { Grid, Paper, Stack, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { humanize } from '../../ui/labels'
import { PageHeader } from '../../ui/page-header'
import { creditedTouchIds } from '../credits/credit-math'
import { creditKeys, creditsApi } from '../credits/credits-api'
import { DealCreditPanel, useDealAttribution } from '../credits/deal-credit-panel'
import { PartnerRecommendationsCard } from '../forecast/partner-recommendations-card'
import { canEditRecords, useMe } from '../identity/session'
import { AddTouchForm } from './add-touch-form'
import { DealStatusBadge } from './deal-status-badge'
import { DealSummary } from './deal-summary'
import { dealsApi, journeyKeys } from './journeys-api'
import { RevenueEventsPanel } from './revenue-events-panel'
import { TouchTimeline } from './touch-timeline'

export function DealDetail({ dealId }: { dealId: string }) {
  const me = useMe()
  const deal = useQuery({ queryKey: journeyKeys.deal(dealId), queryFn: () => dealsApi.get(dealId) })
  const models = useQuery({ queryKey: creditKeys.models, queryFn: creditsApi.models })
  const [modelId, setModelId] = useState<string | null>(null)
  const attribution = useDealAttribution(dealId, modelId)
  const creditTouchIds = useMemo(() => creditedTouchIds(attribution.data?.credits), [attribution.data])
  if (deal.isPending) return <PageLoader label="Loading deal…" />
  if (deal.isError) return <ErrorAlert error={deal.error} what="Deal" />
  const canEdit = canEditRecords(me)
  const canRecordRevenue = canEdit || me.user.role === 'finance'

  return (
    <>
      <PageHeader
        title={deal.data.name}
        badge={<DealStatusBadge status={deal.data.status} />}
        description={`${humanize(deal.data.type)} deal${deal.data.accountName ? ` with ${deal.data.accountName}` : ''}`}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: canEdit ? 8 : 12 }}>
          <Stack gap="lg">
            <DealSummary deal={deal.data} area="console" />
            {models.data ? (
              <DealCreditPanel
                dealId={dealId}
                models={models.data.items}
                modelId={modelId}
                onModelChange={setModelId}
              />
            ) : models.isError ? (
              <ErrorAlert error={models.error} what="Attribution models" />
            ) : null}
            <RevenueEventsPanel deal={deal.data} canRecord={canRecordRevenue} />
            {deal.data.status === 'open' ? <PartnerRecommendationsCard dealId={dealId} /> : null}
            <Paper withBorder p="lg" radius="md">
              <Title order={2} size="h4" mb="md">
                Touches ({deal.data.touchpoints.length})
              </Title>
              <TouchTimeline
                touches={deal.data.touchpoints}
                area="console"
                creditTouchIds={creditTouchIds}
                emptyHint={
                  canEdit
                    ? 'Add the first touch with the form beside the timeline.'
                    : 'Touches appear here as partners and sellers work the deal.'
                }
              />
            </Paper>
          </Stack>
        </Grid.Col>
        {canEdit ? (
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <AddTouchForm dealId={dealId} />
          </Grid.Col>
        ) : null}
      </Grid>
    </>
  )
}
