// A run keeps the facts it saw, not its words: its explanations are worked out again from those
// facts and its model version, so they stay the run's own after the deal's touches change, runs
// stored with their explanations keep them, and a run the engine no longer agrees with says so.
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { attributeDeals } from './attribute.service'
import { attributionRuns, currentRuns } from './credits.tables'
import { explainRun } from './run-explanation.service'

describe('run explanations', () => {
  let h: Harness
  let orgId: string
  let admin: Client
  let dealId: string
  let partnerId: string
  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('explained')
    admin = await h.signIn(orgId, 'admin')
    partnerId = (await admin.post('/api/v1/partners', { name: 'Lumen Resellers', type: 'reseller' })).json()
      .id
    dealId = (
      await admin.post('/api/v1/deals', {
        name: 'Initech rollout',
        amount: '5000.00',
        currency: 'USD',
        status: 'won',
        openedAt: '2026-03-01T00:00:00Z',
        closedAt: '2026-05-01T00:00:00Z',
      })
    ).json().id
    for (const [activityType, occurredAt] of [
      ['demo', '2026-03-10T00:00:00Z'],
      ['proposal', '2026-04-20T00:00:00Z'],
    ])
      await admin.post('/api/v1/touchpoints', {
        dealId,
        actor: { kind: 'partner', partnerId },
        activityType,
        occurredAt,
      })
    await admin.post('/api/v1/touchpoints', {
      dealId,
      actor: { kind: 'direct', seller: 'ana@initech.example' },
      activityType: 'meeting',
      occurredAt: '2026-04-25T00:00:00Z',
    })
    await h.testDb.database.db.transaction((tx) => attributeDeals(tx, orgId, [dealId], h.clock))
  })
  afterAll(async () => h?.close())

  const payingRun = async () => {
    const [row] = await h.testDb.database.db
      .select({ run: attributionRuns })
      .from(currentRuns)
      .innerJoin(
        attributionRuns,
        and(eq(attributionRuns.orgId, currentRuns.orgId), eq(attributionRuns.id, currentRuns.runId)),
      )
      .where(and(eq(currentRuns.orgId, orgId), eq(currentRuns.dealId, dealId)))
    return row!.run
  }

  it('explains each credit from the facts the run saw, as the engine words it', async () => {
    const view = (await admin.get(`/api/v1/deals/${dealId}/attribution`)).json()
    const partner = view.credits.find((c: { actor: string }) => c.actor === partnerId)
    expect(partner.touches.map((t: { activity: string }) => t.activity)).toEqual(['demo', 'proposal'])
    expect(partner.explanation).toMatch(/demo/i)
    expect(partner.actorWeight).toBeGreaterThan(0)
    expect(partner.totalWeight).toBeGreaterThanOrEqual(partner.actorWeight)
    expect(view.notes.join(' ')).not.toMatch(/no longer gives/)
  })

  it('keeps an earlier run’s explanation after the touches change', async () => {
    const before = (await admin.get(`/api/v1/deals/${dealId}/attribution`)).json()
    const [{ run: oldRun }] = await h.testDb.database.db
      .select({ run: attributionRuns })
      .from(attributionRuns)
      .where(and(eq(attributionRuns.orgId, orgId), eq(attributionRuns.id, before.runId)))
    await admin.post('/api/v1/touchpoints', {
      dealId,
      actor: { kind: 'partner', partnerId },
      activityType: 'training',
      occurredAt: '2026-04-29T00:00:00Z',
    })
    await h.testDb.database.db.transaction((tx) => attributeDeals(tx, orgId, [dealId], h.clock))
    const after = (await admin.get(`/api/v1/deals/${dealId}/attribution`)).json()
    expect(after.runId).not.toBe(before.runId)
    const partnerAfter = after.credits.find((c: { actor: string }) => c.actor === partnerId)
    expect(partnerAfter.touches).toHaveLength(3)

    const old = await explainRun(h.testDb.database.db, orgId, 'time_decay', oldRun!)
    expect(old.mismatch).toBe(false)
    const partnerBefore = before.credits.find((c: { actor: string }) => c.actor === partnerId)
    const explained = old.byActor.get(partnerId)!
    expect(explained.text).toBe(partnerBefore.explanation)
    expect(explained.touches.map((t) => t.activity)).toEqual(['demo', 'proposal'])
  })

  it('reads the explanations a run was stored with when it has no facts', async () => {
    const run = await payingRun()
    const written = run.actors.map((actor) => ({
      text: `written for ${actor}`,
      touches: [],
      actorWeight: 1,
      totalWeight: run.actors.length,
      adjustments: [],
    }))
    const legacy = { ...run, inputId: null, explanations: written }
    const { byActor, mismatch } = await explainRun(h.testDb.database.db, orgId, 'time_decay', legacy)
    expect(mismatch).toBe(false)
    expect(byActor.get(partnerId)?.text).toBe(`written for ${partnerId}`)
  })

  it('says so when the engine no longer gives a run’s stored shares', async () => {
    const run = await payingRun()
    const shares = ['0.1234567890', ...run.shares.slice(1)]
    await h.testDb.database.db
      .update(attributionRuns)
      .set({ shares })
      .where(and(eq(attributionRuns.orgId, orgId), eq(attributionRuns.id, run.id)))
    const view = (await admin.get(`/api/v1/deals/${dealId}/attribution`)).json()
    expect(view.notes.join(' ')).toMatch(/no longer gives its stored shares/)
    expect(view.credits.map((c: { share: string }) => c.share).sort()).toEqual([...shares].sort())
  })
})
