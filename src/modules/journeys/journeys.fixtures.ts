// Journeys' records and routes for the API suites that span every route.
import { created, type ModuleFixture } from '../../platform/fixtures'

export const journeysFixture: ModuleFixture = {
  async seed(client, ids) {
    const account = await created(client.post('/api/v1/accounts', { name: 'Fixture Account' }), 'account')
    const deal = await created(
      client.post('/api/v1/deals', {
        name: 'Fixture Deal',
        accountId: account.id,
        amount: '100.00',
        currency: 'USD',
      }),
      'deal',
    )
    const touch = await created(
      client.post('/api/v1/touchpoints', {
        dealId: deal.id,
        actor: { kind: 'partner', partnerId: ids.partner },
        activityType: 'demo',
        occurredAt: '2026-05-01T00:00:00Z',
      }),
      'touchpoint',
    )
    const activityType = await created(
      client.post('/api/v1/activity-types', { key: 'fixture_type', label: 'Fixture type' }),
      'activity type',
    )
    return { account: account.id!, deal: deal.id!, touchpoint: touch.id!, activityType: activityType.key! }
  },
  routes: (ids) => ({
    'POST /api/v1/accounts': { body: { name: 'Initech', domain: 'initech.example', country: 'US' } },
    'GET /api/v1/accounts/{id}': { params: { id: ids.account! } },
    'PATCH /api/v1/accounts/{id}': { params: { id: ids.account! }, body: { industry: 'Software' } },
    'POST /api/v1/deals': { body: { name: 'New', amount: '99.00', currency: 'EUR', accountId: ids.account } },
    'GET /api/v1/deals/{id}': { params: { id: ids.deal! } },
    'PATCH /api/v1/deals/{id}': { params: { id: ids.deal! }, body: { stage: 'proposal' } },
    'POST /api/v1/touchpoints': {
      body: {
        dealId: ids.deal,
        actor: { kind: 'direct', seller: 'ae@fixture.test' },
        activityType: 'demo',
        occurredAt: '2026-05-02T00:00:00Z',
      },
    },
    'DELETE /api/v1/touchpoints/{id}': { params: { id: ids.touchpoint! } },
    'POST /api/v1/activity-types': { body: { key: 'webinar', label: 'Webinar' } },
    'PATCH /api/v1/activity-types/{key}': {
      params: { key: ids.activityType! },
      body: { label: 'Renamed type' },
    },
  }),
  lists: [
    '/api/v1/accounts',
    '/api/v1/deals',
    '/api/v1/deals/summary',
    '/api/v1/touchpoints',
    '/api/v1/activity-types',
  ],
}
