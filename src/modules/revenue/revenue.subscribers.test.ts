import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../http/live-harness'
import { programsModule } from '../programs'
import { revenueModule } from '.'

// A partner's first submitted registration completes its onboarding step, with when it was submitted;
// later registrations keep the first time.
describe('revenue subscribers: onboarding', () => {
  let live: LiveHarness

  beforeAll(async () => {
    live = await createLiveHarness('registration-onboarding', [programsModule, revenueModule])
  })
  afterAll(async () => live?.close())

  it('ticks the deal registration step when the partner submits its first registration', async () => {
    const { h, orgId, bus } = live
    const manager = await h.signIn(orgId, 'partner_manager')
    const partner = (
      await manager.post('/api/v1/partners', { name: 'Registering Resellers', type: 'reseller' })
    ).json().id as string
    const admin = await h.signIn(orgId, 'partner_admin', { partnerId: partner })
    const draft = await manager.post('/api/v1/programs/onboarding/workflows', {
      name: 'First deal',
      steps: [{ kind: 'deal_registration', title: 'Register your first deal' }],
    })
    expect(draft.statusCode, draft.body).toBe(201)
    await manager.post(`/api/v1/programs/onboarding/workflows/${draft.json().id}/publish`)
    await bus.drain()
    const submit = (accountName: string) =>
      admin.post('/api/v1/registrations', {
        accountName,
        contact: { name: 'Dana Buyer', email: 'dana@buyer.example' },
        amount: '25000.00',
        currency: 'USD',
        expectedCloseOn: '2026-09-30',
        products: ['Platform'],
      })
    h.clock.set('2026-06-02T08:00:00Z')
    expect((await submit('Initech Systems')).statusCode).toBe(201)
    await bus.drain()
    h.clock.set('2026-06-03T08:00:00Z')
    expect((await submit('Globex Corporation')).statusCode).toBe(201)
    await bus.drain()
    const view = (await admin.get(`/api/v1/programs/partners/${partner}/onboarding`)).json() as {
      items: { activatedAt: string | null; steps: { status: string; completedAt: string | null }[] }[]
    }
    expect(view.items[0]!.steps[0]).toMatchObject({ status: 'done', completedAt: '2026-06-02T08:00:00.000Z' })
    expect(view.items[0]!.activatedAt).not.toBeNull()
  })
})
