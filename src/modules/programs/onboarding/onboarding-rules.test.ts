import { describe, expect, it } from 'vitest'
import { partnerTypes } from '../../partners'
import { audienceTypes, type StepDefinition } from './onboarding.contract'
import {
  completionOf,
  documentHashOf,
  dueOn,
  isEveryRequiredDone,
  isReminderDue,
  matchesAudience,
  type PartnerOnboardingFacts,
  percentDone,
  stepStatus,
  toStepDefinition,
} from './onboarding-rules'

// The pure onboarding rules: stored steps, audiences, due days, what completes each kind of step, the
// percent done, activation and when a reminder is due.
const now = new Date('2026-06-10T12:00:00Z')
let n = 0
const newId = () => `obs_${String(++n).padStart(26, '0')}`

const noFacts = (): PartnerOnboardingFacts => ({
  profile: { website: false, country: false, contact: false },
  taxFormAt: null,
  certificates: new Map(),
  dealRegistrationAt: null,
  acceptances: new Map(),
  confirmations: new Map(),
})

describe('onboarding rules', () => {
  it('offers the partner types the partners module knows', () => {
    expect([...audienceTypes].sort()).toEqual([...partnerTypes].sort())
  })

  it('keeps a step id given and makes one otherwise, and hashes the agreement text as its version', () => {
    const agreement = toStepDefinition(
      { kind: 'agreement', title: 'Sign', documentTitle: 'Terms', documentText: 'Be nice.' },
      newId,
    )
    expect(agreement).toMatchObject({
      kind: 'agreement',
      isRequired: true,
      dueInDays: null,
      documentHash: documentHashOf('Terms', 'Be nice.', null),
      fields: null,
    })
    expect(agreement.id).toMatch(/^obs_/)
    const kept = toStepDefinition({ id: agreement.id, kind: 'tax_form', title: 'Tax' }, newId)
    expect(kept.id).toBe(agreement.id)
    expect(documentHashOf('Terms', 'Be nice!', null)).not.toBe(agreement.documentHash)
    expect(documentHashOf('Terms', '  Be nice. ', null)).toBe(agreement.documentHash)
  })

  it.each([
    [{ types: [], tags: [] }, { type: 'agency', tags: [] }, true],
    [{ types: ['reseller'], tags: [] }, { type: 'agency', tags: [] }, false],
    [{ types: ['reseller'], tags: [] }, { type: 'reseller', tags: ['x'] }, true],
    [{ types: [], tags: ['emea'] }, { type: 'reseller', tags: ['apac'] }, false],
    [{ types: [], tags: ['emea'] }, { type: 'reseller', tags: ['apac', 'EMEA'] }, true],
    [{ types: ['agency'], tags: ['emea'] }, { type: 'reseller', tags: ['emea'] }, false],
  ] as const)('audience %j matches %j: %s', (audience, partner, expected) => {
    expect(
      matchesAudience(
        { types: [...audience.types], tags: [...audience.tags] },
        { type: partner.type, tags: [...partner.tags] },
      ),
    ).toBe(expected)
  })

  it.each([
    ['2026-06-01T23:30:00Z', 0, '2026-06-01'],
    ['2026-06-01T23:30:00Z', 7, '2026-06-08'],
    ['2026-06-28T10:00:00Z', 3, '2026-07-01'],
  ])('a step enrolled at %s due in %i days is due on %s', (at, days, expected) => {
    expect(dueOn(new Date(at), days)).toBe(expected)
  })

  it('has no due day without due-in days', () => {
    expect(dueOn(now, null)).toBeNull()
  })

  it('completes each kind of step from its facts', () => {
    const facts = noFacts()
    const steps = {
      profile: toStepDefinition({ kind: 'profile', title: 'P', fields: ['website', 'country'] }, newId),
      tax: toStepDefinition({ kind: 'tax_form', title: 'T' }, newId),
      course: toStepDefinition({ kind: 'course', title: 'C', courseId: 'crs_1' }, newId),
      deal: toStepDefinition({ kind: 'deal_registration', title: 'D' }, newId),
      custom: toStepDefinition({ kind: 'custom', title: 'X' }, newId),
      agreement: toStepDefinition(
        { kind: 'agreement', title: 'A', documentTitle: 'Terms', documentUrl: 'https://example.com/t.pdf' },
        newId,
      ),
    }
    for (const step of Object.values(steps)) expect(completionOf(step, facts, now)).toBeNull()
    const signed = new Date('2026-06-02T00:00:00Z')
    facts.profile = { website: true, country: true, contact: false }
    facts.taxFormAt = signed
    facts.certificates = new Map([['crs_1', signed]])
    facts.dealRegistrationAt = signed
    facts.confirmations = new Map([[steps.custom.id, { at: signed, by: 'user:usr_1' }]])
    // an acceptance of another version of the text does not count
    facts.acceptances = new Map([
      [`${steps.agreement.id}:${'0'.repeat(64)}`, { at: signed, by: 'user:usr_1' }],
    ])
    expect(completionOf(steps.profile, facts, now)).toEqual({ at: now, by: null })
    expect(completionOf(steps.tax, facts, now)).toEqual({ at: signed, by: null })
    expect(completionOf(steps.course, facts, now)).toEqual({ at: signed, by: null })
    expect(completionOf(steps.deal, facts, now)).toEqual({ at: signed, by: null })
    expect(completionOf(steps.custom, facts, now)).toEqual({ at: signed, by: 'user:usr_1' })
    expect(completionOf(steps.agreement, facts, now)).toBeNull()
    facts.acceptances = new Map([
      [`${steps.agreement.id}:${steps.agreement.documentHash}`, { at: signed, by: 'user:usr_2' }],
    ])
    expect(completionOf(steps.agreement, facts, now)).toEqual({ at: signed, by: 'user:usr_2' })
    facts.profile = { website: true, country: false, contact: true }
    expect(completionOf(steps.profile, facts, now)).toBeNull()
  })

  it('calls a step overdue only after its due day, and done whenever it is done', () => {
    expect(stepStatus(false, '2026-06-10', now)).toBe('open')
    expect(stepStatus(false, '2026-06-09', now)).toBe('overdue')
    expect(stepStatus(true, '2026-06-09', now)).toBe('done')
    expect(stepStatus(false, null, now)).toBe('open')
  })

  it.each([
    [0, 3, 0],
    [1, 3, 33],
    [2, 3, 66],
    [3, 3, 100],
    [0, 0, 100],
  ])('%i of %i required steps is %i percent', (done, total, expected) => {
    expect(percentDone(done, total)).toBe(expected)
  })

  it('activates on every required step, whatever the optional ones', () => {
    const required = toStepDefinition({ kind: 'tax_form', title: 'T' }, newId)
    const optional = toStepDefinition({ kind: 'custom', title: 'O', isRequired: false }, newId)
    const steps: StepDefinition[] = [required, optional]
    expect(isEveryRequiredDone(steps, new Set())).toBe(false)
    expect(isEveryRequiredDone(steps, new Set([optional.id]))).toBe(false)
    expect(isEveryRequiredDone(steps, new Set([required.id]))).toBe(true)
  })

  it('reminds within three days of the due day and after it, never without one', () => {
    expect(isReminderDue('2026-06-13', now)).toBe(true)
    expect(isReminderDue('2026-06-14', now)).toBe(false)
    expect(isReminderDue('2026-06-01', now)).toBe(true)
    expect(isReminderDue(null, now)).toBe(false)
  })
})
