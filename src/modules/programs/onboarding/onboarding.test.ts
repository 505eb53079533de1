import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerOf, type Client, createHarness, type Harness } from '../../../http/test-harness'
import { listEvents } from '../../../platform/events'
import { auditLog } from '../../../platform/platform.tables'
import type { PartnerOnboardingView, WorkflowProgressView, WorkflowView } from './onboarding.contract'

// Onboarding workflows through the API: a draft and its validation named by field, publishing enrols the
// audience in one go, who sees whose progress, a partner admin accepts the agreement (the text's version
// recorded) and confirms what the partner may, staff tick and untick, and the last step activates the
// partner once — even when two completions arrive together.
describe('onboarding: workflows, progress and activation', () => {
  let h: Harness
  let orgId: string
  let manager: Client
  let own: string
  let other: string
  let admin: Client
  let member: Client
  let rival: Client

  const ok = answerOf
  const workflow = (extra: Record<string, unknown> = {}) => ({
    name: 'Reseller onboarding',
    audience: { types: ['reseller'], tags: [] },
    steps: [
      {
        kind: 'agreement',
        title: 'Accept the partner agreement',
        documentTitle: 'Partner agreement',
        documentText: 'The partner resells the platform on these terms.',
        dueInDays: 7,
      },
      { kind: 'custom', title: 'Book a kickoff call', confirmedBy: 'partner' },
      { kind: 'custom', title: 'Staff check references', confirmedBy: 'staff' },
      {
        kind: 'custom',
        title: 'Optional newsletter',
        isRequired: false,
        confirmedBy: 'partner',
        dueInDays: 3,
      },
    ],
    ...extra,
  })
  const published = async (extra: Record<string, unknown> = {}) => {
    const draft = await ok<WorkflowView>(
      manager.post('/api/v1/programs/onboarding/workflows', workflow(extra)),
      201,
    )
    return ok<WorkflowView>(manager.post(`/api/v1/programs/onboarding/workflows/${draft.id}/publish`))
  }
  const onboardingOf = (client: Client, partnerId: string) =>
    ok<PartnerOnboardingView>(client.get(`/api/v1/programs/partners/${partnerId}/onboarding`))
  const stepUrl = (workflowId: string, partnerId: string, stepId: string, action: 'accept' | 'confirm') =>
    `/api/v1/programs/onboarding/workflows/${workflowId}/partners/${partnerId}/steps/${stepId}/${action}`
  const newPartner = async (name: string, extra: Record<string, unknown> = {}) =>
    (await ok<{ id: string }>(manager.post('/api/v1/partners', { name, type: 'reseller', ...extra }), 201)).id

  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('onboarding')
    manager = await h.signIn(orgId, 'partner_manager')
    own = await newPartner('Own Resellers')
    other = await newPartner('Rival Partners')
    admin = await h.signIn(orgId, 'partner_admin', { partnerId: own })
    member = await h.signIn(orgId, 'partner_member', { partnerId: own })
    rival = await h.signIn(orgId, 'partner_admin', { partnerId: other })
  })
  afterAll(async () => h?.close())

  it.each([
    [
      'an agreement without text or address',
      { kind: 'agreement', title: 'Sign', documentTitle: 'Terms' },
      'steps.0.documentText',
    ],
    ['an unknown kind', { kind: 'telepathy', title: 'Guess' }, 'steps.0.kind'],
    ['a profile step without fields', { kind: 'profile', title: 'Profile', fields: [] }, 'steps.0.fields'],
    [
      'a due date a year and a day out',
      { kind: 'tax_form', title: 'Tax', dueInDays: 366 },
      'steps.0.dueInDays',
    ],
    [
      'a course not in the org',
      { kind: 'course', title: 'Learn', courseId: 'crs_01h455vb4pex5vsknk084sn02q' },
      'steps.0.courseId',
    ],
  ])('refuses %s, naming the field', async (_label, step, path) => {
    const res = await manager.post('/api/v1/programs/onboarding/workflows', { name: 'Bad', steps: [step] })
    expect(res.statusCode).toBeGreaterThanOrEqual(400)
    expect(res.statusCode).toBeLessThan(500)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
  })

  it('refuses to publish a workflow without steps, and keeps workflows from partners', async () => {
    const draft = await ok<WorkflowView>(
      manager.post('/api/v1/programs/onboarding/workflows', { name: 'Empty' }),
      201,
    )
    const res = await manager.post(`/api/v1/programs/onboarding/workflows/${draft.id}/publish`)
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0].path).toBe('steps')
    expect((await admin.get('/api/v1/programs/onboarding/workflows')).statusCode).toBe(403)
    expect((await admin.get(`/api/v1/programs/onboarding/workflows/${draft.id}`)).statusCode).toBe(403)
  })

  it('enrols every partner of the audience when published, and no one else', async () => {
    const tagged = await newPartner('Tagged Agency', { type: 'agency', tags: ['EMEA'] })
    const untagged = await newPartner('Plain Agency', { type: 'agency' })
    const flow = await published({ name: 'EMEA agencies', audience: { types: ['agency'], tags: ['emea'] } })
    expect(flow).toMatchObject({ status: 'published', version: 1, hasUnpublishedChanges: false })
    expect(flow.counts).toEqual({ enrolled: 1, activated: 0, overdue: 0 })
    const progress = await ok<WorkflowProgressView>(
      manager.get(`/api/v1/programs/onboarding/workflows/${flow.id}/progress`),
    )
    expect(progress.items.map((i) => i.partnerId)).toEqual([tagged])
    expect((await onboardingOf(manager, untagged)).items.some((i) => i.workflowId === flow.id)).toBe(false)
  })

  it("shows a partner user their own partner's onboarding and answers 404 for another partner's", async () => {
    const flow = await published()
    const mine = await onboardingOf(member, own)
    const enrolment = mine.items.find((i) => i.workflowId === flow.id)!
    expect(enrolment).toMatchObject({ percentDone: 0, requiredTotal: 3, requiredDone: 0, activatedAt: null })
    expect(enrolment.steps[0]).toMatchObject({ status: 'open', dueOn: '2026-06-08', canAct: false })
    // a member reads, the admin acts
    expect(
      (await onboardingOf(admin, own)).items.find((i) => i.workflowId === flow.id)!.steps[0]!.canAct,
    ).toBe(true)
    const theirs = await rival.get(`/api/v1/programs/partners/${own}/onboarding`)
    expect(theirs.statusCode).toBe(404)
    expect(theirs.headers['content-type']).toContain('application/problem+json')
    const step = enrolment.steps[0]!
    const accept = await rival.post(stepUrl(flow.id, own, step.id, 'accept'), {
      documentHash: step.documentHash,
    })
    expect(accept.statusCode).toBe(404)
  })

  it('records who accepted the agreement, when and which text, and refuses a text that changed', async () => {
    const flow = await published()
    const step = flow.steps[0]!
    expect(
      (await member.post(stepUrl(flow.id, own, step.id, 'accept'), { documentHash: step.documentHash }))
        .statusCode,
    ).toBe(403)
    expect(
      (await manager.post(stepUrl(flow.id, own, step.id, 'accept'), { documentHash: step.documentHash }))
        .statusCode,
    ).toBe(403)
    const stale = await admin.post(stepUrl(flow.id, own, step.id, 'accept'), { documentHash: 'a'.repeat(64) })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().errors[0].path).toBe('documentHash')
    const bad = await admin.post(stepUrl(flow.id, own, step.id, 'accept'), { documentHash: 'not a hash' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0].path).toBe('documentHash')
    h.clock.set('2026-06-02T10:00:00Z')
    const after = await ok<PartnerOnboardingView>(
      admin.post(stepUrl(flow.id, own, step.id, 'accept'), { documentHash: step.documentHash }),
    )
    const done = after.items.find((i) => i.workflowId === flow.id)!
    expect(done.steps[0]).toMatchObject({
      status: 'done',
      completedAt: '2026-06-02T10:00:00.000Z',
      completedBy: 'partner_admin user',
      canAct: false,
    })
    expect(done.percentDone).toBe(33)
    const audit = await h.testDb.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, 'onboarding.agreement_accepted')))
    expect(audit.map((a) => a.after)).toEqual([
      expect.objectContaining({ documentHash: step.documentHash, workflowVersion: 1, stepId: step.id }),
    ])

    // a new text asks for a new acceptance once published
    await ok(
      manager.patch(`/api/v1/programs/onboarding/workflows/${flow.id}`, {
        steps: [
          { ...workflow().steps[0], id: step.id, documentText: 'New terms.' },
          ...flow.steps.slice(1).map((s) => ({
            id: s.id,
            kind: 'custom',
            title: s.title,
            confirmedBy: s.confirmedBy,
            isRequired: s.isRequired,
          })),
        ],
      }),
    )
    const republished = await ok<WorkflowView>(
      manager.post(`/api/v1/programs/onboarding/workflows/${flow.id}/publish`),
    )
    expect(republished.version).toBe(2)
    const moved = (await onboardingOf(admin, own)).items.find((i) => i.workflowId === flow.id)!
    expect(moved.version).toBe(2)
    expect(moved.steps[0]).toMatchObject({ status: 'open', canAct: true })
    expect(moved.steps[0]!.documentHash).not.toBe(step.documentHash)
  })

  it('lets the partner admin confirm only partner steps, and staff tick and untick any custom step', async () => {
    const flow = await published()
    const [, kickoff, references] = flow.steps
    expect((await admin.post(stepUrl(flow.id, own, references!.id, 'confirm'))).statusCode).toBe(403)
    await ok(admin.post(stepUrl(flow.id, own, kickoff!.id, 'confirm')))
    const ticked = await ok<PartnerOnboardingView>(
      manager.post(stepUrl(flow.id, own, references!.id, 'confirm')),
    )
    expect(ticked.items.find((i) => i.workflowId === flow.id)!.steps.map((s) => s.status)).toEqual([
      'open',
      'done',
      'done',
      'open',
    ])
    expect((await admin.delete(stepUrl(flow.id, own, references!.id, 'confirm'))).statusCode).toBe(403)
    const unticked = await ok<PartnerOnboardingView>(
      manager.delete(stepUrl(flow.id, own, references!.id, 'confirm')),
    )
    expect(unticked.items.find((i) => i.workflowId === flow.id)!.steps[2]!.status).toBe('open')
    const notCustom = await manager.post(stepUrl(flow.id, own, flow.steps[0]!.id, 'confirm'))
    expect(notCustom.statusCode).toBe(409)
  })

  it('shows a step past its due day as overdue, and counts the partner overdue', async () => {
    const partner = await newPartner('Late Resellers')
    h.clock.set('2026-06-03T12:00:00Z')
    const steps = [{ ...workflow().steps[0], dueInDays: 1 }]
    const flow = await published({ name: 'Late flow', steps })
    try {
      h.clock.set('2026-06-04T23:00:00Z')
      const onTime = (await onboardingOf(manager, partner)).items.find((i) => i.workflowId === flow.id)!
      expect(onTime.steps[0]).toMatchObject({ status: 'open', dueOn: '2026-06-04' })
      h.clock.set('2026-06-05T00:30:00Z')
      const late = (await onboardingOf(manager, partner)).items.find((i) => i.workflowId === flow.id)!
      expect(late.steps[0]!.status).toBe('overdue')
      expect(late.overdue).toBe(1)
      const overdue = await ok<WorkflowProgressView>(
        manager.get(`/api/v1/programs/onboarding/workflows/${flow.id}/progress?status=overdue`),
      )
      expect(overdue.items.map((i) => i.partnerId)).toContain(partner)
      const counted = await ok<WorkflowView>(manager.get(`/api/v1/programs/onboarding/workflows/${flow.id}`))
      expect(counted.counts.overdue).toBe(counted.counts.enrolled)
    } finally {
      h.clock.set('2026-06-03T12:00:00Z')
    }
  })

  it('activates the partner once when its last two steps are completed at the same moment', async () => {
    const partner = await newPartner('Racing Resellers')
    const racer = await h.signIn(orgId, 'partner_admin', { partnerId: partner })
    const flow = await published({ name: 'Race flow' })
    const [agreement, kickoff, references] = flow.steps
    await ok(racer.post(stepUrl(flow.id, partner, kickoff!.id, 'confirm')))
    const answers = await Promise.all([
      racer.post(stepUrl(flow.id, partner, agreement!.id, 'accept'), {
        documentHash: agreement!.documentHash,
      }),
      manager.post(stepUrl(flow.id, partner, references!.id, 'confirm')),
    ])
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200])
    const done = (await onboardingOf(manager, partner)).items.find((i) => i.workflowId === flow.id)!
    expect(done.activatedAt).not.toBeNull()
    expect(done.percentDone).toBe(100)
    const events = (await listEvents(h.testDb.database.db, orgId, 'onboarding.completed')).filter(
      (e) => e.payload.partnerId === partner,
    )
    expect(events).toHaveLength(1)
    expect(events[0]!.payload).toMatchObject({ workflowId: flow.id, isStatusActivated: true })
    const status = (await ok<{ status: string }>(manager.get(`/api/v1/partners/${partner}`))).status
    expect(status).toBe('active')
    // an activated partner's steps stay as they were
    expect((await manager.delete(stepUrl(flow.id, partner, references!.id, 'confirm'))).statusCode).toBe(409)
    // the optional step left undone is not overdue once the partner is activated
    h.clock.set('2026-07-01T09:00:00Z')
    const later = (await onboardingOf(await h.signIn(orgId, 'partner_manager'), partner)).items.find(
      (i) => i.workflowId === flow.id,
    )!
    expect(later.overdue).toBe(0)
    h.clock.set('2026-06-03T12:00:00Z')
  })
})
