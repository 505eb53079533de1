// Connector routes: connect a provider, read and change its connection, map its fields, ask for a
// sync (or a dry run) and follow it; and the public endpoint HubSpot sends its signed change
// notifications to. Thin: parse, call, return.
import { z } from 'zod'
import { type App, scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { idParam } from '../../../platform/platform.contract'
import { importKind, importMapping } from '../../journeys'
import {
  connect,
  connectorDepsOf,
  disconnect,
  getConnection,
  listConnections,
  listEvents,
  updateSettings,
} from './connections.service'
import { listMappings, putMapping } from './connector-mappings.service'
import {
  connectHubSpotInput,
  connectionList,
  connectionView,
  connectSalesforceInput,
  inboundEventList,
  providerParams,
  requestSyncInput,
  syncRunList,
  syncRunView,
  updateSettingsInput,
} from './connectors.contract'
import { hubspotEventBatch, receiveHubSpotEvents } from './hubspot/hubspot-webhooks'
import { connectStripeInput } from './stripe/stripe.contract'
import { receiveStripeEvent } from './stripe/stripe-events.service'
import { getRun, listRuns, requestSync } from './sync-runs.service'

/** A Stripe event as documented; the library reads it whole once the signature holds. */
const stripeEventBody = z
  .object({
    id: z.string().max(255),
    object: z.literal('event'),
    type: z.string().max(100),
    created: z.number().int(),
    data: z.object({ object: z.record(z.string(), z.unknown()) }),
  })
  .passthrough()
  .meta({ id: 'StripeEvent' })

const tags = ['connectors']

const mappingParams = providerParams.extend({ kind: importKind })
const connectorMappingList = z
  .object({
    items: z.array(
      z.object({
        kind: importKind,
        mapping: importMapping,
        isDefault: z.boolean().describe('True while the org has not saved its own'),
        columns: z.array(z.string()).describe('The columns the provider’s records offer'),
      }),
    ),
  })
  .meta({ id: 'ConnectorMappings' })

export function connectorsRoutes(app: App, deps: ModuleDeps) {
  const { db, clock } = deps
  const connectorDeps = connectorDepsOf(deps)

  app.get(
    '/connections',
    {
      schema: {
        summary: 'List the org’s CRM and billing connections',
        description:
          'Each connection with its status, account, settings, last sync and error, how many accounts, deals and touches it brought, and its latest run; and the providers that can be connected. Credentials are never shown.',
        tags,
        response: { 200: connectionList },
      },
    },
    (req) => listConnections(db, scopeOf(req), connectorDeps),
  )

  app.put(
    '/connections/hubspot',
    {
      schema: {
        summary: 'Connect HubSpot',
        description:
          'A private app’s access token (with the app’s client secret to check webhooks) or an OAuth app install (client id, secret and refresh token). The credentials are checked with one call first — a refused token is answered 400 naming `credentials` — then kept sealed and never shown. Connecting again replaces them; the first sync starts at once unless startSync is false. Owners and admins; audited.',
        tags,
        body: connectHubSpotInput,
        response: { 200: connectionView },
      },
    },
    (req) => connect(db, scopeOf(req), 'hubspot', req.body, connectorDeps),
  )

  app.put(
    '/connections/salesforce',
    {
      schema: {
        summary: 'Connect Salesforce',
        description:
          'A connected app signing in as an integration user: the JWT bearer flow (consumer key, username and the PEM key of the certificate uploaded to the app) or, for sandboxes, the username-password flow (consumer key and secret, password and security token). The credentials are checked by signing in first — refused ones are answered 422 naming `credentials` — then kept sealed and never shown. The connection’s account is the Salesforce org id. Connecting again replaces them; the first sync starts at once unless startSync is false. Owners and admins; audited.',
        tags,
        body: connectSalesforceInput,
        response: { 200: connectionView },
      },
    },
    (req) => connect(db, scopeOf(req), 'salesforce', req.body, connectorDeps),
  )

  app.put(
    '/connections/stripe',
    {
      schema: {
        summary: 'Connect Stripe billing',
        description:
          'The signing secret of the webhook endpoint that sends Stripe’s invoice.paid, charge.refunded and customer.subscription.deleted events to this connection’s webhookUrl (shown in the answer). Paid renewals and upgrades become won renewal and expansion deals, refunds and cancellations become refunds and churn (commission clawbacks follow). The secret is kept sealed and never shown. Owners and admins; audited.',
        tags,
        body: connectStripeInput,
        response: { 200: connectionView },
      },
    },
    (req) => connect(db, scopeOf(req), 'stripe', { ...req.body, startSync: false }, connectorDeps),
  )

  app.get(
    '/connections/:provider/events',
    {
      schema: {
        summary: 'What a provider’s change notifications did',
        description:
          'The last 100 events the provider sent, newest first: queued a sync, applied (with the deal), ignored, unmatched (no single account is the customer) or refused (with the reason).',
        tags,
        params: providerParams,
        response: { 200: inboundEventList },
      },
    },
    (req) => listEvents(db, scopeOf(req), req.params.provider),
  )

  app.get(
    '/connections/:provider',
    {
      schema: {
        summary: 'Get one connection',
        description:
          'Its status, account, settings, where the next sync starts, the last sync and error, what it brought and its latest run.',
        tags,
        params: providerParams,
        response: { 200: connectionView },
      },
    },
    (req) => getConnection(db, scopeOf(req), req.params.provider, connectorDeps),
  )

  app.patch(
    '/connections/:provider',
    {
      schema: {
        summary: 'Change a connection’s settings',
        description:
          'Settings only (e.g. HubSpot’s partner property or default currency); a setting the provider does not know, or a bad value, is refused naming `settings.<name>`. Audited with before and after.',
        tags,
        params: providerParams,
        body: updateSettingsInput,
        response: { 200: connectionView },
      },
    },
    (req) => updateSettings(db, scopeOf(req), req.params.provider, req.body.settings, connectorDeps),
  )

  app.delete(
    '/connections/:provider',
    {
      schema: {
        summary: 'Disconnect a provider',
        description:
          'Its credentials are dropped and syncs stop; the accounts, deals and touches it brought stay, marked with their source. Connect again to resume where syncs stopped. Audited.',
        tags,
        params: providerParams,
        response: { 200: connectionView },
      },
    },
    (req) => disconnect(db, scopeOf(req), req.params.provider, connectorDeps),
  )

  app.get(
    '/connections/:provider/mappings',
    {
      schema: {
        summary: 'How a provider’s records become accounts, deals and touches',
        description:
          'For each kind, the field mapping syncs apply (the org’s own, or the connector’s default) and the columns the provider’s records offer. The mapping language is the CSV import’s: columns, templates, constants, value tables and fallbacks.',
        tags,
        params: providerParams,
        response: { 200: connectorMappingList },
      },
    },
    (req) => listMappings(db, scopeOf(req), req.params.provider),
  )

  app.put(
    '/connections/:provider/mappings/:kind',
    {
      schema: {
        summary: 'Save the org’s mapping of one kind of record',
        description:
          'Replaces the mapping the next syncs apply to accounts, deals or touches. A column the provider’s records do not offer is refused naming the field; a mapping that misses a required field is refused when a sync stages it. Dry-run a sync to see its effect.',
        tags,
        params: mappingParams,
        body: importMapping,
        response: { 200: connectorMappingList },
      },
    },
    (req) => putMapping(db, scopeOf(req), req.params.provider, req.params.kind, req.body, clock),
  )

  app.post(
    '/connections/:provider/syncs',
    {
      schema: {
        summary: 'Sync now (or dry-run)',
        description:
          'Queues a sync of what changed since the last one (full: everything again). A dry run reads and checks everything and reports what would be created, changed and removed, writing nothing. Asking while a like run is queued answers that run. Answered 202 with the run; follow it at GET /syncs/{id}.',
        tags,
        params: providerParams,
        body: requestSyncInput,
        response: { 202: syncRunView },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await requestSync(db, scopeOf(req), req.params.provider, req.body, clock)),
  )

  app.get(
    '/connections/:provider/syncs',
    {
      schema: {
        summary: 'A connection’s sync runs',
        description: 'The last 50 runs, newest first, with progress, result and error.',
        tags,
        params: providerParams,
        response: { 200: syncRunList },
      },
    },
    (req) => listRuns(db, scopeOf(req), req.params.provider),
  )

  app.get(
    '/syncs/:id',
    {
      schema: {
        summary: 'Follow a sync run',
        description:
          'Its status, phase, records read by kind, percent done, and at the end what it created, changed and removed, with the import whose report lists each record left out.',
        tags,
        params: idParam,
        response: { 200: syncRunView },
      },
    },
    (req) => getRun(db, scopeOf(req), req.params.id),
  )

  // HubSpot signs the exact bytes it sends: this route reads the body as text before parsing it
  app.register(async (scoped) => {
    scoped.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      ;(req as unknown as { rawBody: string }).rawBody = body as string
      try {
        done(null, JSON.parse(body as string))
      } catch {
        done(Object.assign(new Error('The body is not JSON'), { statusCode: 400 }), undefined)
      }
    })
    scoped.post(
      '/integrations/hubspot/webhooks',
      {
        config: { isPublic: true },
        schema: {
          summary: 'Receive HubSpot’s change notifications',
          description:
            'Where a HubSpot app’s webhook subscriptions (deal, company and engagement creation, change and deletion) point. The batch must carry a v3 signature (X-HubSpot-Signature-v3 under the app’s client secret) from the last five minutes, else it is refused with 400 and nothing is written. It queues an incremental sync of the portal’s connection; an event already taken changes nothing.',
          tags,
          body: hubspotEventBatch,
          response: { 200: z.object({ accepted: z.number().int(), duplicates: z.number().int() }) },
        },
      },
      (req) =>
        receiveHubSpotEvents(
          db,
          {
            method: req.method,
            uri: `${deps.publicUrl}${req.url}`,
            rawBody: (req as unknown as { rawBody: string }).rawBody,
            signature: req.headers['x-hubspot-signature-v3'] as string | undefined,
            timestamp: req.headers['x-hubspot-request-timestamp'] as string | undefined,
          },
          req.body as z.infer<typeof hubspotEventBatch>,
          { clock, secret: deps.secret },
        ),
    )
    scoped.post(
      '/integrations/stripe/webhooks/:id',
      {
        config: { isPublic: true },
        schema: {
          summary: 'Receive Stripe’s billing events',
          description:
            'Where a Stripe webhook endpoint points (the connection’s webhookUrl). The event must carry a Stripe-Signature under the endpoint’s secret from the last five minutes, else it is refused with 400 and nothing is written. Answers what became of it; an event already taken answers the same and changes nothing.',
          tags,
          params: idParam,
          body: stripeEventBody,
          response: {
            200: z.object({
              eventId: z.string(),
              outcome: z.string(),
              detail: z.string().nullable(),
              duplicate: z.boolean(),
            }),
          },
        },
      },
      (req) =>
        receiveStripeEvent(
          db,
          {
            connectionId: (req.params as { id: string }).id,
            rawBody: (req as unknown as { rawBody: string }).rawBody,
            signature: req.headers['stripe-signature'] as string | undefined,
          },
          { clock, secret: deps.secret },
        ),
    )
  })
}
