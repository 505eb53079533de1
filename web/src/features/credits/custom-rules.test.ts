import { describe, expect, it } from 'vitest'
import { emptyRule, placeRuleError, type RuleRow, toRuleRows, toRuleSet, toRules } from './custom-rules'

const stored = [
  { label: 'Referrals count double', when: { '==': [{ var: 'touch.activity' }, 'referral'] }, multiply: 2 },
  {
    label: 'No training',
    when: { in: [{ var: 'touch.activity' }, ['training', 'content_share']] },
    exclude: true,
  },
  { label: 'Late touches', when: { '<': [{ var: 'touch.daysBefore' }, 7] }, weight: 3 },
  { label: 'Cap distributors', when: { '==': [{ var: 'actor.kind' }, 'distributor'] }, maxShare: 0.3 },
  { label: 'Sellers keep a floor', when: { '==': [{ var: 'actor.isDirect' }, true] }, minShare: 0.1 },
  { label: 'Everyone', when: true, multiply: 1 },
]

describe('custom rules as picker rows', () => {
  it('round-trips simple rules through the rows unchanged', () => {
    const rows = toRuleRows(stored)
    expect(rows).not.toBeNull()
    expect(toRules(rows!)).toEqual({ rules: stored, errors: {} })
  })

  it('reads a comparison into field, operator and value', () => {
    expect(toRuleRows([stored[1]])).toEqual([
      {
        label: 'No training',
        condition: {
          mode: 'match',
          field: 'touch.activity',
          operator: 'in',
          value: 'training, content_share',
        },
        effect: 'exclude',
        amount: '',
      },
    ])
  })

  it.each([
    ['several conditions', { when: { and: [true, true] }, weight: 1 }],
    ['several effects', { when: true, minShare: 0.1, maxShare: 0.5 }],
    [
      'a variable the pickers do not offer',
      { when: { '==': [{ var: 'deal.fields.region' }, 'EU'] }, weight: 1 },
    ],
    ['a value of another type', { when: { '==': [{ var: 'deal.amountMinor' }, '100'] }, weight: 1 }],
    ['an unknown field', { when: true, weight: 1, bonus: 2 }],
  ])('leaves a rule with %s to the JSON editor', (_what, rule) => {
    expect(toRuleRows([stored[0], rule])).toBeNull()
  })

  it('types values by field: numbers for counts and days, text for activities, yes/no for flags', () => {
    const rows: RuleRow[] = [
      {
        ...emptyRule(0),
        condition: { mode: 'match', field: 'deal.amountMinor', operator: '>', value: '500000' },
      },
      { ...emptyRule(1), condition: { mode: 'match', field: 'touch.isLast', operator: '==', value: 'true' } },
      {
        ...emptyRule(2),
        condition: { mode: 'match', field: 'deal.fields.stage', operator: 'in', value: 'a, b,' },
      },
    ]
    expect(toRules(rows).rules.map((rule) => rule.when)).toEqual([
      { '>': [{ var: 'deal.amountMinor' }, 500000] },
      { '==': [{ var: 'touch.isLast' }, true] },
      { in: [{ var: 'deal.fields.stage' }, ['a', 'b']] },
    ])
  })

  it('says what is missing on the row: a value, a number, a field a share rule can see', () => {
    const rows: RuleRow[] = [
      { ...emptyRule(0), condition: { mode: 'match', field: 'touch.activity', operator: '==', value: ' ' } },
      { ...emptyRule(1), amount: 'lots' },
      { ...emptyRule(2), effect: 'maxShare', amount: 0.5 },
    ]
    const { errors } = toRules(rows)
    expect(errors[0]?.value).toBe('A value')
    expect(errors[1]?.amount).toBe('A number')
    expect(errors[2]?.field).toMatch(/actor or deal field/)
  })

  it('places a refusal of the engine on the rule and field it names', () => {
    expect(placeRuleError('rules[1].maxShare: must be ≤ 1')).toEqual({
      index: 1,
      field: 'amount',
      message: 'must be ≤ 1',
    })
    expect(placeRuleError('rules[0].when.between: unknown operator "between"')).toEqual({
      index: 0,
      field: 'value',
      message: 'unknown operator "between"',
    })
    expect(placeRuleError('rules[2]: a rule needs an action')).toMatchObject({ index: 2, field: 'effect' })
    expect(placeRuleError('base: must be one of linear')).toBeNull()
  })

  it('opens stored parameters in the builder: linear without a base, nothing it cannot show', () => {
    expect(toRuleSet({})).toEqual({ base: 'linear', baseParams: {}, rules: [] })
    expect(toRuleSet({ base: 'time_decay', baseParams: { halfLifeDays: 7 }, rules: stored })).toMatchObject({
      base: 'time_decay',
      baseParams: { halfLifeDays: 7 },
    })
    expect(toRuleSet({ rules: [{ when: { and: [] }, weight: 1 }] })).toBeNull()
    expect(toRuleSet({ extra: 1 })).toBeNull()
  })
})
