// Revenue's records and routes for the API suites that span every route.
import { created, type ModuleFixture } from '../../platform/fixtures'

const registration = (partnerId: string, accountName: string) => ({
  partnerId,
  accountName,
  domain: 'fixture-registration.example',
  contact: { name: 'Fixture Buyer', email: 'buyer@fixture-registration.example' },
  amount: '12000.00',
  currency: 'USD',
  expectedCloseOn: '2026-09-30',
  products: ['Platform'],
  notes: 'Fixture registration',
})

export const revenueFixture: ModuleFixture = {
  async seed(client, ids) {
    const submitted = await created(
      client.post('/api/v1/registrations', registration(ids.partner!, 'Fixture Registration Co')),
      'deal registration',
    )
    return { registration: submitted.id! }
  },
  routes: (ids) => ({
    'POST /api/v1/registrations/check': {
      body: { partnerId: ids.partner!, accountName: 'Fixture Registration', domain: 'fixture.example' },
    },
    'POST /api/v1/registrations': { body: registration(ids.partner!, 'Another Registered Account') },
    'PUT /api/v1/registrations/settings': {
      body: { reviewSlaHours: 48, protectionDays: 90, extensionDays: 30, maxExtensions: 2 },
    },
    'GET /api/v1/registrations/{id}': { params: { id: ids.registration! } },
    'POST /api/v1/registrations/{id}/reroute': { params: { id: ids.registration! } },
    'POST /api/v1/registrations/{id}/approve': { params: { id: ids.registration! }, body: {} },
    'POST /api/v1/registrations/{id}/reject': {
      params: { id: ids.registration! },
      body: { reason: 'Already ours' },
    },
    'POST /api/v1/registrations/{id}/request-info': {
      params: { id: ids.registration! },
      body: { message: 'Who is the buyer?' },
    },
    'POST /api/v1/registrations/{id}/reply': {
      params: { id: ids.registration! },
      body: { message: 'The CFO' },
    },
    'POST /api/v1/registrations/{id}/extend': { params: { id: ids.registration! }, body: {} },
  }),
  lists: ['/api/v1/registrations', '/api/v1/registrations?overdue=false'],
}
