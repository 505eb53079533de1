import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerOf, type Client, createHarness, type Harness } from '../../../http/test-harness'
import { listEvents } from '../../../platform/events'
import { listMail } from '../../../platform/mail'
import type { TicketCountsView, TicketSummaryView, TicketView } from './support.contract'

// Support tickets through the API (clock from 2026-06-01 09:00): a partner user opens and replies on
// their own partner's tickets only, never sees an internal note or its files; SLA due times from the
// org's targets, breaches and the inbox filters; the status workflow with mail, events and audit; files
// up and down with their limits.
describe('support tickets', () => {
  let h: Harness
  let orgId: string
  let staff: Client
  let teammate: { id: string }
  let partnerA: string
  let partnerB: string
  let userA: Client
  let userB: Client

  const start = '2026-06-01T09:00:00.000Z'
  const ok = answerOf
  const open = (client: Client, body: Record<string, unknown> = {}) =>
    ok<TicketView>(
      client.post('/api/v1/programs/support/tickets', {
        subject: 'Where is my commission?',
        category: 'commission',
        message: 'The May deal paid nothing.',
        ...body,
      }),
      201,
    )
  const upload = (client: Client, ticket: TicketView, body: Record<string, unknown>, messageId?: string) =>
    client.post(
      `/api/v1/programs/support/tickets/${ticket.id}/messages/${messageId ?? ticket.messages.at(-1)!.id}/attachments`,
      { name: 'statement.pdf', contentType: 'application/pdf', ...body },
    )
  const auditOf = async (id: string) =>
    (
      await h.testDb.database.query<{ action: string }>(
        'select action from audit_log where org_id = $1 and entity_id = $2 order by seq',
        [orgId, id],
      )
    ).rows.map((r) => r.action)

  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('support')
    staff = await h.signIn(orgId, 'partner_manager', { email: 'pm@vendor.test' })
    partnerA = (await staff.post('/api/v1/partners', { name: 'Alpha Resellers', type: 'reseller' })).json().id
    partnerB = (await staff.post('/api/v1/partners', { name: 'Beta Partners', type: 'reseller' })).json().id
    userA = await h.signIn(orgId, 'partner_member', { partnerId: partnerA, email: 'ann@alpha.test' })
    userB = await h.signIn(orgId, 'partner_admin', { partnerId: partnerB, email: 'bob@beta.test' })
    const colleague = await h.signIn(orgId, 'admin', { email: 'sam@vendor.test' })
    teammate = (await colleague.get('/api/v1/me')).json().user
  })
  afterAll(async () => h?.close())

  it('opens a partner’s ticket with due times from the SLA targets, audited and published', async () => {
    h.clock.set(start)
    const ticket = await open(userA, { priority: 'high' })
    expect(ticket).toMatchObject({
      partnerId: partnerA,
      partnerName: 'Alpha Resellers',
      status: 'open',
      priority: 'high',
      category: 'commission',
      openedByName: 'partner_member user',
      sla: {
        state: 'on_track',
        firstResponse: { dueAt: '2026-06-01T17:00:00.000Z', doneAt: null, remainingMinutes: 480 },
        resolution: { dueAt: '2026-06-03T09:00:00.000Z', remainingMinutes: 48 * 60 },
      },
      messages: [{ side: 'partner', message: 'The May deal paid nothing.', isInternal: false }],
    })
    expect(await auditOf(ticket.id)).toEqual(['ticket.opened'])
    const events = (await listEvents(h.testDb.database.db, orgId)).filter((e) => e.entityId === ticket.id)
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      [
        'ticket.opened',
        {
          ticketId: ticket.id,
          partnerId: partnerA,
          category: 'commission',
          priority: 'high',
          side: 'partner',
        },
      ],
    ])
  })

  it('keeps partner B out of partner A’s tickets: reading, replying, files and lists', async () => {
    h.clock.set(start)
    const ticket = await open(userA)
    const file = await ok<{ id: string }>(upload(userA, ticket, { contentBase64: 'aGVsbG8=' }), 201)
    const base = `/api/v1/programs/support/tickets/${ticket.id}`
    for (const res of await Promise.all([
      userB.get(base),
      userB.post(`${base}/messages`, { message: 'Let me in' }),
      userB.get(`/api/v1/programs/support/attachments/${file.id}`),
      upload(userB, ticket, { contentBase64: 'aGVsbG8=' }, ticket.messages[0]!.id),
    ]))
      expect(res.statusCode, res.body).toBe(404)
    const listed = await ok<{ items: TicketSummaryView[] }>(userB.get('/api/v1/programs/support/tickets'))
    expect(listed.items.map((t) => t.id)).not.toContain(ticket.id)
    expect(listed.items.every((t) => t.partnerId === partnerB)).toBe(true)
    // a partner user cannot open one for another partner either
    const foreign = await userB.post('/api/v1/programs/support/tickets', {
      partnerId: partnerA,
      subject: 'x',
      category: 'other',
      message: 'x',
    })
    expect(foreign.statusCode).toBe(422)
    expect(foreign.json().errors[0].path).toBe('partnerId')
    expect(
      (await ok<TicketCountsView>(userB.get('/api/v1/programs/support/tickets/counts'))).byStatus.open,
    ).toBe(0)
    // naming their own partner is the same as leaving it out
    expect((await open(userB, { partnerId: partnerB })).partnerId).toBe(partnerB)
  })

  it('never shows a partner an internal note, its files, or lets them write one', async () => {
    h.clock.set(start)
    const ticket = await open(userA)
    const noted = await ok<TicketView>(
      staff.post(`/api/v1/programs/support/tickets/${ticket.id}/notes`, {
        message: 'Plan misconfigured, internal',
      }),
    )
    const note = noted.messages.find((m) => m.isInternal)!
    expect(note).toMatchObject({ side: 'staff', message: 'Plan misconfigured, internal' })
    const file = await ok<{ id: string }>(
      upload(
        staff,
        noted,
        { name: 'plan.txt', contentType: 'text/plain', contentBase64: 'c2VjcmV0' },
        note.id,
      ),
      201,
    )
    expect(noted.status).toBe('open')

    const seen = await userA.get(`/api/v1/programs/support/tickets/${ticket.id}`)
    expect(seen.statusCode).toBe(200)
    expect(seen.body).not.toContain('internal')
    expect(seen.body).not.toContain(note.id)
    expect(seen.body).not.toContain(file.id)
    expect((await userA.get(`/api/v1/programs/support/attachments/${file.id}`)).statusCode).toBe(404)
    expect((await staff.get(`/api/v1/programs/support/attachments/${file.id}`)).body).toBe('secret')
    expect(
      (await userA.post(`/api/v1/programs/support/tickets/${ticket.id}/notes`, { message: 'x' })).statusCode,
    ).toBe(403)
    expect((await upload(userA, ticket, { contentBase64: 'aGVsbG8=' }, note.id)).statusCode).toBe(404)
    // a note is not news for the partner: no event, no mail
    const events = (await listEvents(h.testDb.database.db, orgId)).filter((e) => e.entityId === ticket.id)
    expect(events.map((e) => e.type)).toEqual(['ticket.opened'])
    expect((await listMail(h.testDb.database.db, orgId, 'ann@alpha.test')).map((m) => m.text)).not.toEqual(
      expect.arrayContaining([expect.stringContaining('internal')]),
    )
  })

  it('marks a ticket breached once its first reply is overdue, and the inbox filters and counts it', async () => {
    h.clock.set(start)
    const urgent = await open(userA, { subject: 'Portal down', category: 'technical', priority: 'urgent' })
    const calm = await open(userA, { subject: 'A question', category: 'question', priority: 'low' })
    const inbox = (query: string) =>
      ok<{ items: TicketSummaryView[]; total: number }>(
        staff.get(`/api/v1/programs/support/tickets?status=active&${query}`),
      ).then((page) => page.items.map((t) => t.id))

    h.clock.set('2026-06-01T10:30:00Z')
    expect(
      (await ok<TicketView>(staff.get(`/api/v1/programs/support/tickets/${urgent.id}`))).sla,
    ).toMatchObject({
      state: 'due_soon',
      firstResponse: { remainingMinutes: 30, isBreached: false },
    })
    expect(await inbox('sla=due_soon')).toContain(urgent.id)
    expect(await inbox('sla=breached')).not.toContain(urgent.id)

    h.clock.set('2026-06-01T11:01:00Z')
    const late = await ok<TicketView>(staff.get(`/api/v1/programs/support/tickets/${urgent.id}`))
    expect(late.sla).toMatchObject({
      state: 'breached',
      firstResponse: { isBreached: true, remainingMinutes: -1 },
    })
    expect(await inbox('sla=breached')).toEqual(expect.arrayContaining([urgent.id]))
    expect(await inbox('sla=breached')).not.toContain(calm.id)
    expect(await inbox('sla=due_soon')).not.toContain(urgent.id)
    const counts = await ok<TicketCountsView>(staff.get('/api/v1/programs/support/tickets/counts'))
    const breachedIds = await inbox('sla=breached&limit=200')
    expect(counts.breached).toBe(breachedIds.length)
    expect(counts.active).toBe((await inbox('limit=200')).length)

    // answering late does not undo the breach; resolving takes it out of the active inbox
    await ok(staff.post(`/api/v1/programs/support/tickets/${urgent.id}/messages`, { message: 'On it' }))
    const resolved = await ok<TicketView>(
      staff.patch(`/api/v1/programs/support/tickets/${urgent.id}`, { status: 'resolved' }),
    )
    expect(resolved.sla.state).toBe('breached')
    expect(await inbox('sla=breached')).not.toContain(urgent.id)
  })

  it('takes a ticket through its statuses with mail to the other side, and reopens it on a partner reply', async () => {
    h.clock.set(start)
    await ok(
      staff.put('/api/v1/programs/support/settings', {
        targets: {
          low: { firstResponseHours: 48, resolutionHours: 240 },
          normal: { firstResponseHours: 24, resolutionHours: 120 },
          high: { firstResponseHours: 8, resolutionHours: 48 },
          urgent: { firstResponseHours: 2, resolutionHours: 24 },
        },
        warnHours: 4,
        teamEmail: 'partners@vendor.test',
      }),
    )
    const ticket = await open(userA, { subject: 'Deal registration stuck' })
    const base = `/api/v1/programs/support/tickets/${ticket.id}`
    const mailTo = async (to: string) =>
      (await listMail(h.testDb.database.db, orgId, to))
        .map((m) => m.subject)
        .filter((s) => s.includes('stuck'))
    expect(await mailTo('partners@vendor.test')).toEqual([
      'New normal ticket from Alpha Resellers: Deal registration stuck',
    ])

    h.clock.set('2026-06-01T12:00:00Z')
    const answered = await ok<TicketView>(staff.post(`${base}/messages`, { message: 'Which deal?' }))
    expect(answered).toMatchObject({
      status: 'pending_partner',
      sla: { firstResponse: { doneAt: '2026-06-01T12:00:00.000Z', isBreached: false } },
    })
    expect(await mailTo('ann@alpha.test')).toEqual(['The partner team replied: Deal registration stuck'])

    const assigned = await ok<TicketView>(staff.patch(base, { assigneeId: teammate.id, priority: 'high' }))
    expect(assigned).toMatchObject({
      assigneeId: teammate.id,
      assigneeName: 'admin user',
      sla: { resolution: { dueAt: '2026-06-03T09:00:00.000Z' } },
    })
    expect(await ok<TicketView>(userA.post(`${base}/messages`, { message: 'The ACME one' }))).toMatchObject({
      status: 'pending_vendor',
    })
    // the owner is mailed now, not the team address
    expect(await mailTo('sam@vendor.test')).toEqual([
      'Partner replied: Deal registration stuck',
      'A ticket is yours: Deal registration stuck',
    ])
    const resolved = await ok<TicketView>(staff.patch(base, { status: 'resolved' }))
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-06-01T12:00:00.000Z',
      sla: { state: 'met' },
    })
    const reopened = await ok<TicketView>(userA.post(`${base}/messages`, { message: 'Still missing' }))
    expect(reopened).toMatchObject({ status: 'pending_vendor', resolvedAt: null })
    await ok(staff.patch(base, { status: 'closed' }))
    const refused = await userA.post(`${base}/messages`, { message: 'Hello?' })
    expect(refused.statusCode).toBe(409)
    expect((await staff.patch(base, { status: 'open' })).statusCode).toBe(409)
    expect((await userA.patch(base, { status: 'open' })).statusCode).toBe(403)

    expect(await auditOf(ticket.id)).toEqual([
      'ticket.opened',
      'ticket.replied',
      'ticket.changed',
      'ticket.replied',
      'ticket.changed',
      'ticket.replied',
      'ticket.changed',
    ])
    const moves = (await listEvents(h.testDb.database.db, orgId))
      .filter((e) => e.entityId === ticket.id && e.type === 'ticket.status_changed')
      .map((e) => `${e.payload.from}→${e.payload.to}`)
    expect(moves).toEqual([
      'open→pending_partner',
      'pending_partner→pending_vendor',
      'pending_vendor→resolved',
      'resolved→pending_vendor',
      'pending_vendor→closed',
    ])
    expect((await staff.patch(base, { assigneeId: partnerA })).json().errors[0].path).toBe('assigneeId')
  })

  it('stores a file, sends it back as an attachment, and refuses one too large or of another type', async () => {
    h.clock.set(start)
    const ticket = await open(userA, { subject: 'Invoice attached' })
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 7)])
    const file = await ok<{ id: string; name: string; sizeBytes: number; sha256: string }>(
      upload(userA, ticket, { name: '../../Rechnung Mai.pdf', contentBase64: bytes.toString('base64') }),
      201,
    )
    expect(file).toMatchObject({
      name: 'Rechnung Mai.pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    })
    for (const client of [userA, staff]) {
      const res = await client.get(`/api/v1/programs/support/attachments/${file.id}`)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('application/pdf')
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="Rechnung Mai.pdf"; filename*=UTF-8''Rechnung%20Mai.pdf`,
      )
      expect(res.rawPayload.equals(bytes)).toBe(true)
    }
    const thread = await ok<TicketView>(userA.get(`/api/v1/programs/support/tickets/${ticket.id}`))
    expect(thread.messages[0]!.attachments.map((a) => a.id)).toEqual([file.id])

    const tooLarge = await upload(userA, ticket, {
      contentBase64: Buffer.alloc(10 * 1024 * 1024 + 1).toString('base64'),
    })
    expect(tooLarge.statusCode, tooLarge.body).toBe(413)
    expect(tooLarge.json().errors[0].path).toBe('contentBase64')
    const html = await upload(userA, ticket, {
      name: 'x.html',
      contentType: 'text/html',
      contentBase64: 'PGI+',
    })
    expect(html.statusCode).toBe(422)
    expect(html.json().errors[0].path).toBe('contentType')
    const notBase64 = await upload(userA, ticket, { contentBase64: 'not base64!' })
    expect(notBase64.json().errors[0].path).toBe('contentBase64')
    // files go on the uploader's own message
    expect((await upload(staff, ticket, { contentBase64: 'aGVsbG8=' })).statusCode).toBe(403)
    const after = await ok<TicketView>(userA.get(`/api/v1/programs/support/tickets/${ticket.id}`))
    expect(after.messages[0]!.attachments).toHaveLength(1)
  })

  it('lets staff open a ticket for a partner, waiting on the partner, and lists a page at a time', async () => {
    h.clock.set(start)
    const ticket = await open(staff, { partnerId: partnerB, subject: 'Your tax form', category: 'other' })
    expect(ticket).toMatchObject({
      status: 'pending_partner',
      openedByName: 'partner_manager user',
      sla: { isPaused: true, firstResponse: { doneAt: start } },
      messages: [{ side: 'staff', isInternal: false }],
    })
    const opened = (await listEvents(h.testDb.database.db, orgId)).find((e) => e.entityId === ticket.id)
    expect(opened?.payload).toMatchObject({ side: 'staff', partnerId: partnerB })
    expect(await auditOf(ticket.id)).toEqual(['ticket.opened'])
    // the partner reads it in their own list
    const theirs = await ok<{ items: TicketSummaryView[] }>(userB.get('/api/v1/programs/support/tickets'))
    expect(theirs.items.map((t) => t.id)).toContain(ticket.id)
    const unknown = await staff.post('/api/v1/programs/support/tickets', {
      partnerId: 'prt_01h455vb4pex5vsknk084sn02q',
      subject: 'x',
      category: 'other',
      message: 'x',
    })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().errors[0].path).toBe('partnerId')
    expect((await listMail(h.testDb.database.db, orgId, 'bob@beta.test')).map((m) => m.subject)).toContain(
      'The partner team opened a ticket: Your tax form',
    )
    const missing = await staff.post('/api/v1/programs/support/tickets', {
      subject: 'x',
      category: 'other',
      message: 'x',
    })
    expect(missing.json().errors[0].path).toBe('partnerId')

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: TicketSummaryView[]; nextCursor: string | null; total: number } = await ok(
        staff.get(
          `/api/v1/programs/support/tickets?limit=2&sort=openedAt${cursor ? `&cursor=${cursor}` : ''}`,
        ),
      )
      seen.push(...page.items.map((t) => t.id))
      cursor = page.nextCursor
    } while (cursor)
    const all = await ok<{ items: TicketSummaryView[]; total: number }>(
      staff.get('/api/v1/programs/support/tickets?limit=200'),
    )
    expect(new Set(seen).size).toBe(all.total)
    expect(seen.sort()).toEqual(all.items.map((t) => t.id).sort())
    const forB = await ok<{ items: TicketSummaryView[] }>(
      staff.get(`/api/v1/programs/support/tickets?partnerId=${partnerB}`),
    )
    expect(forB.items.map((t) => t.id)).toContain(ticket.id)
    expect(forB.items.every((t) => t.partnerId === partnerB)).toBe(true)

    // it waited on the partner from its opening: their answer two hours later moves the resolution back
    h.clock.advance(2 * 3_600_000)
    const answered = await ok<TicketView>(
      userB.post(`/api/v1/programs/support/tickets/${ticket.id}/messages`, { message: 'Sent it' }),
    )
    expect(answered).toMatchObject({
      status: 'pending_vendor',
      sla: { isPaused: false, pausedMinutes: 120, resolution: { dueAt: '2026-06-06T11:00:00.000Z' } },
    })
  })

  it('pauses the resolution clock while the ticket waits on the partner, in the view, filters and counts', async () => {
    h.clock.set(start)
    const hour = 3_600_000
    // urgent: first reply due in 2 h, resolution in 24 h (2026-06-02 09:00)
    const ticket = await open(userA, { subject: 'Paused while we wait', priority: 'urgent' })
    const base = `/api/v1/programs/support/tickets/${ticket.id}`
    const inbox = (query: string) =>
      ok<{ items: TicketSummaryView[] }>(
        staff.get(`/api/v1/programs/support/tickets?status=active&limit=200&${query}`),
      ).then((page) => page.items.map((t) => t.id))
    const counts = () => ok<TicketCountsView>(staff.get('/api/v1/programs/support/tickets/counts'))

    h.clock.advance(hour)
    const waiting = await ok<TicketView>(staff.post(`${base}/messages`, { message: 'Send the invoice?' }))
    expect(waiting).toMatchObject({
      status: 'pending_partner',
      sla: { isPaused: true, pausedMinutes: 0, resolution: { remainingMinutes: 23 * 60 } },
    })

    // well past the original due time: still on track, its minutes left frozen
    h.clock.advance(48 * hour)
    const later = await ok<TicketView>(staff.get(base))
    expect(later.sla).toMatchObject({
      state: 'on_track',
      isPaused: true,
      pausedMinutes: 48 * 60,
      resolution: { dueAt: '2026-06-02T09:00:00.000Z', isBreached: false, remainingMinutes: 23 * 60 },
    })
    const breachedWhilePaused = await inbox('sla=breached')
    expect(breachedWhilePaused).not.toContain(ticket.id)
    expect(await inbox('sla=due_soon')).not.toContain(ticket.id)
    expect((await counts()).breached).toBe(breachedWhilePaused.length)

    // the partner answers: the due time moves back by the 48 h it waited and the clock runs again
    const resumed = await ok<TicketView>(userA.post(`${base}/messages`, { message: 'Attached now' }))
    expect(resumed).toMatchObject({
      status: 'pending_vendor',
      sla: {
        state: 'on_track',
        isPaused: false,
        pausedMinutes: 48 * 60,
        resolution: { dueAt: '2026-06-04T09:00:00.000Z', remainingMinutes: 23 * 60 },
      },
    })
    // a priority change works its due times out again without losing the wait
    const high = await ok<TicketView>(staff.patch(base, { priority: 'high' }))
    expect(high.sla.resolution.dueAt).toBe('2026-06-05T09:00:00.000Z')
    await ok(staff.patch(base, { priority: 'urgent' }))

    // once running, time counts again: 3 h before it is due soon, a minute past it is breached
    h.clock.advance(20 * hour)
    expect(await inbox('sla=due_soon')).toContain(ticket.id)
    expect((await counts()).dueSoon).toBe((await inbox('sla=due_soon')).length)
    h.clock.advance(3 * hour + 60_000)
    expect((await ok<TicketView>(staff.get(base))).sla).toMatchObject({
      state: 'breached',
      resolution: { isBreached: true, remainingMinutes: -1 },
    })
    expect(await inbox('sla=breached')).toContain(ticket.id)
    expect((await counts()).breached).toBe((await inbox('sla=breached')).length)
    const audit = (
      await h.testDb.database.query<{ action: string; after: { resolutionDueAt?: string } }>(
        'select action, after from audit_log where org_id = $1 and entity_id = $2 order by seq',
        [orgId, ticket.id],
      )
    ).rows
    expect(audit.filter((r) => r.action === 'ticket.replied').map((r) => r.after.resolutionDueAt)).toEqual([
      '2026-06-02T09:00:00.000Z',
      '2026-06-04T09:00:00.000Z',
    ])
  })

  it('keeps the SLA settings for staff and refuses targets that do not add up, naming the field', async () => {
    expect((await userA.get('/api/v1/programs/support/settings')).statusCode).toBe(403)
    const bad = await staff.put('/api/v1/programs/support/settings', {
      targets: {
        low: { firstResponseHours: 48, resolutionHours: 24 },
        normal: { firstResponseHours: 24, resolutionHours: 120 },
        high: { firstResponseHours: 8, resolutionHours: 48 },
        urgent: { firstResponseHours: 2, resolutionHours: 24 },
      },
      warnHours: 4,
      teamEmail: null,
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0].path).toBe('targets.low.resolutionHours')
    expect(await auditOf(orgId)).toContain('support.settings_changed')
  })
})
