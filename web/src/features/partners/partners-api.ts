// Partners: list, detail, create, edit, status moves and their history.
import type { z } from 'zod'
import type {
  ChangePartnerStatusInput,
  CreatePartnerInput,
  ListPartnersQuery,
  PartnerCountsView,
  PartnerSummary,
  PartnerView,
  statusChangeView,
  UpdatePartnerInput,
} from '../../../../src/modules/partners/partners.contract'
import type { Page } from '../../../../src/platform/platform.contract'
import { http } from '../../ui/api-client'

export type StatusChange = z.infer<typeof statusChangeView>
export type PartnerFilters = Omit<Partial<ListPartnersQuery>, 'cursor' | 'limit'>

export const partnersApi = {
  list: (filters: PartnerFilters, cursor?: string | null, limit = 50) =>
    http.get<Page<PartnerSummary>>('/partners', { ...filters, cursor, limit }),
  /** How many partners there are by type and status, counted on the server. */
  summary: () => http.get<PartnerCountsView>('/partners/summary'),
  get: (id: string) => http.get<PartnerView>(`/partners/${id}`),
  create: (input: CreatePartnerInput) => http.post<PartnerView>('/partners', input),
  update: (id: string, input: UpdatePartnerInput) => http.patch<PartnerView>(`/partners/${id}`, input),
  changeStatus: (id: string, input: ChangePartnerStatusInput) =>
    http.post<PartnerView>(`/partners/${id}/status`, input),
  history: (id: string) => http.get<{ items: StatusChange[] }>(`/partners/${id}/history`),
}

export const partnerKeys = {
  all: ['partners'] as const,
  list: (filters: PartnerFilters) => ['partners', 'list', filters] as const,
  summary: ['partners', 'summary'] as const,
  options: ['partners', 'options'] as const,
  detail: (id: string) => ['partners', 'detail', id] as const,
  history: (id: string) => ['partners', 'history', id] as const,
}
