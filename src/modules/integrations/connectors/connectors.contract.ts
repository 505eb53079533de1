// Connectors on the wire: connecting a provider (its credentials, write-only), a connection as shown
// (status, last sync, what it holds), a sync run with its progress and result, and the field mapping
// each kind of record goes through.
import { z } from 'zod'
import { hubspotCredentials, hubspotSettings } from './hubspot/hubspot.contract'
import { salesforceCredentials, salesforceSettings } from './salesforce/salesforce.contract'

export const providers = ['hubspot', 'salesforce', 'stripe'] as const
export type Provider = (typeof providers)[number]
export const connectionStatuses = ['connected', 'failing', 'disconnected'] as const
export const inboundOutcomes = ['queued', 'applied', 'ignored', 'unmatched', 'refused'] as const

export const providerParams = z.object({ provider: z.enum(providers) })

const baseUrl = z
  .string()
  .trim()
  .url('must be a web address')
  .max(500)
  .optional()
  .describe('The provider’s API address, for a sandbox or a local stand-in (allowed only on trial installs)')

const startSync = z
  .boolean()
  .default(true)
  .describe('Start the first sync at once (false: connect only, e.g. to dry-run first)')

export const connectHubSpotInput = z
  .object({ credentials: hubspotCredentials, settings: hubspotSettings.prefault({}), baseUrl, startSync })
  .strict()
  .meta({
    id: 'ConnectHubSpot',
    examples: [
      {
        credentials: { kind: 'private_app', accessToken: 'pat-na1-…' },
        settings: { partnerProperty: 'partner_name', currency: 'USD' },
      },
    ],
  })
export type ConnectHubSpotInput = z.infer<typeof connectHubSpotInput>

export const connectSalesforceInput = z
  .object({
    credentials: salesforceCredentials,
    settings: salesforceSettings.prefault({}),
    baseUrl,
    startSync,
  })
  .strict()
  .meta({
    id: 'ConnectSalesforce',
    examples: [
      {
        credentials: {
          kind: 'jwt',
          loginUrl: 'https://login.salesforce.com',
          clientId: '3MVG9…',
          username: 'integration@acme.example',
          privateKey: '-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----',
        },
        settings: { partnerField: 'Partner_Account__c', currency: 'USD' },
      },
    ],
  })
export type ConnectSalesforceInput = z.infer<typeof connectSalesforceInput>

export const updateSettingsInput = z
  .object({ settings: z.record(z.string(), z.unknown()) })
  .strict()
  .meta({ id: 'ConnectionSettingsChange', examples: [{ settings: { partnerProperty: 'partner_name' } }] })

const counts = z.object({ inserted: z.number().int(), updated: z.number().int() })

export const syncRunView = z
  .object({
    id: z.string(),
    provider: z.enum(providers),
    mode: z.enum(['full', 'incremental']),
    dryRun: z.boolean(),
    reason: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    phase: z.string().nullable().describe('What the run is doing now, e.g. "reading HubSpot deals"'),
    percent: z.number().int(),
    fetched: z.record(z.string(), z.number().int()).describe('Records read so far, by kind'),
    importId: z.string().nullable().describe('The import holding the run’s report of bad records'),
    result: z
      .object({
        accounts: counts,
        deals: counts,
        touches: counts,
        removed: z.object({ deals: z.number().int(), touches: z.number().int() }),
        problems: z
          .number()
          .int()
          .describe('Records left out for bad values (listed in the import’s report)'),
      })
      .nullable()
      .describe('At the end: records created and updated by kind (for a dry run, those that would be)'),
    error: z.string().nullable(),
    requestedBy: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'SyncRun' })
export type SyncRunView = z.infer<typeof syncRunView>
export type SyncResult = NonNullable<SyncRunView['result']>

export const connectionView = z
  .object({
    id: z.string(),
    provider: z.enum(providers),
    label: z.string(),
    status: z.enum(connectionStatuses),
    account: z.string().nullable(),
    hasCredentials: z.boolean().describe('Credentials are kept sealed and never shown'),
    settings: z.record(z.string(), z.unknown()),
    lastSyncAt: z.string().nullable(),
    lastError: z.string().nullable(),
    cursor: z.record(z.string(), z.string()).nullable().describe('Where the next incremental sync starts'),
    held: z
      .object({ accounts: z.number().int(), deals: z.number().int(), touches: z.number().int() })
      .describe('Records in Credence that came from this provider'),
    latestRun: syncRunView.nullable(),
    webhookUrl: z.string().nullable().describe('Where the provider should send its change notifications'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Connection' })
export type ConnectionView = z.infer<typeof connectionView>

export const connectionList = z.object({
  items: z.array(connectionView),
  available: z.array(z.object({ provider: z.enum(providers), label: z.string() })),
})

export const requestSyncInput = z
  .object({
    dryRun: z.boolean().default(false).describe('Read and check everything, write nothing'),
    full: z.boolean().default(false).describe('Read everything again, not only what changed'),
  })
  .strict()
  .meta({ id: 'SyncRequest', examples: [{ dryRun: true }] })

export const syncRunList = z.object({ items: z.array(syncRunView) })

export const inboundEventView = z
  .object({
    eventId: z.string(),
    type: z.string(),
    outcome: z.enum(inboundOutcomes),
    detail: z.string().nullable(),
    dealId: z.string().nullable(),
    receivedAt: z.string(),
  })
  .meta({ id: 'InboundEvent' })
export const inboundEventList = z.object({ items: z.array(inboundEventView) })
