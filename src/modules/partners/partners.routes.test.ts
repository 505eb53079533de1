import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { listEvents } from '../../platform/events'

describe('partners API', () => {
  let h: Harness
  let orgId: string
  let manager: Client
  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('partners')
    manager = await h.signIn(orgId, 'partner_manager')
  })
  afterAll(async () => h?.close())

  const create = (body: Record<string, unknown>) =>
    manager.post('/api/v1/partners', { type: 'reseller', ...body })

  it('creates a partner with contacts, tags and a parent distributor, and reads it back', async () => {
    const distributor = (await create({ name: 'Atlas Distribution', type: 'distributor' })).json()
    const res = await create({
      name: 'Bluefin Resellers',
      parentId: distributor.id,
      country: 'GB',
      currency: 'GBP',
      tags: ['EMEA', 'certified', 'emea'],
      websiteDomain: 'Bluefin.Example',
      contacts: [{ name: 'Jo Reed', email: 'jo@bluefin.example', isPrimary: true }, { name: 'Sam Park' }],
    })
    expect(res.statusCode).toBe(201)
    const partner = res.json()
    expect(partner).toMatchObject({
      name: 'Bluefin Resellers',
      status: 'onboarding',
      parentId: distributor.id,
      parentName: 'Atlas Distribution',
      tags: ['emea', 'certified'],
      websiteDomain: 'bluefin.example',
      currency: 'GBP',
    })
    expect(partner.id).toMatch(/^prt_[0-9a-z]{26}$/)
    expect(partner.contacts.map((c: { name: string }) => c.name)).toEqual(['Jo Reed', 'Sam Park'])
    expect((await manager.get(`/api/v1/partners/${partner.id}`)).json()).toEqual(partner)
    const events = await listEvents(h.testDb.database.db, orgId, 'partner.created')
    expect(events.map((e) => e.entityId)).toContain(partner.id)
  })

  it('edits fields and replaces contacts', async () => {
    const partner = (await create({ name: 'Copperline', contacts: [{ name: 'Old Contact' }] })).json()
    const res = await manager.patch(`/api/v1/partners/${partner.id}`, {
      name: 'Copperline IT',
      contacts: [{ name: 'New Contact', isPrimary: true }],
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      name: 'Copperline IT',
      contacts: [{ name: 'New Contact', isPrimary: true }],
    })
  })

  it('filters by type, status and tag, searches by name and domain, and pages with a cursor', async () => {
    const scoped = await h.signIn(await h.createOrg('listing'), 'admin')
    for (let i = 0; i < 5; i++) {
      await scoped.post('/api/v1/partners', {
        name: `Referrer ${i}`,
        type: 'referral',
        tags: i % 2 ? ['odd'] : [],
        websiteDomain: `ref${i}.example`,
      })
    }
    await scoped.post('/api/v1/partners', { name: 'Agency One', type: 'agency', status: 'active' })
    expect((await scoped.get('/api/v1/partners?type=referral')).json().items).toHaveLength(5)
    expect(
      (await scoped.get('/api/v1/partners?status=active')).json().items.map((p: { name: string }) => p.name),
    ).toEqual(['Agency One'])
    expect((await scoped.get('/api/v1/partners?tag=odd')).json().items).toHaveLength(2)
    expect(
      (await scoped.get('/api/v1/partners?q=ref3.exa')).json().items.map((p: { name: string }) => p.name),
    ).toEqual(['Referrer 3'])
    expect((await scoped.get('/api/v1/partners?q=%25')).json().items).toEqual([])

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = (
        await scoped.get(`/api/v1/partners?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()
      seen.push(...page.items.map((p) => p.name))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toHaveLength(6)
    expect(new Set(seen).size).toBe(6)
    expect(seen[0]).toBe('Agency One')
  })

  it('moves through the status lifecycle with a history and an audit entry for each change', async () => {
    const partner = (await create({ name: 'Lifecycle Co', status: 'invited' })).json()
    for (const status of ['onboarding', 'active', 'suspended']) {
      const res = await manager.post(`/api/v1/partners/${partner.id}/status`, {
        status,
        reason: `to ${status}`,
      })
      expect(res.json().status).toBe(status)
    }
    const history = (await manager.get(`/api/v1/partners/${partner.id}/history`)).json().items
    expect(history.map((c: { from: string | null; to: string }) => `${c.from}->${c.to}`)).toEqual([
      'null->invited',
      'invited->onboarding',
      'onboarding->active',
      'active->suspended',
    ])
    const { rows } = await h.testDb.database.query<{ after: { status: string } }>(
      "select after from audit_log where org_id = $1 and entity_id = $2 and action = 'partner.status_changed' order by seq",
      [orgId, partner.id],
    )
    expect(rows.map((r) => r.after.status)).toEqual(['onboarding', 'active', 'suspended'])
  })

  it('refuses a move the lifecycle does not allow, naming the allowed ones', async () => {
    const partner = (await create({ name: 'Invited Only', status: 'invited' })).json()
    const res = await manager.post(`/api/v1/partners/${partner.id}/status`, { status: 'suspended' })
    expect(res.statusCode).toBe(409)
    expect(res.json().detail).toMatch(/allowed: onboarding, active, churned/)
  })

  it('names the bad field on invalid input and writes nothing', async () => {
    const before = (await manager.get('/api/v1/partners?limit=200')).json().items.length
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'X', type: 'wizard' }, 'type'],
      [{ name: '', type: 'referral' }, 'name'],
      [{ name: 'X', websiteDomain: 'not a domain' }, 'websiteDomain'],
      [{ name: 'X', currency: 'dollars' }, 'currency'],
      [{ name: 'X', contacts: [{ name: 'A', email: 'nope' }] }, 'contacts.0.email'],
      [{ name: 'X', parentId: 'prt_missing' }, 'parentId'],
    ]
    for (const [body, path] of cases) {
      const res = await create(body)
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400)
      expect(res.statusCode).toBeLessThan(500)
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
    }
    expect((await manager.get('/api/v1/partners?limit=200')).json().items.length).toBe(before)
  })

  it('refuses a parent that would make a cycle', async () => {
    const top = (await create({ name: 'Top', type: 'distributor' })).json()
    const child = (await create({ name: 'Child', parentId: top.id })).json()
    const res = await manager.patch(`/api/v1/partners/${top.id}`, { parentId: child.id })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0]).toEqual({
      path: 'parentId',
      message: 'would make a partner its own ancestor',
    })
  })

  it('shows a partner user only their own partner', async () => {
    const mine = (await create({ name: 'Mine' })).json()
    await create({ name: 'Theirs' })
    const partnerUser = await h.signIn(orgId, 'partner_member', { partnerId: mine.id })
    expect((await partnerUser.get('/api/v1/partners')).json().items.map((p: { id: string }) => p.id)).toEqual(
      [mine.id],
    )
    const other = (await manager.get('/api/v1/partners?q=Theirs')).json().items[0]
    expect((await partnerUser.get(`/api/v1/partners/${other.id}`)).statusCode).toBe(404)
    expect((await partnerUser.patch(`/api/v1/partners/${mine.id}`, { name: 'Renamed' })).statusCode).toBe(403)
  })

  it('counts partners by type and status on the server', async () => {
    const before = (await manager.get('/api/v1/partners/summary')).json()
    await create({ name: 'Counted Agency', type: 'agency', status: 'active' })
    const after = (await manager.get('/api/v1/partners/summary')).json()
    expect(after.total).toBe(before.total + 1)
    expect(after.byType.agency).toBe(before.byType.agency + 1)
    expect(after.byStatus.active).toBe(before.byStatus.active + 1)
    expect(Object.keys(after.byType)).toHaveLength(8)
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)
    expect(sum(after.byType)).toBe(after.total)
    expect(sum(after.byStatus)).toBe(after.total)
  })
})
