// Account overlap: a partner's list shared as CSV, the overlap with the org's accounts, and the
// summary across partners for staff.
import type {
  AccountStanding,
  OverlapListView,
  OverlapSummaryView,
  OverlapView,
} from '../../../../src/modules/revenue/overlap/overlap.contract'
import { http, upload } from '../../ui/api-client'

export type OverlapFilter = { ours?: AccountStanding; theirs?: AccountStanding }

export const overlapApi = {
  summary: () => http.get<OverlapSummaryView>('/overlap'),
  overlap: (partnerId: string, filter: OverlapFilter) =>
    http.get<OverlapView>(`/overlap/${partnerId}`, { ...filter, limit: 200 }),
  share: (partnerId: string, file: File, onProgress: (fraction: number) => void) =>
    upload<OverlapListView>(`/overlap/${partnerId}/accounts`, file, 'text/csv', onProgress),
  withdraw: (partnerId: string) => http.delete(`/overlap/${partnerId}/accounts`),
}

export const overlapKeys = {
  all: ['overlap'] as const,
  summary: ['overlap', 'summary'] as const,
  overlap: (partnerId: string, filter: OverlapFilter) => ['overlap', partnerId, filter] as const,
}

export const standingLabels: Record<AccountStanding, string> = {
  customer: 'Customer',
  open: 'Open deal',
  prospect: 'Prospect',
}
