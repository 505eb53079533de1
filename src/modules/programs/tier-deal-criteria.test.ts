import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../http/live-harness'
import type { Client } from '../../http/test-harness'
import { creditsModule } from '../credits'
import { programsModule } from '.'
import type { TierStatusView } from './programs.contract'
import { recordDeal, recordTouch } from './tiers.test-support'

// A criterion that counts only the won deals passing a condition on the deal's own fields: a
// renewals ladder promotes on attributed revenue on renewals, whatever the partner's new business.
describe('tier criteria on deal fields', () => {
  let live: LiveHarness
  let admin: Client
  let partnerId: string
  let firstDeal: string

  const renewals = { label: 'renewals', when: { '==': [{ var: 'deal.type' }, 'renewal'] } }
  const definition = (criteria: unknown[]) => ({
    mode: 'automatic',
    graceDays: 0,
    periodMonths: 12,
    currency: 'USD',
    levels: [
      { key: 'member', name: 'Member', criteria: [] },
      { key: 'retention', name: 'Retention partner', criteria },
    ],
  })
  const status = async (): Promise<TierStatusView> => {
    const res = await admin.get(`/api/v1/programs/partners/${partnerId}/tier`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }
  const wonDeal = async (
    name: string,
    amount: string,
    extra: { type?: 'renewal'; parentDealId?: string },
  ) => {
    const dealId = await recordDeal(live, admin, {
      name,
      amount,
      status: 'won',
      openedAt: '2026-03-01T12:00:00Z',
      closedAt: '2026-05-20T12:00:00Z',
      ...extra,
    })
    await recordTouch(live, admin, dealId, partnerId, '2026-04-01T00:00:00Z')
    return dealId
  }

  beforeAll(async () => {
    live = await createLiveHarness('tier-deals', [creditsModule, programsModule])
    ;({ admin } = live)
    const models = (await admin.get('/api/v1/attribution/models')).json().items
    const linear = models.find((m: { key: string }) => m.key === 'linear')
    await admin.patch(`/api/v1/attribution/models/${linear.id}`, { role: 'paying' })
    const ladder = await admin.post('/api/v1/programs/ladders', {
      name: 'Renewals',
      definition: definition([
        { kind: 'attributed_revenue', minMinor: '150000', deals: renewals },
        { kind: 'attributed_deals', min: 1, deals: renewals },
      ]),
    })
    expect(ladder.statusCode, ladder.body).toBe(201)
    const created = await admin.post('/api/v1/partners', {
      name: 'Keepers',
      type: 'reseller',
      currency: 'USD',
    })
    expect(created.statusCode, created.body).toBe(201)
    partnerId = created.json().id
    await live.bus.drain()
  })
  afterAll(async () => live?.close())

  it('does not count new business towards a renewals criterion', async () => {
    firstDeal = await wonDeal('New logo', '5000.00', {})
    const now = await status()
    expect(now.tier?.key).toBe('member')
    expect(now.figures).toMatchObject({
      revenue: { amountMinor: '500000' },
      deals: 1,
      segments: [{ label: 'renewals', revenue: { amountMinor: '0', currency: 'USD' }, deals: 0 }],
    })
    expect(now.next?.summary).toBe('$0 of $1.5K on renewals; 0 of 1 attributed deal on renewals')
  })

  it('promotes on the renewal revenue alone, with the deals named in the reason', async () => {
    await wonDeal('Renewal', '2000.00', { type: 'renewal', parentDealId: firstDeal })
    const now = await status()
    expect(now.tier?.key).toBe('retention')
    expect(now.figures).toMatchObject({
      revenue: { amountMinor: '700000' },
      deals: 2,
      segments: [{ label: 'renewals', revenue: { amountMinor: '200000' }, deals: 1 }],
    })
    expect(now.history[0]!.explanation).toBe(
      'promoted to Retention partner: $2,000 attributed revenue on renewals in the last 12 months ≥ $1,500; 1 attributed deal on renewals in the last 12 months ≥ 1',
    )
  })

  it('refuses a deal condition it cannot run, naming the field, and saves nothing', async () => {
    const before = (await admin.get('/api/v1/programs/ladders')).json().items.length
    const bad = await admin.post('/api/v1/programs/ladders', {
      name: 'Broken',
      definition: definition([
        { kind: 'attributed_revenue', minMinor: '100', deals: { label: 'odd', when: { nope: [1] } } },
      ]),
    })
    expect(bad.statusCode, bad.body).toBe(422)
    expect(bad.json().errors[0].path).toBe('definition.levels[1].criteria[0].deals.when')
    const twice = await admin.post('/api/v1/programs/ladders', {
      name: 'Twice',
      definition: definition([
        { kind: 'attributed_revenue', minMinor: '100', deals: renewals },
        { kind: 'attributed_revenue', minMinor: '200', deals: { ...renewals, label: 'renewal deals' } },
        { kind: 'attributed_revenue', minMinor: '300' },
      ]),
    })
    expect(twice.statusCode, twice.body).toBe(422)
    expect(twice.json().errors[0]).toMatchObject({
      path: 'definition.levels[1].criteria[1].kind',
      message: 'the level already has an attributed revenue criterion on these deals',
    })
    expect((await admin.get('/api/v1/programs/ladders')).json().items.length).toBe(before)
  })
})
