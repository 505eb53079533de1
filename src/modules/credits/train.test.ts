import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRandom } from '../../attribution'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { systemScope } from '../../platform/scope'
import { bulkLoadFacts, type DealRow, journeyIds, type TouchpointRow } from '../journeys'
import { retrainLearnedModels } from './training.service'

// An org trains `ai` on its own won and lost deals: the partner whose touches raise the win rate
// earns the credit, the one that touches as often but changes nothing does not.
describe('training a learned model on the org’s deals', () => {
  let h: Harness
  let orgId: string
  let admin: Client
  let closer: string
  let bystander: string
  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('training')
    admin = await h.signIn(orgId, 'admin')
    closer = (await admin.post('/api/v1/partners', { name: 'Closer', type: 'reseller' })).json().id
    bystander = (await admin.post('/api/v1/partners', { name: 'Bystander', type: 'marketplace_app' })).json()
      .id
    const random = createRandom(7)
    const deals: DealRow[] = []
    const touches: TouchpointRow[] = []
    const day = 86_400_000
    for (let i = 0; i < 400; i++) {
      const withCloser = random() < 0.5
      const withBystander = random() < 0.7
      const isWon = random() < (withCloser ? 0.75 : 0.2)
      const openedAt = new Date(Date.UTC(2025, 0, 1) + i * day)
      const deal: DealRow = {
        orgId,
        id: journeyIds.deal(),
        name: `Deal ${i}`,
        accountId: null,
        amountMinor: 100_000n,
        currency: 'USD',
        stage: isWon ? 'closed_won' : 'closed_lost',
        status: isWon ? 'won' : 'lost',
        type: 'new',
        openedAt,
        closedAt: new Date(openedAt.getTime() + 40 * day),
        owner: 'ae@vendor.test',
        parentDealId: null,
        source: null,
        externalId: null,
        createdAt: openedAt,
        updatedAt: openedAt,
      }
      deals.push(deal)
      const touch = (partnerId: string, offset: number): TouchpointRow => ({
        orgId,
        id: journeyIds.touchpoint(),
        dealId: deal.id,
        actorKind: 'partner',
        partnerId,
        seller: null,
        activityType: 'demo',
        occurredAt: new Date(openedAt.getTime() + offset * day),
        notes: null,
        source: null,
        externalId: null,
        createdAt: openedAt,
        updatedAt: openedAt,
      })
      if (withCloser) touches.push(touch(closer, 10))
      if (withBystander) touches.push(touch(bystander, 20))
    }
    await bulkLoadFacts(
      h.testDb.database.db,
      systemScope(orgId),
      { deals, touchpoints: touches },
      { reason: 'test', clock: h.clock },
    )
  })
  afterAll(async () => h?.close())

  it('refuses to train a model that does not learn, naming why', async () => {
    const { items } = (await admin.get('/api/v1/attribution/models')).json()
    const res = await admin.post(`/api/v1/attribution/models/${items[0].id}/train`)
    expect(res.statusCode).toBe(422)
    expect(res.json().detail).toMatch(/does not learn/)
  })

  it('trains ai, shows its held-out quality, and credits the partner that moves outcomes', async () => {
    const created = (
      await admin.post('/api/v1/attribution/models', { key: 'ai', name: 'AI-weighted', role: 'shadow' })
    ).json()
    expect(created.learnedVersion).toBeNull()
    const trained = await admin.post(`/api/v1/attribution/models/${created.id}/train`)
    expect(trained.statusCode, trained.body).toBe(201)
    // a candidate: its held-out quality is there to judge, and nothing is in force yet
    const candidate = trained.json()
    expect(candidate).toMatchObject({ version: 2, inForce: false })
    expect(candidate.learnedVersion).toBeTruthy()
    expect(candidate.training.journeys).toBe(400)
    expect(candidate.training.auc).toBeGreaterThan(candidate.training.baselineAuc)
    expect(candidate.training.logLoss).toBeLessThan(candidate.training.baselineLogLoss)
    expect(candidate.training.reliability.length).toBeGreaterThan(0)
    const untouched = (await admin.get('/api/v1/attribution/models'))
      .json()
      .items.find((m: { id: string }) => m.id === created.id)
    expect(untouched).toMatchObject({ version: 1, learnedVersion: null, candidateVersion: 2 })
    const versions = (await admin.get(`/api/v1/attribution/models/${created.id}/versions`)).json().items
    expect(versions.map((v: { version: number; inForce: boolean }) => [v.version, v.inForce])).toEqual([
      [2, false],
      [1, true],
    ])

    // staff promote it: it is in force, audited, and credit follows
    const promoted = await admin.post(`/api/v1/attribution/models/${created.id}/versions/2/promote`)
    expect(promoted.statusCode, promoted.body).toBe(200)
    const model = promoted.json()
    expect(model).toMatchObject({
      version: 2,
      learnedVersion: candidate.learnedVersion,
      candidateVersion: null,
    })
    expect(model.training.journeys).toBe(400)
    expect((await admin.post(`/api/v1/attribution/models/${created.id}/versions/2/promote`)).statusCode).toBe(
      409,
    )
    expect((await admin.post(`/api/v1/attribution/models/${created.id}/versions/9/promote`)).statusCode).toBe(
      404,
    )
    const audit = await h.testDb.database.query<{ action: string }>(
      'select action from audit_log where org_id = $1 and entity_id = $2 order by seq',
      [orgId, created.id],
    )
    expect(audit.rows.map((r) => r.action)).toEqual([
      'attribution_model.created',
      'attribution_model.trained',
      'attribution_model.promoted',
    ])

    const { items } = (await admin.get(`/api/v1/deals?status=won&partnerId=${closer}&limit=20`)).json()
    const both = []
    for (const deal of items) {
      const view = (await admin.get(`/api/v1/deals/${deal.id}/attribution?model=${created.id}`)).json()
      const share = (actor: string) =>
        Number(view.credits.find((c: { actor: string }) => c.actor === actor)?.share ?? 0)
      if (view.credits.some((c: { actor: string }) => c.actor === bystander))
        both.push([share(closer), share(bystander)])
    }
    expect(both.length).toBeGreaterThan(3)
    for (const [closerShare, bystanderShare] of both) expect(closerShare).toBeGreaterThan(bystanderShare!)
  })

  it('previews a trained model on what it learned, and asks for training once its parameters change', async () => {
    const { items } = (await admin.get('/api/v1/attribution/models')).json()
    const ai = items.find((m: { key: string }) => m.key === 'ai')
    const draft = { key: 'ai', params: ai.params, options: ai.options, modelId: ai.id, limit: 3 }
    const same = await admin.post('/api/v1/attribution/models/preview', draft)
    expect(same.statusCode, same.body).toBe(200)
    const [deal] = same.json().deals
    for (const actor of deal.actors) expect(actor.draft.share).toBe(actor.current.share)
    const changed = await admin.post('/api/v1/attribution/models/preview', {
      ...draft,
      options: { lookbackDays: 30 },
    })
    expect(changed.statusCode).toBe(422)
    expect(changed.json().errors[0]).toMatchObject({ path: 'key' })
  })

  it('learns again on the nightly schedule only when deals have closed since', async () => {
    const { items } = (await admin.get('/api/v1/attribution/models')).json()
    const ai = items.find((m: { key: string }) => m.key === 'ai')
    expect(await retrainLearnedModels(h.testDb.database.db, h.clock)).toEqual({ trained: 0 })
    const { items: open } = (await admin.get('/api/v1/deals?limit=1')).json()
    const closedBefore = open[0]
    const reopened = await admin.patch(`/api/v1/deals/${closedBefore.id}`, { status: 'open', closedAt: null })
    expect(reopened.statusCode, reopened.body).toBe(200)
    expect(await retrainLearnedModels(h.testDb.database.db, h.clock)).toEqual({ trained: 1 })
    // a new candidate waits for staff; the version in force stays
    const after = (await admin.get('/api/v1/attribution/models'))
      .json()
      .items.find((m: { id: string }) => m.id === ai.id)
    expect(after.version).toBe(ai.version)
    const [newest] = (await admin.get(`/api/v1/attribution/models/${ai.id}/versions`)).json().items
    expect(newest).toMatchObject({ version: ai.version + 1, inForce: false, createdBy: 'system:credence' })
    expect(newest.training.journeys).toBe(399)
    // and the next night, with nothing closed since, makes none
    expect(await retrainLearnedModels(h.testDb.database.db, h.clock)).toEqual({ trained: 0 })
  })
})
