import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../../http/live-harness'
import type { Client, Harness } from '../../../http/test-harness'
import { creditsModule } from '../../credits'
import type { RegistrationDetailView } from './registrations.contract'
import { expireRegistrations } from './review.service'

// The review of registrations: approval creates (or links) the deal and the partner's registration
// touch once, even when approved twice at once, and the touch earns the partner credit; rejection,
// questions and answers, extension and expiry move the status only where allowed, each audited,
// announced and mailed; overdue and inactivity are flagged in lists.
describe('deal registration: review', () => {
  let live: LiveHarness
  let h: Harness
  let staff: Client
  let orgId: string
  let partnerId: string
  let partner: Client
  /** Sessions end after weeks of the test clock; an API key reads on. */
  let key: Client

  const start = '2026-06-01T09:00:00Z'
  const day = 86_400_000
  const submit = async (accountName: string, extra: Record<string, unknown> = {}) => {
    const res = await partner.post('/api/v1/registrations', {
      accountName,
      contact: { name: 'Dana Buyer', email: 'dana@buyer.example' },
      amount: '40000.00',
      currency: 'USD',
      expectedCloseOn: '2026-10-31',
      products: ['Enterprise'],
      ...extra,
    })
    expect(res.statusCode, res.body).toBe(201)
    return res.json() as { id: string; submittedAt: string }
  }
  const act = async (id: string, action: string, body: Record<string, unknown> = {}, status = 200) => {
    const res = await staff.post(`/api/v1/registrations/${id}/${action}`, body)
    expect(res.statusCode, res.body).toBe(status)
    return res.json() as RegistrationDetailView
  }
  const count = async (sql: string, params: unknown[]) =>
    (await h.testDb.database.query<{ n: number }>(sql, params)).rows[0]!.n
  const mailTo = async (to: string) =>
    (
      await h.testDb.database.query<{ subject: string; text: string }>(
        'select subject, text from mail_outbox where org_id = $1 and "to" = $2 order by id',
        [orgId, to],
      )
    ).rows

  beforeAll(async () => {
    live = await createLiveHarness('registration-review', [creditsModule])
    ;({ h, orgId } = live)
    staff = live.admin
    partnerId = (
      await staff.post('/api/v1/partners', { name: 'Registering Reseller', type: 'reseller' })
    ).json().id
    partner = await h.signIn(orgId, 'partner_admin', { partnerId, email: 'seller@registering.example' })
    key = await h.apiKey(orgId, 'read_write')
  })
  beforeEach(() => h.clock.set(start))
  afterAll(async () => live?.close())

  it('approves once when approved twice at once: one account, one deal, one registration touch', async () => {
    const reg = await submit('Massive Dynamic', { domain: 'massive.example' })
    h.clock.advance(3_600_000)
    const both = await Promise.all([
      staff.post(`/api/v1/registrations/${reg.id}/approve`, { note: 'Welcome' }),
      staff.post(`/api/v1/registrations/${reg.id}/approve`, {}),
    ])
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409])
    const approved = both.find((r) => r.statusCode === 200)!.json() as RegistrationDetailView
    expect(approved).toMatchObject({
      status: 'approved',
      decidedAt: '2026-06-01T10:00:00.000Z',
      protectedUntil: '2026-08-30T10:00:00.000Z',
      reviewDueAt: null,
      isInactive: false,
    })
    const ref = [orgId, reg.id]
    expect(
      await count(`select count(*)::int as n from deals where org_id = $1 and external_id = $2`, ref),
    ).toBe(1)
    expect(
      await count(`select count(*)::int as n from accounts where org_id = $1 and external_id = $2`, ref),
    ).toBe(1)
    expect(
      await count(`select count(*)::int as n from touchpoints where org_id = $1 and external_id = $2`, ref),
    ).toBe(1)

    const deal = (await staff.get(`/api/v1/deals/${approved.dealId}`)).json()
    expect(deal).toMatchObject({
      name: 'Massive Dynamic — Enterprise',
      accountId: approved.accountId,
      accountName: 'Massive Dynamic',
      status: 'open',
      stage: 'registered',
      amount: { amountMinor: '4000000', currency: 'USD' },
      openedAt: reg.submittedAt,
      source: 'registration',
      externalId: reg.id,
    })
    const touches = (await staff.get(`/api/v1/touchpoints?dealId=${approved.dealId}`)).json().items
    expect(touches).toMatchObject([
      {
        activityType: 'deal_registration',
        occurredAt: reg.submittedAt,
        actor: { kind: 'partner', partnerId },
      },
    ])

    // the touch reaches credit through the events: the partner is credited on the new deal
    await live.bus.drain()
    const credit = (await staff.get(`/api/v1/deals/${approved.dealId}/attribution`)).json()
    expect(credit.credits.map((c: { actor: string }) => c.actor)).toEqual([partnerId])

    const again = await staff.post(`/api/v1/registrations/${reg.id}/approve`, {})
    expect(again.json().detail).toBe('The registration is approved: it cannot be approved')
    const audit = await h.testDb.database.query<{ action: string }>(
      'select action from audit_log where org_id = $1 and entity_id = $2 order by seq',
      ref,
    )
    expect(audit.rows.map((r) => r.action)).toEqual(['registration.submitted', 'registration.approved'])
    const events = await h.testDb.database.query<{ type: string; payload: Record<string, unknown> }>(
      'select type, payload from events where org_id = $1 and entity_id = $2 order by id',
      ref,
    )
    expect(events.rows).toEqual([
      { type: 'registration.submitted', payload: { registrationId: reg.id, partnerId } },
      {
        type: 'registration.changed',
        payload: {
          registrationId: reg.id,
          partnerId,
          status: 'approved',
          from: 'pending',
          dealId: approved.dealId,
        },
      },
    ])
    expect((await mailTo('seller@registering.example')).at(-1)).toMatchObject({
      subject: 'Deal registration approved: Massive Dynamic',
      text: expect.stringContaining('protected until 2026-08-30'),
    })
  })

  it('puts a new deal on the account that already has the domain', async () => {
    const account = (
      await staff.post('/api/v1/accounts', { name: 'Soylent Corp', domain: 'soylent.example' })
    ).json()
    const reg = await submit('Soylent', { domain: 'soylent.example' })
    const approved = await act(reg.id, 'approve')
    expect(approved.accountId).toBe(account.id)
    expect(
      await count('select count(*)::int as n from accounts where org_id = $1 and domain = $2', [
        orgId,
        'soylent.example',
      ]),
    ).toBe(1)
  })

  it('links an open deal staff pick instead of creating one, and refuses a closed one naming dealId', async () => {
    const open = (
      await staff.post('/api/v1/deals', { name: 'Stark — Expansion', amount: '10000.00', currency: 'USD' })
    ).json()
    const won = (
      await staff.post('/api/v1/deals', {
        name: 'Stark — Old',
        amount: '10.00',
        currency: 'USD',
        status: 'won',
        openedAt: '2026-04-01T00:00:00Z',
        closedAt: '2026-05-01T00:00:00Z',
      })
    ).json()
    const reg = await submit('Stark Industries')
    const refused = await staff.post(`/api/v1/registrations/${reg.id}/approve`, { dealId: won.id })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().errors).toEqual([
      { path: 'dealId', message: 'the deal is won: only an open deal can be linked' },
    ])
    const missing = await staff.post(`/api/v1/registrations/${reg.id}/approve`, {
      dealId: 'deal_01h455vb4pex5vsknk084sn02q',
    })
    expect(missing.statusCode).toBe(422)
    const approved = await act(reg.id, 'approve', { dealId: open.id })
    expect(approved.dealId).toBe(open.id)
    expect(
      await count('select count(*)::int as n from deals where org_id = $1 and external_id = $2', [
        orgId,
        reg.id,
      ]),
    ).toBe(0)
    const touches = (await staff.get(`/api/v1/touchpoints?dealId=${open.id}`)).json().items
    expect(touches.map((t: { activityType: string }) => t.activityType)).toEqual(['deal_registration'])
  })

  it('asks the partner for more, stops the review clock, and returns to review on their answer', async () => {
    const reg = await submit('Wayne Enterprises')
    const asked = await act(reg.id, 'request-info', { message: 'Who signs the contract?' })
    expect(asked).toMatchObject({
      status: 'info_requested',
      reviewDueAt: null,
      infoRequest: 'Who signs the contract?',
    })
    expect((await mailTo('seller@registering.example')).at(-1)).toMatchObject({
      subject: 'More information needed for your deal registration: Wayne Enterprises',
      text: expect.stringContaining('Who signs the contract?'),
    })
    const mine = (await partner.get('/api/v1/registrations?status=info_requested')).json().items
    expect(mine.find((r: { id: string }) => r.id === reg.id)?.infoRequest).toBe('Who signs the contract?')

    h.clock.advance(5 * day)
    const answered = await partner.post(`/api/v1/registrations/${reg.id}/reply`, {
      message: 'Their CFO, Lucius',
    })
    expect(answered.statusCode, answered.body).toBe(200)
    expect(answered.json()).toMatchObject({
      status: 'pending',
      infoRequest: null,
      reviewDueAt: '2026-06-08T09:00:00.000Z',
      isOverdue: false,
    })
    expect(
      answered
        .json()
        .history.map((n: { kind: string; side: string; actor: string | null }) => [n.kind, n.side, n.actor]),
    ).toEqual([
      ['submitted', 'partner', null],
      ['info_requested', 'staff', null],
      ['replied', 'partner', null],
    ])
    const forStaff = (await staff.get(`/api/v1/registrations/${reg.id}`)).json()
    expect(forStaff.history[1].actor).toMatch(/^user:usr_/)
    expect(forStaff.history[2].message).toBe('Their CFO, Lucius')
  })

  it.each([
    ['approving a rejected registration', 'reject', 'approve', {}],
    ['rejecting a rejected one', 'reject', 'reject', { reason: 'again' }],
    ['extending a rejected one', 'reject', 'extend', {}],
    ['asking more of an approved one', 'approve', 'request-info', { message: 'more?' }],
    ['answering when nothing was asked', 'approve', 'reply', { message: 'hello' }],
  ])('refuses %s with 409', async (_what, first, then, body) => {
    const reg = await submit(`Transition ${then} ${first}`)
    await act(reg.id, first, first === 'reject' ? { reason: 'Not a fit' } : {})
    const res = await staff.post(`/api/v1/registrations/${reg.id}/${then}`, body)
    expect(res.statusCode, res.body).toBe(409)
    expect(res.json().errors[0].path).toBe('status')
  })

  it('rejects with the reason the partner reads, and mails it', async () => {
    const reg = await submit('Cyberdyne Systems')
    const rejected = await act(reg.id, 'reject', { reason: 'Already in our direct pipeline' })
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Already in our direct pipeline' })
    const seen = (await partner.get(`/api/v1/registrations/${reg.id}`)).json()
    expect(seen.history.at(-1)).toMatchObject({ kind: 'rejected', message: 'Already in our direct pipeline' })
    expect((await mailTo('seller@registering.example')).at(-1)?.text).toContain(
      'Reason: Already in our direct pipeline',
    )
  })

  it('extends protection by the org’s days up to its number of extensions', async () => {
    const reg = await submit('Tyrell Corporation')
    await act(reg.id, 'approve')
    expect((await act(reg.id, 'extend')).protectedUntil).toBe('2026-09-29T09:00:00.000Z')
    const second = await act(reg.id, 'extend', { days: 10, note: 'Legal review' })
    expect(second).toMatchObject({ protectedUntil: '2026-10-09T09:00:00.000Z', extensions: 2 })
    expect(second.history.at(-1)?.message).toBe('+10 days, protected until 2026-10-09: Legal review')
    const third = await staff.post(`/api/v1/registrations/${reg.id}/extend`, {})
    expect(third.statusCode).toBe(409)
    expect(third.json().errors).toEqual([{ path: 'extensions', message: 'at most 2' }])
  })

  it('follows the org’s settings for the SLA and the protection', async () => {
    const put = await staff.put('/api/v1/registrations/settings', {
      reviewSlaHours: 4,
      protectionDays: 10,
      extensionDays: 5,
      maxExtensions: 0,
    })
    expect(put.statusCode, put.body).toBe(200)
    try {
      const reg = await submit('Oscorp')
      expect((await partner.get(`/api/v1/registrations/${reg.id}`)).json().reviewDueAt).toBe(
        '2026-06-01T13:00:00.000Z',
      )
      expect((await act(reg.id, 'approve')).protectedUntil).toBe('2026-06-11T09:00:00.000Z')
      expect((await staff.post(`/api/v1/registrations/${reg.id}/extend`, {})).statusCode).toBe(409)
    } finally {
      await staff.put('/api/v1/registrations/settings', {
        reviewSlaHours: 48,
        protectionDays: 90,
        extensionDays: 30,
        maxExtensions: 2,
      })
    }
  })

  it('flags a pending registration past its review deadline as overdue, in the list and its filter', async () => {
    const reg = await submit('Overdue Works')
    const isListed = async (query: string) =>
      (await staff.get(`/api/v1/registrations?limit=200&${query}`))
        .json()
        .items.some((r: { id: string }) => r.id === reg.id)
    expect(await isListed('overdue=true')).toBe(false)
    h.clock.advance(49 * 3_600_000)
    const listed = (await staff.get('/api/v1/registrations?overdue=true&limit=200')).json().items
    expect(listed.find((r: { id: string }) => r.id === reg.id)).toMatchObject({ isOverdue: true })
    expect(await isListed('overdue=false')).toBe(false)
    await act(reg.id, 'request-info', { message: 'Budget?' })
    expect(await isListed('overdue=true')).toBe(false)
  })

  it('expires approvals whose protection ended, once, with history, audit and event', async () => {
    const reg = await submit('Expiring Goods')
    await act(reg.id, 'approve')
    const deps = { clock: h.clock, publicUrl: 'http://credence.test' }
    const statusNow = async () => (await key.get(`/api/v1/registrations/${reg.id}`)).json().status
    h.clock.advance(89 * day)
    await expireRegistrations(h.testDb.database.db, deps)
    expect(await statusNow()).toBe('approved')
    h.clock.advance(day + 1)
    expect(await expireRegistrations(h.testDb.database.db, deps)).toBeGreaterThanOrEqual(1)
    expect(await expireRegistrations(h.testDb.database.db, deps)).toBe(0)
    const expired = (await key.get(`/api/v1/registrations/${reg.id}`)).json()
    expect(expired.status).toBe('expired')
    expect(expired.history.at(-1)).toMatchObject({
      kind: 'expired',
      side: 'system',
      message: 'protection ended 2026-08-30',
    })
    const audit = await h.testDb.database.query<{ action: string; actor: string }>(
      'select action, actor from audit_log where org_id = $1 and entity_id = $2 order by seq',
      [orgId, reg.id],
    )
    expect(audit.rows.at(-1)).toEqual({ action: 'registration.expired', actor: 'system:credence' })
    expect((await key.post(`/api/v1/registrations/${reg.id}/extend`, {})).statusCode).toBe(409)
  })

  it('flags an approved registration whose partner has not touched its deal for 30 days since', async () => {
    const reg = await submit('Quiet Account')
    const { dealId } = await act(reg.id, 'approve')
    const flagOf = async () =>
      (await key.get('/api/v1/registrations?status=approved&limit=200'))
        .json()
        .items.find((r: { id: string }) => r.id === reg.id)
    h.clock.advance(29 * day)
    expect(await flagOf()).toMatchObject({ isInactive: false, lastPartnerActivityAt: null })
    h.clock.advance(day)
    expect(await flagOf()).toMatchObject({ isInactive: true, lastPartnerActivityAt: null })

    // another partner's touch is not this partner's activity; theirs is
    const stranger = (await key.post('/api/v1/partners', { name: 'Stranger', type: 'referral' })).json().id
    const touch = (actorId: string, occurredAt: string) =>
      key.post('/api/v1/touchpoints', {
        dealId,
        actor: { kind: 'partner', partnerId: actorId },
        activityType: 'demo',
        occurredAt,
      })
    expect((await touch(stranger, '2026-06-10T00:00:00Z')).statusCode).toBe(201)
    expect(await flagOf()).toMatchObject({ isInactive: true })
    expect((await touch(partnerId, '2026-06-20T00:00:00Z')).statusCode).toBe(201)
    expect(await flagOf()).toMatchObject({
      isInactive: false,
      lastPartnerActivityAt: '2026-06-20T00:00:00.000Z',
    })
  })
})
