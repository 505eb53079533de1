// Salesforce's credentials and settings on the wire: a connected app signing in as an integration user
// (a JWT bearer assertion signed with the app's certificate key, or the username-password flow that
// sandboxes allow), and what the connector needs to read opportunities the org's way.
import { z } from 'zod'

const loginUrl = z
  .string()
  .trim()
  .url('must be a web address')
  .max(300)
  .refine(
    (url) =>
      /^https:\/\/(login|test)\.salesforce\.com\/?$|^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*\.my\.salesforce\.com\/?$/i.test(
        url,
      ),
    'must be https://login.salesforce.com, https://test.salesforce.com or the org’s My Domain (https://….my.salesforce.com)',
  )
  .transform((url) => url.replace(/\/$/, ''))
  .describe('Where the integration user signs in: production, sandbox or the org’s My Domain')

const username = z.string().trim().min(3).max(200).describe('The integration user’s username')
const clientId = z.string().trim().min(8).max(300).describe('The connected app’s consumer key')

export const salesforceCredentials = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('jwt'),
      loginUrl,
      clientId,
      username,
      privateKey: z
        .string()
        .trim()
        .min(100)
        .max(10_000)
        .regex(/-----BEGIN (RSA )?PRIVATE KEY-----/, 'must be a PEM private key')
        .describe('The PEM key whose certificate is uploaded to the connected app'),
    }),
    z.object({
      kind: z.literal('password'),
      loginUrl,
      clientId,
      clientSecret: z.string().trim().min(8).max(300).describe('The connected app’s consumer secret'),
      username,
      password: z.string().min(1).max(200),
      securityToken: z
        .string()
        .trim()
        .max(100)
        .optional()
        .describe('The user’s security token, when the org asks for one outside its trusted IP ranges'),
    }),
  ])
  .meta({ id: 'SalesforceCredentials' })
export type SalesforceCredentials = z.infer<typeof salesforceCredentials>

export const salesforceSettings = z
  .object({
    partnerField: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z][A-Za-z0-9_]{0,79}$/,
        'must be an Opportunity field’s API name, e.g. Partner_Account__c',
      )
      .optional()
      .describe(
        'An Opportunity lookup to Account naming the partner (a referral touch for each opportunity)',
      ),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO currency code')
      .default('USD')
      .describe('The currency of opportunities in an org without multiple currencies'),
    apiVersion: z
      .string()
      .regex(/^\d{2}\.0$/, 'must be an API version such as 59.0')
      .default('59.0')
      .describe('The Salesforce API version the connector speaks'),
  })
  .meta({ id: 'SalesforceSettings' })
export type SalesforceSettings = z.infer<typeof salesforceSettings>
