// A partner's status as a colour-coded badge.
import { Badge } from '@mantine/core'
import type { PartnerStatus } from '../../../../src/modules/partners/partners.contract'
import { humanize } from '../../ui/labels'

const partnerStatusColor: Record<PartnerStatus, string> = {
  invited: 'gray',
  onboarding: 'blue',
  active: 'teal',
  suspended: 'orange',
  churned: 'red',
}

export const PartnerStatusBadge = ({ status }: { status: PartnerStatus }) => (
  <Badge variant="light" color={partnerStatusColor[status]}>
    {humanize(status)}
  </Badge>
)
