import { describe, expect, it } from 'vitest'
import type { LadderDefinition } from '../../../../src/modules/programs/programs.contract'
import { draftOfLadder, formPathOf, inputOfDraft, keyOf, newLadderDraft } from './ladder-draft'

const definition: LadderDefinition = {
  mode: 'review',
  graceDays: 14,
  periodMonths: 6,
  currency: 'EUR',
  audience: true,
  levels: [
    { key: 'bronze', name: 'Bronze', criteria: [] },
    {
      key: 'gold',
      name: 'Gold',
      criteria: [
        { kind: 'attributed_revenue', minMinor: '40000050' },
        { kind: 'attributed_deals', min: 3 },
        { kind: 'activity', min: 40 },
        { kind: 'partner', label: 'certified partner', when: { in: ['certified', { var: 'partner.tags' }] } },
        { kind: 'partner', label: 'in the US', when: { '==': [{ var: 'partner.country' }, 'US'] } },
      ],
    },
    {
      key: 'retention',
      name: 'Retention',
      criteria: [
        {
          kind: 'attributed_revenue',
          minMinor: '10000000',
          deals: { label: 'renewals', when: { '==': [{ var: 'deal.type' }, 'renewal'] } },
        },
        {
          kind: 'attributed_deals',
          min: 2,
          deals: { label: 'large deals', when: { '>=': [{ var: 'deal.amount' }, 50000] } },
        },
      ],
    },
  ],
}

describe('the ladder editor’s draft', () => {
  it('reads a ladder and gives back the same definition', () => {
    const draft = draftOfLadder('Tiers', definition, 2)
    expect(draft.levels[1]!.criteria[0]!.value).toBe('400000.5')
    expect(draft.levels[1]!.criteria[2]).toMatchObject({ kind: 'activity', value: '40' })
    expect(draft.levels[1]!.criteria[3]).toMatchObject({ kind: 'partner', tag: 'certified', json: '' })
    expect(draft.levels[1]!.criteria[4]!.tag).toBe('')
    expect(draft.levels[1]!.criteria[0]!.on).toBe('all')
    expect(draft.levels[2]!.criteria[0]).toMatchObject({ on: 'renewal', label: '', json: '' })
    expect(draft.levels[2]!.criteria[1]).toMatchObject({ on: 'custom', label: 'large deals' })
    expect(inputOfDraft(draft, 2)).toEqual({ input: { name: 'Tiers', definition } })
  })

  it('starts from Bronze, Silver and Gold with keys made from their names', () => {
    const result = inputOfDraft(newLadderDraft('USD'), 2)
    expect('input' in result && result.input.definition.levels.map((l) => l.key)).toEqual([
      'bronze',
      'silver',
      'gold',
    ])
    expect(keyOf('Gold Plus!')).toBe('gold-plus')
  })

  it('puts its own mistakes on their inputs', () => {
    const draft = draftOfLadder('Tiers', definition, 2)
    draft.levels[1]!.criteria[0]!.value = 'lots'
    draft.levels[1]!.criteria[1]!.value = '0'
    draft.levels[1]!.criteria[4]!.json = '{ nope'
    draft.levels[2]!.criteria[1]!.json = ''
    expect(inputOfDraft(draft, 2)).toEqual({
      errors: {
        'levels.1.criteria.0.value': 'Enter an amount such as 400000',
        'levels.1.criteria.1.value': 'Enter a whole number from 1',
        'levels.1.criteria.4.json': 'Enter a tag, or a json-logic condition',
        'levels.2.criteria.1.json': 'Enter a json-logic condition on the deal',
      },
    })
  })

  it.each([
    ['definition.levels[1].key', 'levels.1.key'],
    ['definition.levels.0.criteria.2.minMinor', 'levels.0.criteria.2.value'],
    ['definition.levels[0].criteria[1].when', 'levels.0.criteria.1.json'],
    ['definition.levels[2].criteria[0].deals.when', 'levels.2.criteria.0.json'],
    ['definition.graceDays', 'graceDays'],
    ['name', 'name'],
    ['definition.audience', null],
  ])('shows the server’s error on %s at %s', (path, field) => {
    expect(formPathOf(path)).toBe(field)
  })
})
