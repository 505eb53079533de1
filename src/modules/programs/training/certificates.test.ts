import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../../http/live-harness'
import type { Client, Harness } from '../../../http/test-harness'
import { creditsModule } from '../../credits'
import { programsModule } from '..'
import type { TierStatusView } from '../programs.contract'
import { remindExpiringCertificates } from './certificates.service'
import { submitQuizAttempt } from './learning.service'
import type { CourseView, QuizResultView } from './training.contract'

// Certificates over time: tier criteria on certifications count a partner's people holding an
// unexpired certificate (each person once), so passing promotes and expiry demotes; renewal reminders
// go through the mail outbox once per certificate and expiry, even from two runs at once.
describe('certificates: tier criteria and renewal reminders', () => {
  let live: LiveHarness
  let h: Harness
  let admin: Client
  let orgId: string
  let partnerId: string
  let course: CourseView
  let second: CourseView

  const start = '2026-06-01T09:00:00Z'
  const deps = () => ({ clock: h.clock, publicUrl: 'http://credence.test' })
  const mails = async (subject = '%expires on%') =>
    (
      await h.testDb.database.query<{ to: string; subject: string; text: string }>(
        'select "to", subject, text from mail_outbox where org_id = $1 and subject like $2 order by id',
        [orgId, subject],
      )
    ).rows
  const makeCourse = async (title: string, validityMonths: number | null) => {
    const res = await admin.post('/api/v1/programs/courses', {
      title,
      lessons: [{ title: 'The one lesson', body: 'Read this.' }],
      quiz: {
        passMarkPercent: 100,
        questions: [{ prompt: 'Ready?', choices: [{ text: 'Yes', isCorrect: true }, { text: 'No' }] }],
      },
      certification: { name: `${title} certified`, validityMonths },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect((await admin.post(`/api/v1/programs/courses/${res.json().id}/publish`)).statusCode).toBe(200)
    return res.json() as CourseView
  }
  const pass = async (person: Client, on: CourseView = course) => {
    const res = await person.post(`/api/v1/programs/courses/${on.id}/attempts`, {
      answers: [{ questionId: on.quiz!.questions[0]!.id, choices: [0] }],
    })
    expect(res.statusCode, res.body).toBe(201)
    await live.bus.drain()
    return res.json() as QuizResultView
  }
  const tier = async (reader: Client = admin): Promise<TierStatusView> => {
    const res = await reader.get(`/api/v1/programs/partners/${partnerId}/tier`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }

  beforeAll(async () => {
    live = await createLiveHarness('certificates', [creditsModule, programsModule])
    ;({ h, admin, orgId } = live)
    h.clock.set(start)
    const ladder = await admin.post('/api/v1/programs/ladders', {
      name: 'Certified tiers',
      definition: {
        mode: 'automatic',
        graceDays: 0,
        currency: 'USD',
        levels: [
          { key: 'registered', name: 'Registered', criteria: [] },
          { key: 'certified', name: 'Certified', criteria: [{ kind: 'certifications', min: 2 }] },
        ],
      },
    })
    expect(ladder.statusCode, ladder.body).toBe(201)
    await live.bus.drain()
    partnerId = (await admin.post('/api/v1/partners', { name: 'Learning Partners', type: 'reseller' })).json()
      .id
    await live.bus.drain()
    course = await makeCourse('Platform basics', 12)
    second = await makeCourse('Advanced', null)
  })
  beforeEach(() => h.clock.set(start))
  afterAll(async () => live?.close())

  it('promotes a partner once two of its people pass, counting each person once', async () => {
    expect((await tier()).tier).toMatchObject({ key: 'registered' })
    const first = await h.signIn(orgId, 'partner_member', { partnerId })
    await pass(first)
    // a second certificate for the same person is still one certified person
    await pass(first, second)
    const one = await tier()
    expect(one.figures?.certifications).toBe(1)
    expect(one.tier).toMatchObject({ key: 'registered' })

    const colleague = await h.signIn(orgId, 'partner_admin', { partnerId })
    await pass(colleague)
    const two = await tier()
    expect(two.figures?.certifications).toBe(2)
    expect(two.tier).toMatchObject({ key: 'certified' })
    const history = await h.testDb.database.query<{ to_tier: string; explanation: string }>(
      'select to_tier, explanation from tier_changes where org_id = $1 and partner_id = $2 order by at, id',
      [orgId, partnerId],
    )
    expect(history.rows.at(-1)).toEqual({
      to_tier: 'certified',
      explanation: expect.stringContaining('2 certified sellers ≥ 2'),
    })
    // a year on, the expiring certificates no longer count; the one without expiry still does
    h.clock.set('2027-06-02T09:00:00Z')
    expect((await tier(await h.signIn(orgId, 'admin'))).figures?.certifications).toBe(1)
  })

  it('reminds a holder once, 30 days before expiry, and again after a renewal', async () => {
    const person = await h.signIn(orgId, 'partner_member', { partnerId, email: 'renew.me@learning.test' })
    const { userId } = (await pass(person)).certificate!
    const before = (await mails()).filter((m) => m.to === 'renew.me@learning.test')
    expect(before).toEqual([])

    // 40 days before expiry: not yet
    h.clock.set('2027-04-22T09:00:00Z')
    await remindExpiringCertificates(h.testDb.database.db, deps())
    expect((await mails()).filter((m) => m.to === 'renew.me@learning.test')).toEqual([])

    // 20 days before: two runs at once queue one reminder; a later run none
    h.clock.set('2027-05-12T09:00:00Z')
    await Promise.all([
      remindExpiringCertificates(h.testDb.database.db, deps()),
      remindExpiringCertificates(h.testDb.database.db, deps()),
    ])
    await remindExpiringCertificates(h.testDb.database.db, deps())
    const reminded = (await mails()).filter((m) => m.to === 'renew.me@learning.test')
    expect(reminded).toEqual([
      {
        to: 'renew.me@learning.test',
        subject: 'Your certificate Platform basics certified expires on 2027-06-01',
        text: expect.stringContaining(`http://credence.test/portal/training/${course.id}`),
      },
    ])

    // renewed (the session of a year ago is long gone: the service is called as the person)
    const renewal = await submitQuizAttempt(
      h.testDb.database.db,
      { orgId, actor: { type: 'user', id: userId, role: 'partner_member' }, partnerId },
      course.id,
      { answers: [{ questionId: course.quiz!.questions[0]!.id, choices: [0] }] },
      h.clock,
    )
    expect(renewal.certificate).toMatchObject({ renewals: 1, expiresAt: '2028-05-12T09:00:00.000Z' })
    h.clock.set('2028-04-20T09:00:00Z')
    await remindExpiringCertificates(h.testDb.database.db, deps())
    await remindExpiringCertificates(h.testDb.database.db, deps())
    expect((await mails()).filter((m) => m.to === 'renew.me@learning.test').map((m) => m.subject)).toEqual([
      'Your certificate Platform basics certified expires on 2027-06-01',
      'Your certificate Platform basics certified expires on 2028-05-12',
    ])
  })

  it('writes to nobody whose account was disabled, and does not try again', async () => {
    const person = await h.signIn(orgId, 'partner_member', { partnerId, email: 'gone@learning.test' })
    const { userId } = (await pass(person)).certificate!
    // earlier tests moved the clock past the first admin's session
    const staff = await h.signIn(orgId, 'admin')
    const disabled = await staff.patch(`/api/v1/users/${userId}`, { status: 'disabled' })
    expect(disabled.statusCode, disabled.body).toBe(200)
    h.clock.set('2027-05-20T09:00:00Z')
    await remindExpiringCertificates(h.testDb.database.db, deps())
    expect((await mails()).filter((m) => m.to === 'gone@learning.test')).toEqual([])
    const claimed = await h.testDb.database.query<{ mail_id: string | null }>(
      `select r.mail_id from certificate_reminders r join certificates c on c.id = r.certificate_id
        where c.org_id = $1 and c.user_id = $2`,
      [orgId, userId],
    )
    expect(claimed.rows).toEqual([{ mail_id: null }])
  })

  it('reminds nobody of a certificate that never expires or has already expired', async () => {
    const person = await h.signIn(orgId, 'partner_member', { partnerId, email: 'forever@learning.test' })
    await pass(person, second)
    h.clock.set('2040-01-01T00:00:00Z')
    await remindExpiringCertificates(h.testDb.database.db, deps())
    expect((await mails()).filter((m) => m.to === 'forever@learning.test')).toEqual([])
  })
})
