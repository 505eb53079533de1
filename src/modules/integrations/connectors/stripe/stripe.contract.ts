// Stripe's connection on the wire: the signing secret of the webhook endpoint Stripe sends billing
// events to. Nothing is pulled from Stripe, so no API key is asked for.
import { z } from 'zod'

export const stripeCredentials = z
  .object({
    webhookSecret: z
      .string()
      .trim()
      .regex(/^whsec_[A-Za-z0-9+/=_-]{8,200}$/, 'must be the endpoint’s signing secret (whsec_…)')
      .describe('The signing secret Stripe shows for the webhook endpoint'),
  })
  .meta({ id: 'StripeCredentials' })

export const stripeSettings = z
  .object({
    recordRenewals: z
      .boolean()
      .default(true)
      .describe('Record each paid renewal or upgrade invoice as a won renewal or expansion deal'),
  })
  .meta({ id: 'StripeSettings' })
export type StripeSettings = z.infer<typeof stripeSettings>

export const connectStripeInput = z
  .object({ credentials: stripeCredentials, settings: stripeSettings.prefault({}) })
  .strict()
  .meta({
    id: 'ConnectStripe',
    examples: [{ credentials: { webhookSecret: 'whsec_…' }, settings: { recordRenewals: true } }],
  })
