// Identity on the wire: sign-in, the current user, users, invitations and API keys.
import { z } from 'zod'
import { currencyCode, entityId, patchOf } from '../../platform/platform.contract'

export const staffRoles = ['owner', 'admin', 'partner_manager', 'finance', 'analyst'] as const
export const partnerRoles = ['partner_admin', 'partner_member'] as const
export const roles = [...staffRoles, ...partnerRoles] as const
export const role = z.enum(roles)
export type Role = z.infer<typeof role>
export const isPartnerRole = (r: Role): boolean => (partnerRoles as readonly string[]).includes(r)

export const loginInput = z
  .object({
    email: z.email().max(320),
    password: z.string().min(1).max(1024),
  })
  .meta({ id: 'SignIn', examples: [{ email: 'ada@vendor.example', password: 'correct horse battery' }] })
export type LoginInput = z.infer<typeof loginInput>

export const userView = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role,
    partnerId: z.string().nullable(),
    status: z.enum(['active', 'disabled']),
    createdAt: z.string(),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: 'User' })
export type UserView = z.infer<typeof userView>

export const orgView = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    reportingCurrency: z
      .string()
      .nullable()
      .describe('Figures in several currencies are also given converted into this one; null: none chosen'),
  })
  .meta({ id: 'Org' })
export type OrgView = z.infer<typeof orgView>

export const meView = z
  .object({
    user: userView,
    org: orgView,
    partner: z.object({ id: z.string(), name: z.string() }).nullable(),
    csrfToken: z
      .string()
      .describe('Send back as the x-csrf-token header on every cookie-authenticated write'),
  })
  .meta({ id: 'Me' })
export type MeView = z.infer<typeof meView>

export const updateUserInput = patchOf(
  z
    .object({ name: z.string().trim().min(1).max(200), role, status: z.enum(['active', 'disabled']) })
    .partial(),
)
export type UpdateUserInput = z.infer<typeof updateUserInput>

export const createInvitationInput = z
  .object({
    email: z.email().max(320),
    role,
    partnerId: entityId.optional().describe('Required for partner roles: the partner the user belongs to'),
  })
  .meta({
    id: 'NewInvitation',
    examples: [
      { email: 'pat@harbor.example', role: 'partner_admin', partnerId: 'prt_01jb8x3v2k9q7m4t6w8y0z1a2d' },
    ],
  })
export type CreateInvitationInput = z.infer<typeof createInvitationInput>

export const invitationView = z
  .object({
    id: z.string(),
    email: z.string(),
    role,
    partnerId: z.string().nullable(),
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
    expiresAt: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Invitation' })
export type InvitationView = z.infer<typeof invitationView>

export const createdInvitationView = invitationView.extend({
  link: z.string().describe('The signed sign-up link; it is also mailed to the invitee'),
})

export const invitationPreview = z.object({
  email: z.string(),
  orgName: z.string(),
  role,
  partnerName: z.string().nullable(),
  expiresAt: z.string(),
})
export type InvitationPreview = z.infer<typeof invitationPreview>

export const acceptInvitationInput = z.object({
  token: z.string().min(10).max(2000),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(10, 'must be at least 10 characters').max(1024),
})
export type AcceptInvitationInput = z.infer<typeof acceptInvitationInput>

export const apiKeyScope = z.enum(['read', 'read_write'])
export type ApiKeyScope = z.infer<typeof apiKeyScope>

export const createApiKeyInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    scope: apiKeyScope,
  })
  .meta({ id: 'NewApiKey', examples: [{ name: 'CRM sync', scope: 'read_write' }] })
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>

export const apiKeyView = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: apiKeyScope,
    prefix: z.string().describe('The first characters of the key, to recognise it'),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' })
export type ApiKeyView = z.infer<typeof apiKeyView>

export const createdApiKeyView = apiKeyView.extend({
  secret: z.string().describe('The key itself; shown once, stored only as a hash'),
})
export type CreatedApiKeyView = z.infer<typeof createdApiKeyView>

export const updateOrgInput = patchOf(
  z
    .object({
      name: z.string().trim().min(1).max(200),
      reportingCurrency: currencyCode.nullable(),
    })
    .partial(),
).meta({ id: 'OrgChange' })
export type UpdateOrgInput = z.infer<typeof updateOrgInput>
