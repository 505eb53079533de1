// Deal registrations: the list and one registration, the conflict check, submission, the review
// decisions, the partner's answer, and the org's registration settings.
import type { MeView, Role } from '../../../../src/modules/identity/identity.contract'
import type {
  ApproveRegistrationInput,
  CheckRegistrationInput,
  ConflictList,
  ExtendRegistrationInput,
  RegistrationDetailView,
  RegistrationSettings,
  RegistrationStatus,
  RegistrationView,
  SubmitRegistrationInput,
  SubmittedRegistrationView,
} from '../../../../src/modules/revenue/registrations/registrations.contract'
import type { Page } from '../../../../src/platform/platform.contract'
import { http } from '../../ui/api-client'

export type RegistrationFilters = {
  status?: RegistrationStatus
  overdue?: 'true'
  partnerId?: string
  q?: string
  /** me: the caller's own queue; none: those no territory took */
  assignedTo?: 'me' | 'none'
}

export const registrationsApi = {
  list: (filters: RegistrationFilters, cursor?: string | null, limit = 50) =>
    http.get<Page<RegistrationView>>('/registrations', { ...filters, cursor, limit }),
  get: (id: string) => http.get<RegistrationDetailView>(`/registrations/${id}`),
  check: (input: CheckRegistrationInput) => http.post<ConflictList>('/registrations/check', input),
  /** The key makes a resent click register nothing more. */
  submit: (input: SubmitRegistrationInput, idempotencyKey: string) =>
    http.post<SubmittedRegistrationView>('/registrations', input, { 'idempotency-key': idempotencyKey }),
  reroute: (id: string) => http.post<RegistrationDetailView>(`/registrations/${id}/reroute`),
  approve: (id: string, input: ApproveRegistrationInput) =>
    http.post<RegistrationDetailView>(`/registrations/${id}/approve`, input),
  reject: (id: string, reason: string) =>
    http.post<RegistrationDetailView>(`/registrations/${id}/reject`, { reason }),
  requestInfo: (id: string, message: string) =>
    http.post<RegistrationDetailView>(`/registrations/${id}/request-info`, { message }),
  reply: (id: string, message: string) =>
    http.post<RegistrationDetailView>(`/registrations/${id}/reply`, { message }),
  extend: (id: string, input: ExtendRegistrationInput) =>
    http.post<RegistrationDetailView>(`/registrations/${id}/extend`, input),
  settings: () => http.get<RegistrationSettings>('/registrations/settings'),
  updateSettings: (input: RegistrationSettings) =>
    http.put<RegistrationSettings>('/registrations/settings', input),
}

export const registrationKeys = {
  all: ['registrations'] as const,
  list: (filters: RegistrationFilters) => ['registrations', 'list', filters] as const,
  detail: (id: string) => ['registrations', 'detail', id] as const,
  check: (input: CheckRegistrationInput) => ['registrations', 'check', input] as const,
  settings: ['registrations', 'settings'] as const,
}

const reviewerRoles: readonly Role[] = ['owner', 'admin', 'partner_manager']

/** Registrations are approved, rejected and extended by these roles (the server checks again). */
export const canReviewRegistrations = (me: MeView): boolean => reviewerRoles.includes(me.user.role)
