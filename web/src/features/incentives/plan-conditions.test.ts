import { describe, expect, it } from 'vitest'
import { type Condition, fromLogic, switchTest, toLogic } from './plan-conditions'

describe('toLogic', () => {
  it.each<[Condition, unknown]>([
    [{ test: 'always' }, true],
    [{ test: 'dealType', value: 'renewal' }, { '==': [{ var: 'deal.type' }, 'renewal'] }],
    [{ test: 'partnerType', value: 'reseller' }, { '==': [{ var: 'partner.type' }, 'reseller'] }],
    [{ test: 'partnerTier', value: 'gold' }, { '==': [{ var: 'partner.tier' }, 'gold'] }],
    [{ test: 'accountCountry', value: 'DE' }, { '==': [{ var: 'account.country' }, 'DE'] }],
    [{ test: 'partnerTag', value: ' gold ' }, { in: ['gold', { var: 'partner.tags' }] }],
    [{ test: 'json', json: '{">":[{"var":"share"},0.5]}' }, { '>': [{ var: 'share' }, 0.5] }],
  ])('builds %j as %j', (condition, when) => {
    expect(toLogic(condition)).toEqual({ when })
  })

  it.each<[Condition, string]>([
    [{ test: 'dealType', value: '' }, 'Choose a value'],
    [{ test: 'partnerTag', value: '  ' }, 'Enter the tag'],
    [{ test: 'json', json: '{"==":' }, 'Not valid JSON'],
    [{ test: 'json', json: '' }, 'Write the condition as json-logic'],
  ])('says what is missing in %j', (condition, error) => {
    expect(toLogic(condition)).toEqual({ error })
  })
})

describe('fromLogic', () => {
  it.each<Condition>([
    { test: 'always' },
    { test: 'dealType', value: 'expansion' },
    { test: 'partnerType', value: 'referral' },
    { test: 'partnerTier', value: 'silver' },
    { test: 'accountCountry', value: 'NL' },
    { test: 'partnerTag', value: 'emea' },
  ])('round-trips %j through json-logic', (condition) => {
    const logic = toLogic(condition)
    if (!('when' in logic)) throw new Error(logic.error)
    expect(fromLogic(logic.when)).toEqual(condition)
  })

  it('reads an absent condition as every deal', () => {
    expect(fromLogic(undefined)).toEqual({ test: 'always' })
  })

  it.each([
    { and: [{ '==': [{ var: 'deal.type' }, 'new'] }, { '==': [{ var: 'partner.type' }, 'reseller'] }] },
    { '==': [{ var: 'deal.stage' }, 'won'] },
    { '==': [{ var: 'deal.type' }, 3] },
    { '!=': [{ var: 'deal.type' }, 'new'] },
    { in: [{ var: 'partner.tags' }, 'gold'] },
    false,
  ])('keeps %j as JSON that parses back to itself', (when) => {
    const condition = fromLogic(when)
    expect(condition.test).toBe('json')
    expect(toLogic(condition)).toEqual({ when })
  })
})

describe('switchTest', () => {
  it('carries a picked condition into the JSON editor', () => {
    const json = switchTest({ test: 'dealType', value: 'renewal' }, 'json')
    expect(json.test).toBe('json')
    expect(toLogic(json)).toEqual({ when: { '==': [{ var: 'deal.type' }, 'renewal'] } })
  })

  it('starts another picker blank', () => {
    expect(switchTest({ test: 'dealType', value: 'renewal' }, 'partnerTag')).toEqual({
      test: 'partnerTag',
      value: '',
    })
  })
})
