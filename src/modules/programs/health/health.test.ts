import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../../http/live-harness'
import { answerOf, type Client, type Harness } from '../../../http/test-harness'
import { listEvents } from '../../../platform/events'
import { creditsModule } from '../../credits'
import { incentivesModule } from '../../incentives'
import { programsModule } from '..'
import { recordDeal, recordTouch } from '../tiers.test-support'
import type { HealthPage, PartnerHealthView, RecomputeHealthView } from './health.contract'
import { refreshAllHealth } from './health.service'
import { defaultHealthSettings } from './health-rules'

// Partner health through the API on a small org whose figures are worked out by hand (clock 2026-06-01,
// 90-day windows): attributed revenue now and before, touches and the last touch, win rate against the
// org's, lapsed certificates and open disputes; snapshots one per partner per day, even when two
// computations run together; entering at risk published once; a partner user sees only their own.
describe('partner health', () => {
  let live: LiveHarness
  let h: Harness
  let admin: Client
  let orgId: string
  const ids: Record<string, string> = {}

  const ok = answerOf
  const q = async <Row>(text: string, params: unknown[] = [orgId]) =>
    (await h.testDb.database.query<Row>(text, params)).rows
  const partner = async (name: string) => {
    const created = await ok<{ id: string }>(admin.post('/api/v1/partners', { name, type: 'reseller' }), 201)
    await live.bus.drain()
    return created.id
  }
  const deal = (name: string, status: 'won' | 'lost' | 'open', amount: string, closedAt?: string) =>
    recordDeal(live, admin, { name, status, amount, closedAt })
  const touch = (dealId: string, partnerId: string, occurredAt: string) =>
    recordTouch(live, admin, dealId, partnerId, occurredAt)
  const healthOf = (client: Client, partnerId: string) =>
    ok<PartnerHealthView>(client.get(`/api/v1/programs/partners/${partnerId}/health`))
  const reasonOf = (view: PartnerHealthView, key: string) =>
    view.latest?.factors.find((f) => f.key === key)?.reason
  const atRiskEvents = async () =>
    (await listEvents(h.testDb.database.db, orgId)).filter((e) => e.type === 'health.at_risk')

  beforeAll(async () => {
    live = await createLiveHarness('health', [creditsModule, incentivesModule, programsModule])
    ;({ h, admin, orgId } = live)
    const models = (await admin.get('/api/v1/attribution/models')).json().items
    const linear = models.find((m: { key: string }) => m.key === 'linear')
    await ok(admin.patch(`/api/v1/attribution/models/${linear.id}`, { role: 'paying' }))
    await live.bus.drain()

    ids.steady = await partner('Steady Resellers')
    ids.busy = await partner('Busy Bees')
    ids.fading = await partner('Fading Partners')
    ids.fresh = await partner('Brand New Co')

    // Steady: $1,000 won now, $500 won before, one lost now; last touch 12 May
    const a1 = await deal('A1', 'won', '1000.00', '2026-05-10T12:00:00Z')
    await touch(a1, ids.steady, '2026-05-01T00:00:00Z')
    const a2 = await deal('A2', 'won', '500.00', '2026-01-15T12:00:00Z')
    await touch(a2, ids.steady, '2026-01-05T00:00:00Z')
    const a3 = await deal('A3', 'lost', '700.00', '2026-05-15T12:00:00Z')
    await touch(a3, ids.steady, '2026-05-12T00:00:00Z')

    // Busy: 25 touches on an open deal, nothing won
    const b1 = await deal('B1', 'open', '9000.00')
    for (let i = 0; i < 25; i++)
      await touch(
        b1,
        ids.busy,
        new Date(Date.parse('2026-04-01T00:00:00Z') + i * 2 * 86_400_000).toISOString(),
      )

    // Fading: $2,000 won before, $400 won now, one lost now; last touch 15 March
    const c1 = await deal('C1', 'won', '2000.00', '2026-01-20T12:00:00Z')
    await touch(c1, ids.fading, '2026-01-10T00:00:00Z')
    const c2 = await deal('C2', 'won', '400.00', '2026-04-10T12:00:00Z')
    await touch(c2, ids.fading, '2026-03-10T00:00:00Z')
    const c3 = await deal('C3', 'lost', '300.00', '2026-04-20T12:00:00Z')
    await touch(c3, ids.fading, '2026-03-15T00:00:00Z')
    // two certificates that lapsed in April and May, and two open disputes
    for (const [n, expires] of [
      [1, '2026-04-01T00:00:00Z'],
      [2, '2026-05-01T00:00:00Z'],
    ] as const)
      await q(
        `insert into certificates (org_id, id, course_id, user_id, partner_id, name, attempt_id, issued_at,
           expires_at, renewals, first_issued_at)
         values ($1, $2, $3, 'usr_fading', $4, 'Certified Seller', $5, '2025-04-01T00:00:00Z', $6, 0,
           '2025-04-01T00:00:00Z')`,
        [orgId, `crt_fading${n}`, `crs_fading${n}`, ids.fading, `qza_fading${n}`, expires],
      )
    for (const n of [1, 2])
      await q(
        `insert into commission_disputes (org_id, id, partner_id, deal_id, subject, status, opened_by, opened_at,
           due_at)
         values ($1, $2, $3, $4, 'Missing credit', 'open', 'user:x', '2026-05-20T00:00:00Z',
           '2026-06-20T00:00:00Z')`,
        [orgId, `dsp_fading${n}`, ids.fading, c3],
      )

    await ok(
      admin.put('/api/v1/programs/health/settings', {
        ...defaultHealthSettings,
        minClosedDeals: 2,
        bands: { healthyMin: 70, atRiskBelow: 55 },
      }),
    )
  })
  afterAll(async () => live?.close())

  it('two computations at once leave one snapshot per partner, one at-risk event and one move per partner', async () => {
    const [first, second] = await Promise.all([
      ok<RecomputeHealthView>(admin.post('/api/v1/programs/health/recompute')),
      ok<RecomputeHealthView>(admin.post('/api/v1/programs/health/recompute')),
    ])
    expect(first.partners).toBe(4)
    expect(second.partners).toBe(4)
    expect(first.enteredAtRisk + second.enteredAtRisk).toBe(1)
    const rows = await q<{ partner_id: string; n: number }>(
      'select partner_id, count(*)::int as n from health_snapshots where org_id = $1 group by partner_id',
    )
    expect(rows).toHaveLength(4)
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true)
    const events = await atRiskEvents()
    expect(events).toHaveLength(1)
    expect(events[0]!.entityId).toBe(ids.fading)
    const audits = await q<{ entity_id: string }>(
      "select entity_id from audit_log where org_id = $1 and action = 'health.at_risk'",
    )
    expect(audits.map((a) => a.entity_id)).toEqual([ids.fading])
    const moves = async () =>
      (await listEvents(h.testDb.database.db, orgId)).filter((e) => e.type === 'health.changed')
    const first4 = await moves()
    expect(first4.map((e) => e.entityId).sort()).toEqual(rows.map((r) => r.partner_id).sort())
    expect(first4.find((e) => e.entityId === ids.fading)?.payload).toMatchObject({
      band: 'at_risk',
      from: null,
    })
    // computed again with nothing changed: no partner moved
    await ok(admin.post('/api/v1/programs/health/recompute'))
    expect(await moves()).toHaveLength(4)
  })

  it('figures match the hand-worked values for a steady partner', async () => {
    const view = await healthOf(admin, ids.steady!)
    expect(reasonOf(view, 'revenue_trend')).toBe(
      'attributed revenue up 100% — $1K in the last 90 days vs $500 the 90 before',
    )
    expect(reasonOf(view, 'activity_attribution')).toBe('2 touches in 90 days, $1K attributed won revenue')
    expect(reasonOf(view, 'win_rate')).toBe('win rate 50% on 2 closed deals vs 50% org-wide')
    expect(reasonOf(view, 'recency')).toBe('no touch for 20 days')
    expect(reasonOf(view, 'disputes')).toBe('no open disputes')
    // certificates left out: (100·30 + 100·20 + 100·20 + 92·15 + 100·10) / 95
    expect(view.latest?.factors.find((f) => f.key === 'certifications')?.points).toBeNull()
    expect(view.latest?.score).toBe(99)
    expect(view.latest?.band).toBe('healthy')
  })

  it('many touches and no won credit read as high activity, low attribution', async () => {
    const view = await healthOf(admin, ids.busy!)
    expect(reasonOf(view, 'activity_attribution')).toBe(
      '25 touches in 90 days, 0 attributed won revenue: high activity, low attribution',
    )
    // revenue and win rate left out: (0·20 + 100·15 + 100·10) / 45
    expect(view.latest?.score).toBe(56)
    expect(view.latest?.band).toBe('watch')
  })

  it('a fading partner is at risk with its reasons', async () => {
    const view = await healthOf(admin, ids.fading!)
    expect(reasonOf(view, 'revenue_trend')).toBe(
      'attributed revenue down 80% — $400 in the last 90 days vs $2K the 90 before',
    )
    expect(reasonOf(view, 'recency')).toBe('no touch for 78 days')
    expect(reasonOf(view, 'certifications')).toBe(
      '2 certificates lapsed in the last 90 days; 0 valid certificates',
    )
    expect(reasonOf(view, 'disputes')).toBe('2 open disputes')
    // (20·30 + 100·20 + 100·20 + 16·15 + 0·5 + 30·10) / 100
    expect(view.latest?.score).toBe(51)
    expect(view.latest?.band).toBe('at_risk')
  })

  it('a brand-new partner is unscored, not given a made-up score', async () => {
    const view = await healthOf(admin, ids.fresh!)
    expect(view.latest?.score).toBeNull()
    expect(view.latest?.band).toBe('unscored')
  })

  it('the org list filters by band, sorts by score and counts each band', async () => {
    const all = await ok<HealthPage>(admin.get('/api/v1/programs/health?limit=2'))
    expect(all.total).toBe(4)
    expect(all.bands).toEqual({ healthy: 1, watch: 1, at_risk: 1, unscored: 1 })
    expect(all.items.map((i) => i.partnerId)).toEqual([ids.fading, ids.busy])
    expect(all.items[0]!.topReasons[0]!.key).toBe('revenue_trend')
    const next = await ok<HealthPage>(admin.get(`/api/v1/programs/health?limit=2&cursor=${all.nextCursor}`))
    expect(next.items.map((i) => i.partnerId)).toEqual([ids.steady, ids.fresh])
    expect(next.nextCursor).toBeNull()
    const atRisk = await ok<HealthPage>(admin.get('/api/v1/programs/health?band=at_risk'))
    expect(atRisk.items.map((i) => i.partnerName)).toEqual(['Fading Partners'])
    const best = await ok<HealthPage>(admin.get('/api/v1/programs/health?sort=-score'))
    expect(best.items[0]!.partnerId).toBe(ids.steady)
    const forged = await admin.get('/api/v1/programs/health?cursor=abc')
    expect(forged.statusCode).toBe(422)
    expect(forged.json().errors[0].path).toBe('cursor')
  })

  it('the next day adds a snapshot to the trend and does not publish the same entry again', async () => {
    h.clock.advance(86_400_000)
    try {
      expect(await refreshAllHealth(h.testDb.database.db, h.clock)).toBeGreaterThanOrEqual(1)
      await ok(admin.post('/api/v1/programs/health/recompute'))
      const view = await healthOf(admin, ids.fading!)
      expect(view.history.map((s) => s.day)).toEqual(['2026-06-01', '2026-06-02'])
      expect(view.latest?.band).toBe('at_risk')
      expect(await atRiskEvents()).toHaveLength(1)
    } finally {
      h.clock.advance(-86_400_000)
    }
  })

  it('a partner user sees only their own partner’s score', async () => {
    const member = await h.signIn(orgId, 'partner_member', { partnerId: ids.busy! })
    expect((await healthOf(member, ids.busy!)).latest?.partnerName).toBe('Busy Bees')
    const mine = await ok<PartnerHealthView>(member.get('/api/v1/programs/health/me'))
    expect(mine.partnerId).toBe(ids.busy)
    expect((await member.get(`/api/v1/programs/partners/${ids.fading}/health`)).statusCode).toBe(404)
    expect((await member.get('/api/v1/programs/health')).statusCode).toBe(403)
    expect((await member.post('/api/v1/programs/health/recompute')).statusCode).toBe(403)
  })

  it.each([
    [{ bands: { healthyMin: 40, atRiskBelow: 60 } }, 'bands.atRiskBelow'],
    [{ staleDays: 5 }, 'staleDays'],
    [{ windowDays: 'ninety' }, 'windowDays'],
    [{ weights: { ...defaultHealthSettings.weights, recency: -1 } }, 'weights.recency'],
  ])('bad settings are refused naming the field', async (change, path) => {
    const res = await admin.put('/api/v1/programs/health/settings', { ...defaultHealthSettings, ...change })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
  })

  it('settings read back as saved, and the change is audited', async () => {
    const view = await ok<{ settings: { minClosedDeals: number }; isDefault: boolean }>(
      admin.get('/api/v1/programs/health/settings'),
    )
    expect(view.isDefault).toBe(false)
    expect(view.settings.minClosedDeals).toBe(2)
    const audits = await q("select 1 from audit_log where org_id = $1 and action = 'health.settings_changed'")
    expect(audits).toHaveLength(1)
  })
})
