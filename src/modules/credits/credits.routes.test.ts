import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { listEvents } from '../../platform/events'
import { attributeDeals } from './attribute.service'
import { queueRecompute, runRecompute } from './recompute.service'

const sumShares = (shares: string[]) =>
  shares.reduce((total, s) => {
    const [whole = '0', fraction = ''] = s.split('.')
    return total + BigInt(whole) * 10_000_000_000n + BigInt(fraction.padEnd(10, '0'))
  }, 0n)

describe('credits API', () => {
  let h: Harness
  let orgId: string
  let admin: Client
  let reseller: string
  let referral: string
  let dealId: string
  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('credits')
    admin = await h.signIn(orgId, 'admin')
    reseller = (await admin.post('/api/v1/partners', { name: 'Harbor Resellers', type: 'reseller' })).json()
      .id
    referral = (await admin.post('/api/v1/partners', { name: 'Quill Referrals', type: 'referral' })).json().id
    dealId = (
      await admin.post('/api/v1/deals', {
        name: 'Globex platform',
        amount: '10000.01',
        currency: 'EUR',
        status: 'won',
        openedAt: '2026-03-01T00:00:00Z',
        closedAt: '2026-05-01T00:00:00Z',
      })
    ).json().id
    const touch = (partnerId: string, activityType: string, occurredAt: string) =>
      admin.post('/api/v1/touchpoints', {
        dealId,
        actor: { kind: 'partner', partnerId },
        activityType,
        occurredAt,
      })
    await touch(referral, 'referral', '2026-03-02T00:00:00Z')
    await touch(reseller, 'demo', '2026-04-20T00:00:00Z')
    await touch(reseller, 'proposal', '2026-04-28T00:00:00Z')
  })
  afterAll(async () => h?.close())

  it('starts an org with time decay paying and the usual models in the shadow', async () => {
    const { items } = (await admin.get('/api/v1/attribution/models')).json()
    expect(items.map((m: { key: string; role: string }) => `${m.key}:${m.role}`)).toEqual([
      'time_decay:paying',
      'linear:shadow',
      'first_touch:shadow',
      'last_touch:shadow',
      'position:shadow',
      'role:shadow',
    ])
    expect(items[0].description).toMatch(/half-life 30 days/)
  })

  it('explains a deal’s credit under the paying model: exact amounts and shares that sum to the whole', async () => {
    const res = await admin.get(`/api/v1/deals/${dealId}/attribution`)
    expect(res.statusCode).toBe(200)
    const view = res.json()
    expect(view.model.key).toBe('time_decay')
    expect(view.credits.map((c: { actor: string }) => c.actor)).toEqual([reseller, referral])
    const amounts = view.credits.map((c: { amount: { amountMinor: string } }) => BigInt(c.amount.amountMinor))
    expect(amounts.reduce((a: bigint, b: bigint) => a + b, 0n)).toBe(1_000_001n)
    expect(sumShares(view.credits.map((c: { share: string }) => c.share))).toBe(10_000_000_000n)
    expect(view.credits[0].partnerName).toBe('Harbor Resellers')
    expect(view.credits[0].touches.map((t: { activity: string }) => t.activity)).toEqual(['demo', 'proposal'])
    expect(view.credits[0].explanation.length).toBeGreaterThan(20)
    expect(view.othersShare).toBeNull()
  })

  it('gives any enabled model on request, and first touch gives the referral partner everything', async () => {
    const { items } = (await admin.get('/api/v1/attribution/models')).json()
    const firstTouch = items.find((m: { key: string }) => m.key === 'first_touch')
    const view = (await admin.get(`/api/v1/deals/${dealId}/attribution?model=${firstTouch.id}`)).json()
    const shares = Object.fromEntries(
      view.credits.map((c: { actor: string; share: string }) => [c.actor, c.share]),
    )
    expect(shares[referral]).toBe('1.0000000000')
    expect(shares[reseller] ?? '0.0000000000').toBe('0.0000000000')
  })

  it('shows a partner user only their own credit and the share others took', async () => {
    const partner = await h.signIn(orgId, 'partner_member', { partnerId: referral })
    const view = (await partner.get(`/api/v1/deals/${dealId}/attribution`)).json()
    expect(view.credits.map((c: { actor: string }) => c.actor)).toEqual([referral])
    expect(sumShares([view.credits[0].share, view.othersShare])).toBe(10_000_000_000n)
    expect(JSON.stringify(view)).not.toContain(reseller)
  })

  it('keeps runs immutable: the same facts find the same run, and a new touch makes a new one with its change', async () => {
    const db = h.testDb.database.db
    expect(await db.transaction((tx) => attributeDeals(tx, orgId, [dealId], h.clock))).toEqual([])
    const before = (await admin.get(`/api/v1/deals/${dealId}/attribution`)).json()
    await admin.post('/api/v1/touchpoints', {
      dealId,
      actor: { kind: 'partner', partnerId: referral },
      activityType: 'co_sell_meeting',
      occurredAt: '2026-04-30T00:00:00Z',
    })
    const changes = await db.transaction((tx) => attributeDeals(tx, orgId, [dealId], h.clock))
    const paying = changes.find((c) => c.role === 'paying')!
    expect(paying.before.map((c) => c.actor).sort()).toEqual([referral, reseller].sort())
    const referralAfter = paying.after.find((c) => c.actor === referral)!
    const referralBefore = paying.before.find((c) => c.actor === referral)!
    expect(BigInt(referralAfter.amountMinor)).toBeGreaterThan(BigInt(referralBefore.amountMinor))
    const after = (await admin.get(`/api/v1/deals/${dealId}/attribution`)).json()
    expect(after.runId).not.toBe(before.runId)
  })

  it('refuses bad parameters naming the field and saves nothing', async () => {
    const { items } = (await admin.get('/api/v1/attribution/models')).json()
    const timeDecay = items[0]
    const res = await admin.patch(`/api/v1/attribution/models/${timeDecay.id}`, {
      params: { halfLifeDays: -3 },
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0].path).toBe('params.halfLifeDays')
    const again = (await admin.get('/api/v1/attribution/models')).json().items[0]
    expect(again.version).toBe(timeDecay.version)
  })

  it('versions a change of parameters, audits it and keeps one paying model', async () => {
    const { items } = (await admin.get('/api/v1/attribution/models')).json()
    const linear = items.find((m: { key: string }) => m.key === 'linear')
    const changed = await admin.patch(`/api/v1/attribution/models/${items[0].id}`, {
      params: { halfLifeDays: 7 },
    })
    expect(changed.json()).toMatchObject({ version: 2, params: { halfLifeDays: 7 } })
    const versions = (await admin.get(`/api/v1/attribution/models/${items[0].id}/versions`)).json().items
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1])
    await admin.patch(`/api/v1/attribution/models/${linear.id}`, { role: 'paying' })
    const roles = (await admin.get('/api/v1/attribution/models')).json().items
    expect(
      roles.filter((m: { role: string }) => m.role === 'paying').map((m: { id: string }) => m.id),
    ).toEqual([linear.id])
    expect(
      (await admin.patch(`/api/v1/attribution/models/${linear.id}`, { role: 'shadow' })).statusCode,
    ).toBe(422)
    const audit = await h.testDb.database.query<{ action: string }>(
      `select action from audit_log where org_id = $1 and action like 'attribution_model.%'`,
      [orgId],
    )
    expect(audit.rows.length).toBeGreaterThanOrEqual(2)
    const announced = await listEvents(h.testDb.database.db, orgId, 'attribution.model_changed')
    expect(announced.length).toBeGreaterThanOrEqual(2)
  })

  it('recomputes the whole org with progress, then totals and compares models', async () => {
    const db = h.testDb.database.db
    const jobId = await db.transaction((tx) => queueRecompute(tx, orgId, 'test', h.clock))
    const done = await runRecompute(db, orgId, jobId, h.clock)
    expect(done).toMatchObject({ status: 'done', total: 1, done: 1, percent: 100 })
    expect(await runRecompute(db, orgId, jobId, h.clock)).toBeNull()
    expect((await admin.get(`/api/v1/attribution/recompute/${jobId}`)).json().percent).toBe(100)

    const totals = (await admin.get('/api/v1/attribution/totals')).json()
    const won = totals.items.map((i: { won: { amountMinor: string } }) => BigInt(i.won.amountMinor))
    expect(won.reduce((a: bigint, b: bigint) => a + b, 0n)).toBe(1_000_001n)
    const comparison = (await admin.get('/api/v1/attribution/comparison')).json()
    expect(comparison.models.length).toBe(6)
    const referralRow = comparison.rows.find((r: { actor: string }) => r.actor === referral)
    const firstTouch = comparison.models.find((m: { key: string }) => m.key === 'first_touch')
    expect(referralRow.wonByModel[firstTouch.id]).toBe('1000001')
    const paying = comparison.models.find((m: { role: string }) => m.role === 'paying')
    expect(referralRow.deltaFromPaying[paying.id]).toBe('0')
  })

  it('asks for a recompute through the API and answers with its progress', async () => {
    const res = await admin.post('/api/v1/attribution/recompute')
    expect(res.statusCode).toBe(202)
    expect(res.json()).toMatchObject({ status: 'queued', reason: 'requested' })
    const announced = await listEvents(h.testDb.database.db, orgId, 'attribution.recompute_requested')
    expect(announced.map((e) => e.payload.jobId)).toContain(res.json().id)
  })

  it('keeps credit under an earlier version readable after a change and a recompute', async () => {
    const db = h.testDb.database.db
    const { items } = (await admin.get('/api/v1/attribution/models')).json()
    const position = items.find((m: { key: string }) => m.key === 'position')
    const before = (await admin.get(`/api/v1/deals/${dealId}/attribution?model=${position.id}`)).json()
    const patched = await admin.patch(`/api/v1/attribution/models/${position.id}`, {
      params: { first: 0.1, last: 0.1 },
    })
    expect(patched.json()).toMatchObject({ version: 2 })
    const jobId = await db.transaction((tx) => queueRecompute(tx, orgId, 'test', h.clock))
    await runRecompute(db, orgId, jobId, h.clock)
    const now = (await admin.get(`/api/v1/deals/${dealId}/attribution?model=${position.id}`)).json()
    expect(now.model.version).toBe(2)
    expect(now.runId).not.toBe(before.runId)
    const earlier = (
      await admin.get(`/api/v1/deals/${dealId}/attribution?model=${position.id}&version=1`)
    ).json()
    expect(earlier.runId).toBe(before.runId)
    expect(earlier.credits).toEqual(before.credits)
  })

  it('totals one partner on request', async () => {
    const res = (await admin.get(`/api/v1/attribution/totals?partnerId=${referral}`)).json()
    expect(res.items.map((i: { actor: string }) => i.actor)).toEqual([referral])
  })
})
