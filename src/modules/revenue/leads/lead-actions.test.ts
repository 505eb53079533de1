import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerOf, type Client, createHarness, type Harness } from '../../../http/test-harness'
import type { LeadDetailView } from './leads.contract'

// What staff do with a lead: route it again after territories changed (and write nothing when nothing
// changes), assign it to a staff user of the org (and only one), and move it along new → working →
// converted (into a deal of the org) | disqualified (with the reason); every other move refused naming
// the status. Each change audited with before and after, and announced.
describe('leads: rerouting, assigning and the workflow', () => {
  let h: Harness
  let orgId: string
  let manager: Client
  let managerId: string
  let ownerId: string
  let partnerUserId: string
  let dealId: string
  let otherOrgDealId: string

  const idOf = async (client: Client) => (await client.get('/api/v1/me')).json().user.id as string
  const create = (companyName: string, extra: Record<string, unknown> = {}) =>
    answerOf<LeadDetailView>(manager.post('/api/v1/leads', { companyName, source: 'event', ...extra }), 201)
  const act = (id: string, action: string, body: unknown = {}) =>
    manager.post(`/api/v1/leads/${id}/${action}`, body)
  const moveTo = (id: string, body: Record<string, unknown>) =>
    answerOf<LeadDetailView>(act(id, 'status', body))
  const auditOf = async (id: string) =>
    (
      await h.testDb.database.query<{ action: string; before: unknown; after: unknown }>(
        'select action, before, after from audit_log where org_id = $1 and entity_id = $2 order by seq',
        [orgId, id],
      )
    ).rows
  const eventsOf = async (id: string) =>
    (
      await h.testDb.database.query<{ type: string; payload: unknown }>(
        'select type, payload from events where org_id = $1 and entity_id = $2 order by id',
        [orgId, id],
      )
    ).rows
  const dealIn = async (client: Client, name: string) => {
    const account = await answerOf<{ id: string }>(
      client.post('/api/v1/accounts', { name: `${name} account`, domain: `${name.toLowerCase()}.example` }),
      201,
    )
    const deal = await client.post('/api/v1/deals', {
      name,
      accountId: account.id,
      amount: '5000.00',
      currency: 'USD',
    })
    expect(deal.statusCode, deal.body).toBe(201)
    return deal.json().id as string
  }
  const expectRefused = (
    res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
    status: number,
    path: string,
  ) => {
    expect(res.statusCode).toBe(status)
    expect(String(res.headers['content-type'])).toContain('application/problem+json')
    expect((res.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(path)
  }

  beforeAll(async () => {
    h = await createHarness()
    h.clock.set('2026-06-01T09:00:00Z')
    orgId = await h.createOrg('lead-actions')
    manager = await h.signIn(orgId, 'partner_manager')
    managerId = await idOf(manager)
    const owner = await h.signIn(orgId, 'owner')
    ownerId = await idOf(owner)
    const partnerId = (await manager.post('/api/v1/partners', { name: 'Own', type: 'reseller' })).json().id
    partnerUserId = await idOf(await h.signIn(orgId, 'partner_member', { partnerId }))
    dealId = await dealIn(manager, 'Converted')
    const otherOrg = await h.createOrg('lead-actions-other')
    otherOrgDealId = await dealIn(await h.signIn(otherOrg, 'partner_manager'), 'Elsewhere')
  })
  afterAll(async () => h?.close())

  it('routes a lead again once a territory takes it, and writes nothing when the routing stays', async () => {
    const lead = await create('Later Routed Inc', { country: 'CA', region: 'Americas' })
    expect(lead.assignee).toBeNull()
    const same = await answerOf<LeadDetailView>(act(lead.id, 'reroute'))
    expect(same.updatedAt).toBe(lead.updatedAt)
    const americas = await answerOf<{ id: string }>(
      manager.post('/api/v1/programs/territories', {
        name: 'Americas',
        ownerUserId: managerId,
        regions: ['Americas'],
      }),
      201,
    )
    h.clock.set('2026-06-02T09:00:00Z')
    const routed = await answerOf<LeadDetailView>(act(lead.id, 'reroute'))
    expect(routed).toMatchObject({
      assignee: { id: managerId },
      territoryId: americas.id,
      routingReason: 'routed to the Americas territory: region Americas',
      updatedAt: '2026-06-02T09:00:00.000Z',
    })
    await answerOf(act(lead.id, 'reroute'))
    const audit = await auditOf(lead.id)
    expect(audit.map((a) => a.action)).toEqual(['lead.created', 'lead.rerouted'])
    expect(audit[1]).toMatchObject({
      before: { assignedTo: null, territoryId: null },
      after: { assignedTo: managerId, territoryId: americas.id },
    })
    expect((await eventsOf(lead.id)).map((e) => e.type)).toEqual(['lead.created', 'lead.routed'])
  })

  it('assigns a lead to a staff user by hand, audited, and writes nothing when it is theirs already', async () => {
    const lead = await create('Hand Picked Ltd')
    const assigned = await answerOf<LeadDetailView>(act(lead.id, 'assign', { userId: ownerId }))
    expect(assigned).toMatchObject({
      assignee: { id: ownerId, name: 'owner user' },
      territoryId: null,
      routingReason: 'assigned by hand to owner user',
    })
    await answerOf(act(lead.id, 'assign', { userId: ownerId }))
    const mine = (await manager.get(`/api/v1/leads?assignedTo=${ownerId}`)).json()
    expect(mine.items.map((l: { id: string }) => l.id)).toEqual([lead.id])
    const unassigned = await answerOf<LeadDetailView>(act(lead.id, 'assign', { userId: null }))
    expect(unassigned).toMatchObject({ assignee: null, routingReason: 'unassigned by hand' })
    const audit = await auditOf(lead.id)
    expect(audit.map((a) => a.action)).toEqual(['lead.created', 'lead.assigned', 'lead.assigned'])
    expect(audit[1]).toMatchObject({ before: { assignedTo: null }, after: { assignedTo: ownerId } })
    expect((await eventsOf(lead.id)).at(-1)).toEqual({
      type: 'lead.routed',
      payload: { leadId: lead.id, assignedTo: null, territoryId: null, fromAssignedTo: ownerId, how: 'hand' },
    })
  })

  it.each([
    ['a partner user', () => partnerUserId],
    ['a user of no org', () => 'usr_01h455vb4pex5vsknk084sn02q'],
  ])('refuses to assign a lead to %s, naming userId', async (_who, userOf) => {
    const lead = await create('Assign Refused Co')
    expectRefused(await act(lead.id, 'assign', { userId: userOf() }), 422, 'userId')
    expectRefused(await act(lead.id, 'assign', { userId: 'not an id' }), 400, 'userId')
    expect((await auditOf(lead.id)).map((a) => a.action)).toEqual(['lead.created'])
  })

  it('moves a lead from new to working to converted, linking the deal, audited and announced', async () => {
    const lead = await create('Converting Co')
    expect((await moveTo(lead.id, { status: 'working' })).status).toBe('working')
    const converted = await moveTo(lead.id, { status: 'converted', dealId })
    expect(converted).toMatchObject({ status: 'converted', dealId, dealName: 'Converted' })
    expect((await auditOf(lead.id)).map((a) => [a.action, a.before, a.after])).toEqual([
      ['lead.created', null, expect.anything()],
      [
        'lead.status_changed',
        { status: 'new', dealId: null, disqualifiedReason: null },
        { status: 'working', dealId: null, disqualifiedReason: null },
      ],
      [
        'lead.status_changed',
        { status: 'working', dealId: null, disqualifiedReason: null },
        { status: 'converted', dealId, disqualifiedReason: null },
      ],
    ])
    expect((await eventsOf(lead.id)).at(-1)).toEqual({
      type: 'lead.status_changed',
      payload: { leadId: lead.id, status: 'converted', from: 'working', dealId },
    })
  })

  it('converts only into a deal of the org, naming dealId otherwise', async () => {
    const lead = await create('Deal Checked Co')
    await moveTo(lead.id, { status: 'working' })
    expectRefused(await act(lead.id, 'status', { status: 'converted' }), 422, 'dealId')
    expectRefused(
      await act(lead.id, 'status', { status: 'converted', dealId: otherOrgDealId }),
      422,
      'dealId',
    )
    expectRefused(
      await act(lead.id, 'status', { status: 'converted', dealId: 'deal_01h455vb4pex5vsknk084sn02q' }),
      422,
      'dealId',
    )
    expectRefused(await act(lead.id, 'status', { status: 'converted', dealId: 'nope' }), 400, 'dealId')
    expect((await answerOf<LeadDetailView>(manager.get(`/api/v1/leads/${lead.id}`))).status).toBe('working')
  })

  it('disqualifies a working lead only with a reason', async () => {
    const lead = await create('Disqualified Co')
    await moveTo(lead.id, { status: 'working' })
    expectRefused(await act(lead.id, 'status', { status: 'disqualified' }), 422, 'reason')
    expectRefused(await act(lead.id, 'status', { status: 'disqualified', reason: '   ' }), 422, 'reason')
    const done = await moveTo(lead.id, { status: 'disqualified', reason: 'A student project' })
    expect(done).toMatchObject({
      status: 'disqualified',
      disqualifiedReason: 'A student project',
      dealId: null,
    })
  })

  it('disqualifies a new lead straight away, without working it first', async () => {
    const lead = await create('Spam Co')
    expect(await moveTo(lead.id, { status: 'disqualified', reason: 'Spam' })).toMatchObject({
      status: 'disqualified',
      disqualifiedReason: 'Spam',
    })
  })

  it.each([
    ['new', 'new', {}],
    ['new', 'converted', { dealId: 'from-deal' }],
    ['working', 'working', {}],
    ['working', 'new', {}],
    ['converted', 'working', {}],
    ['converted', 'disqualified', { reason: 'Changed our minds' }],
    ['disqualified', 'working', {}],
    ['disqualified', 'converted', { dealId: 'from-deal' }],
  ] as const)('refuses to move a %s lead to %s with 409 naming status', async (from, to, extra) => {
    const lead = await create(`Refused ${from} to ${to}`)
    if (from !== 'new') await moveTo(lead.id, { status: 'working' })
    if (from === 'converted') await moveTo(lead.id, { status: 'converted', dealId })
    if (from === 'disqualified') await moveTo(lead.id, { status: 'disqualified', reason: 'No budget' })
    const before = await auditOf(lead.id)
    const body = { status: to, ...extra, ...('dealId' in extra ? { dealId } : {}) }
    expectRefused(await act(lead.id, 'status', body), 409, 'status')
    expect(await auditOf(lead.id)).toEqual(before)
  })

  it('refuses to route or assign a closed lead, naming status', async () => {
    const lead = await create('Closed Co')
    await moveTo(lead.id, { status: 'working' })
    await moveTo(lead.id, { status: 'disqualified', reason: 'Duplicate' })
    expectRefused(await act(lead.id, 'reroute'), 409, 'status')
    expectRefused(await act(lead.id, 'assign', { userId: managerId }), 409, 'status')
  })

  it('answers 404 for a lead of another org or none', async () => {
    const other = await h.signIn(await h.createOrg('lead-actions-stranger'), 'owner')
    const lead = await create('Private Co')
    for (const res of [
      await other.get(`/api/v1/leads/${lead.id}`),
      await other.post(`/api/v1/leads/${lead.id}/reroute`, {}),
      await other.post(`/api/v1/leads/${lead.id}/status`, { status: 'working' }),
      await manager.get('/api/v1/leads/lead_01h455vb4pex5vsknk084sn02q'),
    ])
      expect(res.statusCode).toBe(404)
  })
})
