// Integrations' records and routes for the API suites that span every route.
import { created, type ModuleFixture } from '../../platform/fixtures'

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
    return { webhookEndpoint: endpoint.id!, webhookDelivery: ping.id! }
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
  }),
  lists: ['/api/v1/webhooks/endpoints', '/api/v1/webhooks/deliveries'],
}
