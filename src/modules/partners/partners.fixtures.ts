// Partners' records and routes for the API suites that span every route.
import { created, type ModuleFixture } from '../../platform/fixtures'

export const partnersFixture: ModuleFixture = {
  async seed(client) {
    const partner = await created(
      client.post('/api/v1/partners', {
        name: 'Fixture Partner',
        type: 'reseller',
        country: 'NL',
        currency: 'EUR',
      }),
      'partner',
    )
    return { partner: partner.id! }
  },
  routes: (ids) => ({
    'POST /api/v1/partners': { body: { name: 'Another', type: 'agency', country: 'NL', currency: 'EUR' } },
    'GET /api/v1/partners/{id}': { params: { id: ids.partner! } },
    'PATCH /api/v1/partners/{id}': { params: { id: ids.partner! }, body: { name: 'Renamed Partner' } },
    'POST /api/v1/partners/{id}/status': {
      params: { id: ids.partner! },
      body: { status: 'active', reason: 'ready' },
    },
    'GET /api/v1/partners/{id}/history': { params: { id: ids.partner! } },
  }),
  lists: ['/api/v1/partners', '/api/v1/partners/summary'],
}
