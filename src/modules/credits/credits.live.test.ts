import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../http/live-harness'
import type { Client, Harness } from '../../http/test-harness'
import { type EventBus, listEvents } from '../../platform/events'

// A touch becomes explained credit through the event flow: recorded → delivered → re-attributed →
// credit.changed with who had what before and after. A replayed delivery changes nothing.
describe('live credit', () => {
  let live: LiveHarness
  let h: Harness
  let bus: EventBus
  let orgId: string
  let admin: Client
  beforeAll(async () => {
    live = await createLiveHarness('live')
    ;({ h, bus, orgId, admin } = live)
  })
  afterAll(async () => live?.close())

  it('re-attributes a deal when a touch is recorded and announces the change per model', async () => {
    const partner = (await admin.post('/api/v1/partners', { name: 'Live Partner', type: 'agency' })).json().id
    const deal = (
      await admin.post('/api/v1/deals', { name: 'Live deal', amount: '500.00', currency: 'USD' })
    ).json()
    await bus.drain()
    await admin.post('/api/v1/touchpoints', {
      dealId: deal.id,
      actor: { kind: 'partner', partnerId: partner },
      activityType: 'referral',
      occurredAt: '2026-05-01T00:00:00Z',
    })
    await bus.drain()
    const changes = (await listEvents(h.testDb.database.db, orgId, 'credit.changed')).filter(
      (e) => e.entityId === deal.id,
    )
    expect(changes.length).toBe(6)
    for (const change of changes) {
      expect(change.payload.after).toEqual([{ actor: partner, share: '1.0000000000', amountMinor: '50000' }])
    }
    const runs = await h.testDb.database.query<{ n: number }>(
      'select count(*)::int as n from attribution_runs where org_id = $1 and deal_id = $2',
      [orgId, deal.id],
    )
    // re-delivering the same events finds the runs already made
    for (const event of await listEvents(h.testDb.database.db, orgId, 'touchpoint.recorded'))
      await bus.deliver('credits.reattribute-deal', event.id)
    const again = await h.testDb.database.query<{ n: number }>(
      'select count(*)::int as n from attribution_runs where org_id = $1 and deal_id = $2',
      [orgId, deal.id],
    )
    expect(again.rows).toEqual(runs.rows)
  })

  it('queues an org-wide recompute when facts arrive in bulk', async () => {
    await h.testDb.database.db.transaction(async (tx) => {
      const { publish } = await import('../../platform/events')
      const { journeyEvents } = await import('../journeys')
      const { systemScope } = await import('../../platform/scope')
      await publish(
        tx,
        systemScope(orgId),
        journeyEvents.event('facts.bulk_loaded', null, { reason: 'import', counts: {} }),
        h.clock,
      )
    })
    await bus.drain()
    const jobs = (await admin.get('/api/v1/attribution/recompute')).json().items
    expect(jobs.map((j: { reason: string }) => j.reason)).toContain('bulk load: import')
  })

  it('recomputes after a change to a model that runs, and not after one to a model that is off', async () => {
    const reasons = async () =>
      (await admin.get('/api/v1/attribution/recompute')).json().items.map((j: { id: string }) => j.id)
    const before = await reasons()
    const off = await admin.post('/api/v1/attribution/models', {
      key: 'linear',
      name: 'Off to the side',
      role: 'off',
      params: {},
    })
    expect(off.statusCode).toBe(201)
    await admin.patch(`/api/v1/attribution/models/${off.json().id}`, { params: {}, name: 'Still off' })
    await bus.drain()
    expect(await reasons()).toEqual(before)

    await admin.patch(`/api/v1/attribution/models/${off.json().id}`, { role: 'shadow' })
    await bus.drain()
    const after = (await admin.get('/api/v1/attribution/recompute')).json().items
    expect(after).toHaveLength(before.length + 1)
    expect(after[0].reason).toBe('model settings changed')
  })
})
