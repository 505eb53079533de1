import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { listEvents } from '../../platform/events'

describe('journeys API', () => {
  let h: Harness
  let orgId: string
  let staff: Client
  let partnerId: string
  let accountId: string
  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('journeys')
    staff = await h.signIn(orgId, 'admin')
    partnerId = (await staff.post('/api/v1/partners', { name: 'Harbor Systems', type: 'reseller' })).json().id
    accountId = (await staff.post('/api/v1/accounts', { name: 'Globex', domain: 'globex.example' })).json().id
  })
  afterAll(async () => h?.close())

  const newDeal = (body: Record<string, unknown> = {}) =>
    staff.post('/api/v1/deals', {
      name: 'Globex platform',
      accountId,
      amount: '12500.50',
      currency: 'USD',
      ...body,
    })

  it('creates a deal with an exact amount in minor units and its account', async () => {
    const res = await newDeal()
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      amount: { amountMinor: '1250050', currency: 'USD', amount: '12500.50' },
      accountName: 'Globex',
      status: 'open',
      type: 'new',
      touchCount: 0,
    })
    expect((await staff.get(`/api/v1/accounts/${accountId}`)).json().dealCount).toBeGreaterThan(0)
  })

  it.each([
    [{ amount: '12.345' }, 'amount'],
    [{ amount: '10', currency: 'JPY', name: 'ok' }, null],
    [{ amount: '10.5', currency: 'JPY' }, 'amount'],
    [{ currency: 'XXY' }, 'currency'],
    [{ status: 'won' }, 'closedAt'],
    [{ status: 'won', closedAt: '2020-01-01T00:00:00Z', openedAt: '2021-01-01T00:00:00Z' }, 'closedAt'],
    [{ accountId: 'acc_nope' }, 'accountId'],
    [{ type: 'new', parentDealId: 'deal_x' }, 'parentDealId'],
    [{ openedAt: 'yesterday' }, 'openedAt'],
    [{ expectedCloseAt: 'next quarter' }, 'expectedCloseAt'],
  ])('validates %j, naming %s', async (body, path) => {
    const res = await newDeal(body)
    if (path === null) {
      expect(res.statusCode).toBe(201)
      expect(res.json().amount).toEqual({ amountMinor: '10', currency: 'JPY', amount: '10' })
    } else {
      expect(res.statusCode).toBeGreaterThanOrEqual(400)
      expect(res.statusCode).toBeLessThan(500)
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
    }
  })

  it('records partner and seller touches and returns the timeline oldest first', async () => {
    const deal = (await newDeal({ name: 'Timeline deal' })).json()
    const touch = (at: string, actor: unknown, activityType: string) =>
      staff.post('/api/v1/touchpoints', { dealId: deal.id, actor, activityType, occurredAt: at })
    expect((await touch('2026-05-03T10:00:00Z', { kind: 'partner', partnerId }, 'demo')).statusCode).toBe(201)
    expect((await touch('2026-05-01T10:00:00Z', { kind: 'partner', partnerId }, 'referral')).statusCode).toBe(
      201,
    )
    expect(
      (await touch('2026-05-02T10:00:00Z', { kind: 'direct', seller: 'ae@vendor.example' }, 'proposal'))
        .statusCode,
    ).toBe(201)
    const detail = (await staff.get(`/api/v1/deals/${deal.id}`)).json()
    expect(detail.touchCount).toBe(3)
    expect(detail.partnerIds).toEqual([partnerId])
    expect(detail.touchpoints.map((t: { activityLabel: string }) => t.activityLabel)).toEqual([
      'Referral',
      'Proposal',
      'Demo',
    ])
    expect(detail.touchpoints[0].actor).toEqual({
      kind: 'partner',
      partnerId,
      partnerName: 'Harbor Systems',
      partnerType: 'reseller',
    })
    expect(detail.touchpoints[1].actor).toEqual({ kind: 'direct', seller: 'ae@vendor.example' })
    const events = await listEvents(h.testDb.database.db, orgId, 'touchpoint.recorded')
    expect(events.filter((e) => e.payload.dealId === deal.id)).toHaveLength(3)
  })

  it('upserts a touch by source and external id: a retried import neither duplicates nor re-announces it', async () => {
    const deal = (await newDeal({ name: 'Idempotent deal' })).json()
    const body = {
      dealId: deal.id,
      actor: { kind: 'partner', partnerId },
      activityType: 'demo',
      occurredAt: '2026-05-05T09:00:00Z',
      source: 'hubspot',
      externalId: 'eng-42',
    }
    const first = await staff.post('/api/v1/touchpoints', body)
    const retry = await staff.post('/api/v1/touchpoints', body)
    expect(first.statusCode).toBe(201)
    expect(retry.statusCode).toBe(200)
    expect(retry.json()).toMatchObject({ id: first.json().id, created: false })
    const changed = await staff.post('/api/v1/touchpoints', { ...body, activityType: 'co_sell_meeting' })
    expect(changed.json()).toMatchObject({
      id: first.json().id,
      activityType: 'co_sell_meeting',
      created: false,
    })
    expect((await staff.get(`/api/v1/touchpoints?dealId=${deal.id}`)).json().items).toHaveLength(1)
    const events = (await listEvents(h.testDb.database.db, orgId, 'touchpoint.recorded')).filter(
      (e) => e.payload.dealId === deal.id,
    )
    expect(events).toHaveLength(2)
  })

  it('upserts accounts and deals by source and external id, so a re-run import changes rather than duplicates', async () => {
    const account = { name: 'Initech', source: 'salesforce', externalId: '001A' }
    const a1 = await staff.post('/api/v1/accounts', account)
    const a2 = await staff.post('/api/v1/accounts', { ...account, domain: 'initech.example' })
    expect([a1.statusCode, a2.statusCode]).toEqual([201, 200])
    expect(a2.json()).toMatchObject({ id: a1.json().id, domain: 'initech.example' })
    const deal = {
      name: 'Initech renewal',
      amount: '900.00',
      currency: 'EUR',
      source: 'salesforce',
      externalId: '006B',
    }
    const d1 = await staff.post('/api/v1/deals', deal)
    const d2 = await staff.post('/api/v1/deals', { ...deal, amount: '950.00' })
    expect([d1.statusCode, d2.statusCode]).toEqual([201, 200])
    expect(d2.json()).toMatchObject({ id: d1.json().id, amount: { amountMinor: '95000', currency: 'EUR' } })
    const found = (await staff.get('/api/v1/deals?q=Initech%20renewal')).json().items
    expect(found).toHaveLength(1)
  })

  it('refuses a touch with an unknown partner, deal or activity type, naming the field', async () => {
    const deal = (await newDeal({ name: 'Bad touches' })).json()
    const base = {
      dealId: deal.id,
      actor: { kind: 'partner', partnerId },
      activityType: 'demo',
      occurredAt: '2026-05-05T09:00:00Z',
    }
    const cases: [Record<string, unknown>, string][] = [
      [{ actor: { kind: 'partner', partnerId: 'prt_unknown' } }, 'actor.partnerId'],
      [{ dealId: 'deal_unknown' }, 'dealId'],
      [{ activityType: 'telepathy' }, 'activityType'],
      [{ occurredAt: '5 May' }, 'occurredAt'],
      [{ actor: { kind: 'robot' } }, 'actor.kind'],
    ]
    for (const [override, path] of cases) {
      const res = await staff.post('/api/v1/touchpoints', { ...base, ...override })
      expect(res.statusCode, JSON.stringify(override)).toBeLessThan(500)
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
    }
  })

  it('closes a deal as won, announcing the change, and reopening clears the close date', async () => {
    const deal = (await newDeal({ name: 'Closing deal' })).json()
    const won = await staff.patch(`/api/v1/deals/${deal.id}`, {
      status: 'won',
      stage: 'closed_won',
      closedAt: '2026-06-10T00:00:00Z',
    })
    expect(won.json()).toMatchObject({ status: 'won', closedAt: '2026-06-10T00:00:00.000Z' })
    const reopened = await staff.patch(`/api/v1/deals/${deal.id}`, { status: 'open' })
    expect(reopened.json()).toMatchObject({ status: 'open', closedAt: null })
    const changes = (await listEvents(h.testDb.database.db, orgId, 'deal.changed')).filter(
      (e) => e.entityId === deal.id,
    )
    expect(changes.map((e) => e.payload.status)).toEqual(['won', 'open'])
  })

  it("keeps an open deal's expected close date until it is changed or cleared", async () => {
    const deal = (await newDeal({ name: 'Expected deal', expectedCloseAt: '2026-12-15T00:00:00Z' })).json()
    expect(deal.expectedCloseAt).toBe('2026-12-15T00:00:00.000Z')
    const staged = await staff.patch(`/api/v1/deals/${deal.id}`, { stage: 'proposal' })
    expect(staged.json()).toMatchObject({ stage: 'proposal', expectedCloseAt: '2026-12-15T00:00:00.000Z' })
    const slipped = await staff.patch(`/api/v1/deals/${deal.id}`, { expectedCloseAt: '2027-01-20T00:00:00Z' })
    expect(slipped.json().expectedCloseAt).toBe('2027-01-20T00:00:00.000Z')
    const cleared = await staff.patch(`/api/v1/deals/${deal.id}`, { expectedCloseAt: null })
    expect(cleared.json().expectedCloseAt).toBeNull()
  })

  it('links renewals to their parent deal', async () => {
    const parent = (
      await newDeal({
        name: 'Year one',
        status: 'won',
        closedAt: '2026-01-01T00:00:00Z',
        openedAt: '2025-11-01T00:00:00Z',
      })
    ).json()
    const renewal = await newDeal({ name: 'Year two', type: 'renewal', parentDealId: parent.id })
    expect(renewal.json()).toMatchObject({ type: 'renewal', parentDealId: parent.id })
  })

  it('lists deals newest opened first, page after page, whatever order they were recorded in', async () => {
    const scoped = await h.signIn(await h.createOrg('ordering'), 'admin')
    for (const day of ['2026-03-01', '2025-07-15', '2026-05-20', '2024-12-31', '2026-01-10']) {
      await scoped.post('/api/v1/deals', {
        name: `Opened ${day}`,
        amount: '1',
        currency: 'USD',
        openedAt: `${day}T00:00:00Z`,
      })
    }
    const names: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = (
        await scoped.get(`/api/v1/deals?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()
      names.push(...page.items.map((d) => d.name))
      cursor = page.nextCursor
    } while (cursor)
    expect(names).toEqual([
      'Opened 2026-05-20',
      'Opened 2026-03-01',
      'Opened 2026-01-10',
      'Opened 2025-07-15',
      'Opened 2024-12-31',
    ])
    const bad = await scoped.get('/api/v1/deals?cursor=not-a-cursor')
    expect(bad.statusCode).toBe(422)
    expect(bad.json().errors[0].path).toBe('query.cursor')
  })

  it('filters deals by touching partner and searches by account name', async () => {
    const byPartner = (await staff.get(`/api/v1/deals?partnerId=${partnerId}`)).json().items
    expect(byPartner.length).toBeGreaterThan(0)
    expect(byPartner.every((d: { partnerIds: string[] }) => d.partnerIds.includes(partnerId))).toBe(true)
    const found = (await staff.get('/api/v1/deals?q=globex&limit=200')).json().items
    expect(found.length).toBeGreaterThan(3)
  })

  it('removes a touch recorded in error, keeping it in the audit log', async () => {
    const deal = (await newDeal({ name: 'Removal' })).json()
    const touch = (
      await staff.post('/api/v1/touchpoints', {
        dealId: deal.id,
        actor: { kind: 'partner', partnerId },
        activityType: 'quote',
        occurredAt: '2026-05-06T09:00:00Z',
      })
    ).json()
    expect((await staff.delete(`/api/v1/touchpoints/${touch.id}`)).statusCode).toBe(204)
    expect((await staff.get(`/api/v1/deals/${deal.id}`)).json().touchpoints).toEqual([])
    const { rows } = await h.testDb.database.query<{ before: { activityType: string } }>(
      "select before from audit_log where entity_id = $1 and action = 'touchpoint.removed'",
      [touch.id],
    )
    expect(rows[0]!.before.activityType).toBe('quote')
  })

  it('lets an admin add and switch off activity types; a switched-off type takes no new touches', async () => {
    expect(
      (await staff.post('/api/v1/activity-types', { key: 'webinar', label: 'Webinar' })).statusCode,
    ).toBe(201)
    expect((await staff.post('/api/v1/activity-types', { key: 'webinar', label: 'Again' })).statusCode).toBe(
      409,
    )
    const keys = (await staff.get('/api/v1/activity-types')).json().items.map((t: { key: string }) => t.key)
    expect(keys).toEqual(
      expect.arrayContaining([
        'referral',
        'deal_registration',
        'demo',
        'co_sell_meeting',
        'integration_install',
        'content_share',
        'training',
        'proposal',
        'quote',
        'webinar',
      ]),
    )
    await staff.patch('/api/v1/activity-types/webinar', { isActive: false })
    const deal = (await newDeal({ name: 'Webinar deal' })).json()
    const res = await staff.post('/api/v1/touchpoints', {
      dealId: deal.id,
      actor: { kind: 'direct', seller: 'x' },
      activityType: 'webinar',
      occurredAt: '2026-05-06T09:00:00Z',
    })
    expect(res.json().errors[0].message).toMatch(/switched off/)
  })

  it.each([
    ['/api/v1/accounts', { name: 'No source' }],
    ['/api/v1/deals', { name: 'No source', amount: '1.00', currency: 'USD' }],
    ['/api/v1/partners', { name: 'No source', type: 'agency' }],
  ])('%s refuses an externalId without its source, naming source', async (url, body) => {
    const res = await staff.post(url, { ...body, externalId: 'ext-1' })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['source'])
  })
})
