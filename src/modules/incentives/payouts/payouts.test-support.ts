// Test support: an org whose partners have payable commission (won deals past their hold under a
// 10% plan on the paying model), each with a payout account unless asked otherwise.
import { expect } from 'vitest'

type Answer = {
  statusCode: number
  body: string
  json<T = { id: string; items: { id: string; key: string }[] }>(): T
}
/** The part of a signed-in test client and its event bus this needs. */
interface LiveOrg {
  admin: {
    get(url: string): Promise<Answer>
    post(url: string, body?: unknown): Promise<Answer>
    patch(url: string, body?: unknown): Promise<Answer>
    put(url: string, body?: unknown): Promise<Answer>
  }
  bus: { drain(): Promise<unknown> }
}

export interface PayableOrg {
  planId: string
  /** Partner id by name. */
  partners: Record<string, string>
  deals: Record<string, string>
}

/**
 * `partners`: name → { amount of its won deal, currency, payout rail or null, taxForm: false to
 * leave it without one }. Each partner gets one won deal closed on 2026-01-10 (so its line is
 * payable by the harness's day, 2026-06-01) and, unless told otherwise, an approved W-9.
 */
export async function seedPayableOrg(
  live: LiveOrg,
  partners: Record<
    string,
    { amount: string; currency: string; rail: 'stripe' | 'bank_file' | null; taxForm?: false }
  >,
): Promise<PayableOrg> {
  const { admin, bus } = live
  const models = (await admin.get('/api/v1/attribution/models')).json().items
  const linear = models.find((m: { key: string }) => m.key === 'linear')!
  await admin.patch(`/api/v1/attribution/models/${linear.id}`, { role: 'paying' })
  const plan = await admin.post('/api/v1/incentives/plans', {
    name: 'Every deal',
    currency: 'USD',
    effectiveFrom: '2025-01-01',
    terms: { holdDays: 30, rules: [{ id: 'all', label: 'Every deal', rate: '0.1' }] },
  })
  expect(plan.statusCode, plan.body).toBe(201)
  const ids: PayableOrg = { planId: plan.json().id, partners: {}, deals: {} }
  for (const [name, spec] of Object.entries(partners)) {
    const partner = await admin.post('/api/v1/partners', { name, type: 'reseller', currency: spec.currency })
    expect(partner.statusCode, partner.body).toBe(201)
    const partnerId = partner.json().id
    ids.partners[name] = partnerId
    const deal = await admin.post('/api/v1/deals', {
      name: `${name}'s deal`,
      amount: spec.amount,
      currency: spec.currency,
      status: 'won',
      openedAt: '2025-12-01T00:00:00Z',
      closedAt: '2026-01-10T12:00:00Z',
    })
    expect(deal.statusCode, deal.body).toBe(201)
    ids.deals[name] = deal.json().id
    await bus.drain()
    const touch = await admin.post('/api/v1/touchpoints', {
      dealId: deal.json().id,
      actor: { kind: 'partner', partnerId },
      activityType: 'referral',
      occurredAt: '2025-12-15T00:00:00Z',
    })
    expect(touch.statusCode, touch.body).toBe(201)
    await bus.drain()
    if (spec.taxForm !== false) {
      const form = await admin.post('/api/v1/incentives/tax/forms', {
        partnerId,
        kind: 'w9',
        legalName: `${name} LLC`,
        taxClassification: 'llc_c',
        country: 'US',
        addressLine1: '1 Main St',
        city: 'Portland',
        region: 'OR',
        postalCode: '97201',
        tinKind: 'ein',
        tin: '12-3456789',
        signerName: `${name} Signer`,
        signatureAttested: true,
      })
      expect(form.statusCode, form.body).toBe(201)
      const approved = await admin.post(`/api/v1/incentives/tax/forms/${form.json().id}/approve`)
      expect(approved.statusCode, approved.body).toBe(200)
    }
    if (spec.rail === 'stripe') {
      const account = await admin.put(`/api/v1/partners/${partnerId}/payout-account`, {
        rail: 'stripe',
        payeeName: name,
        stripeAccountId: `acct_${name.replace(/\W/g, '')}0001`,
      })
      expect(account.statusCode, account.body).toBe(200)
    } else if (spec.rail === 'bank_file') {
      const account = await admin.put(`/api/v1/partners/${partnerId}/payout-account`, {
        rail: 'bank_file',
        payeeName: name,
        iban: 'DE89 3704 0044 0532 0130 00',
        bic: 'COBADEFFXXX',
      })
      expect(account.statusCode, account.body).toBe(200)
    }
  }
  return ids
}
