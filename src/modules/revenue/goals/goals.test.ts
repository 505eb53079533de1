import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../../http/test-harness'
import { attributeDeals } from '../../credits'

// The harness's clock stands at 2026-06-01: this quarter is 2026-Q2, a month left of it.
describe('partner goals', () => {
  let h: Harness
  let orgId: string
  let admin: Client
  let harbor: string
  let harborUser: Client
  const dealIds: string[] = []

  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('goals')
    admin = await h.signIn(orgId, 'admin')
    harbor = (await admin.post('/api/v1/partners', { name: 'Harbor', type: 'reseller' })).json().id
    harborUser = await h.signIn(orgId, 'partner_admin', { partnerId: harbor })
    const deal = async (body: Record<string, unknown>) => {
      const id = (
        await admin.post('/api/v1/deals', { currency: 'USD', openedAt: '2026-03-01T00:00:00Z', ...body })
      ).json().id
      dealIds.push(id)
      await admin.post('/api/v1/touchpoints', {
        dealId: id,
        actor: { kind: 'partner', partnerId: harbor },
        activityType: 'demo',
        occurredAt: '2026-03-02T00:00:00Z',
      })
    }
    const won = { status: 'won', stage: 'closed_won' }
    // won this quarter: 30,000 over two deals; won last quarter (not counted); one lost
    await deal({ name: 'Won A', amount: '20000', ...won, closedAt: '2026-04-10T00:00:00Z' })
    await deal({ name: 'Won B', amount: '10000', ...won, closedAt: '2026-05-10T00:00:00Z' })
    await deal({ name: 'Won before', amount: '50000', ...won, closedAt: '2026-03-20T00:00:00Z' })
    await deal({
      name: 'Lost',
      amount: '5000',
      status: 'lost',
      stage: 'closed_lost',
      closedAt: '2026-05-01T00:00:00Z',
    })
    // open: one expected this quarter, one next quarter
    await deal({
      name: 'Open soon',
      amount: '40000',
      stage: 'proposal',
      expectedCloseAt: '2026-06-20T00:00:00Z',
    })
    await deal({
      name: 'Open later',
      amount: '90000',
      stage: 'proposal',
      expectedCloseAt: '2026-09-20T00:00:00Z',
    })
    await h.testDb.database.db.transaction((tx) => attributeDeals(tx, orgId, dealIds, h.clock))
  })
  afterAll(async () => h?.close())

  const put = (body: Record<string, unknown>, client = admin) =>
    client.put('/api/v1/goals', { partnerId: harbor, quarter: '2026-Q2', ...body })

  it('counts what the partner won this quarter against the target and weighs the deals still to close', async () => {
    const set = await put({ metric: 'revenue', target: '60000', currency: 'USD' })
    expect(set.statusCode, set.body).toBe(200)
    const goal = set.json()
    expect(goal.achieved.money.amountMinor).toBe('3000000')
    expect(goal.progress).toBe(0.5)
    // the win rate is 3 won of 4 closed: the deal expected this quarter adds 40,000 × 0.75; the later one nothing
    expect(goal.expected.money.amountMinor).toBe('3000000')
    // 30,000 done; reaching 60,000 needs the one deal, won three times in four
    expect(goal.chance).toBeCloseTo(0.75, 1)
    expect(goal.status).toBe('on_track')
    expect(goal.reasons[0]).toBe('30000.00 USD of 60000.00 USD so far (50%).')
    expect(goal.reasons[1]).toContain('1 open deals expected to close this quarter would add 30000.00 USD')

    const far = (await put({ metric: 'revenue', target: '200000', currency: 'USD' })).json()
    expect(far).toMatchObject({ id: goal.id, status: 'at_risk', chance: 0 })
  })

  it('counts won deals for a deal goal, and judges a past quarter hit or missed', async () => {
    const deals = (await put({ metric: 'deals', target: '2' })).json()
    expect(deals).toMatchObject({ status: 'hit', chance: 1, achieved: { deals: 2 }, target: { deals: 2 } })
    const past = (await put({ quarter: '2026-Q1', metric: 'deals', target: '3' })).json()
    expect(past).toMatchObject({ status: 'missed', chance: 0, achieved: { deals: 1 } })
    expect(past.reasons).toContain('The quarter is over.')
  })

  it('shows a partner user their own goals, and refuses a goal that does not add up, naming the field', async () => {
    const mine = (await harborUser.get('/api/v1/goals')).json()
    expect(mine.items.map((g: { metric: string }) => g.metric).sort()).toEqual(['deals', 'revenue'])
    expect((await put({ metric: 'deals', target: '9' }, harborUser)).statusCode).toBe(403)
    const noCurrency = await put({ metric: 'revenue', target: '5' })
    expect(noCurrency.statusCode).toBe(422)
    expect(noCurrency.json().errors[0].path).toBe('currency')
    const fraction = await put({ metric: 'deals', target: '2.5' })
    expect(fraction.json().errors[0].path).toBe('target')
    const badQuarter = await put({ quarter: '2026-Q5', metric: 'deals', target: '2' })
    expect(badQuarter.statusCode).toBe(400)
    const unknown = await put({ partnerId: 'prt_nope', metric: 'deals', target: '2' })
    expect(unknown.json().errors[0].path).toBe('partnerId')
  })
})
