// The portal's first page: the partner's profile and their latest deals.
import { Alert, Group, Paper, Stack, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { dealsApi, journeyKeys } from '../api/journeys'
import { partnerKeys, partnersApi } from '../api/partners'
import { useMe } from '../auth/session'
import { DealsTable } from '../ui/deals-table'
import { EmptyHint } from '../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../ui/feedback'
import { PageHeader } from '../ui/page-header'
import { PartnerProfile } from '../ui/partner-profile'
import { AnchorLink } from '../ui/router-link'
import { PartnerStatusBadge } from '../ui/status-badges'

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
        <PartnerProfile partner={partner.data} area="portal" />
        <LatestDeals />
      </Stack>
    </>
  )
}
