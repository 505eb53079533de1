// Journeys' records and routes for the API suites that span every route.
import { created, type ModuleFixture } from '../../platform/fixtures'

const importMapping = {
  fields: {
    externalId: { column: 'id' },
    name: { column: 'name' },
    amount: { column: 'amount' },
    currency: { constant: 'USD' },
    status: { constant: 'open' },
    openedAt: { importDate: true },
  },
}

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
    const wonDeal = await created(
      client.post('/api/v1/deals', {
        name: 'Fixture Won Deal',
        accountId: account.id,
        amount: '1000.00',
        currency: 'USD',
        status: 'won',
        openedAt: '2026-01-05T00:00:00Z',
        closedAt: '2026-02-05T00:00:00Z',
      }),
      'won deal',
    )
    const refund = await created(
      client.post(`/api/v1/deals/${wonDeal.id}/revenue-events`, {
        kind: 'refund',
        amount: '10.00',
        occurredAt: '2026-02-10T00:00:00Z',
      }),
      'refund',
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
    await created(client.put('/api/v1/import-mappings/fixture/deals', importMapping), 'import mapping')
    const started = await created(client.post('/api/v1/imports', { source: 'fixture' }), 'import')
    return {
      account: account.id!,
      deal: deal.id!,
      wonDeal: wonDeal.id!,
      revenueEvent: refund.id!,
      touchpoint: touch.id!,
      activityType: activityType.key!,
      import: started.id!,
    }
  },
  routes: (ids) => ({
    'POST /api/v1/accounts': { body: { name: 'Initech', domain: 'initech.example', country: 'US' } },
    'GET /api/v1/accounts/{id}': { params: { id: ids.account! } },
    'PATCH /api/v1/accounts/{id}': { params: { id: ids.account! }, body: { industry: 'Software' } },
    'POST /api/v1/deals': { body: { name: 'New', amount: '99.00', currency: 'EUR', accountId: ids.account } },
    'GET /api/v1/deals/{id}': { params: { id: ids.deal! } },
    'PATCH /api/v1/deals/{id}': { params: { id: ids.deal! }, body: { stage: 'proposal' } },
    'GET /api/v1/deals/{id}/revenue-events': { params: { id: ids.wonDeal! } },
    'POST /api/v1/deals/{id}/revenue-events': {
      params: { id: ids.wonDeal! },
      body: { kind: 'refund', amount: '5.00', occurredAt: '2026-03-01T00:00:00Z', reason: 'A seat returned' },
    },
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
    'PUT /api/v1/import-mappings/{source}/{kind}': {
      params: { source: 'fixture', kind: 'deals' },
      body: importMapping,
    },
    'GET /api/v1/import-mappings/{source}/{kind}': { params: { source: 'fixture', kind: 'deals' } },
    'POST /api/v1/imports': { body: { source: 'fixture' } },
    'GET /api/v1/imports/{id}': { params: { id: ids.import! } },
    'PUT /api/v1/imports/{id}/files/{kind}': { params: { id: ids.import!, kind: 'deals' } },
    'GET /api/v1/imports/{id}/problems': { params: { id: ids.import! } },
    'GET /api/v1/imports/{id}/problems.csv': { params: { id: ids.import! } },
    'POST /api/v1/imports/{id}/commit': { params: { id: ids.import! }, body: { skipInvalid: true } },
    'DELETE /api/v1/imports/{id}': { params: { id: ids.import! } },
  }),
  // a source's mapping is the org's own name for it: another org saving one makes its own
  notTenantScoped: ['PUT /api/v1/import-mappings/{source}/{kind}'],
  lists: [
    '/api/v1/accounts',
    '/api/v1/deals',
    '/api/v1/deals/summary',
    '/api/v1/touchpoints',
    '/api/v1/activity-types',
    '/api/v1/imports',
  ],
}
