// Integrations' records and routes for the API suites that span every route.

import { generateKeyPairSync } from 'node:crypto'
import { created, type ModuleFixture } from '../../platform/fixtures'
import { HubSpotFake } from './connectors/hubspot/hubspot-fake.test-support'
import { SalesforceFake } from './connectors/salesforce/salesforce-fake.test-support'

// one local HubSpot for every suite of the process that seeds a connection
let hubspot: Promise<string> | null = null
const hubspotUrl = () => {
  hubspot ??= new HubSpotFake('pat-fixture-token').start()
  return hubspot
}

// one local Salesforce likewise, trusting the certificate of the key the fixtures sign with
const salesforceKey = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
})
const salesforceCredentials = {
  kind: 'jwt',
  loginUrl: 'https://login.salesforce.com',
  clientId: '3MVG9-fixture-consumer-key',
  username: 'integration@fixture.example',
  privateKey: salesforceKey.privateKey,
}
let salesforce: Promise<string> | null = null
const salesforceUrl = () => {
  salesforce ??= (() => {
    const fake = new SalesforceFake()
    fake.addApp(salesforceCredentials.clientId, {
      clientSecret: 'fixture-secret',
      publicKey: salesforceKey.publicKey,
    })
    fake.addUser(salesforceCredentials.username, 'unused-password')
    return fake.start()
  })()
  return salesforce
}

export const integrationsFixture: ModuleFixture = {
  async seed(client) {
    const endpoint = await created(
      client.post('/api/v1/webhooks/endpoints', {
        url: 'http://127.0.0.1:9/fixture-hook',
        eventTypes: ['partner.created'],
        description: 'Fixture endpoint',
      }),
      'webhook endpoint',
    )
    const ping = await created(client.post(`/api/v1/webhooks/endpoints/${endpoint.id}/ping`), 'webhook ping')
    const connection = (await created(
      client.put('/api/v1/connections/hubspot', {
        credentials: {
          kind: 'private_app',
          accessToken: 'pat-fixture-token',
          webhookSecret: 'fixture-secret',
        },
        settings: { portalId: 777 },
        baseUrl: await hubspotUrl(),
      }),
      'HubSpot connection',
    )) as unknown as { latestRun: { id: string } }
    await created(
      client.put('/api/v1/connections/salesforce', {
        credentials: salesforceCredentials,
        settings: { currency: 'EUR' },
        baseUrl: await salesforceUrl(),
      }),
      'Salesforce connection',
    )
    const stripe = await created(
      client.put('/api/v1/connections/stripe', { credentials: { webhookSecret: 'whsec_fixture_secret' } }),
      'Stripe connection',
    )
    return {
      webhookEndpoint: endpoint.id!,
      webhookDelivery: ping.id!,
      syncRun: connection.latestRun.id,
      stripeConnection: stripe.id!,
      // the local stand-ins the connect calls name, so no suite calls out of this machine
      hubspotApi: await hubspotUrl(),
      salesforceApi: await salesforceUrl(),
    }
  },
  routes: (ids) => ({
    'POST /api/v1/webhooks/endpoints': {
      body: { url: 'http://127.0.0.1:9/another-hook', eventTypes: ['*'] },
    },
    'GET /api/v1/webhooks/endpoints/{id}': { params: { id: ids.webhookEndpoint! } },
    'PATCH /api/v1/webhooks/endpoints/{id}': {
      params: { id: ids.webhookEndpoint! },
      body: { description: 'Renamed fixture endpoint' },
    },
    'DELETE /api/v1/webhooks/endpoints/{id}': { params: { id: ids.webhookEndpoint! } },
    'POST /api/v1/webhooks/endpoints/{id}/rotate-secret': { params: { id: ids.webhookEndpoint! } },
    'POST /api/v1/webhooks/endpoints/{id}/ping': { params: { id: ids.webhookEndpoint! } },
    'GET /api/v1/webhooks/deliveries/{id}': { params: { id: ids.webhookDelivery! } },
    'POST /api/v1/webhooks/deliveries/{id}/replay': { params: { id: ids.webhookDelivery! } },
    'PUT /api/v1/connections/hubspot': {
      body: {
        credentials: { kind: 'private_app', accessToken: 'pat-fixture-token' },
        settings: { portalId: 777 },
        baseUrl: ids.hubspotApi!,
      },
    },
    'PUT /api/v1/connections/salesforce': {
      body: {
        credentials: salesforceCredentials,
        settings: { currency: 'EUR' },
        baseUrl: ids.salesforceApi!,
      },
    },
    'GET /api/v1/connections/{provider}': { params: { provider: 'hubspot' } },
    'PATCH /api/v1/connections/{provider}': {
      params: { provider: 'hubspot' },
      body: { settings: { partnerProperty: 'partner_name' } },
    },
    'DELETE /api/v1/connections/{provider}': { params: { provider: 'hubspot' } },
    'GET /api/v1/connections/{provider}/mappings': { params: { provider: 'hubspot' } },
    'PUT /api/v1/connections/{provider}/mappings/{kind}': {
      params: { provider: 'hubspot', kind: 'accounts' },
      body: { fields: { externalId: { column: 'id' }, name: { column: 'name' } } },
    },
    'POST /api/v1/connections/{provider}/syncs': { params: { provider: 'hubspot' }, body: { dryRun: true } },
    'GET /api/v1/connections/{provider}/syncs': { params: { provider: 'hubspot' } },
    'GET /api/v1/syncs/{id}': { params: { id: ids.syncRun! } },
    'PUT /api/v1/connections/stripe': { body: { credentials: { webhookSecret: 'whsec_fixture_secret' } } },
    'GET /api/v1/connections/{provider}/events': { params: { provider: 'hubspot' } },
    'POST /api/v1/integrations/stripe/webhooks/{id}': {
      params: { id: ids.stripeConnection! },
      body: {
        id: 'evt_1',
        object: 'event',
        type: 'invoice.paid',
        created: 1,
        data: { object: { id: 'in_1' } },
      },
    },
    'POST /api/v1/integrations/hubspot/webhooks': {
      body: [{ eventId: 1, portalId: 777, subscriptionType: 'deal.creation', objectId: 1 }],
    },
  }),
  lists: ['/api/v1/webhooks/endpoints', '/api/v1/webhooks/deliveries', '/api/v1/connections'],
  // Stripe calls it without a session: a wrong signature is refused with 400 whoever asks
  notTenantScoped: ['POST /api/v1/integrations/stripe/webhooks/{id}'],
}
