import { describe, expect, it } from 'vitest'
import type { PlanView } from '../../../../src/modules/incentives/incentives.contract'
import {
  createInputOfDraft,
  draftOfPlan,
  formPathOf,
  newPlanDraft,
  previewInputOfDraft,
  termsOfDraft,
} from './plan-draft'

const terms: PlanView['versions'][number]['terms'] = {
  audience: { '==': [{ var: 'partner.type' }, 'reseller'] },
  matchPolicy: 'highest',
  rules: [
    { id: 'renewals', label: 'Renewals', when: { '==': [{ var: 'deal.type' }, 'renewal'] }, rate: '0.125' },
    {
      id: 'gold',
      label: 'Gold partners',
      when: { in: ['gold', { var: 'partner.tags' }] },
      flatMinor: '50000',
      capMinor: '100000',
    },
    { id: 'tiered', label: 'Tiered', when: true, tiered: true, floorMinor: '1000' },
  ],
  tiers: {
    period: 'quarter',
    mode: 'retroactive',
    targetMinor: '10000000',
    brackets: [
      { fromMinor: '0', rate: '0.05' },
      { fromPercentOfTarget: 100, rate: '0.1' },
    ],
  },
  recurring: { months: 12 },
  clawback: { days: 90 },
  window: { from: '2025-01-01', to: '2025-03-31' },
  holdDays: 45,
}
const plan: PlanView = {
  id: 'cpl_1',
  name: 'Resellers',
  kind: 'commission',
  currency: 'USD',
  isActive: true,
  version: 2,
  versions: [
    { version: 2, effectiveFrom: '2025-01-01', terms, createdAt: '2025-01-01T00:00:00Z', createdBy: 'a' },
  ],
}

describe('a plan in its form', () => {
  it('shows rates as percentages and amounts in major units', () => {
    const draft = draftOfPlan(plan, '2025-06-01', 2)
    expect(
      draft.rules.map((rule) => [
        rule.payment,
        rule.ratePercent,
        rule.flatAmount,
        rule.capAmount,
        rule.floorAmount,
      ]),
    ).toEqual([
      ['rate', '12.5', '', '', ''],
      ['flat', '', '500', '1000', ''],
      ['tiered', '', '', '', '10'],
    ])
    expect(draft.rules[1]?.condition).toEqual({ test: 'partnerTag', value: 'gold' })
    expect(draft.brackets).toEqual([
      { basis: 'amount', from: '0', ratePercent: '5' },
      { basis: 'target', from: '100', ratePercent: '10' },
    ])
    expect(draft.targetAmount).toBe('100000')
    expect(draft.effectiveFrom).toBe('2025-06-01')
  })

  it('gives back exactly the terms it was made from', () => {
    const draft = draftOfPlan(plan, '2025-06-01', 2)
    expect(termsOfDraft(draft, 2)).toEqual({ value: terms, errors: {} })
  })
})

describe('a new plan', () => {
  it('sends 10% as the fraction 0.1 for every deal', () => {
    const draft = { ...newPlanDraft('2025-06-01'), name: ' Ten percent ' }
    expect(createInputOfDraft(draft, 2)).toEqual({
      value: {
        name: 'Ten percent',
        kind: 'commission',
        currency: 'USD',
        effectiveFrom: '2025-06-01',
        terms: {
          audience: true,
          matchPolicy: 'first',
          rules: [{ id: 'rule-1', label: 'Every deal', when: true, rate: '0.1' }],
          tiers: null,
          recurring: null,
          clawback: null,
          window: null,
          holdDays: 30,
        },
      },
      errors: {},
    })
  })

  it('names each mistake on its input', () => {
    const draft = newPlanDraft('2025-06-01')
    const rule = draft.rules[0]
    if (!rule) throw new Error('no rule')
    const { errors } = createInputOfDraft(
      {
        ...draft,
        rules: [
          { ...rule, ratePercent: '150', capAmount: '1.234', condition: { test: 'dealType', value: '' } },
        ],
        holdDays: '',
        windowFrom: '2025-01-01',
      },
      2,
    )
    expect(Object.keys(errors).sort()).toEqual([
      'holdDays',
      'name',
      'rules.0.capAmount',
      'rules.0.condition',
      'rules.0.ratePercent',
      'windowTo',
    ])
  })

  it('takes the terms from the JSON editor in advanced mode', () => {
    const draft = { ...newPlanDraft('2025-06-01'), name: 'x', advanced: true, termsJson: '{"rules":[' }
    expect(createInputOfDraft(draft, 2).errors).toEqual({ termsJson: 'Not valid JSON' })
  })
})

describe('formPathOf', () => {
  const draft = { advanced: false, rules: [{}, {}], brackets: [{}] } as Parameters<typeof formPathOf>[1]
  it.each([
    ['terms.rules[1].when', 'rules.1.condition'],
    ['terms.rules[1].when.==[0]', 'rules.1.condition'],
    ['terms.rules.0.rate', 'rules.0.ratePercent'],
    ['terms.rules[0].floorMinor', 'rules.0.floorAmount'],
    ['terms.rules.1', 'rules.1.payment'],
    ['terms.rules[1].tiered', 'rules.1.payment'],
    ['terms.tiers.brackets[0].fromPercentOfTarget', 'brackets.0.from'],
    ['terms.tiers.brackets.0.rate', 'brackets.0.ratePercent'],
    ['terms.tiers.period', 'tierPeriod'],
    ['terms.tiers.targetMinor', 'targetAmount'],
    ['terms.window.to', 'windowTo'],
    ['terms.recurring.months', 'recurringMonths'],
    ['terms.clawback.days', 'clawbackDays'],
    ['terms.holdDays', 'holdDays'],
    ['name', 'name'],
    ['effectiveFrom', 'effectiveFrom'],
  ])('puts %s on %s', (path, field) => {
    expect(formPathOf(path, draft)).toBe(field)
  })

  it('leaves paths without an input for a notification', () => {
    expect(formPathOf('terms.rules[5].when', draft)).toBeNull()
    expect(formPathOf('terms.audience', draft)).toBeNull()
    expect(formPathOf('(root)', draft)).toBeNull()
  })

  it('puts every terms error on the JSON editor in advanced mode', () => {
    expect(formPathOf('terms.rules[1].when', { ...draft, advanced: true })).toBe('termsJson')
  })
})

describe('previewInputOfDraft', () => {
  it('asks with the plan it replaces and the terms the form builds', () => {
    const draft = draftOfPlan(plan, '2025-06-01', 2)
    expect(previewInputOfDraft(draft, 2, plan.id)).toEqual({
      planId: 'cpl_1',
      name: 'Resellers',
      kind: 'commission',
      currency: 'USD',
      terms: termsOfDraft(draft, 2).value,
    })
  })

  it('tries a new plan without a name as a draft', () => {
    expect(previewInputOfDraft(newPlanDraft('2025-06-01'), 2)).toMatchObject({ name: 'Draft' })
    expect(previewInputOfDraft(newPlanDraft('2025-06-01'), 2)).not.toHaveProperty('planId')
  })

  it('waits while the draft has a mistake of its own', () => {
    const draft = newPlanDraft('2025-06-01')
    const first = draft.rules[0]
    if (!first) throw new Error('a new draft has a rule')
    expect(previewInputOfDraft({ ...draft, rules: [{ ...first, ratePercent: '150' }] }, 2)).toBeNull()
    expect(previewInputOfDraft({ ...draft, advanced: true, termsJson: '{' }, 2)).toBeNull()
  })
})
