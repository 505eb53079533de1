// Credits' records and routes for the API suites that span every route.
import { created, type ModuleFixture } from '../../platform/fixtures'

export const creditsFixture: ModuleFixture = {
  async seed(client, ids) {
    const model = await created(
      client.post('/api/v1/attribution/models', { key: 'linear', name: 'Fixture linear', role: 'shadow' }),
      'attribution model',
    )
    // the deal's credit under every model, made now rather than on the first read, so that reads
    // give the same answer before and after the other suites' calls
    await created(client.get(`/api/v1/deals/${ids.deal}/attribution`), 'deal attribution')
    const recompute = await created(client.post('/api/v1/attribution/recompute', {}), 'recompute')
    return { model: model.id!, recompute: recompute.id! }
  },
  routes: (ids) => ({
    'POST /api/v1/attribution/models': { body: { key: 'first_touch', name: 'Another model', role: 'off' } },
    'PATCH /api/v1/attribution/models/{id}': { params: { id: ids.model! }, body: { name: 'Renamed model' } },
    'POST /api/v1/attribution/models/preview': {
      body: { key: 'role', params: { activityWeights: { referral: 4 } }, modelId: ids.model!, limit: 5 },
    },
    'GET /api/v1/attribution/models/{id}/versions': { params: { id: ids.model! } },
    'POST /api/v1/attribution/models/{id}/train': { params: { id: ids.model! } },
    'POST /api/v1/attribution/models/{id}/versions/{version}/promote': {
      params: { id: ids.model!, version: '1' },
    },
    'GET /api/v1/deals/{id}/attribution': { params: { id: ids.deal! } },
    'GET /api/v1/attribution/recompute/{id}': { params: { id: ids.recompute! } },
    'GET /api/v1/attribution/partners/{id}/history': { params: { id: ids.partner! } },
    'PUT /api/v1/fx-rates/{currency}/{day}': {
      params: { currency: 'CHF', day: '2026-01-02' },
      body: { perEur: '0.9312' },
    },
  }),
  notTenantScoped: ['PUT /api/v1/fx-rates/{currency}/{day}'],
  lists: [
    '/api/v1/attribution/models',
    '/api/v1/attribution/totals',
    '/api/v1/attribution/comparison',
    '/api/v1/attribution/dashboard',
    '/api/v1/attribution/deals',
    '/api/v1/attribution/recommendation',
    '/api/v1/attribution/recompute',
    '/api/v1/fx-rates',
  ],
}
