import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../../http/test-harness'
import type { ConflictView } from './registrations.contract'

// Submitting and checking registrations: conflicts by domain, name, similar name and open deal, with
// the evidence for staff and nothing of another partner's claim for a partner; idempotent submission
// (eight identical requests at once make one); bad input named by field; who may do what.
describe('deal registration: submission and conflicts', () => {
  let h: Harness
  let orgId: string
  let manager: Client
  let own: string
  let other: string
  let mine: Client
  let theirs: Client

  const start = '2026-06-01T09:00:00Z'
  const body = (accountName: string, extra: Record<string, unknown> = {}) => ({
    accountName,
    contact: { name: 'Dana Buyer', email: 'dana@buyer.example' },
    amount: '25000.00',
    currency: 'USD',
    expectedCloseOn: '2026-09-30',
    products: ['Platform'],
    ...extra,
  })
  const submit = async (client: Client, accountName: string, extra: Record<string, unknown> = {}) => {
    const res = await client.post('/api/v1/registrations', body(accountName, extra))
    expect(res.statusCode, res.body).toBe(201)
    return res.json() as { id: string; conflicts: ConflictView[] }
  }
  const check = async (client: Client, accountName: string, domain?: string, partnerId?: string) => {
    const res = await client.post('/api/v1/registrations/check', { accountName, domain, partnerId })
    expect(res.statusCode, res.body).toBe(200)
    return res
  }

  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('registrations')
    manager = await h.signIn(orgId, 'partner_manager')
    own = (await manager.post('/api/v1/partners', { name: 'Own Resellers', type: 'reseller' })).json().id
    other = (await manager.post('/api/v1/partners', { name: 'Rival Partners', type: 'reseller' })).json().id
    mine = await h.signIn(orgId, 'partner_admin', { partnerId: own })
    theirs = await h.signIn(orgId, 'partner_member', { partnerId: other })
  })
  beforeEach(() => h.clock.set(start))
  afterAll(async () => h?.close())

  it('finds another partner’s registration by domain, name and similar name, and tells a partner nothing of who', async () => {
    const rival = await submit(theirs, 'Acme Widgets Inc', { domain: 'https://www.acme-widgets.example/' })
    expect(rival.conflicts).toEqual([])

    const byDomain = await check(mine, 'Completely Different', 'acme-widgets.example')
    const byName = await check(mine, 'ACME Widgets, LLC')
    const bySimilar = await check(mine, 'Acme Widgits')
    for (const [res, match] of [
      [byDomain, 'domain'],
      [byName, 'name'],
      [bySimilar, 'similar_name'],
    ] as const) {
      expect(res.json().conflicts).toEqual([
        {
          kind: 'registration',
          match,
          message: expect.stringMatching(
            /^Already registered by another partner \(.+\) and awaiting review$/,
          ),
          protectedUntil: null,
          evidence: null,
        },
      ])
      for (const secret of [other, 'Rival Partners', rival.id, 'Acme Widgets Inc', 'acme-widgets.example'])
        expect(res.body).not.toContain(secret)
    }
    expect((await check(mine, 'Acme Gadgets')).json().conflicts).toEqual([])
  })

  it('shows staff the evidence: the partner, the registration and how alike the names are', async () => {
    const rival = await submit(theirs, 'Initech Systems GmbH', { domain: 'initech.example' })
    const res = await check(manager, 'Initech Sytems', undefined, own)
    const [conflict] = res.json().conflicts as ConflictView[]
    expect(conflict).toMatchObject({
      kind: 'registration',
      match: 'similar_name',
      evidence: {
        accountName: 'Initech Systems GmbH',
        domain: 'initech.example',
        registration: {
          id: rival.id,
          partnerId: other,
          partnerName: 'Rival Partners',
          status: 'pending',
          amount: { amountMinor: '2500000', currency: 'USD' },
        },
        deal: null,
      },
    })
    expect(conflict!.evidence!.similarity).toBeGreaterThan(0.85)
    expect(conflict!.message).toContain('Registered by Rival Partners on 2026-06-01, awaiting review')
    expect(conflict!.message).toContain('similar name “Initech Systems GmbH”')
  })

  it('tells a partner until when an approved registration protects the account', async () => {
    const rival = await submit(theirs, 'Protected Holdings', { domain: 'protected.example' })
    const approved = await manager.post(`/api/v1/registrations/${rival.id}/approve`, {})
    expect(approved.statusCode, approved.body).toBe(200)
    const res = await check(mine, 'Protected Holdings Ltd')
    expect(res.json().conflicts[0]).toEqual({
      kind: 'registration',
      match: 'name',
      message: 'Already registered by another partner (the same name), protected until 2026-08-30',
      protectedUntil: '2026-08-30T09:00:00.000Z',
      evidence: null,
    })
    // its own registrations are no conflict to the partner who made them
    expect((await check(theirs, 'Protected Holdings')).json().conflicts).toEqual([])
  })

  it('no longer counts rejected or expired registrations as claims', async () => {
    const rival = await submit(theirs, 'Abandoned Ventures', { domain: 'abandoned.example' })
    await manager.post(`/api/v1/registrations/${rival.id}/reject`, { reason: 'Duplicate' })
    expect((await check(mine, 'Abandoned Ventures', 'abandoned.example')).json().conflicts).toEqual([])
  })

  it('finds open deals on an account by domain and name, and hides the deal from a partner', async () => {
    const account = await manager.post('/api/v1/accounts', {
      name: 'Globex Corporation',
      domain: 'globex.example',
    })
    const accountId = account.json().id
    const deal = await manager.post('/api/v1/deals', {
      name: 'Globex — Enterprise rollout',
      accountId,
      amount: '90000.00',
      currency: 'USD',
      stage: 'proposal',
    })
    expect(deal.statusCode, deal.body).toBe(201)
    await manager.post('/api/v1/deals', {
      name: 'Globex — old pilot',
      accountId,
      amount: '1000.00',
      currency: 'USD',
      status: 'lost',
      closedAt: '2026-05-01T00:00:00Z',
    })

    const staff = (await check(manager, 'Globex', 'globex.example', own)).json().conflicts as ConflictView[]
    expect(staff).toHaveLength(1)
    expect(staff[0]).toMatchObject({
      kind: 'open_deal',
      match: 'domain',
      evidence: {
        accountName: 'Globex Corporation',
        deal: { id: deal.json().id, name: 'Globex — Enterprise rollout', accountId, stage: 'proposal' },
      },
    })
    const byName = await check(mine, 'Globex Corp.')
    expect(byName.json().conflicts).toEqual([
      {
        kind: 'open_deal',
        match: 'name',
        message: 'An open opportunity already exists on this account (the same name)',
        protectedUntil: null,
        evidence: null,
      },
    ])
    expect(byName.body).not.toContain('Enterprise rollout')
    expect(byName.body).not.toContain(deal.json().id)
  })

  it('keeps the conflicts a submission met, and shows them again at review', async () => {
    await submit(theirs, 'Umbrella Labs', { domain: 'umbrella.example' })
    const mineToo = await submit(mine, 'Umbrella Labs Inc', { domain: 'umbrella.example' })
    expect(mineToo.conflicts).toHaveLength(1)
    expect(mineToo.conflicts[0]!.evidence).toBeNull()
    const detail = (await manager.get(`/api/v1/registrations/${mineToo.id}`)).json()
    expect(detail).toMatchObject({
      conflictsAtSubmission: 1,
      status: 'pending',
      partnerName: 'Own Resellers',
    })
    expect(detail.conflicts[0]).toMatchObject({
      kind: 'registration',
      match: 'domain',
      evidence: { registration: { partnerName: 'Rival Partners' } },
    })
    const asPartner = await mine.get(`/api/v1/registrations/${mineToo.id}`)
    expect(asPartner.json().conflicts[0].evidence).toBeNull()
    expect(asPartner.body).not.toContain('Rival Partners')
  })

  it('submits a registration due for review after the SLA, audited and announced', async () => {
    const res = await mine.post(
      '/api/v1/registrations',
      body('Hooli Search', { domain: 'hooli.example', notes: 'Met at the summit', products: ['A', 'B'] }),
    )
    expect(res.statusCode, res.body).toBe(201)
    const reg = res.json()
    expect(reg).toMatchObject({
      partnerId: own,
      status: 'pending',
      accountName: 'Hooli Search',
      domain: 'hooli.example',
      amount: { amountMinor: '2500000', currency: 'USD', amount: '25000.00' },
      expectedCloseOn: '2026-09-30',
      products: ['A', 'B'],
      notes: 'Met at the summit',
      submittedAt: '2026-06-01T09:00:00.000Z',
      reviewDueAt: '2026-06-03T09:00:00.000Z',
      isOverdue: false,
      conflicts: [],
    })
    const audit = await h.testDb.database.query<{ action: string }>(
      'select action from audit_log where org_id = $1 and entity_id = $2',
      [orgId, reg.id],
    )
    expect(audit.rows.map((r) => r.action)).toEqual(['registration.submitted'])
    const events = await h.testDb.database.query<{ type: string; payload: unknown }>(
      'select type, payload from events where org_id = $1 and entity_id = $2',
      [orgId, reg.id],
    )
    expect(events.rows).toEqual([
      { type: 'registration.submitted', payload: { registrationId: reg.id, partnerId: own } },
    ])
  })

  it('makes one registration of eight identical requests sent at once with one Idempotency-Key', async () => {
    const send = (b: unknown, key: string) =>
      mine.request('POST', '/api/v1/registrations', b, { 'idempotency-key': key })
    const same = await Promise.all(
      Array.from({ length: 8 }, () => send(body('Raced Industries'), 'raced-key-0001')),
    )
    expect(same.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201])
    expect(new Set(same.map((r) => r.json().id)).size).toBe(1)
    const rows = await h.testDb.database.query<{ n: number }>(
      'select count(*)::int as n from deal_registrations where org_id = $1 and account_name = $2',
      [orgId, 'Raced Industries'],
    )
    expect(rows.rows[0]!.n).toBe(1)
    const reused = await send(body('Something Else'), 'raced-key-0001')
    expect(reused.statusCode).toBe(409)
    expect(reused.json().detail).toContain('already used for another registration')
  })

  it.each([
    ['staff without a partner', 'manager', { accountName: 'X Corp' }, 422, 'partnerId'],
    ['a domain that is not one', 'mine', { domain: 'not a domain' }, 422, 'domain'],
    ['an amount of zero', 'mine', { amount: '0' }, 422, 'amount'],
    ['too many decimals for the currency', 'mine', { amount: '10.123', currency: 'JPY' }, 422, 'amount'],
    ['a name of punctuation only', 'mine', { accountName: '!!!' }, 422, 'accountName'],
    ['a close date that is no day', 'mine', { expectedCloseOn: '2026-02-30' }, 400, 'expectedCloseOn'],
    ['a contact without e-mail', 'mine', { contact: { name: 'Dana' } }, 400, 'contact.email'],
    ['another partner', 'mine', { partnerId: 'prt_01h455vb4pex5vsknk084sn02q' }, 403, 'partnerId'],
  ])('refuses %s, naming the field', async (_what, who, change, status, path) => {
    const client = who === 'manager' ? manager : mine
    const res = await client.post('/api/v1/registrations', { ...body('Field Test Co'), ...change })
    expect(res.statusCode, res.body).toBe(status)
    expect(String(res.headers['content-type'])).toContain('application/problem+json')
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
  })

  it('lets staff register for a partner and partner users see only their own', async () => {
    const forOther = await manager.post('/api/v1/registrations', {
      ...body('Staff Entered Co'),
      partnerId: other,
    })
    expect(forOther.statusCode, forOther.body).toBe(201)
    expect(forOther.json().partnerId).toBe(other)
    expect((await mine.get(`/api/v1/registrations/${forOther.json().id}`)).statusCode).toBe(404)
    const listed = (await mine.get('/api/v1/registrations?limit=200')).json()
    expect(listed.items.length).toBeGreaterThan(0)
    expect(listed.items.every((r: { partnerId: string }) => r.partnerId === own)).toBe(true)
    expect((await mine.get(`/api/v1/registrations?partnerId=${other}`)).statusCode).toBe(403)
    const staffList = (await manager.get(`/api/v1/registrations?partnerId=${other}&limit=200`)).json()
    expect(staffList.total).toBe(staffList.items.length)
    expect(staffList.items.every((r: { partnerId: string }) => r.partnerId === other)).toBe(true)
  })

  it('refuses partner users every staff decision and the settings, and analysts a submission', async () => {
    const reg = await submit(mine, 'Permission Test Co')
    for (const [path, payload] of [
      ['approve', {}],
      ['reject', { reason: 'no' }],
      ['request-info', { message: 'who?' }],
      ['extend', {}],
    ] as const) {
      const res = await mine.post(`/api/v1/registrations/${reg.id}/${path}`, payload)
      expect(res.statusCode, `${path}: ${res.body}`).toBe(403)
    }
    const settings = await mine.put('/api/v1/registrations/settings', {
      reviewSlaHours: 1,
      protectionDays: 1,
      extensionDays: 1,
      maxExtensions: 0,
    })
    expect(settings.statusCode).toBe(403)
    expect((await mine.get('/api/v1/registrations/settings')).json()).toEqual({
      reviewSlaHours: 48,
      protectionDays: 90,
      extensionDays: 30,
      maxExtensions: 2,
    })
    const analyst = await h.signIn(orgId, 'analyst')
    expect(
      (await analyst.post('/api/v1/registrations', { ...body('Analyst Co'), partnerId: own })).statusCode,
    ).toBe(403)
    expect((await analyst.get('/api/v1/registrations')).statusCode).toBe(200)
  })

  it('lists by status and search, newest first, with the total', async () => {
    const a = await submit(mine, 'Listing Alpha')
    const b = await submit(mine, 'Listing Beta', { domain: 'listing-beta.example' })
    const found = (await mine.get('/api/v1/registrations?q=listing&status=pending')).json()
    expect(found.items.map((r: { id: string }) => r.id)).toEqual([b.id, a.id])
    expect(found.total).toBe(2)
    expect((await mine.get('/api/v1/registrations?q=listing-beta')).json().total).toBe(1)
    const paged = (await mine.get('/api/v1/registrations?q=listing&limit=1')).json()
    expect(paged.items).toHaveLength(1)
    const next = (await mine.get(`/api/v1/registrations?q=listing&limit=1&cursor=${paged.nextCursor}`)).json()
    expect(next.items.map((r: { id: string }) => r.id)).toEqual([a.id])
  })
})
