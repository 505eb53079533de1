import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../http/live-harness'
import { creditsModule } from '../credits'
import { incentivesModule } from '.'
import type { EntryView } from './incentives.contract'
import { runSync } from './sync.service'

// A partner paid in euros on a dollar deal: no line until a rate is on file, then the line at the
// rate of the close day, with the rate and its day on the receipt — from a rate the org entered.
describe('commission lines in the partner’s currency', () => {
  let live: LiveHarness
  let partnerId: string

  beforeAll(async () => {
    live = await createLiveHarness('fx-lines', [creditsModule, incentivesModule])
    const { admin, bus } = live
    const models = (await admin.get('/api/v1/attribution/models')).json().items
    await admin.patch(
      `/api/v1/attribution/models/${models.find((m: { key: string }) => m.key === 'linear').id}`,
      {
        role: 'paying',
      },
    )
    await admin.post('/api/v1/incentives/plans', {
      name: 'Every deal',
      currency: 'USD',
      effectiveFrom: '2025-01-01',
      terms: { rules: [{ id: 'all', label: 'Every deal', rate: '0.1' }] },
    })
    partnerId = (
      await admin.post('/api/v1/partners', { name: 'Euro Partner', type: 'agency', currency: 'EUR' })
    ).json().id
    const deal = (
      await admin.post('/api/v1/deals', {
        name: 'Dollar deal',
        amount: '1000.00',
        currency: 'USD',
        status: 'won',
        openedAt: '2026-01-01T00:00:00Z',
        closedAt: '2026-02-10T12:00:00Z',
      })
    ).json().id
    await bus.drain()
    await admin.post('/api/v1/touchpoints', {
      dealId: deal,
      actor: { kind: 'partner', partnerId },
      activityType: 'referral',
      occurredAt: '2026-01-15T00:00:00Z',
    })
    await bus.drain()
  })
  afterAll(async () => live?.close())

  const lines = async () =>
    (await live.admin.get(`/api/v1/incentives/entries?partnerId=${partnerId}`)).json().items as EntryView[]

  it('posts nothing it cannot convert, then the line at the rate the org entered for the close day', async () => {
    expect(await lines()).toEqual([])
    // 1 EUR = 1.25 USD; entered for the day before the close (a Monday's rate for a Tuesday close)
    const usd = await live.admin.put('/api/v1/fx-rates/USD/2026-02-09', { perEur: '1.25' })
    expect(usd.statusCode, usd.body).toBe(200)
    expect(usd.json()).toMatchObject({ currencies: ['USD'] })
    await live.bus.drain()
    for (const sync of (await live.admin.get('/api/v1/incentives/sync')).json().items)
      await runSync(live.h.testDb.database.db, live.orgId, sync.id, live.h.clock)
    const [line] = await lines()
    // $100.00 × 0.8 = €80.00
    expect(line).toMatchObject({ amount: { amountMinor: '8000', currency: 'EUR' } })
    expect(line!.receipt!.fx).toEqual({ from: 'USD', to: 'EUR', rate: '0.8', day: '2026-02-09' })
  })

  it('refuses a rate for the euro itself, a rate of nothing, and a partner user', async () => {
    const eur = await live.admin.put('/api/v1/fx-rates/EUR/2026-02-09', { perEur: '1' })
    expect(eur.statusCode).toBe(422)
    expect((await live.admin.put('/api/v1/fx-rates/USD/2026-02-09', { perEur: '0' })).statusCode).toBe(400)
    const partner = await live.h.signIn(live.orgId, 'partner_admin', { partnerId })
    expect((await partner.put('/api/v1/fx-rates/USD/2026-02-09', { perEur: '2' })).statusCode).toBe(403)
  })
})
