// Tenants never see each other's data: every route that takes an id answers 404 to another org,
// every list leaves other orgs out, and a partner user sees only their own partner's deals and touches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allLists, allRoutes, fillPath, notTenantScoped, seedAll } from './module-fixtures'
import { type Client, createHarness, type Harness } from './test-harness'

describe('tenant isolation', () => {
  let h: Harness
  let orgA: string
  let a: Client
  let b: Client
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    h = await createHarness()
    orgA = await h.createOrg('org-a')
    const orgB = await h.createOrg('org-b')
    a = await h.signIn(orgA, 'owner')
    b = await h.signIn(orgB, 'owner')
    Object.assign(ids, await seedAll(a))
  })
  afterAll(async () => h?.close())

  // every route that takes an id, from each module's fixture, tried by org B with org A's ids
  const idRoutes = () =>
    Object.entries(allRoutes(ids)).filter(
      ([route]) => route.includes('{') && !notTenantScoped().includes(route),
    )

  it('covers every route that takes an id', async () => {
    const spec = (await h.anonymous().get('/api/v1/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>
    }
    const withParams = Object.entries(spec.paths)
      .filter(([path]) => path.includes('{'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    expect(withParams.filter((r) => !notTenantScoped().includes(r)).sort()).toEqual(
      idRoutes()
        .map(([route]) => route)
        .sort(),
    )
  })

  it('answers 404 on every route that takes an id to another org, and changes none of its records', async () => {
    const reads = idRoutes().filter(([route]) => route.startsWith('GET '))
    const readAll = () =>
      Promise.all(
        reads.map(([route, call]) => a.get(fillPath(route.split(' ')[1]!, call.params)).then((r) => r.body)),
      )
    const before = await readAll()
    const answers: string[] = []
    for (const [route, call] of idRoutes()) {
      const [method, template] = route.split(' ') as ['GET' | 'PATCH' | 'POST' | 'DELETE', string]
      const res = await b.request(method, fillPath(template, call.params), call.body)
      const isProblem = String(res.headers['content-type']).includes('application/problem+json')
      answers.push(`${route} → ${res.statusCode}${isProblem ? '' : ' (not problem+json)'}`)
    }
    expect(answers).toEqual(idRoutes().map(([route]) => `${route} → 404`))
    expect(await readAll()).toEqual(before)
    expect(
      (await a.get('/api/v1/invitations'))
        .json()
        .items.some((i: { status: string }) => i.status === 'pending'),
    ).toBe(true)
    expect(
      (await a.get('/api/v1/api-keys')).json().items.every((k: { revokedAt: null }) => k.revokedAt === null),
    ).toBe(true)
  })

  it.each(allLists())('%s shows nothing of another org', async (url) => {
    const res = await b.get(url)
    expect(res.statusCode).toBe(200)
    for (const value of Object.values(ids)) expect(res.body).not.toContain(value)
  })

  it("counts none of another org's deals in the deals summary", async () => {
    expect((await a.get('/api/v1/deals/summary')).json().total).toBeGreaterThan(0)
    expect((await b.get('/api/v1/deals/summary')).json()).toEqual({
      total: 0,
      byStatus: { open: 0, won: 0, lost: 0 },
      openPipeline: [],
      wonRevenue: [],
    })
  })

  it("counts none of another org's partners", async () => {
    expect((await a.get('/api/v1/partners/summary')).json().total).toBeGreaterThan(0)
    const counts = (await b.get('/api/v1/partners/summary')).json()
    expect(counts.total).toBe(0)
    expect(Object.values(counts.byType).every((n) => n === 0)).toBe(true)
  })

  it('previews no model and no deal of another org', async () => {
    const path = '/api/v1/attribution/models/preview'
    const res = await b.post(path, { key: 'linear', modelId: ids.model })
    expect(res.statusCode).toBe(404)
    expect(String(res.headers['content-type'])).toContain('application/problem+json')
    expect((await a.post(path, { key: 'linear' })).json().deals.length).toBeGreaterThan(0)
    const own = await b.post(path, { key: 'linear' })
    expect(own.json().deals).toEqual([])
    for (const value of Object.values(ids)) expect(own.body).not.toContain(value)
  })

  it("refuses to reference another org's records in a write", async () => {
    const touch = await b.post('/api/v1/touchpoints', {
      dealId: ids.deal,
      actor: { kind: 'direct', seller: 'x' },
      activityType: 'demo',
      occurredAt: '2026-05-01T00:00:00Z',
    })
    expect(touch.statusCode).toBe(422)
    const child = await b.post('/api/v1/partners', { name: 'Child', type: 'reseller', parentId: ids.partner })
    expect(child.statusCode).toBe(422)
    const deal = await b.post('/api/v1/deals', {
      name: 'D',
      amount: '1',
      currency: 'USD',
      accountId: ids.account,
    })
    expect(deal.statusCode).toBe(422)
  })

  describe('partner users', () => {
    let p1: string
    let mine: Client
    let shared: string
    let theirs: string
    beforeAll(async () => {
      p1 = (await a.post('/api/v1/partners', { name: 'P1', type: 'referral' })).json().id
      const p2 = (await a.post('/api/v1/partners', { name: 'P2', type: 'agency' })).json().id
      mine = await h.signIn(orgA, 'partner_admin', { partnerId: p1 })
      const deal = async (name: string) =>
        (await a.post('/api/v1/deals', { name, amount: '1', currency: 'USD', accountId: ids.account })).json()
          .id
      shared = await deal('Shared deal')
      theirs = await deal('P2 only deal')
      const touch = (dealId: string, partnerId: string) =>
        a.post('/api/v1/touchpoints', {
          dealId,
          actor: { kind: 'partner', partnerId },
          activityType: 'referral',
          occurredAt: '2026-05-02T00:00:00Z',
        })
      await touch(shared, p1)
      await touch(shared, p2)
      await touch(theirs, p2)
      await a.post('/api/v1/touchpoints', {
        dealId: shared,
        actor: { kind: 'direct', seller: 'ae@vendor.test' },
        activityType: 'demo',
        occurredAt: '2026-05-03T00:00:00Z',
      })
    })

    it('lists only deals their partner touched', async () => {
      const items = (await mine.get('/api/v1/deals')).json().items
      expect(items.map((d: { id: string }) => d.id)).toEqual([shared])
      expect(items[0].partnerIds).toEqual([p1])
    })

    it('counts only deals their partner touched in the summary', async () => {
      const summary = (await mine.get('/api/v1/deals/summary')).json()
      expect(summary.total).toBe(1)
      expect(summary.openPipeline).toEqual([
        { currency: 'USD', amountMinor: '100', amount: '1.00', deals: 1 },
      ])
    })

    it('cannot open a deal their partner did not touch', async () => {
      expect((await mine.get(`/api/v1/deals/${theirs}`)).statusCode).toBe(404)
    })

    it('sees only their own touches, even on a deal shared with another partner', async () => {
      const detail = (await mine.get(`/api/v1/deals/${shared}`)).json()
      expect(detail.touchpoints.map((t: { actor: { partnerId?: string } }) => t.actor.partnerId)).toEqual([
        p1,
      ])
      const touches = (await mine.get('/api/v1/touchpoints')).json().items
      expect(touches.every((t: { actor: { partnerId?: string } }) => t.actor.partnerId === p1)).toBe(true)
      expect((await mine.get(`/api/v1/touchpoints?partnerId=${ids.partner}`)).json().items).toEqual([])
    })

    it('cannot write deals or touches', async () => {
      expect((await mine.patch(`/api/v1/deals/${shared}`, { name: 'Mine now' })).statusCode).toBe(403)
      const touch = await mine.post('/api/v1/touchpoints', {
        dealId: shared,
        actor: { kind: 'partner', partnerId: p1 },
        activityType: 'demo',
        occurredAt: '2026-05-04T00:00:00Z',
      })
      expect(touch.statusCode).toBe(403)
    })
  })
})
