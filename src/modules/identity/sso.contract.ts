// Single sign-on on the wire: an org's OpenID Connect provider as admins set it (the client secret goes
// in, never out), and what the sign-in page asks before it offers the provider.
import { z } from 'zod'
import { domainName, timestamp } from '../../platform/platform.contract'
import { staffRoles } from './identity.contract'

export const ssoRoles = staffRoles.filter((r) => r !== 'owner')

export const ssoConnectionInput = z
  .object({
    issuer: z
      .url({
        protocol: /^https?$/,
        error: 'must be the provider’s issuer URL, such as https://login.example.com',
      })
      .max(500)
      .describe(
        'The provider’s issuer URL; its discovery document is read from /.well-known/openid-configuration',
      ),
    clientId: z.string().trim().min(1).max(500),
    clientSecret: z
      .string()
      .min(1)
      .max(2000)
      .optional()
      .describe('Required the first time; leave it out to keep the stored one. Never shown again'),
    domains: z
      .array(domainName.max(253))
      .min(1, 'must name at least one email domain')
      .max(50)
      .describe('People whose email is at one of these domains sign in through the provider'),
    defaultRole: z
      .enum(ssoRoles)
      .describe('The staff role a person receives when they sign in for the first time'),
    allowPartnerUsers: z
      .boolean()
      .describe(
        'Existing partner users may sign in through the provider too; then nobody is created on first sign-in',
      ),
    enabled: z.boolean().describe('Off: the provider is kept but nobody signs in through it'),
  })
  .meta({
    id: 'SsoSetup',
    examples: [
      {
        issuer: 'https://login.example.com',
        clientId: 'credence',
        clientSecret: 'the secret the provider issued',
        domains: ['example.com'],
        defaultRole: 'analyst',
        allowPartnerUsers: false,
        enabled: true,
      },
    ],
  })
export type SsoConnectionInput = z.infer<typeof ssoConnectionInput>

export const ssoConnectionView = z
  .object({
    issuer: z.string(),
    clientId: z.string(),
    hasClientSecret: z.boolean().describe('The secret is stored (sealed); it is never shown'),
    domains: z.array(z.string()),
    defaultRole: z.enum(staffRoles),
    allowPartnerUsers: z.boolean(),
    enabled: z.boolean(),
    updatedAt: timestamp,
  })
  .meta({ id: 'SsoConnection' })
export type SsoConnectionView = z.infer<typeof ssoConnectionView>

export const ssoSettingsView = z
  .object({
    callbackUrl: z.string().describe('The redirect URI to register at the provider'),
    connection: ssoConnectionView.nullable().describe('Null until an admin sets the provider up'),
  })
  .meta({ id: 'SsoSettings' })
export type SsoSettingsView = z.infer<typeof ssoSettingsView>

export const ssoDiscoverQuery = z.object({ email: z.string().trim().max(320) })

export const ssoDiscoverView = z
  .object({
    sso: z.boolean().describe('The email’s domain signs in through its org’s provider'),
    startUrl: z.string().optional().describe('Where the browser goes to sign in through the provider'),
  })
  .meta({ id: 'SsoDiscovery' })
export type SsoDiscoverView = z.infer<typeof ssoDiscoverView>

export const ssoStartQuery = z.object({
  email: z.email().max(320),
  returnTo: z.string().max(2000).optional(),
})

const callbackParam = z.string().max(4000).optional()
export const ssoCallbackQuery = z.object({
  code: callbackParam,
  state: callbackParam,
  iss: callbackParam,
  error: callbackParam,
  error_description: callbackParam,
})
