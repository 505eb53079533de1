// Leads: the list and one lead, creation, and what staff do with one (route again, assign, move along).
import type { MeView, Role } from '../../../../src/modules/identity/identity.contract'
import type {
  AssignLeadInput,
  ChangeLeadStatusInput,
  CreateLeadInput,
  LeadDetailView,
  LeadStatus,
  LeadView,
} from '../../../../src/modules/revenue/leads/leads.contract'
import type { Page } from '../../../../src/platform/platform.contract'
import { http } from '../../ui/api-client'

export type LeadFilters = {
  status?: LeadStatus
  /** me: the caller's own leads; none: those nobody works */
  assignedTo?: 'me' | 'none'
  q?: string
}

export const leadsApi = {
  list: (filters: LeadFilters, cursor?: string | null, limit = 50) =>
    http.get<Page<LeadView>>('/leads', { ...filters, cursor, limit }),
  get: (id: string) => http.get<LeadDetailView>(`/leads/${id}`),
  /** The key makes a resent click create nothing more. */
  create: (input: CreateLeadInput, idempotencyKey: string) =>
    http.post<LeadDetailView>('/leads', input, { 'idempotency-key': idempotencyKey }),
  reroute: (id: string) => http.post<LeadDetailView>(`/leads/${id}/reroute`),
  assign: (id: string, input: AssignLeadInput) => http.post<LeadDetailView>(`/leads/${id}/assign`, input),
  changeStatus: (id: string, input: ChangeLeadStatusInput) =>
    http.post<LeadDetailView>(`/leads/${id}/status`, input),
}

export const leadKeys = {
  all: ['leads'] as const,
  list: (filters: LeadFilters) => ['leads', 'list', filters] as const,
  detail: (id: string) => ['leads', 'detail', id] as const,
}

const workerRoles: readonly Role[] = ['owner', 'admin', 'partner_manager']

/** Leads are created, routed and moved along by these roles (the server checks again). */
export const canWorkLeads = (me: MeView): boolean => workerRoles.includes(me.user.role)
