// The portal's first page, following the partner's live feed: the next onboarding steps while there are
// any, attributed revenue and pipeline, their commission balance, tier and progress, health score, credit
// history, profile and latest deals.
import { Alert, Group, Paper, Stack, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { PageHeader } from '../../ui/page-header'
import { AnchorLink } from '../../ui/router-link'
import { AttributedTotalsCard } from '../credits/attributed-totals-card'
import { CreditHistoryCard } from '../credits/credit-history-card'
import { PortalGoals } from '../goals/goal-card'
import { useMe } from '../identity/session'
import { YourBalanceCard } from '../incentives/balances'
import { DealsTable } from '../journeys/deals-table'
import { dealsApi, journeyKeys } from '../journeys/journeys-api'
import { PartnerProfile } from '../partners/partner-profile'
import { PartnerStatusBadge } from '../partners/partner-status-badge'
import { partnerKeys, partnersApi } from '../partners/partners-api'
import { PortalHealthCard } from '../programs/partner-health-card'
import { NextOnboardingSteps } from '../programs/portal-onboarding'
import { PortalTierCard } from '../programs/tier-card'

function LatestDeals() {
  const deals = useQuery({
    queryKey: [...journeyKeys.deals, 'latest'],
    queryFn: () => dealsApi.list({}, null, 5),
  })
  return (
    <Paper withBorder p="lg" radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Latest deals
        </Title>
        <AnchorLink to="/portal/deals" size="sm">
          All your deals
        </AnchorLink>
      </Group>
      {deals.isPending ? (
        <PageLoader label="Loading deals…" />
      ) : deals.isError ? (
        <ErrorAlert error={deals.error} what="Deals" />
      ) : deals.data.items.length === 0 ? (
        <EmptyHint
          size="sm"
          title="No deals yet"
          description="Deals you refer, register or co-sell appear here once your partner manager records them."
        />
      ) : (
        <DealsTable deals={deals.data.items} area="portal" label="Latest deals" />
      )}
    </Paper>
  )
}

export function PortalHome() {
  const me = useMe()
  const partnerId = me.partner?.id ?? me.user.partnerId
  const partner = useQuery({
    queryKey: partnerKeys.detail(partnerId ?? 'none'),
    queryFn: () => partnersApi.get(partnerId ?? ''),
    enabled: Boolean(partnerId),
  })

  if (!partnerId) {
    return (
      <Alert color="orange" title="Your account is not linked to a partner">
        Ask your partner manager to invite you again for your company.
      </Alert>
    )
  }
  if (partner.isPending) return <PageLoader label="Loading your profile…" />
  if (partner.isError) return <ErrorAlert error={partner.error} what="Partner profile" />

  return (
    <>
      <PageHeader
        title={`Welcome, ${me.user.name || me.user.email}`}
        description={`${partner.data.name} in the ${me.org.name} partner program`}
        badge={<PartnerStatusBadge status={partner.data.status} />}
      />
      <Stack gap="lg">
        <NextOnboardingSteps />
        <AttributedTotalsCard partnerId={partnerId} area="portal" />
        <PortalGoals />
        <YourBalanceCard partnerId={partnerId} withLink />
        <PortalTierCard />
        <PortalHealthCard />
        <CreditHistoryCard partnerId={partnerId} area="portal" />
        <PartnerProfile partner={partner.data} area="portal" />
        <LatestDeals />
      </Stack>
    </>
  )
}
