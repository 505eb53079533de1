// Accounts, deals, touchpoints and the org's activity types.
import type { z } from 'zod'
import type {
  AccountView,
  ActivityTypeView,
  CreateAccountInput,
  CreateDealInput,
  DealDetailView,
  DealSummaryView,
  DealView,
  ListAccountsQuery,
  ListDealsQuery,
  ListTouchpointsQuery,
  RecordRevenueEventInput,
  RecordTouchpointInput,
  RevenueEventView,
  recordedTouchpointView,
  revenueEventList,
  TouchpointView,
  UpdateAccountInput,
  UpdateDealInput,
} from '../../../../src/modules/journeys/journeys.contract'
import type { Page } from '../../../../src/platform/platform.contract'
import { http } from '../../ui/api-client'

export type RecordedTouchpointView = z.infer<typeof recordedTouchpointView>
export type AccountFilters = Omit<Partial<ListAccountsQuery>, 'cursor' | 'limit'>
export type DealFilters = Omit<Partial<ListDealsQuery>, 'cursor' | 'limit'>
export type TouchpointFilters = Omit<Partial<ListTouchpointsQuery>, 'cursor' | 'limit'>

export const accountsApi = {
  list: (filters: AccountFilters, cursor?: string | null, limit = 50) =>
    http.get<Page<AccountView>>('/accounts', { ...filters, cursor, limit }),
  get: (id: string) => http.get<AccountView>(`/accounts/${id}`),
  create: (input: CreateAccountInput) => http.post<AccountView>('/accounts', input),
  update: (id: string, input: UpdateAccountInput) => http.patch<AccountView>(`/accounts/${id}`, input),
}

export const dealsApi = {
  list: (filters: DealFilters, cursor?: string | null, limit = 50) =>
    http.get<Page<DealView>>('/deals', { ...filters, cursor, limit }),
  /** Counts and money per currency for the same filters as the list, summed on the server. */
  summary: (filters: DealFilters = {}) => http.get<DealSummaryView>('/deals/summary', filters),
  get: (id: string) => http.get<DealDetailView>(`/deals/${id}`),
  create: (input: CreateDealInput) => http.post<DealView>('/deals', input),
  update: (id: string, input: UpdateDealInput) => http.patch<DealView>(`/deals/${id}`, input),
}

export const revenueEventsApi = {
  list: (dealId: string) => http.get<z.infer<typeof revenueEventList>>(`/deals/${dealId}/revenue-events`),
  /** The key makes a resent click record nothing more. */
  record: (dealId: string, input: RecordRevenueEventInput, idempotencyKey: string) =>
    http.post<RevenueEventView>(`/deals/${dealId}/revenue-events`, input, {
      'idempotency-key': idempotencyKey,
    }),
}

export const touchpointsApi = {
  list: (filters: TouchpointFilters, cursor?: string | null) =>
    http.get<Page<TouchpointView>>('/touchpoints', { ...filters, cursor, limit: 50 }),
  record: (input: RecordTouchpointInput) => http.post<RecordedTouchpointView>('/touchpoints', input),
  remove: (id: string) => http.delete(`/touchpoints/${id}`),
}

export const activityTypesApi = {
  list: () => http.get<{ items: ActivityTypeView[] }>('/activity-types'),
}

export const journeyKeys = {
  accounts: ['accounts'] as const,
  accountList: (filters: AccountFilters) => ['accounts', 'list', filters] as const,
  account: (id: string) => ['accounts', 'detail', id] as const,
  accountOptions: ['accounts', 'options'] as const,
  deals: ['deals'] as const,
  dealList: (filters: DealFilters) => ['deals', 'list', filters] as const,
  dealSummary: (filters: DealFilters) => ['deals', 'summary', filters] as const,
  deal: (id: string) => ['deals', 'detail', id] as const,
  revenueEvents: (id: string) => ['deals', 'detail', id, 'revenue-events'] as const,
  touchpoints: ['touchpoints'] as const,
  touchpointList: (filters: TouchpointFilters) => ['touchpoints', 'list', filters] as const,
  activityTypes: ['activity-types'] as const,
}
