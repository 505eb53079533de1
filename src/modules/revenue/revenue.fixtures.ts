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

const fixtureLead = (companyName: string) => ({
  companyName,
  domain: 'fixture-lead.example',
  contactName: 'Fixture Prospect',
  contactEmail: 'prospect@fixture-lead.example',
  country: 'DE',
  industry: 'Software',
  source: 'web',
  notes: 'Fixture lead',
})

export const revenueFixture: ModuleFixture = {
  async seed(client, ids) {
    const submitted = await created(
      client.post('/api/v1/registrations', registration(ids.partner!, 'Fixture Registration Co')),
      'deal registration',
    )
    const lead = await created(client.post('/api/v1/leads', fixtureLead('Fixture Lead Co')), 'lead')
    const goal = await created(
      client.put('/api/v1/goals', {
        partnerId: ids.partner!,
        quarter: '2026-Q2',
        metric: 'deals',
        target: '5',
      }),
      'goal',
    )
    return { registration: submitted.id!, lead: lead.id!, goal: goal.id! }
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
    'POST /api/v1/leads': { body: fixtureLead('Another Lead Co') },
    'GET /api/v1/leads/{id}': { params: { id: ids.lead! } },
    'POST /api/v1/leads/{id}/reroute': { params: { id: ids.lead! } },
    'POST /api/v1/leads/{id}/assign': { params: { id: ids.lead! }, body: { userId: null } },
    'POST /api/v1/leads/{id}/status': { params: { id: ids.lead! }, body: { status: 'working' } },
    'GET /api/v1/overlap/{partnerId}': { params: { partnerId: ids.partner! } },
    'PUT /api/v1/overlap/{partnerId}/accounts': { params: { partnerId: ids.partner! } },
    'DELETE /api/v1/overlap/{partnerId}/accounts': { params: { partnerId: ids.partner! } },
    'POST /api/v1/channel-conflicts/{key}/decision': {
      params: { key: ids.account! },
      body: { outcome: 'dismissed', note: 'No conflict' },
    },
    'GET /api/v1/deals/{id}/partner-recommendations': { params: { id: ids.deal! } },
    'PUT /api/v1/goals': {
      body: { partnerId: ids.partner!, quarter: '2026-Q3', metric: 'deals', target: '3' },
    },
    'DELETE /api/v1/goals/{id}': { params: { id: ids.goal! } },
    'PUT /api/v1/forecast/stage-probabilities': {
      body: { items: [{ stage: 'proposal', probability: '0.4' }] },
    },
  }),
  lists: [
    '/api/v1/registrations',
    '/api/v1/registrations?overdue=false',
    '/api/v1/leads',
    '/api/v1/leads?assignedTo=none',
    '/api/v1/forecast',
    '/api/v1/pipeline?by=partner',
    '/api/v1/forecast/stage-probabilities',
    '/api/v1/waterfall',
    '/api/v1/waterfall/deals?period=2026-Q2&movement=new',
    '/api/v1/overlap',
    '/api/v1/channel-conflicts?status=all',
    '/api/v1/goals?quarter=2026-Q2',
  ],
}
