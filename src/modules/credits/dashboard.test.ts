import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { queueRecompute, runRecompute } from './recompute.service'

describe('attribution dashboard', () => {
  let h: Harness
  let admin: Client
  let partner: Client
  beforeAll(async () => {
    h = await createHarness()
    const orgId = await h.createOrg('dashboard')
    admin = await h.signIn(orgId, 'admin')
    const partnerId = (await admin.post('/api/v1/partners', { name: 'Harbor', type: 'reseller' })).json().id
    partner = await h.signIn(orgId, 'partner_member', { partnerId })
    const deal = async (
      name: string,
      status: string,
      openedAt: string,
      closedAt: string | null,
      amount: string,
    ) =>
      (
        await admin.post('/api/v1/deals', {
          name,
          amount,
          currency: 'USD',
          status,
          openedAt,
          ...(closedAt ? { closedAt } : {}),
        })
      ).json().id
    const touch = (dealId: string, actor: unknown, occurredAt: string) =>
      admin.post('/api/v1/touchpoints', { dealId, actor, activityType: 'demo', occurredAt })
    const viaPartner = { kind: 'partner', partnerId }
    const direct = { kind: 'direct', seller: 'ae@vendor.test' }
    const wonWithPartner = await deal(
      'Won with partner',
      'won',
      '2026-01-01T00:00:00Z',
      '2026-01-31T00:00:00Z',
      '300.00',
    )
    await touch(wonWithPartner, viaPartner, '2026-01-10T00:00:00Z')
    const wonDirect = await deal('Won direct', 'won', '2026-02-01T00:00:00Z', '2026-02-11T00:00:00Z', '50.00')
    await touch(wonDirect, direct, '2026-02-05T00:00:00Z')
    const lostWithPartner = await deal(
      'Lost with partner',
      'lost',
      '2026-01-05T00:00:00Z',
      '2026-03-01T00:00:00Z',
      '70.00',
    )
    await touch(lostWithPartner, viaPartner, '2026-01-20T00:00:00Z')
    const open = await deal('Open with partner', 'open', '2026-04-01T00:00:00Z', null, '20.00')
    await touch(open, viaPartner, '2026-04-02T00:00:00Z')
    const db = h.testDb.database.db
    const jobId = await db.transaction((tx) => queueRecompute(tx, orgId, 'test', h.clock))
    await runRecompute(db, orgId, jobId, h.clock)
  })
  afterAll(async () => h?.close())

  it('splits value, win rate and cycle time by whether partners earned credit', async () => {
    const res = await admin.get('/api/v1/attribution/dashboard')
    expect(res.statusCode).toBe(200)
    const view = res.json()
    expect(view.currencies).toEqual([
      {
        currency: 'USD',
        partnerWon: { amountMinor: '30000', currency: 'USD', amount: '300.00' },
        directWon: { amountMinor: '5000', currency: 'USD', amount: '50.00' },
        partnerPipeline: { amountMinor: '2000', currency: 'USD', amount: '20.00' },
        directPipeline: { amountMinor: '0', currency: 'USD', amount: '0.00' },
      },
    ])
    expect(view.withPartners).toEqual({ deals: 2, won: 1, winRate: 0.5, averageCycleDays: 30 })
    expect(view.withoutPartners).toEqual({ deals: 1, won: 1, winRate: 1, averageCycleDays: 10 })
    expect(view.trend).toEqual([
      { month: '2026-01', currency: 'USD', partnerWonMinor: '30000', directWonMinor: '0' },
      { month: '2026-02', currency: 'USD', partnerWonMinor: '0', directWonMinor: '5000' },
    ])
  })

  it('limits to the period asked for', async () => {
    const view = (await admin.get('/api/v1/attribution/dashboard?from=2026-02-01T00:00:00Z')).json()
    expect(view.currencies[0].partnerWon.amountMinor).toBe('0')
    expect(view.withPartners.deals).toBe(1)
  })

  it('is for staff: a partner user is refused', async () => {
    expect((await partner.get('/api/v1/attribution/dashboard')).statusCode).toBe(403)
  })
})
