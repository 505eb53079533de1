import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../http/live-harness'
import { creditsModule } from '../credits'
import { incentivesModule } from '.'
import { type PayableOrg, seedPayableOrg } from './payouts/payouts.test-support'

// "If I add a demo to this open deal next week": the share under the paying model (linear here) and
// the commission if won (10% of the credit), before and after, worked out and never stored.
describe('what-if on an open deal', () => {
  let live: LiveHarness
  let org: PayableOrg
  let openDeal: string
  let wonDeal: string

  const touch = async (dealId: string, partnerId: string, activityType: string, occurredAt: string) => {
    const res = await live.admin.post('/api/v1/touchpoints', {
      dealId,
      actor: { kind: 'partner', partnerId },
      activityType,
      occurredAt,
    })
    expect(res.statusCode, res.body).toBe(201)
    await live.bus.drain()
  }
  const stored = async () =>
    (
      await live.h.testDb.database.query<{ n: number }>(
        'select count(*)::int as n from attribution_runs where org_id = $1',
        [live.orgId],
      )
    ).rows[0]!.n

  beforeAll(async () => {
    live = await createLiveHarness('what-if', [creditsModule, incentivesModule])
    org = await seedPayableOrg(live, {
      Acme: { amount: '1000.00', currency: 'USD', rail: null },
      Bolt: { amount: '1000.00', currency: 'USD', rail: null },
    })
    const deal = await live.admin.post('/api/v1/deals', {
      name: 'Open one',
      amount: '1000.00',
      currency: 'USD',
      openedAt: '2026-03-01T00:00:00Z',
    })
    expect(deal.statusCode, deal.body).toBe(201)
    openDeal = deal.json().id
    await live.bus.drain()
    await touch(openDeal, org.partners.Acme!, 'referral', '2026-03-02T00:00:00Z')
    await touch(openDeal, org.partners.Bolt!, 'demo', '2026-03-05T00:00:00Z')
    wonDeal = org.deals.Acme!
  })
  afterAll(async () => live?.close())

  it('gives the partner’s share, credit and commission if won, before and after one more touch, and stores nothing', async () => {
    const acme = await live.h.signIn(live.orgId, 'partner_member', { partnerId: org.partners.Acme })
    const runs = await stored()
    const res = await acme.post('/api/v1/incentives/what-if', {
      dealId: openDeal,
      activityType: 'demo',
      occurredAt: '2026-03-10T00:00:00Z',
    })
    expect(res.statusCode, res.body).toBe(200)
    const result = res.json()
    // linear: one of two touches now, two of three with the demo
    expect(result).toMatchObject({
      dealId: openDeal,
      dealName: 'Open one',
      isEstimate: true,
      before: {
        share: '0.5000000000',
        credit: { amountMinor: '50000' },
        commissionIfWon: { amountMinor: '5000', currency: 'USD' },
      },
      after: {
        share: '0.6666666667',
        credit: { amountMinor: '66667' },
        commissionIfWon: { amountMinor: '6667', currency: 'USD' },
      },
    })
    expect(result.after.explanation).toContain('demo on the day of the as-of date')
    expect(result.summary).toBe(
      'With a demo on 2026-03-10, your share of Open one under Linear becomes 66.7% (now 50.0%): 666.67 USD of 1000.00 USD, and 66.67 USD commission if it is won (now 50.00 USD).',
    )
    expect(await stored()).toBe(runs)
  })

  it('lets a partner try only deals they are on, and staff name the partner', async () => {
    const other = (await live.admin.post('/api/v1/partners', { name: 'Other', type: 'agency' })).json().id
    const outsider = await live.h.signIn(live.orgId, 'partner_member', { partnerId: other })
    const body = { dealId: openDeal, activityType: 'demo', occurredAt: '2026-03-10T00:00:00Z' }
    expect((await outsider.post('/api/v1/incentives/what-if', body)).statusCode).toBe(404)
    const unnamed = await live.admin.post('/api/v1/incentives/what-if', body)
    expect(unnamed.statusCode).toBe(422)
    expect(unnamed.json().errors[0].path).toBe('partnerId')
    // staff may try a partner new to the deal
    const named = await live.admin.post('/api/v1/incentives/what-if', { ...body, partnerId: other })
    expect(named.statusCode, named.body).toBe(200)
    expect(named.json().before.share).toBe('0.0000000000')
    expect(named.json().after.share).toBe('0.3333333333')
  })

  it('refuses a closed deal and an activity the org does not have, naming the field', async () => {
    const acme = await live.h.signIn(live.orgId, 'partner_member', { partnerId: org.partners.Acme })
    const closed = await acme.post('/api/v1/incentives/what-if', {
      dealId: wonDeal,
      activityType: 'demo',
      occurredAt: '2026-03-10T00:00:00Z',
    })
    expect(closed.statusCode, closed.body).toBe(422)
    expect(closed.json().errors[0].path).toBe('dealId')
    const unknown = await acme.post('/api/v1/incentives/what-if', {
      dealId: openDeal,
      activityType: 'skywriting',
      occurredAt: '2026-03-10T00:00:00Z',
    })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().errors[0].path).toBe('activityType')
    const badTime = await acme.post('/api/v1/incentives/what-if', {
      dealId: openDeal,
      activityType: 'demo',
      occurredAt: 'next week',
    })
    expect(badTime.statusCode).toBe(400)
  })
})
