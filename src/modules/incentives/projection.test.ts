import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../http/live-harness'
import { creditsModule } from '../credits'
import { incentivesModule } from '.'
import { type PayableOrg, seedPayableOrg } from './payouts/payouts.test-support'

// A partner's open pipeline, as commission they may earn: worked out as if won today, times the
// deal's chance of being won — labelled an estimate.
describe('projected commissions', () => {
  let live: LiveHarness
  let org: PayableOrg
  let openDeal: string

  const deal = async (name: string, amount: string, status: 'open' | 'lost') => {
    const res = await live.admin.post('/api/v1/deals', {
      name,
      amount,
      currency: 'USD',
      status,
      openedAt: '2026-03-01T00:00:00Z',
      ...(status === 'lost' ? { closedAt: '2026-04-01T00:00:00Z' } : {}),
    })
    expect(res.statusCode, res.body).toBe(201)
    await live.bus.drain()
    await live.admin.post('/api/v1/touchpoints', {
      dealId: res.json().id,
      actor: { kind: 'partner', partnerId: org.partners.Acme },
      activityType: 'referral',
      occurredAt: '2026-03-02T00:00:00Z',
    })
    await live.bus.drain()
    return res.json().id as string
  }

  beforeAll(async () => {
    live = await createLiveHarness('projection', [creditsModule, incentivesModule])
    org = await seedPayableOrg(live, { Acme: { amount: '1000.00', currency: 'USD', rail: null } })
    await deal('Lost one', '500.00', 'lost')
    openDeal = await deal('Open one', '2000.00', 'open')
  })
  afterAll(async () => live?.close())

  it('works out each open deal as if won today, times its chance of winning', async () => {
    const acme = await live.h.signIn(live.orgId, 'partner_member', { partnerId: org.partners.Acme })
    const res = await acme.get('/api/v1/incentives/projection')
    expect(res.statusCode, res.body).toBe(200)
    const projection = res.json()
    // one won and one lost deal: without a learned model, the org's win rate is 50%
    expect(projection).toMatchObject({
      partnerId: org.partners.Acme,
      isEstimate: true,
      items: [
        {
          dealId: openDeal,
          share: '1.0000000000',
          winChance: 0.5,
          winChanceSource: 'the org’s win rate over 2 closed deals',
          ifWon: { amountMinor: '20000', currency: 'USD' },
          expected: { amountMinor: '10000', currency: 'USD' },
        },
      ],
      totals: [{ ifWon: { amountMinor: '20000' }, expected: { amountMinor: '10000' } }],
    })
    expect(projection.note).toMatch(/estimate/)
  })

  it('answers a partner user only about their own pipeline, and asks staff which partner', async () => {
    const acme = await live.h.signIn(live.orgId, 'partner_member', { partnerId: org.partners.Acme })
    const other = (await live.admin.post('/api/v1/partners', { name: 'Other', type: 'agency' })).json().id
    expect((await acme.get(`/api/v1/incentives/projection?partnerId=${other}`)).statusCode).toBe(404)
    const staff = await live.admin.get('/api/v1/incentives/projection')
    expect(staff.statusCode).toBe(422)
    expect(staff.json().errors[0].path).toBe('partnerId')
    const named = (
      await live.admin.get(`/api/v1/incentives/projection?partnerId=${org.partners.Acme}`)
    ).json()
    expect(named.items).toHaveLength(1)
  })
})
