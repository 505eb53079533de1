import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { answerOf, type Client, createHarness, type Harness } from '../../../http/test-harness'
import type { LeadDetailView } from './leads.contract'

// Creating and reading leads: routing to the owner of the most specific territory with the reason, the
// other territories that take it listed as an overlap, unassigned with a reason when none does;
// idempotent creation by Idempotency-Key and by source id (eight identical requests at once make one);
// bad input named by field; the list's filters; partner users refused everywhere.
describe('leads: creation, routing and reading', () => {
  let h: Harness
  let orgId: string
  let manager: Client
  let dachOwner: Client
  let managerId: string
  let dachOwnerId: string
  let partner: Client
  let dach: { id: string }
  let germany: { id: string }

  const idOf = async (client: Client) => (await client.get('/api/v1/me')).json().user.id as string
  const lead = (companyName: string, extra: Record<string, unknown> = {}) => ({
    companyName,
    contactName: 'Dana Prospect',
    contactEmail: 'Dana@Prospect.example',
    source: 'web',
    ...extra,
  })
  const create = (client: Client, companyName: string, extra: Record<string, unknown> = {}) =>
    answerOf<LeadDetailView>(client.post('/api/v1/leads', lead(companyName, extra)), 201)
  const territory = (body: Record<string, unknown>) =>
    answerOf<{ id: string }>(manager.post('/api/v1/programs/territories', body), 201)
  const countOf = async (sql: string, params: unknown[]) =>
    (await h.testDb.database.query<{ n: number }>(sql, params)).rows[0]!.n

  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('leads')
    manager = await h.signIn(orgId, 'partner_manager')
    dachOwner = await h.signIn(orgId, 'partner_manager')
    managerId = await idOf(manager)
    dachOwnerId = await idOf(dachOwner)
    const own = (await manager.post('/api/v1/partners', { name: 'Own', type: 'reseller' })).json().id
    partner = await h.signIn(orgId, 'partner_admin', { partnerId: own })
    germany = await territory({ name: 'Germany', ownerUserId: managerId, countries: ['DE'] })
    dach = await territory({
      name: 'DACH',
      ownerUserId: dachOwnerId,
      countries: ['DE', 'AT', 'CH'],
      industries: ['Software'],
    })
  })
  beforeEach(() => h.clock.set('2026-06-01T09:00:00Z'))
  afterAll(async () => h?.close())

  it('routes a lead to the owner of the most specific territory, with the reason, audited and announced', async () => {
    const created = await create(manager, 'Routed GmbH', {
      domain: 'https://www.Routed.example/contact',
      country: 'DE',
      industry: 'software',
      notes: 'Asked for a demo',
    })
    expect(created).toMatchObject({
      companyName: 'Routed GmbH',
      domain: 'routed.example',
      contactEmail: 'dana@prospect.example',
      status: 'new',
      source: 'web',
      assignee: { id: dachOwnerId, name: 'partner_manager user' },
      territoryId: dach.id,
      routingReason: 'routed to the DACH territory: country DE, industry Software',
      dealId: null,
      createdAt: '2026-06-01T09:00:00.000Z',
    })
    expect(created.id).toMatch(/^lead_/)
    const audit = await h.testDb.database.query<{ action: string }>(
      'select action from audit_log where org_id = $1 and entity_id = $2',
      [orgId, created.id],
    )
    expect(audit.rows.map((r) => r.action)).toEqual(['lead.created'])
    const events = await h.testDb.database.query<{ type: string; payload: unknown }>(
      'select type, payload from events where org_id = $1 and entity_id = $2',
      [orgId, created.id],
    )
    expect(events.rows).toEqual([
      {
        type: 'lead.created',
        payload: { leadId: created.id, assignedTo: dachOwnerId, territoryId: dach.id },
      },
    ])
  })

  it('lists the other territories that take the lead as an overlap', async () => {
    const created = await create(manager, 'Overlap AG', { country: 'DE', industry: 'Software' })
    const detail = await answerOf<LeadDetailView>(manager.get(`/api/v1/leads/${created.id}`))
    expect(detail.territoryId).toBe(dach.id)
    expect(detail.otherTerritories).toEqual([
      {
        territoryId: germany.id,
        territoryName: 'Germany',
        owner: { id: managerId, name: 'partner_manager user' },
        reason: 'country DE',
      },
    ])
    const single = await create(manager, 'Only Germany GmbH', { country: 'DE', industry: 'Retail' })
    expect(single).toMatchObject({
      assignee: { id: managerId },
      routingReason: 'routed to the Germany territory: country DE',
      otherTerritories: [],
    })
  })

  it('leaves a lead no territory takes unassigned, saying why', async () => {
    const nowhere = await create(manager, 'Nowhere Inc', { country: 'US', industry: 'Retail' })
    expect(nowhere).toMatchObject({
      assignee: null,
      territoryId: null,
      routingReason: 'unassigned: no active territory takes country US, industry Retail',
      otherTerritories: [],
    })
    const bare = await create(manager, 'Bare Facts Ltd')
    expect(bare.routingReason).toBe('unassigned: no country, region, industry or domain to route it by')
    const unassigned = (await manager.get('/api/v1/leads?assignedTo=none&limit=200')).json()
    expect(unassigned.items.map((l: { id: string }) => l.id)).toEqual(
      expect.arrayContaining([nowhere.id, bare.id]),
    )
    expect(unassigned.items.every((l: { assignee: null }) => l.assignee === null)).toBe(true)
  })

  it('makes one lead of eight identical requests sent at once with one Idempotency-Key', async () => {
    const send = (body: unknown, key: string) =>
      manager.request('POST', '/api/v1/leads', body, { 'idempotency-key': key })
    const same = await Promise.all(
      Array.from({ length: 8 }, () => send(lead('Raced Leads Co', { country: 'AT' }), 'lead-race-0001')),
    )
    expect(same.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201])
    expect(new Set(same.map((r) => r.json().id)).size).toBe(1)
    const sql = 'select count(*)::int as n from leads where org_id = $1 and company_name = $2'
    expect(await countOf(sql, [orgId, 'Raced Leads Co'])).toBe(1)
    expect(
      await countOf(
        "select count(*)::int as n from audit_log where org_id = $1 and action = 'lead.created' and entity_id = $2",
        [orgId, same[0]!.json().id],
      ),
    ).toBe(1)
    const reused = await send(lead('Something Else'), 'lead-race-0001')
    expect(reused.statusCode).toBe(409)
    expect(reused.json().detail).toContain('already used for another lead')
  })

  it('makes one lead of eight identical requests at once with one source id, and refuses other fields', async () => {
    const body = lead('Imported Prospect', { source: 'event', externalId: 'badge-0042' })
    const same = await Promise.all(Array.from({ length: 8 }, () => manager.post('/api/v1/leads', body)))
    expect(same.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201])
    expect(new Set(same.map((r) => r.json().id)).size).toBe(1)
    const sql = 'select count(*)::int as n from leads where org_id = $1 and external_id = $2'
    expect(await countOf(sql, [orgId, 'badge-0042'])).toBe(1)
    // another source may use the same id
    await create(manager, 'Imported Prospect', { source: 'api', externalId: 'badge-0042' })
    const changed = await manager.post('/api/v1/leads', { ...body, companyName: 'Renamed Prospect' })
    expect(changed.statusCode, changed.body).toBe(409)
    expect(changed.json().errors[0].path).toBe('externalId')
  })

  it.each([
    ['a domain that is not one', { domain: 'not a domain' }, 422, 'domain'],
    ['an unknown country code', { country: 'XX' }, 400, 'country'],
    ['no source', { source: '' }, 400, 'source'],
    [
      'a source that is a sentence',
      { source: 'a very long source that is no short word at all' },
      400,
      'source',
    ],
    ['a contact e-mail that is not one', { contactEmail: 'dana' }, 400, 'contactEmail'],
    ['no company name', { companyName: '  ' }, 400, 'companyName'],
  ])('refuses %s, naming the field', async (_what, change, status, path) => {
    const res = await manager.post('/api/v1/leads', { ...lead('Field Test Co'), ...change })
    expect(res.statusCode, res.body).toBe(status)
    expect(String(res.headers['content-type'])).toContain('application/problem+json')
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
  })

  it('lists by status, assignee and search, newest first, with the total and pages', async () => {
    const a = await create(manager, 'Listing Alpha', { country: 'DE', industry: 'Software' })
    const b = await create(manager, 'Listing Beta', { domain: 'listing-beta.example', country: 'DE' })
    const found = (await manager.get('/api/v1/leads?q=listing&status=new')).json()
    expect(found.items.map((l: { id: string }) => l.id)).toEqual([b.id, a.id])
    expect(found.total).toBe(2)
    expect((await manager.get('/api/v1/leads?q=listing-beta')).json().total).toBe(1)
    const mine = (await manager.get('/api/v1/leads?q=listing&assignedTo=me')).json()
    expect(mine.items.map((l: { id: string }) => l.id)).toEqual([b.id])
    const theirs = (await manager.get(`/api/v1/leads?q=listing&assignedTo=${dachOwnerId}`)).json()
    expect(theirs.items.map((l: { id: string }) => l.id)).toEqual([a.id])
    expect((await dachOwner.get('/api/v1/leads?q=listing&assignedTo=me')).json().total).toBe(1)
    expect((await manager.get('/api/v1/leads?q=listing&status=working')).json().total).toBe(0)
    const paged = (await manager.get('/api/v1/leads?q=listing&limit=1')).json()
    expect(paged.items.map((l: { id: string }) => l.id)).toEqual([b.id])
    const next = (await manager.get(`/api/v1/leads?q=listing&limit=1&cursor=${paged.nextCursor}`)).json()
    expect(next.items.map((l: { id: string }) => l.id)).toEqual([a.id])
    expect(next.nextCursor).toBeNull()
  })

  it('refuses partner users on every lead route', async () => {
    const any = await create(manager, 'Partner Proof Co', { country: 'DE' })
    const refused = [
      await partner.get('/api/v1/leads'),
      await partner.post('/api/v1/leads', lead('Partner Made Co')),
      await partner.get(`/api/v1/leads/${any.id}`),
      await partner.post(`/api/v1/leads/${any.id}/reroute`, {}),
      await partner.post(`/api/v1/leads/${any.id}/assign`, { userId: managerId }),
      await partner.post(`/api/v1/leads/${any.id}/status`, { status: 'working' }),
    ]
    expect(refused.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403, 403])
    expect(refused.every((r) => String(r.headers['content-type']).includes('application/problem+json'))).toBe(
      true,
    )
  })

  it('lets analysts and read keys read leads but not write them, and a read-write key create one', async () => {
    const analyst = await h.signIn(orgId, 'analyst')
    expect((await analyst.get('/api/v1/leads')).statusCode).toBe(200)
    expect((await analyst.post('/api/v1/leads', lead('Analyst Co'))).statusCode).toBe(403)
    const readKey = await h.apiKey(orgId, 'read')
    expect((await readKey.get('/api/v1/leads')).statusCode).toBe(200)
    expect((await readKey.post('/api/v1/leads', lead('Read Key Co'))).statusCode).toBe(403)
    const writeKey = await h.apiKey(orgId, 'read_write')
    const made = await answerOf<LeadDetailView>(
      writeKey.post(
        '/api/v1/leads',
        lead('Integration Co', { source: 'api', country: 'CH', industry: 'Software' }),
      ),
      201,
    )
    expect(made).toMatchObject({
      assignee: { id: dachOwnerId },
      createdBy: expect.stringMatching(/^api_key:/),
    })
  })
})
