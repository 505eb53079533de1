// Tenants never see each other's data: every route that takes an id answers 404 to another org,
// every list leaves other orgs out, and a partner user sees only their own partner's deals and touches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
    ids.user = (await (await h.signIn(orgA, 'analyst')).get('/api/v1/me')).json().user.id
    ids.invitation = (
      await a.post('/api/v1/invitations', { email: 'invitee@a.test', role: 'analyst' })
    ).json().id
    ids.apiKey = (await a.post('/api/v1/api-keys', { name: 'A key', scope: 'read' })).json().id
    ids.partner = (await a.post('/api/v1/partners', { name: 'A Partner', type: 'reseller' })).json().id
    ids.account = (await a.post('/api/v1/accounts', { name: 'A Account' })).json().id
    ids.deal = (
      await a.post('/api/v1/deals', {
        name: 'A Deal',
        accountId: ids.account,
        amount: '100',
        currency: 'USD',
      })
    ).json().id
    ids.touchpoint = (
      await a.post('/api/v1/touchpoints', {
        dealId: ids.deal,
        actor: { kind: 'partner', partnerId: ids.partner },
        activityType: 'demo',
        occurredAt: '2026-05-01T00:00:00Z',
      })
    ).json().id
    ids.activityType = (
      await a.post('/api/v1/activity-types', { key: 'a_only_type', label: 'A only' })
    ).json().key
  })
  afterAll(async () => h?.close())

  // every route with a path parameter, with the org A id it is tried with and a valid body
  const routes: Record<string, { id: string; body?: Record<string, unknown> }> = {
    'PATCH /api/v1/users/{id}': { id: 'user', body: { name: 'Hijacked' } },
    'DELETE /api/v1/invitations/{id}': { id: 'invitation' },
    'DELETE /api/v1/api-keys/{id}': { id: 'apiKey' },
    'GET /api/v1/partners/{id}': { id: 'partner' },
    'PATCH /api/v1/partners/{id}': { id: 'partner', body: { name: 'Hijacked' } },
    'POST /api/v1/partners/{id}/status': { id: 'partner', body: { status: 'active' } },
    'GET /api/v1/partners/{id}/history': { id: 'partner' },
    'GET /api/v1/accounts/{id}': { id: 'account' },
    'PATCH /api/v1/accounts/{id}': { id: 'account', body: { name: 'Hijacked' } },
    'GET /api/v1/deals/{id}': { id: 'deal' },
    'PATCH /api/v1/deals/{id}': { id: 'deal', body: { name: 'Hijacked' } },
    'DELETE /api/v1/touchpoints/{id}': { id: 'touchpoint' },
    'PATCH /api/v1/activity-types/{key}': { id: 'activityType', body: { label: 'Hijacked' } },
  }
  // routes whose parameter is not a tenant id
  const notTenantIds = ['GET /api/v1/auth/invitations/{token}']

  it('covers every route that takes an id', async () => {
    const spec = (await h.anonymous().get('/api/v1/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>
    }
    const withParams = Object.entries(spec.paths)
      .filter(([path]) => path.includes('{'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    expect(withParams.filter((r) => !notTenantIds.includes(r)).sort()).toEqual(Object.keys(routes).sort())
  })

  it.each(Object.entries(routes))(
    '%s answers 404 to another org and changes nothing',
    async (route, { id, body }) => {
      const [method, template] = route.split(' ') as ['GET' | 'PATCH' | 'POST' | 'DELETE', string]
      const url = template.replace(/\{[a-z]+\}/, ids[id]!)
      const res = await b.request(method, url, body)
      expect(res.statusCode).toBe(404)
      expect(res.headers['content-type']).toContain('application/problem+json')
    },
  )

  it("leaves org A's records as they were", async () => {
    expect((await a.get(`/api/v1/partners/${ids.partner}`)).json()).toMatchObject({
      name: 'A Partner',
      status: 'onboarding',
    })
    expect((await a.get(`/api/v1/deals/${ids.deal}`)).json()).toMatchObject({ name: 'A Deal', touchCount: 1 })
    expect((await a.get(`/api/v1/accounts/${ids.account}`)).json().name).toBe('A Account')
    expect((await a.get('/api/v1/invitations')).json().items[0].status).toBe('pending')
    expect((await a.get('/api/v1/api-keys')).json().items[0].revokedAt).toBeNull()
  })

  it.each([
    '/api/v1/partners',
    '/api/v1/accounts',
    '/api/v1/deals',
    '/api/v1/touchpoints',
    '/api/v1/users',
    '/api/v1/invitations',
    '/api/v1/api-keys',
    '/api/v1/dev/mail',
    '/api/v1/activity-types',
  ])('%s lists nothing of another org', async (url) => {
    const res = await b.get(url)
    expect(res.statusCode).toBe(200)
    const text = res.body
    for (const value of [...Object.values(ids), 'invitee@a.test', 'A Partner'])
      expect(text).not.toContain(value)
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
