import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../../http/test-harness'
import { attributeDeals } from '../../credits'

// The harness's clock stands at 2026-06-01: four quarters end with 2026-Q2.
describe('revenue waterfall', () => {
  let h: Harness
  let orgId: string
  let admin: Client
  let harbor: string
  let quill: string
  const deal: Record<string, string> = {}

  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('waterfall')
    admin = await h.signIn(orgId, 'admin')
    harbor = (await admin.post('/api/v1/partners', { name: 'Harbor Resellers', type: 'reseller' })).json().id
    quill = (await admin.post('/api/v1/partners', { name: 'Quill Referrals', type: 'referral' })).json().id
    const add = async (key: string, body: Record<string, unknown>, partners: (string | null)[]) => {
      const res = await admin.post('/api/v1/deals', {
        name: `Deal ${key}`,
        currency: 'USD',
        stage: body.status === 'lost' ? 'closed_lost' : 'closed_won',
        status: 'won',
        ...body,
      })
      expect(res.statusCode, res.body).toBe(201)
      deal[key] = res.json().id
      for (const partnerId of partners) {
        const touch = await admin.post('/api/v1/touchpoints', {
          dealId: deal[key],
          actor: partnerId ? { kind: 'partner', partnerId } : { kind: 'direct', seller: 'ae@vendor.example' },
          activityType: 'demo',
          occurredAt: body.openedAt,
        })
        expect(touch.statusCode, touch.body).toBe(201)
      }
    }
    // before the range: D1, Harbor's, opens the first quarter at 1,000
    await add('D1', { amount: '1000', openedAt: '2025-04-01T00:00:00Z', closedAt: '2025-05-10T00:00:00Z' }, [
      harbor,
    ])
    // 2025-Q3: D2 new, Quill's
    await add('D2', { amount: '500', openedAt: '2025-07-01T00:00:00Z', closedAt: '2025-08-10T00:00:00Z' }, [
      quill,
    ])
    // 2025-Q4: an expansion Harbor shares with a seller; churned in 2026-Q2
    await add(
      'X1',
      {
        amount: '300',
        type: 'expansion',
        parentDealId: deal.D1,
        openedAt: '2025-10-01T00:00:00Z',
        closedAt: '2025-11-15T00:00:00Z',
      },
      [harbor, null],
    )
    // 2026-Q1: D2's renewal is lost, churning Quill's 500
    await add(
      'R2',
      {
        amount: '500',
        type: 'renewal',
        parentDealId: deal.D2,
        status: 'lost',
        openedAt: '2026-01-05T00:00:00Z',
        closedAt: '2026-02-01T00:00:00Z',
      },
      [quill],
    )
    // 2026-Q2: D1 renewed at 1,200 (+200 on 1,000)
    await add(
      'R1',
      {
        amount: '1200',
        type: 'renewal',
        parentDealId: deal.D1,
        openedAt: '2026-04-01T00:00:00Z',
        closedAt: '2026-05-10T00:00:00Z',
      },
      [harbor],
    )
    const churn = await admin.post(`/api/v1/deals/${deal.X1}/revenue-events`, {
      kind: 'churn',
      occurredAt: '2026-05-20T00:00:00Z',
    })
    expect(churn.statusCode, churn.body).toBe(201)
    await h.testDb.database.db.transaction((tx) => attributeDeals(tx, orgId, Object.values(deal), h.clock))
  })
  afterAll(async () => h?.close())

  const harborOnX1 = async () => {
    const { credits } = (await admin.get(`/api/v1/deals/${deal.X1}/attribution`)).json()
    return BigInt(
      (credits as { actor: string; amount: { amountMinor: string } }[]).find((c) => c.actor === harbor)!
        .amount.amountMinor,
    )
  }

  it('walks partner-attributed revenue from the opening figure through each quarter’s movements', async () => {
    const res = await admin.get('/api/v1/waterfall')
    expect(res.statusCode, res.body).toBe(200)
    const { periods } = res.json()
    const x1 = await harborOnX1()
    expect(x1).toBeGreaterThan(0n)
    expect(x1).toBeLessThan(30000n)
    const row = (p: Record<string, { amountMinor: string }>) =>
      ['opening', 'new', 'expansion', 'contraction', 'churn', 'closing'].map((k) => BigInt(p[k]!.amountMinor))
    expect(periods.map((p: { key: string }) => p.key)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'])
    expect(row(periods[0])).toEqual([100000n, 50000n, 0n, 0n, 0n, 150000n])
    expect(row(periods[1])).toEqual([150000n, 0n, x1, 0n, 0n, 150000n + x1])
    expect(row(periods[2])).toEqual([150000n + x1, 0n, 0n, 0n, -50000n, 100000n + x1])
    // R1 adds 200; X1's churn takes Harbor's credit on it away again
    expect(row(periods[3])).toEqual([100000n + x1, 0n, 20000n, 0n, -x1, 120000n])
  })

  it('splits the movements by partner and type, and filters to one partner', async () => {
    const all = (await admin.get('/api/v1/waterfall')).json()
    expect(
      all.partners.map((p: { name: string; net: { amountMinor: string } }) => [p.name, p.net.amountMinor]),
    ).toEqual([
      ['Harbor Resellers', '20000'],
      ['Quill Referrals', '0'],
    ])
    expect(all.types.map((t: { type: string }) => t.type).sort()).toEqual(['referral', 'reseller'])
    const quillOnly = (await admin.get(`/api/v1/waterfall?partner=${quill}`)).json()
    expect(quillOnly.periods.map((p: { closing: { amountMinor: string } }) => p.closing.amountMinor)).toEqual(
      ['50000', '50000', '0', '0'],
    )
  })

  it('lists the deals behind a bar, and names a period that has not come', async () => {
    const churned = (await admin.get('/api/v1/waterfall/deals?period=2026-Q2&movement=churn')).json()
    expect(churned.items.map((i: { dealId: string }) => i.dealId)).toEqual([deal.X1])
    expect(churned.items[0].partners[0]).toMatchObject({ partnerId: harbor, name: 'Harbor Resellers' })
    const lost = (await admin.get('/api/v1/waterfall/deals?period=2026-02&movement=churn')).json()
    expect(lost.items).toMatchObject([{ dealId: deal.R2, amount: { amountMinor: '-50000' } }])
    const future = await admin.get('/api/v1/waterfall/deals?period=2027-Q1&movement=new')
    expect(future.statusCode).toBe(422)
    expect(future.json().errors[0].path).toBe('period')
    const bad = await admin.get('/api/v1/waterfall/deals?period=2026-13&movement=new')
    expect(bad.statusCode).toBe(400)
  })
})
