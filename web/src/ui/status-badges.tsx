// Colour-coded badges for partner and deal states.
import { Badge } from '@mantine/core'
import type { DealStatus } from '../../../src/modules/journeys/journeys.contract'
import type { PartnerStatus } from '../../../src/modules/partners/partners.contract'
import { humanize } from './labels'

const partnerStatusColor: Record<PartnerStatus, string> = {
  invited: 'gray',
  onboarding: 'blue',
  active: 'teal',
  suspended: 'orange',
  churned: 'red',
}

const dealStatusColor: Record<DealStatus, string> = { open: 'blue', won: 'teal', lost: 'gray' }

export const PartnerStatusBadge = ({ status }: { status: PartnerStatus }) => (
  <Badge variant="light" color={partnerStatusColor[status]}>
    {humanize(status)}
  </Badge>
)

export const DealStatusBadge = ({ status }: { status: DealStatus }) => (
  <Badge variant="light" color={dealStatusColor[status]}>
    {humanize(status)}
  </Badge>
)
