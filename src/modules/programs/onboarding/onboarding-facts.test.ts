import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../../http/live-harness'
import { answerOf, type Client, type Harness } from '../../../http/test-harness'
import { listEvents } from '../../../platform/events'
import { listMail } from '../../../platform/mail'
import { systemScope } from '../../../platform/scope'
import { programsModule } from '..'
import type { CourseView } from '../training/training.contract'
import type { PartnerOnboardingView, WorkflowView } from './onboarding.contract'
import { noteDealRegistration, refreshOpenOnboarding } from './onboarding-progress.service'
import { remindOnboardingSteps } from './onboarding-reminders.service'

// Steps that read facts tick themselves as the facts arrive through events: a tax form submitted, a
// course passed by someone at the partner, the profile filled, a first deal registration (reported by
// revenue's subscriber, revenue.subscribers.test.ts); a partner
// created later is enrolled at once; the last fact activates the partner once; and reminders go to the
// partner's admins once per step and due day, even from runs at the same moment.
describe('onboarding: progress from the facts', () => {
  let live: LiveHarness
  let h: Harness
  let orgId: string
  let manager: Client
  let course: CourseView
  let flow: WorkflowView

  const ok = answerOf
  const newPartner = async (name: string, extra: Record<string, unknown> = {}) => {
    const id = (
      await ok<{ id: string }>(manager.post('/api/v1/partners', { name, type: 'reseller', ...extra }), 201)
    ).id
    await live.bus.drain()
    return id
  }
  const stepsOf = async (partnerId: string) => {
    const view = await ok<PartnerOnboardingView>(
      manager.get(`/api/v1/programs/partners/${partnerId}/onboarding`),
    )
    const enrolment = view.items.find((i) => i.workflowId === flow.id)
    if (!enrolment) return null
    return { ...enrolment, byKind: Object.fromEntries(enrolment.steps.map((s) => [s.kind, s])) }
  }
  const w9 = {
    kind: 'w9',
    legalName: 'Bluefin Consulting',
    taxClassification: 'individual',
    country: 'US',
    addressLine1: '12 Main Street',
    city: 'Portland',
    region: 'OR',
    postalCode: '97201',
    tinKind: 'ssn',
    tin: '536-90-4172',
    signerName: 'Jo Reed',
    signatureAttested: true,
  }

  beforeAll(async () => {
    live = await createLiveHarness('onboarding-facts', [programsModule])
    ;({ h, orgId } = live)
    h.clock.set('2026-06-01T09:00:00Z')
    manager = await h.signIn(orgId, 'partner_manager')
    const draft = await ok<CourseView>(
      manager.post('/api/v1/programs/courses', {
        title: 'Selling the platform',
        lessons: [{ title: 'Who buys it', body: 'Revenue operations.' }],
        quiz: {
          passMarkPercent: 100,
          questions: [
            {
              prompt: 'Who buys it?',
              choices: [{ text: 'Revenue operations', isCorrect: true }, { text: 'Facilities' }],
            },
          ],
        },
        certification: { name: 'Certified Seller', validityMonths: 12 },
      }),
      201,
    )
    course = await ok<CourseView>(manager.post(`/api/v1/programs/courses/${draft.id}/publish`))
    const created = await ok<WorkflowView>(
      manager.post('/api/v1/programs/onboarding/workflows', {
        name: 'Reseller onboarding',
        audience: { types: ['reseller'], tags: [] },
        steps: [
          { kind: 'profile', title: 'Complete your profile', fields: ['website', 'country', 'contact'] },
          { kind: 'tax_form', title: 'Submit your tax form', dueInDays: 2 },
          { kind: 'course', title: 'Get certified', courseId: course.id, dueInDays: 30 },
          { kind: 'deal_registration', title: 'Register your first deal', dueInDays: 30 },
        ],
      }),
      201,
    )
    flow = await ok<WorkflowView>(manager.post(`/api/v1/programs/onboarding/workflows/${created.id}/publish`))
    await live.bus.drain()
  })
  afterAll(async () => live?.close())

  it('enrols a partner created after publication, and not one outside the audience', async () => {
    const reseller = await newPartner('Late Reseller')
    const agency = await newPartner('Some Agency', { type: 'agency' })
    expect((await stepsOf(reseller))?.steps.map((s) => s.status)).toEqual(['open', 'open', 'open', 'open'])
    expect(await stepsOf(agency)).toBeNull()
  })

  it('ticks the tax step when the partner submits a tax form, with when it was signed', async () => {
    const partner = await newPartner('Taxed Reseller')
    const admin = await h.signIn(orgId, 'partner_admin', { partnerId: partner })
    h.clock.set('2026-06-01T11:00:00Z')
    await ok(admin.post('/api/v1/incentives/tax/forms', w9), 201)
    await live.bus.drain()
    const after = await stepsOf(partner)
    expect(after!.byKind.tax_form).toMatchObject({
      status: 'done',
      completedAt: '2026-06-01T11:00:00.000Z',
      completedBy: null,
    })
    expect(after!.byKind.course!.status).toBe('open')
  })

  it('opens the tax step again when the form is rejected, and ticks it on the next one', async () => {
    const partner = await newPartner('Rejected Reseller')
    const admin = await h.signIn(orgId, 'partner_admin', { partnerId: partner })
    const form = await ok<{ id: string }>(admin.post('/api/v1/incentives/tax/forms', w9), 201)
    await live.bus.drain()
    expect((await stepsOf(partner))!.byKind.tax_form!.status).toBe('done')
    const owner = await h.signIn(orgId, 'owner')
    await ok(
      owner.post(`/api/v1/incentives/tax/forms/${form.id}/reject`, {
        reason: 'The address is missing a unit',
      }),
    )
    await live.bus.drain()
    expect((await stepsOf(partner))!.byKind.tax_form).toMatchObject({ status: 'open', completedAt: null })
    await ok(admin.post('/api/v1/incentives/tax/forms', w9), 201)
    await live.bus.drain()
    expect((await stepsOf(partner))!.byKind.tax_form!.status).toBe('done')
  })

  it('ticks the course step when someone at the partner passes the course', async () => {
    const partner = await newPartner('Certified Reseller')
    const member = await h.signIn(orgId, 'partner_member', { partnerId: partner })
    await ok(member.post(`/api/v1/programs/courses/${course.id}/lessons/${course.lessons[0]!.id}/open`))
    const question = course.quiz!.questions[0]!
    await ok(
      member.post(`/api/v1/programs/courses/${course.id}/attempts`, {
        answers: [{ questionId: question.id, choices: [0] }],
      }),
      201,
    )
    await live.bus.drain()
    const after = await stepsOf(partner)
    expect(after!.byKind.course).toMatchObject({ status: 'done', courseTitle: 'Selling the platform' })
  })

  it('completes every step from the facts alone and activates the partner once', async () => {
    const partner = await newPartner('Complete Reseller')
    const admin = await h.signIn(orgId, 'partner_admin', { partnerId: partner })
    const member = await h.signIn(orgId, 'partner_member', { partnerId: partner })
    await ok(
      manager.patch(`/api/v1/partners/${partner}`, {
        websiteDomain: 'complete.example',
        country: 'US',
        contacts: [{ name: 'Jo Reed', email: 'jo@complete.example', isPrimary: true }],
      }),
    )
    await live.bus.drain()
    expect((await stepsOf(partner))!.byKind.profile!.status).toBe('done')
    await ok(admin.post('/api/v1/incentives/tax/forms', w9), 201)
    await ok(member.post(`/api/v1/programs/courses/${course.id}/lessons/${course.lessons[0]!.id}/open`))
    await ok(
      member.post(`/api/v1/programs/courses/${course.id}/attempts`, {
        answers: [{ questionId: course.quiz!.questions[0]!.id, choices: [0] }],
      }),
      201,
    )
    await live.bus.drain()
    expect((await stepsOf(partner))!.activatedAt).toBeNull()
    expect((await ok<{ status: string }>(manager.get(`/api/v1/partners/${partner}`))).status).toBe(
      'onboarding',
    )
    const db = h.testDb.database.db
    const note = () =>
      db.transaction((tx) =>
        noteDealRegistration(tx, systemScope(orgId), partner, new Date('2026-06-01T12:00:00Z'), {
          clock: h.clock,
        }),
      )
    await note()
    await live.bus.drain()
    const done = await stepsOf(partner)
    expect(done!.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done'])
    expect(done!.activatedAt).not.toBeNull()
    expect((await ok<{ status: string }>(manager.get(`/api/v1/partners/${partner}`))).status).toBe('active')
    // a second registration, and the nightly refresh, change nothing
    await note()
    await refreshOpenOnboarding(db, { clock: h.clock })
    await live.bus.drain()
    expect((await stepsOf(partner))!.byKind.deal_registration!.completedAt).toBe('2026-06-01T12:00:00.000Z')
    const events = (await listEvents(h.testDb.database.db, orgId, 'onboarding.completed')).filter(
      (e) => e.payload.partnerId === partner,
    )
    expect(events).toHaveLength(1)
  })

  it('reminds the partner admins of a step falling due once, even from two runs at once', async () => {
    h.clock.set('2026-06-10T09:00:00Z')
    manager = await h.signIn(orgId, 'partner_manager')
    const partner = await newPartner('Reminded Reseller')
    const first = await h.signIn(orgId, 'partner_admin', { partnerId: partner })
    const second = await h.signIn(orgId, 'partner_admin', { partnerId: partner })
    await h.signIn(orgId, 'partner_member', { partnerId: partner })
    const deps = { clock: h.clock, publicUrl: 'http://credence.test' }
    const db = h.testDb.database.db
    const runs = await Promise.all([remindOnboardingSteps(db, deps), remindOnboardingSteps(db, deps)])
    const mine = async () =>
      (await listMail(db, orgId)).filter((m) => m.to === first.email || m.to === second.email)
    const mails = await mine()
    expect(mails).toHaveLength(2)
    expect(mails[0]!.subject).toBe('Onboarding: a step is due soon')
    expect(mails[0]!.text).toContain('Submit your tax form — due on 2026-06-12')
    expect(mails[0]!.text).toContain('http://credence.test/portal/onboarding')
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2)
    expect(await remindOnboardingSteps(db, deps)).toBe(0)
    // past its due day it is not reminded again for the same due day
    h.clock.set('2026-06-15T09:00:00Z')
    await remindOnboardingSteps(db, deps)
    expect(await mine()).toHaveLength(2)
  })
})
