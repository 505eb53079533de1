import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../../http/test-harness'

describe('partner recommendations for a deal', () => {
  let h: Harness
  let admin: Client
  const partner: Record<string, string> = {}
  let target: string

  beforeAll(async () => {
    h = await createHarness()
    const orgId = await h.createOrg('recommend')
    admin = await h.signIn(orgId, 'admin')
    for (const name of ['Harbor', 'Quill', 'Kestrel'])
      partner[name] = (await admin.post('/api/v1/partners', { name, type: 'reseller' })).json().id
    const fintech = (
      await admin.post('/api/v1/accounts', { name: 'Target Bank', industry: 'Finance', country: 'DE' })
    ).json().id
    target = (
      await admin.post('/api/v1/deals', {
        name: 'Target',
        accountId: fintech,
        amount: '10000',
        currency: 'EUR',
      })
    ).json().id
    await admin.post('/api/v1/touchpoints', {
      dealId: target,
      actor: { kind: 'partner', partnerId: partner.Quill },
      activityType: 'demo',
      occurredAt: '2026-05-01T00:00:00Z',
    })
    // 24 closed finance deals in Germany between 5,000 and 20,000 EUR: Harbor on 8 (won 7), Quill on 8
    // (won 2), nobody on 8 (won 3); Kestrel on two only; one deal too large to be alike
    let n = 0
    const closed = async (won: boolean, partners: string[], amount = '9000') => {
      const account = (
        await admin.post('/api/v1/accounts', { name: `Bank ${n}`, industry: 'Finance', country: 'DE' })
      ).json().id
      const id = (
        await admin.post('/api/v1/deals', {
          name: `Closed ${n++}`,
          accountId: account,
          amount,
          currency: 'EUR',
          status: won ? 'won' : 'lost',
          stage: won ? 'closed_won' : 'closed_lost',
          openedAt: '2026-01-01T00:00:00Z',
          closedAt: '2026-03-01T00:00:00Z',
        })
      ).json().id
      for (const p of partners)
        await admin.post('/api/v1/touchpoints', {
          dealId: id,
          actor: { kind: 'partner', partnerId: partner[p] },
          activityType: 'demo',
          occurredAt: '2026-01-10T00:00:00Z',
        })
    }
    for (let i = 0; i < 8; i++) await closed(i < 7, i < 2 ? ['Harbor', 'Kestrel'] : ['Harbor'])
    for (let i = 0; i < 8; i++) await closed(i < 2, ['Quill'])
    for (let i = 0; i < 8; i++) await closed(i < 3, [])
    await closed(true, ['Quill'], '90000')
  })
  afterAll(async () => h?.close())

  it('ranks the partners who win deals like this one by how far they lift the win rate, with the samples', async () => {
    const res = await admin.get(`/api/v1/deals/${target}/partner-recommendations`)
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ likeness: 'industry, country and size', similarDeals: 24, winRate: 0.5 })
    expect(body.items.map((i: { name: string }) => i.name)).toEqual(['Harbor', 'Quill'])
    expect(body.items[0]).toMatchObject({
      deals: 8,
      won: 7,
      winRate: 0.875,
      winRateWithout: 0.313,
      isOnDeal: false,
    })
    expect(body.items[0].lift).toBeCloseTo(0.5625, 2)
    expect(body.items[0].reason).toBe(
      'Harbor worked 8 similar deals and won 7 (88%); the other 16 were won 31% of the time: +56 points.',
    )
    expect(body.items[1]).toMatchObject({ name: 'Quill', isOnDeal: true, winRate: 0.25 })
    expect(body.items[1].lift).toBeLessThan(0)
  })

  it('answers 404 for a deal that is not the org’s', async () => {
    expect((await admin.get('/api/v1/deals/deal_nope/partner-recommendations')).statusCode).toBe(404)
  })
})
