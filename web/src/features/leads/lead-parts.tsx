// A lead's status badge and the line that says where it is: shared by the list and the detail.
import { Badge } from '@mantine/core'
import type { LeadStatus, LeadView } from '../../../../src/modules/revenue/leads/leads.contract'
import { countryName } from '../../ui/region-select'

const statusLook: Record<LeadStatus, { label: string; color: string }> = {
  new: { label: 'New', color: 'blue' },
  working: { label: 'Working', color: 'yellow' },
  converted: { label: 'Converted', color: 'teal' },
  disqualified: { label: 'Disqualified', color: 'gray' },
}

export const leadStatusLabel = (status: LeadStatus): string => statusLook[status].label

export function LeadStatusBadge({ status }: { status: LeadStatus }) {
  const look = statusLook[status]
  return (
    <Badge color={look.color} variant="light">
      {look.label}
    </Badge>
  )
}

/** "Germany · DACH · Software", or a dash when the lead says nothing of where it is. */
export const placeOf = (lead: Pick<LeadView, 'country' | 'region' | 'industry'>): string =>
  [lead.country ? countryName(lead.country) : null, lead.region, lead.industry].filter(Boolean).join(' · ') ||
  '—'
