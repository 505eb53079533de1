// One partner: profile, contacts, status with its allowed moves, and the deals and touches it made.
import { Grid, Stack } from '@mantine/core'
import { IconPencil } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { humanize } from '../../ui/labels'
import { PageHeader } from '../../ui/page-header'
import { ButtonLink } from '../../ui/router-link'
import { AttributedTotalsCard } from '../credits/attributed-totals-card'
import { CreditHistoryCard } from '../credits/credit-history-card'
import { canEditRecords, useMe } from '../identity/session'
import { PartnerHealthCard } from '../programs/partner-health-card'
import { PartnerOnboardingCard } from '../programs/partner-onboarding-card'
import { PartnerTrainingCard } from '../programs/partner-training-card'
import { PartnerTierCard } from '../programs/tier-card'
import { PartnerActivity } from './partner-activity'
import { PartnerProfile } from './partner-profile'
import { PartnerStatusBadge } from './partner-status-badge'
import { PartnerStatusCard } from './partner-status-card'
import { partnerKeys, partnersApi } from './partners-api'

export function PartnerDetail({ partnerId }: { partnerId: string }) {
  const me = useMe()
  const partner = useQuery({
    queryKey: partnerKeys.detail(partnerId),
    queryFn: () => partnersApi.get(partnerId),
  })
  if (partner.isPending) return <PageLoader label="Loading partner…" />
  if (partner.isError) return <ErrorAlert error={partner.error} what="Partner" />
  const canEdit = canEditRecords(me)

  return (
    <>
      <PageHeader
        title={partner.data.name}
        badge={<PartnerStatusBadge status={partner.data.status} />}
        description={`${humanize(partner.data.type)} partner`}
        actions={
          canEdit ? (
            <ButtonLink
              to="/partners/$partnerId/edit"
              params={{ partnerId }}
              variant="default"
              leftSection={<IconPencil size={16} />}
            >
              Edit
            </ButtonLink>
          ) : null
        }
      />
      <Stack gap="lg">
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Stack gap="lg">
              <AttributedTotalsCard partnerId={partnerId} area="console" />
              <CreditHistoryCard partnerId={partnerId} area="console" />
              <PartnerProfile partner={partner.data} area="console" />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Stack gap="lg">
              <PartnerStatusCard partner={partner.data} canEdit={canEdit} />
              <PartnerHealthCard partnerId={partnerId} />
              <PartnerOnboardingCard partnerId={partnerId} />
              <PartnerTierCard partnerId={partnerId} />
              <PartnerTrainingCard partnerId={partnerId} />
            </Stack>
          </Grid.Col>
        </Grid>
        {/* full width: the deals and touches tables have too many columns for the profile's column */}
        <PartnerActivity partnerId={partnerId} />
      </Stack>
    </>
  )
}
