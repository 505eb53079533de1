// HubSpot's credentials and settings on the wire: a private app's token or an OAuth app's install,
// and what the connector needs to read deals the org's way.
import { z } from 'zod'

export const hubspotCredentials = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('private_app'),
      accessToken: z.string().trim().min(10).max(500).describe('The private app’s access token (pat-…)'),
      webhookSecret: z
        .string()
        .trim()
        .min(8)
        .max(200)
        .optional()
        .describe('The app’s client secret, to check the signature of HubSpot’s webhook calls'),
    }),
    z.object({
      kind: z.literal('oauth'),
      clientId: z.string().trim().min(8).max(200),
      clientSecret: z.string().trim().min(8).max(200),
      refreshToken: z.string().trim().min(8).max(500).describe('The refresh token of the app’s install'),
    }),
  ])
  .meta({ id: 'HubSpotCredentials' })

export const hubspotSettings = z
  .object({
    partnerProperty: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{1,100}$/, 'must be a HubSpot property name, e.g. partner_name')
      .default('partner')
      .describe('The deal property naming the partner (by the partner’s name or HubSpot company id)'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO currency code')
      .default('USD')
      .describe('The currency of deals without deal_currency_code'),
    portalId: z.coerce.number().int().positive().optional().describe('The HubSpot account (hub) id'),
  })
  .meta({ id: 'HubSpotSettings' })
export type HubSpotSettings = z.infer<typeof hubspotSettings>
