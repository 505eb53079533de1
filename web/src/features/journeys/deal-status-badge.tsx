// A deal's status as a colour-coded badge.
import { Badge } from '@mantine/core'
import type { DealStatus } from '../../../../src/modules/journeys/journeys.contract'
import { humanize } from '../../ui/labels'

const dealStatusColor: Record<DealStatus, string> = { open: 'blue', won: 'teal', lost: 'gray' }

// The label never shrinks: a narrow table scrolls rather than cutting "Open" to "Op…".
export const DealStatusBadge = ({ status }: { status: DealStatus }) => (
  <Badge variant="light" color={dealStatusColor[status]} style={{ flexShrink: 0, overflow: 'visible' }}>
    {humanize(status)}
  </Badge>
)
