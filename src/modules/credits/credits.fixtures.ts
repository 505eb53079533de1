// Credits' records and routes for the API suites that span every route.
import { created, type ModuleFixture } from '../../platform/fixtures'

export const creditsFixture: ModuleFixture = {
  async seed(client) {
    const model = await created(
      client.post('/api/v1/attribution/models', { key: 'linear', name: 'Fixture linear', role: 'shadow' }),
      'attribution model',
    )
    const recompute = await created(client.post('/api/v1/attribution/recompute', {}), 'recompute')
    return { model: model.id!, recompute: recompute.id! }
  },
  routes: (ids) => ({
    'POST /api/v1/attribution/models': { body: { key: 'first_touch', name: 'Another model', role: 'off' } },
    'PATCH /api/v1/attribution/models/{id}': { params: { id: ids.model! }, body: { name: 'Renamed model' } },
    'GET /api/v1/attribution/models/{id}/versions': { params: { id: ids.model! } },
    'POST /api/v1/attribution/models/{id}/train': { params: { id: ids.model! } },
    'GET /api/v1/deals/{id}/attribution': { params: { id: ids.deal! } },
    'GET /api/v1/attribution/recompute/{id}': { params: { id: ids.recompute! } },
  }),
  lists: [
    '/api/v1/attribution/models',
    '/api/v1/attribution/totals',
    '/api/v1/attribution/comparison',
    '/api/v1/attribution/dashboard',
    '/api/v1/attribution/deals',
    '/api/v1/attribution/recompute',
    '/api/v1/fx-rates',
  ],
}
