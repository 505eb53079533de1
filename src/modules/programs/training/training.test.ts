import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerOf, type Client, createHarness, type Harness } from '../../../http/test-harness'
import type { CertificateView, CourseView, QuizResultView } from './training.contract'

// Courses, lessons, quizzes and certificates through the API: staff keep courses and partners see only
// published ones; the correct choices never reach a learner; answers are graded on the server and a
// pass issues (or renews) a certificate with its expiry; who sees whose progress and certificates; bad
// input named by field.
describe('training: courses, quizzes and certificates', () => {
  let h: Harness
  let orgId: string
  let manager: Client
  let own: string
  let other: string
  let admin: Client
  let member: Client
  let rival: Client

  const body = (extra: Record<string, unknown> = {}) => ({
    title: 'Selling the platform',
    summary: 'Positioning and pricing',
    lessons: [
      {
        title: 'Who buys it',
        body: '## The buyer\n\nRevenue operations <script>alert(1)</script>leads at **mid-size** firms.',
        links: [{ label: 'Stories', url: 'https://example.com/stories' }],
        files: [{ name: 'Deck (PDF)', url: 'https://example.com/deck.pdf' }],
      },
      { title: 'Pricing', body: 'Per seat, billed yearly.' },
    ],
    quiz: {
      passMarkPercent: 60,
      questions: [
        {
          prompt: 'Who usually buys it?',
          choices: [
            { text: 'Revenue operations', isCorrect: true },
            { text: 'Facilities', isCorrect: false },
          ],
        },
        {
          prompt: 'How is it billed? (all that apply)',
          choices: [
            { text: 'Per seat', isCorrect: true },
            { text: 'Yearly', isCorrect: true },
            { text: 'Per click' },
          ],
        },
        {
          prompt: 'Is there a free tier?',
          choices: [{ text: 'Yes' }, { text: 'No', isCorrect: true }],
        },
      ],
    },
    certification: { name: 'Certified Seller', validityMonths: 12 },
    ...extra,
  })

  const ok = answerOf
  const publishedCourse = async (extra: Record<string, unknown> = {}) => {
    const course = await ok<CourseView>(manager.post('/api/v1/programs/courses', body(extra)), 201)
    await ok(manager.post(`/api/v1/programs/courses/${course.id}/publish`))
    return course
  }
  /** Every question right: the choices staff marked correct. */
  const rightAnswers = (course: CourseView) =>
    course.quiz!.questions.map((q) => ({
      questionId: q.id,
      choices: q.choices.flatMap((c, i) => (c.isCorrect ? [i] : [])),
    }))
  const attempt = (client: Client, courseId: string, answers: unknown) =>
    ok<QuizResultView>(client.post(`/api/v1/programs/courses/${courseId}/attempts`, { answers }), 201)

  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('training')
    manager = await h.signIn(orgId, 'partner_manager')
    own = (await manager.post('/api/v1/partners', { name: 'Own Resellers', type: 'reseller' })).json().id
    other = (await manager.post('/api/v1/partners', { name: 'Rival Partners', type: 'reseller' })).json().id
    admin = await h.signIn(orgId, 'partner_admin', { partnerId: own })
    member = await h.signIn(orgId, 'partner_member', { partnerId: own })
    rival = await h.signIn(orgId, 'partner_member', { partnerId: other })
  })
  afterAll(async () => h?.close())

  it('keeps a draft from partners until it is published, and strips raw HTML from lessons', async () => {
    const course = await ok<CourseView>(manager.post('/api/v1/programs/courses', body()), 201)
    expect(course).toMatchObject({
      status: 'draft',
      certification: { name: 'Certified Seller', validityMonths: 12 },
    })
    expect(course.lessons[0]!.body).toBe(
      '## The buyer\n\nRevenue operations alert(1)leads at **mid-size** firms.',
    )
    expect((await member.get(`/api/v1/programs/courses/${course.id}`)).statusCode).toBe(404)
    expect((await ok<{ items: { id: string }[] }>(member.get('/api/v1/programs/courses'))).items).toEqual([])
    await ok(manager.post(`/api/v1/programs/courses/${course.id}/publish`))
    const list = await ok<{ items: { id: string; lessonCount: number; questionCount: number }[] }>(
      member.get('/api/v1/programs/courses'),
    )
    expect(list.items).toEqual([expect.objectContaining({ id: course.id, lessonCount: 2, questionCount: 3 })])
    const archived = await ok<CourseView>(manager.post(`/api/v1/programs/courses/${course.id}/archive`))
    expect(archived.status).toBe('archived')
    expect((await member.get(`/api/v1/programs/courses/${course.id}`)).statusCode).toBe(404)
  })

  it('never sends a learner the correct choices, and tells them when to choose several', async () => {
    const course = await publishedCourse()
    const res = await member.get(`/api/v1/programs/courses/${course.id}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain('isCorrect')
    const seen = res.json() as CourseView
    expect(seen.quiz!.questions.map((q) => q.isMultiple)).toEqual([false, true, false])
    expect(seen.quiz!.questions[1]!.choices).toEqual([
      { text: 'Per seat' },
      { text: 'Yearly' },
      { text: 'Per click' },
    ])
    // staff who keep the course see them
    expect(course.quiz!.questions[1]!.choices.map((c) => c.isCorrect)).toEqual([true, true, false])
  })

  it('records each lesson opened once, and a course as complete once the quiz is passed', async () => {
    const course = await publishedCourse()
    const [first, second] = course.lessons
    const open = (lessonId: string) =>
      ok<CourseView>(member.post(`/api/v1/programs/courses/${course.id}/lessons/${lessonId}/open`))
    await open(first!.id)
    const again = await open(first!.id)
    expect(again.my).toMatchObject({ lessonsOpened: [first!.id], isComplete: false })
    const both = await open(second!.id)
    expect(both.my.lessonsOpened).toEqual([first!.id, second!.id])
    expect(both.my.isComplete).toBe(false)
    await attempt(member, course.id, rightAnswers(course))
    const done = await ok<CourseView>(member.get(`/api/v1/programs/courses/${course.id}`))
    expect(done.my).toMatchObject({ attempts: 1, bestScorePercent: 100, isComplete: true })
    expect(
      (await member.post(`/api/v1/programs/courses/${course.id}/lessons/lsn_01h455vb4pex5vsknk084sn02q/open`))
        .statusCode,
    ).toBe(404)
  })

  it('grades on the server: a question is right only with exactly its correct choices', async () => {
    const course = await publishedCourse()
    const [q1, q2, q3] = course.quiz!.questions
    // one of two correct choices on the multiple-choice question is wrong; 1 of 3 < 60%
    const failed = await attempt(member, course.id, [
      { questionId: q1!.id, choices: [0] },
      { questionId: q2!.id, choices: [0] },
    ])
    expect(failed).toMatchObject({
      correct: 1,
      questions: 3,
      scorePercent: 33,
      passMarkPercent: 60,
      isPassed: false,
      certificate: null,
      results: [
        { questionId: q1!.id, isCorrect: true },
        { questionId: q2!.id, isCorrect: false },
        { questionId: q3!.id, isCorrect: false },
      ],
    })
    // 2 of 3 = 66% ≥ 60%: passes, choices in any order and repeated
    const passed = await attempt(member, course.id, [
      { questionId: q2!.id, choices: [1, 0, 1] },
      { questionId: q1!.id, choices: [0] },
      { questionId: q3!.id, choices: [0] },
    ])
    expect(passed).toMatchObject({ correct: 2, scorePercent: 66, isPassed: true })
    expect(passed.certificate).toMatchObject({
      name: 'Certified Seller',
      courseId: course.id,
      partnerId: own,
      partnerName: 'Own Resellers',
      personName: 'partner_member user',
      issuedAt: '2026-06-01T09:00:00.000Z',
      expiresAt: '2027-06-01T09:00:00.000Z',
      renewals: 0,
      status: 'valid',
    })
    const attempts = await h.testDb.database.query<{ correct: number; is_passed: boolean }>(
      'select correct, is_passed from quiz_attempts where org_id = $1 and course_id = $2 order by at, id',
      [orgId, course.id],
    )
    expect(attempts.rows).toEqual([
      { correct: 1, is_passed: false },
      { correct: 2, is_passed: true },
    ])
  })

  it('renews the certificate when its holder passes again, with a new expiry', async () => {
    const course = await publishedCourse()
    const first = await attempt(admin, course.id, rightAnswers(course))
    h.clock.set('2026-06-03T09:00:00Z')
    try {
      const second = await attempt(admin, course.id, rightAnswers(course))
      expect(second.certificate).toMatchObject({
        id: first.certificate!.id,
        issuedAt: '2026-06-03T09:00:00.000Z',
        firstIssuedAt: '2026-06-01T09:00:00.000Z',
        expiresAt: '2027-06-03T09:00:00.000Z',
        renewals: 1,
      })
    } finally {
      h.clock.set('2026-06-01T09:00:00Z')
    }
    const audit = await h.testDb.database.query<{ action: string }>(
      'select action from audit_log where org_id = $1 and entity_id = $2 order by seq',
      [orgId, first.certificate!.id],
    )
    expect(audit.rows.map((r) => r.action)).toEqual(['certificate.issued', 'certificate.renewed'])
  })

  it('counts every attempt sent at once, and the person still holds one certificate', async () => {
    const course = await publishedCourse({ title: 'Concurrent course' })
    const results = await Promise.all(
      Array.from({ length: 5 }, () => attempt(member, course.id, rightAnswers(course))),
    )
    expect(new Set(results.map((r) => r.certificate!.id)).size).toBe(1)
    const held = await h.testDb.database.query<{ renewals: number }>(
      'select renewals from certificates where org_id = $1 and course_id = $2',
      [orgId, course.id],
    )
    expect(held.rows).toEqual([{ renewals: 4 }])
    const mine = await ok<CourseView>(member.get(`/api/v1/programs/courses/${course.id}`))
    expect(mine.my.attempts).toBe(5)
  })

  it('issues a certificate without expiry, and none for a course that grants no certification', async () => {
    const forever = await publishedCourse({ certification: { name: 'Lifetime', validityMonths: null } })
    expect((await attempt(member, forever.id, rightAnswers(forever))).certificate).toMatchObject({
      name: 'Lifetime',
      expiresAt: null,
      status: 'valid',
    })
    const plain = await publishedCourse({ certification: null })
    const result = await attempt(member, plain.id, rightAnswers(plain))
    expect(result).toMatchObject({ isPassed: true, certificate: null })
  })

  it('shows a partner member only their own certificates, a partner admin their colleagues’, and staff all', async () => {
    const course = await publishedCourse({ title: 'Visibility course' })
    await attempt(member, course.id, rightAnswers(course))
    await attempt(admin, course.id, rightAnswers(course))
    await attempt(rival, course.id, rightAnswers(course))
    const holders = async (client: Client, query = '') =>
      (
        await ok<{ items: CertificateView[] }>(
          client.get(`/api/v1/programs/certificates?courseId=${course.id}${query}`),
        )
      ).items
        .map((c) => c.personName)
        .sort()
    expect(await holders(member)).toEqual(['partner_member user'])
    expect(await holders(admin)).toEqual(['partner_admin user', 'partner_member user'])
    expect(await holders(admin, '&mine=true')).toEqual(['partner_admin user'])
    expect(await holders(rival)).toEqual(['partner_member user'])
    expect(await holders(manager)).toEqual([
      'partner_admin user',
      'partner_member user',
      'partner_member user',
    ])
    expect(await holders(manager, `&partnerId=${other}`)).toEqual(['partner_member user'])
    const forbidden = await admin.get(`/api/v1/programs/certificates?partnerId=${other}`)
    expect(forbidden.statusCode).toBe(403)
    expect(forbidden.json().errors[0].path).toBe('query.partnerId')
  })

  it('shows per-course progress to staff (everyone) and to a partner admin (their own people only)', async () => {
    const course = await publishedCourse({ title: 'Progress course' })
    await member.post(`/api/v1/programs/courses/${course.id}/lessons/${course.lessons[0]!.id}/open`)
    await attempt(admin, course.id, rightAnswers(course))
    await attempt(rival, course.id, [])
    type Progress = {
      totals: Record<string, number>
      people: {
        name: string
        partnerName: string
        lessonsOpened: number
        attempts: number
        passedAt: string | null
      }[]
    }
    const staff = await ok<Progress>(manager.get(`/api/v1/programs/courses/${course.id}/progress`))
    expect(staff.totals).toEqual({ started: 3, completed: 0, passed: 1, certified: 1 })
    expect(staff.people.map((p) => [p.name, p.partnerName, p.lessonsOpened, p.attempts])).toEqual([
      ['partner_admin user', 'Own Resellers', 0, 1],
      ['partner_member user', 'Own Resellers', 1, 0],
      ['partner_member user', 'Rival Partners', 0, 1],
    ])
    const theirs = await ok<Progress>(admin.get(`/api/v1/programs/courses/${course.id}/progress`))
    expect(theirs.people.map((p) => p.partnerName)).toEqual(['Own Resellers', 'Own Resellers'])
    expect(theirs.totals.started).toBe(2)
    expect((await member.get(`/api/v1/programs/courses/${course.id}/progress`)).statusCode).toBe(403)
  })

  it('shows a partner’s training to its own people and staff, never to another partner', async () => {
    const course = await publishedCourse({ title: 'Partner view course' })
    await attempt(member, course.id, rightAnswers(course))
    await attempt(admin, course.id, [])
    type Training = { certifiedPeople: number; people: { name: string; courses: { title: string }[] }[] }
    const staff = await ok<Training>(manager.get(`/api/v1/programs/partners/${own}/training`))
    expect(staff.people.map((p) => p.name)).toEqual(['partner_admin user', 'partner_member user'])
    expect(staff.certifiedPeople).toBeGreaterThanOrEqual(1)
    const mine = await ok<Training>(member.get(`/api/v1/programs/partners/${own}/training`))
    expect(mine.people.map((p) => p.name)).toEqual(['partner_member user'])
    expect((await rival.get(`/api/v1/programs/partners/${own}/training`)).statusCode).toBe(404)
    expect((await admin.get(`/api/v1/programs/partners/${other}/training`)).statusCode).toBe(404)
  })

  it('lets only staff who run the program keep courses, and only people take quizzes', async () => {
    expect((await admin.post('/api/v1/programs/courses', body())).statusCode).toBe(403)
    const course = await publishedCourse()
    expect((await member.patch(`/api/v1/programs/courses/${course.id}`, { title: 'Mine' })).statusCode).toBe(
      403,
    )
    const key = await h.apiKey(orgId, 'read_write')
    const res = await key.post(`/api/v1/programs/courses/${course.id}/attempts`, {
      answers: rightAnswers(course),
    })
    expect(res.statusCode).toBe(403)
  })

  it('keeps lesson and question ids across edits, and refuses ids the course does not have', async () => {
    const course = await publishedCourse()
    const lessons = course.lessons.map((l) => ({ id: l.id, title: `${l.title}!`, body: l.body }))
    const changed = await ok<CourseView>(
      manager.patch(`/api/v1/programs/courses/${course.id}`, {
        lessons: [...lessons.reverse(), { title: 'New lesson' }],
      }),
    )
    expect(changed.lessons.map((l) => l.id).slice(0, 2)).toEqual([
      course.lessons[1]!.id,
      course.lessons[0]!.id,
    ])
    expect(changed.lessons[2]!.id).toMatch(/^lsn_/)
    const refused = await manager.patch(`/api/v1/programs/courses/${course.id}`, {
      lessons: [{ id: 'lsn_01h455vb4pex5vsknk084sn02q', title: 'Foreign' }],
    })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().errors[0].path).toBe('lessons[0].id')
  })

  it.each([
    ['a certification without a quiz', { quiz: null }, 422, 'certification'],
    [
      'a question with no correct choice',
      {
        quiz: { passMarkPercent: 50, questions: [{ prompt: 'Q', choices: [{ text: 'a' }, { text: 'b' }] }] },
      },
      400,
      'quiz.questions.0.choices',
    ],
    [
      'a link that is not a web address',
      { lessons: [{ title: 'L', links: [{ label: 'x', url: 'javascript:alert(1)' }] }] },
      400,
      'lessons.0.links.0.url',
    ],
    ['a pass mark over 100', { quiz: { ...body().quiz, passMarkPercent: 101 } }, 400, 'quiz.passMarkPercent'],
    [
      'a validity of zero months',
      { certification: { name: 'C', validityMonths: 0 } },
      400,
      'certification.validityMonths',
    ],
  ])('refuses %s, naming the field', async (_name, extra, status, path) => {
    const res = await manager.post('/api/v1/programs/courses', body(extra))
    expect(res.statusCode, res.body).toBe(status)
    expect(String(res.headers['content-type'])).toContain('application/problem+json')
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
  })

  it('refuses to publish a course without lessons, naming the field', async () => {
    const course = await ok<CourseView>(manager.post('/api/v1/programs/courses', body({ lessons: [] })), 201)
    const res = await manager.post(`/api/v1/programs/courses/${course.id}/publish`)
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0].path).toBe('lessons')
  })

  it.each([
    [
      'a question of another quiz',
      [{ questionId: 'qqn_01h455vb4pex5vsknk084sn02q', choices: [0] }],
      'answers[0].questionId',
    ],
    ['a choice that does not exist', 'out of range', 'answers[0].choices'],
    ['a question answered twice', 'twice', 'answers[1].questionId'],
  ])('refuses an attempt with %s, naming the field', async (_name, answers, path) => {
    const course = await publishedCourse()
    const q = course.quiz!.questions[0]!.id
    const sent =
      answers === 'out of range'
        ? [{ questionId: q, choices: [5] }]
        : answers === 'twice'
          ? [
              { questionId: q, choices: [0] },
              { questionId: q, choices: [1] },
            ]
          : answers
    const res = await member.post(`/api/v1/programs/courses/${course.id}/attempts`, { answers: sent })
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().errors[0].path).toBe(path)
  })
})
