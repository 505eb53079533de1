// Sign-in, the current user, users, invitations, API keys and the dev mail box.
import type {
  AcceptInvitationInput,
  ApiKeyView,
  CreateApiKeyInput,
  CreatedApiKeyView,
  CreateInvitationInput,
  InvitationPreview,
  InvitationView,
  LoginInput,
  MeView,
  OrgView,
  UpdateOrgInput,
  UpdateUserInput,
  UserView,
} from '../../../../src/modules/identity/identity.contract'
import type { MailView, Page } from '../../../../src/platform/platform.contract'
import { http, setCsrfToken } from '../../ui/api-client'

export type CreatedInvitationView = InvitationView & { link: string }

const remember = (me: MeView): MeView => {
  setCsrfToken(me.csrfToken)
  return me
}

export const identityApi = {
  me: () => http.get<MeView>('/me').then(remember),
  login: (input: LoginInput) => http.post<MeView>('/auth/login', input).then(remember),
  logout: async () => {
    await http.post<void>('/auth/logout')
    setCsrfToken(null)
  },
  invitationPreview: (token: string) =>
    http.get<InvitationPreview>(`/auth/invitations/${encodeURIComponent(token)}`),
  acceptInvitation: (input: AcceptInvitationInput) =>
    http.post<MeView>('/auth/accept-invitation', input).then(remember),

  updateOrg: (input: UpdateOrgInput) => http.patch<OrgView>('/org', input),

  listUsers: (cursor?: string | null) => http.get<Page<UserView>>('/users', { cursor, limit: 100 }),
  updateUser: (id: string, input: UpdateUserInput) => http.patch<UserView>(`/users/${id}`, input),

  listInvitations: (cursor?: string | null) =>
    http.get<Page<InvitationView>>('/invitations', { cursor, limit: 100 }),
  createInvitation: (input: CreateInvitationInput) => http.post<CreatedInvitationView>('/invitations', input),
  revokeInvitation: (id: string) => http.delete(`/invitations/${id}`),

  listApiKeys: (cursor?: string | null) => http.get<Page<ApiKeyView>>('/api-keys', { cursor, limit: 100 }),
  createApiKey: (input: CreateApiKeyInput) => http.post<CreatedApiKeyView>('/api-keys', input),
  revokeApiKey: (id: string) => http.delete(`/api-keys/${id}`),

  listMail: () => http.get<{ items: MailView[] }>('/dev/mail'),
}

export const identityKeys = {
  me: ['me'] as const,
  users: ['users'] as const,
  invitations: ['invitations'] as const,
  apiKeys: ['api-keys'] as const,
  mail: ['dev-mail'] as const,
  invitationPreview: (token: string) => ['invitation-preview', token] as const,
}
