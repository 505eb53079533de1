import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../http/live-harness'
import type { Client, Harness } from '../../http/test-harness'
import { type EventBus, listEvents } from '../../platform/events'

type Credit = { actor: string; share: string; amount: { amountMinor: string }; explanation: string }

// Multi-tier credit walks the whole partner chain with per-link shares, and a renewal under a
// recurring model inherits its parent deal's credit, following the parent when it changes.
describe('tiers and recurring credit in the platform', () => {
  let live: LiveHarness
  let h: Harness
  let bus: EventBus
  let orgId: string
  let admin: Client
  beforeAll(async () => {
    live = await createLiveHarness('tiers')
    ;({ h, bus, orgId, admin } = live)
  })
  afterAll(async () => live?.close())

  const partner = async (name: string, type: string, parentId?: string) =>
    (await admin.post('/api/v1/partners', { name, type, ...(parentId ? { parentId } : {}) })).json()
      .id as string
  const deal = async (body: Record<string, unknown>) =>
    (
      await admin.post('/api/v1/deals', {
        amount: '1000.00',
        currency: 'USD',
        status: 'won',
        openedAt: '2026-03-01T00:00:00Z',
        closedAt: '2026-06-01T00:00:00Z',
        ...body,
      })
    ).json().id as string
  const touch = (dealId: string, partnerId: string, occurredAt: string) =>
    admin.post('/api/v1/touchpoints', {
      dealId,
      actor: { kind: 'partner', partnerId },
      activityType: 'referral',
      occurredAt,
    })
  const creditOf = async (dealId: string, modelId: string) => {
    const res = await admin.get(`/api/v1/deals/${dealId}/attribution?model=${modelId}`)
    expect(res.statusCode).toBe(200)
    const credits = res.json().credits as Credit[]
    return Object.fromEntries(credits.map((c) => [c.actor, c]))
  }

  it('passes credit up the whole partner chain, each link at its own share', async () => {
    const master = await partner('Master Distribution', 'distributor')
    const dist = await partner('Regional Distribution', 'distributor', master)
    const reseller = await partner('Corner Reseller', 'reseller', dist)
    const orphan = await partner('Lone Agency', 'agency')

    // a per-link share must name a partner of the org that has a partner above it
    for (const [id, why] of [
      [orphan, 'no partner above it'],
      ['prt_nosuchpartner', 'no partner of this org'],
    ] as const) {
      const refused = await admin.post('/api/v1/attribution/models', {
        key: 'equal',
        name: 'Tiered',
        options: { tiers: { linkShares: { [id]: 0.3 } } },
      })
      expect(refused.statusCode).toBe(422)
      expect(refused.json().errors[0].path).toBe(`options.tiers.linkShares.${id}`)
      expect(refused.json().errors[0].message).toContain(why)
    }
    const model = await admin.post('/api/v1/attribution/models', {
      key: 'equal',
      name: 'Tiered',
      options: { tiers: { defaultShare: 0.2, linkShares: { [reseller]: 0.3 } } },
    })
    expect(model.statusCode).toBe(201)
    const modelId = model.json().id as string

    const dealId = await deal({ name: 'Through the channel' })
    await touch(dealId, reseller, '2026-05-01T00:00:00Z')
    await bus.drain()
    const credit = await creditOf(dealId, modelId)
    // the reseller keeps 70%; its distributor takes 30%, of which the master takes 20%
    expect(credit[reseller]?.amount.amountMinor).toBe('70000')
    expect(credit[dist]?.amount.amountMinor).toBe('24000')
    expect(credit[master]?.amount.amountMinor).toBe('6000')
    expect(credit[master]?.explanation).toMatch(/tier|above|distributor/i)

    // moving the reseller straight under the master re-credits the deal and recomputes the org
    const moved = await admin.patch(`/api/v1/partners/${reseller}`, { parentId: master })
    expect(moved.statusCode).toBe(200)
    await bus.drain()
    const jobs = (await admin.get('/api/v1/attribution/recompute')).json().items
    expect(jobs.map((j: { reason: string }) => j.reason)).toContain('a partner moved under another partner')
    await touch(dealId, reseller, '2026-05-02T00:00:00Z')
    await bus.drain()
    const after = await creditOf(dealId, modelId)
    expect(after[reseller]?.amount.amountMinor).toBe('70000')
    expect(after[master]?.amount.amountMinor).toBe('30000')
    expect(after[dist]).toBeUndefined()
  })

  it('lets a renewal inherit its parent deal’s credit and follow it when the parent changes', async () => {
    const founder = await partner('Founding Referrer', 'referral')
    const keeper = await partner('Renewal Agency', 'agency')
    const latecomer = await partner('Earlier Scout', 'referral')
    const model = await admin.post('/api/v1/attribution/models', {
      key: 'first_touch',
      name: 'First touch, inherited',
      options: { recurring: { mode: 'inherit', decayPerRenewal: 0.25 } },
    })
    const modelId = model.json().id as string
    const parent = await deal({ name: 'First year' })
    await touch(parent, founder, '2026-04-01T00:00:00Z')
    const renewal = await deal({
      name: 'Second year',
      type: 'renewal',
      parentDealId: parent,
      openedAt: '2027-03-01T00:00:00Z',
      closedAt: '2027-06-01T00:00:00Z',
    })
    await touch(renewal, keeper, '2027-04-01T00:00:00Z')
    await bus.drain()
    const first = await creditOf(renewal, modelId)
    // 75% of the parent's credit carries over; the renewal's own first touch takes the rest
    expect(first[founder]?.amount.amountMinor).toBe('75000')
    expect(first[keeper]?.amount.amountMinor).toBe('25000')
    expect(first[founder]?.explanation).toContain('inherits')

    // an earlier touch on the parent moves its first touch, and the renewal follows without being touched
    await touch(parent, latecomer, '2026-03-15T00:00:00Z')
    await bus.drain()
    const second = await creditOf(renewal, modelId)
    expect(second[latecomer]?.amount.amountMinor).toBe('75000')
    expect(second[keeper]?.amount.amountMinor).toBe('25000')
    expect(second[founder]?.amount.amountMinor ?? '0').toBe('0')
    const announced = (await listEvents(h.testDb.database.db, orgId, 'credit.changed')).filter(
      (e) => e.entityId === renewal && (e.payload as { modelId: string }).modelId === modelId,
    )
    expect(announced.length).toBe(2)

    // models without recurring options keep crediting the renewal from its own touches alone
    const paying = (await admin.get(`/api/v1/deals/${renewal}/attribution`)).json().credits as Credit[]
    expect(paying.map((c) => c.actor)).toEqual([keeper])
  })
})
