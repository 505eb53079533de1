import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'

// Territories through the API: kept by staff with their rules, overlaps reported as warnings, bad
// references refused naming the field, partner users refused, and new registrations routed to the
// owner of the best-matching territory with the reason.
describe('territories API', () => {
  let h: Harness
  let orgId: string
  let manager: Client
  let emeaOwner: Client
  let mine: Client
  let managerId: string
  let emeaOwnerId: string
  let own: string

  const idOf = async (client: Client) => (await client.get('/api/v1/me')).json().user.id as string
  const create = (body: Record<string, unknown>) => manager.post('/api/v1/programs/territories', body)

  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('territories')
    manager = await h.signIn(orgId, 'partner_manager')
    emeaOwner = await h.signIn(orgId, 'partner_manager')
    managerId = await idOf(manager)
    emeaOwnerId = await idOf(emeaOwner)
    own = (await manager.post('/api/v1/partners', { name: 'Own', type: 'reseller' })).json().id
    mine = await h.signIn(orgId, 'partner_admin', { partnerId: own })
  })
  afterAll(async () => h?.close())

  it('creates, changes and removes a territory, auditing each step', async () => {
    const res = await create({
      name: 'Nordics',
      ownerUserId: managerId,
      partnerIds: [own],
      countries: ['SE', 'NO', 'SE'],
      industries: ['Retail'],
    })
    expect(res.statusCode, res.body).toBe(201)
    const territory = res.json()
    expect(territory).toMatchObject({
      name: 'Nordics',
      owner: { id: managerId },
      partners: [{ id: own, name: 'Own' }],
      countries: ['SE', 'NO'],
      industries: ['Retail'],
      regions: [],
      namedAccounts: [],
      isActive: true,
      overlaps: [],
    })
    const changed = await manager.patch(`/api/v1/programs/territories/${territory.id}`, { isActive: false })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json().isActive).toBe(false)
    const removed = await manager.delete(`/api/v1/programs/territories/${territory.id}`)
    expect(removed.statusCode, removed.body).toBe(204)
    expect((await manager.get(`/api/v1/programs/territories/${territory.id}`)).statusCode).toBe(404)
    const audit = await h.testDb.database.query<{ action: string }>(
      `select action from audit_log where org_id = $1 and entity_id = $2 order by seq`,
      [orgId, territory.id],
    )
    expect(audit.rows.map((r) => r.action)).toEqual([
      'territory.created',
      'territory.changed',
      'territory.deleted',
    ])
  })

  it.each([
    ['an unknown country code', { countries: ['DE', 'XX'] }, 400, 'countries.1'],
    ['an unknown owner', { ownerUserId: 'usr_01h455vb4pex5vsknk084sn02q' }, 422, 'ownerUserId'],
    ['an unknown partner', { partnerIds: ['prt_01h455vb4pex5vsknk084sn02q'] }, 422, 'partnerIds[0]'],
    [
      'a named account that is neither id nor domain',
      { namedAccounts: ['not a domain'] },
      400,
      'namedAccounts.0',
    ],
  ])('refuses %s, naming the field', async (_name, extra, status, path) => {
    const res = await create({ name: 'Bad', ownerUserId: managerId, ...extra })
    expect(res.statusCode, res.body).toBe(status)
    expect(String(res.headers['content-type'])).toContain('application/problem+json')
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .join(' '),
    ).toContain(path)
  })

  it('refuses a partner user as owner', async () => {
    const res = await create({ name: 'Bad', ownerUserId: await idOf(mine) })
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().errors[0].path).toBe('ownerUserId')
  })

  it('reports overlaps on save and in the list, without refusing', async () => {
    const emea = (
      await create({
        name: 'EMEA Software',
        ownerUserId: emeaOwnerId,
        countries: ['DE', 'FR'],
        industries: ['Software'],
      })
    ).json()
    const res = await create({ name: 'Germany', ownerUserId: managerId, countries: ['DE'] })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().overlaps).toEqual([
      expect.objectContaining({
        territoryId: emea.id,
        countries: ['DE'],
        industries: ['Software'],
        reason: 'overlaps EMEA Software: DE in Software',
      }),
    ])
    const list = (await manager.get('/api/v1/programs/territories')).json().items
    const listed = list.find((t: { id: string }) => t.id === emea.id)
    expect(listed.overlaps.map((o: { territoryName: string }) => o.territoryName)).toEqual(['Germany'])
    expect(listed.owner.name).not.toBeNull()
  })

  it('matches an account to territories, most specific first', async () => {
    const res = await manager.get('/api/v1/programs/territories/match?country=DE&industry=software')
    expect(res.statusCode, res.body).toBe(200)
    expect(
      res
        .json()
        .items.map((m: { territoryName: string; kind: string; reason: string }) => [
          m.territoryName,
          m.kind,
          m.reason,
        ]),
    ).toEqual([
      ['EMEA Software', 'country_industry', 'country DE, industry Software'],
      ['Germany', 'country', 'country DE'],
    ])
  })

  it('routes a new registration to the owner of the best-matching territory, with the reason', async () => {
    const res = await mine.post('/api/v1/registrations', {
      accountName: 'Routed GmbH',
      contact: { name: 'Dana Buyer', email: 'dana@routed.example' },
      amount: '1000.00',
      currency: 'EUR',
      expectedCloseOn: '2026-09-30',
      country: 'DE',
      industry: 'Software',
    })
    expect(res.statusCode, res.body).toBe(201)
    // a partner never sees who reviews it
    expect(res.json()).toMatchObject({ assignee: null, routingReason: null })
    const id = res.json().id
    const seen = (await manager.get(`/api/v1/registrations/${id}`)).json()
    expect(seen).toMatchObject({
      assignee: { id: emeaOwnerId },
      routingReason: 'routed to the EMEA Software territory: country DE, industry Software',
    })
    const queue = (await emeaOwner.get('/api/v1/registrations?assignedTo=me')).json()
    expect(queue.items.map((r: { id: string }) => r.id)).toEqual([id])
    expect((await manager.get('/api/v1/registrations?assignedTo=me')).json().items).toEqual([])
  })

  it('leaves a registration no territory takes unassigned', async () => {
    const res = await mine.post('/api/v1/registrations', {
      accountName: 'Nowhere Inc',
      contact: { name: 'Dana Buyer', email: 'dana@nowhere.example' },
      amount: '1000.00',
      currency: 'USD',
      expectedCloseOn: '2026-09-30',
      country: 'US',
    })
    expect(res.statusCode, res.body).toBe(201)
    const seen = (await manager.get(`/api/v1/registrations/${res.json().id}`)).json()
    expect(seen).toMatchObject({ assignee: null, territoryId: null, routingReason: null })
    const unassigned = (await manager.get('/api/v1/registrations?assignedTo=none')).json()
    expect(unassigned.items.map((r: { id: string }) => r.id)).toContain(res.json().id)
  })

  it('routes a registration awaiting review again once a territory takes it, and only then', async () => {
    const [waiting] = (await manager.get('/api/v1/registrations?assignedTo=none')).json().items as {
      id: string
    }[]
    const again = await manager.post(`/api/v1/registrations/${waiting!.id}/reroute`, {})
    expect(again.statusCode, again.body).toBe(200)
    expect(again.json()).toMatchObject({ assignee: null, routingReason: null })
    const americas = await create({ name: 'Americas', ownerUserId: managerId, countries: ['US', 'CA'] })
    expect(americas.statusCode, americas.body).toBe(201)
    const routed = await manager.post(`/api/v1/registrations/${waiting!.id}/reroute`, {})
    expect(routed.json()).toMatchObject({
      assignee: { id: managerId },
      territoryId: americas.json().id,
      routingReason: 'routed to the Americas territory: country US',
    })
    await manager.post(`/api/v1/registrations/${waiting!.id}/reroute`, {})
    const audit = await h.testDb.database.query<{ after: { territoryId: string } }>(
      `select after from audit_log where org_id = $1 and entity_id = $2 and action = 'registration.rerouted'`,
      [orgId, waiting!.id],
    )
    // the first and the last found nothing new: only the move was written
    expect(audit.rows.map((r) => r.after.territoryId)).toEqual([americas.json().id])
    expect((await mine.post(`/api/v1/registrations/${waiting!.id}/reroute`, {})).statusCode).toBe(403)
    const rejected = await manager.post(`/api/v1/registrations/${waiting!.id}/reject`, {
      reason: 'Not a fit',
    })
    expect(rejected.statusCode, rejected.body).toBe(200)
    const closed = await manager.post(`/api/v1/registrations/${waiting!.id}/reroute`, {})
    expect(closed.statusCode).toBe(409)
    expect(closed.json().errors[0].path).toBe('status')
  })

  it('refuses partner users on every territory route', async () => {
    const [any] = (await manager.get('/api/v1/programs/territories')).json().items
    const refused = [
      await mine.get('/api/v1/programs/territories'),
      await mine.post('/api/v1/programs/territories', { name: 'Mine', ownerUserId: managerId }),
      await mine.get(`/api/v1/programs/territories/${any.id}`),
      await mine.patch(`/api/v1/programs/territories/${any.id}`, { name: 'Mine' }),
      await mine.delete(`/api/v1/programs/territories/${any.id}`),
      await mine.get('/api/v1/programs/territories/match?country=DE'),
    ]
    expect(refused.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403, 403])
  })
})
