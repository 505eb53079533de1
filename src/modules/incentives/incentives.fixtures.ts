// Incentives' records and routes for the API suites that span every route.
import { created, type ModuleFixture } from '../../platform/fixtures'

const terms = { rules: [{ id: 'all', label: 'Every deal', rate: '0.1' }] }
const account = { rail: 'bank_file', payeeName: 'Fixture Partner BV', iban: 'NL91ABNA0417164300' }

const taxForm = {
  kind: 'w9',
  legalName: 'Fixture Partner LLC',
  taxClassification: 'llc_c',
  country: 'US',
  addressLine1: '1 Fixture Way',
  city: 'Portland',
  region: 'OR',
  postalCode: '97201',
  tinKind: 'ein',
  tin: '12-3456789',
  signerName: 'Fixture Signer',
  signatureAttested: true,
}

export const incentivesFixture: ModuleFixture = {
  async seed(client, ids) {
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
    await created(client.put(`/api/v1/partners/${ids.partner}/payout-account`, account), 'payout account')
    const batch = await created(
      client.post('/api/v1/payout-batches', { periodTo: '2026-01-31', rail: 'bank_file' }),
      'payout batch',
    )
    const form = await created(
      client.post('/api/v1/incentives/tax/forms', { ...taxForm, partnerId: ids.partner }),
      'tax form',
    )
    const dispute = await created(
      client.post('/api/v1/incentives/disputes', {
        partnerId: ids.partner,
        dealId: ids.deal,
        subject: 'A deal we touched',
        message: 'We ran the demo.',
      }),
      'dispute',
    )
    return { plan: plan.id!, sync: sync.id!, payoutBatch: batch.id!, taxForm: form.id!, dispute: dispute.id! }
  },
  routes: (ids) => ({
    'POST /api/v1/incentives/plans': { body: { name: 'Another plan', currency: 'EUR', terms } },
    'POST /api/v1/incentives/plans/preview': {
      body: { currency: 'USD', terms, from: '2020-01-01', to: '2030-12-31' },
    },
    'GET /api/v1/incentives/plans/{id}': { params: { id: ids.plan! } },
    'POST /api/v1/incentives/what-if': {
      body: {
        dealId: ids.deal,
        activityType: 'demo',
        occurredAt: '2026-06-01T00:00:00Z',
        partnerId: ids.partner,
      },
    },
    'PATCH /api/v1/incentives/plans/{id}': { params: { id: ids.plan! }, body: { name: 'Renamed plan' } },
    'GET /api/v1/incentives/sync/{id}': { params: { id: ids.sync! } },
    'GET /api/v1/partners/{id}/payout-account': { params: { id: ids.partner! } },
    'GET /api/v1/incentives/statements/{id}.pdf': { params: { id: ids.partner! } },
    'PUT /api/v1/partners/{id}/payout-account': { params: { id: ids.partner! }, body: account },
    'POST /api/v1/payout-batches': { body: { periodTo: '2026-01-31', rail: 'stripe' } },
    'GET /api/v1/payout-batches/{id}': { params: { id: ids.payoutBatch! } },
    'POST /api/v1/payout-batches/{id}/approve': { params: { id: ids.payoutBatch! } },
    'POST /api/v1/payout-batches/{id}/execute': { params: { id: ids.payoutBatch! } },
    'POST /api/v1/payout-batches/{id}/paid': {
      params: { id: ids.payoutBatch! },
      body: { reference: 'RUN-1' },
    },
    'GET /api/v1/payout-batches/{id}/file': { params: { id: ids.payoutBatch! } },
    'POST /api/v1/payout-batches/{id}/release-failed': {
      params: { id: ids.payoutBatch! },
      body: { reason: 'The account was closed' },
    },
    'POST /api/v1/incentives/disputes': {
      body: { partnerId: ids.partner, dealId: ids.deal, subject: 'Another', message: 'We were there.' },
    },
    'GET /api/v1/incentives/disputes/{id}': { params: { id: ids.dispute! } },
    'POST /api/v1/incentives/disputes/{id}/messages': {
      params: { id: ids.dispute! },
      body: { message: 'More.' },
    },
    'POST /api/v1/incentives/disputes/{id}/resolve': {
      params: { id: ids.dispute! },
      body: { outcome: 'denied', reason: 'No touch on record' },
    },
    'POST /api/v1/incentives/tax/forms': { body: { ...taxForm, partnerId: ids.partner } },
    'GET /api/v1/incentives/tax/forms/{id}': { params: { id: ids.taxForm! } },
    'POST /api/v1/incentives/tax/forms/{id}/approve': { params: { id: ids.taxForm! } },
    'POST /api/v1/incentives/tax/forms/{id}/reject': {
      params: { id: ids.taxForm! },
      body: { reason: 'The name does not match' },
    },
    'PUT /api/v1/incentives/tax/thresholds': { body: { year: 2026, amountMinor: '150000' } },
    'GET /api/v1/incentives/tax/1099/{partnerId}.pdf': { params: { partnerId: ids.partner! } },
  }),
  lists: [
    '/api/v1/incentives/plans',
    '/api/v1/incentives/entries',
    '/api/v1/incentives/balances',
    '/api/v1/incentives/sync',
    '/api/v1/incentives/tax/forms',
    '/api/v1/incentives/tax/thresholds',
    '/api/v1/incentives/tax/1099',
    '/api/v1/incentives/tax/1099.csv',
    '/api/v1/payout-batches',
    '/api/v1/incentives/disputes',
  ],
}
