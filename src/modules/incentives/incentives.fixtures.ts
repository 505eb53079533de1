// Incentives' records and routes for the API suites that span every route.
import { created, type ModuleFixture } from '../../platform/fixtures'

const terms = { rules: [{ id: 'all', label: 'Every deal', rate: '0.1' }] }

export const incentivesFixture: ModuleFixture = {
  async seed(client) {
    const plan = await created(
      client.post('/api/v1/incentives/plans', {
        name: 'Fixture plan',
        currency: 'USD',
        effectiveFrom: '2020-01-01',
        terms,
      }),
      'commission plan',
    )
    const sync = await created(client.post('/api/v1/incentives/sync', {}), 'commission sync')
    return { plan: plan.id!, sync: sync.id! }
  },
  routes: (ids) => ({
    'POST /api/v1/incentives/plans': { body: { name: 'Another plan', currency: 'EUR', terms } },
    'GET /api/v1/incentives/plans/{id}': { params: { id: ids.plan! } },
    'PATCH /api/v1/incentives/plans/{id}': { params: { id: ids.plan! }, body: { name: 'Renamed plan' } },
    'GET /api/v1/incentives/sync/{id}': { params: { id: ids.sync! } },
  }),
  lists: [
    '/api/v1/incentives/plans',
    '/api/v1/incentives/entries',
    '/api/v1/incentives/balances',
    '/api/v1/incentives/sync',
  ],
}
