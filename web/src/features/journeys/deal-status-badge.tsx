// A deal's status as a colour-coded badge.
import { Badge } from '@mantine/core'
import type { DealStatus } from '../../../../src/modules/journeys/journeys.contract'
import { humanize } from '../../ui/labels'

const dealStatusColor: Record<DealStatus, string> = { open: 'blue', won: 'teal', lost: 'gray' }

// Mantine clips a badge's label to fit; in a table that lets a column squeeze "Open" to "OP…".
// A visible label keeps the badge as wide as its word, so a narrow table scrolls instead.
export const wholeLabel = { label: { overflow: 'visible' } } as const

export const DealStatusBadge = ({ status }: { status: DealStatus }) => (
  <Badge variant="light" color={dealStatusColor[status]} styles={wholeLabel}>
    {humanize(status)}
  </Badge>
)
