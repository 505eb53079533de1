import { describe, expect, it } from 'vitest'
import { compare } from './compare'
import { computeRankCorrelation, computeWeightedError, recommend } from './recommend'
import type { Journey, Touch } from './types'

const DAY = 86_400_000

function deal(
  id: string,
  closedDay: number,
  outcome: Journey['outcome'],
  touches: Array<[string, number]>,
  amountMinor = 10_000n,
): Journey {
  return {
    id,
    amountMinor,
    currency: 'USD',
    outcome,
    createdAt: (closedDay - 30) * DAY,
    closedAt: closedDay * DAY,
    kind: 'new',
    touches: touches.map(
      ([actor, daysBefore]): Touch => ({
        actor,
        actorKind: 'reseller',
        activity: 'demo',
        at: (closedDay - daysBefore) * DAY,
      }),
    ),
  }
}

describe('compare', () => {
  it('puts models side by side with differences against the paying model', () => {
    const journeys = [
      deal('1', 100, 'won', [
        ['a', 10],
        ['b', 1],
      ]),
      deal('2', 100, 'won', [['a', 5]]),
    ]
    const result = compare(journeys, [
      { key: 'linear' },
      { key: 'last_touch' },
      { key: 'linear', params: {} },
    ])
    expect(result.paying).toBe('linear')
    expect(result.models.map((model) => model.id)).toEqual(['linear', 'last_touch', 'linear#2'])
    expect(
      result.rows.map((row) => [
        row.actor,
        row.byModel.linear?.valueMinor,
        row.byModel.last_touch?.differenceMinor,
      ]),
    ).toEqual([
      ['a', 15_000n, -5_000n],
      ['b', 5_000n, 5_000n],
    ])
  })
})

describe('recommend', () => {
  it.each([
    [[1, 2, 3], [10, 20, 30], 1],
    [[1, 2, 3], [30, 20, 10], -1],
    [[1, 1, 2], [5, 5, 9], 1],
  ])('rank correlation of %j and %j is %d', (a, b, rho) => {
    expect(computeRankCorrelation(a, b)).toBeCloseTo(rho, 12)
  })

  it('weighted error is the distance between revenue shares', () => {
    expect(computeWeightedError([1, 1], [1, 1])).toBe(0)
    expect(computeWeightedError([1, 0], [0, 1])).toBe(1)
    expect(computeWeightedError([3, 1], [1, 1])).toBeCloseTo(0.25, 12)
  })

  it('prefers the model whose earlier credit predicts later won revenue', () => {
    // early on a marketing actor opens every deal and the real sellers close them;
    // later, only the sellers win revenue, in the same order as before
    const journeys: Journey[] = []
    const sellers: Array<[string, number]> = [
      ['s1', 6],
      ['s2', 4],
      ['s3', 2],
      ['s4', 1],
    ]
    let id = 0
    for (const [seller, deals] of sellers) {
      for (let index = 0; index < deals; index++) {
        journeys.push(
          deal(`e${id++}`, 50 + index, 'won', [
            ['mkt', 20],
            [seller, 2],
          ]),
        )
        journeys.push(deal(`l${id++}`, 200 + index, 'won', [[seller, 3]]))
      }
    }
    journeys.push(deal('e-lost', 40, 'lost', [['s4', 1]]), deal('l-lost', 300, 'lost', [['mkt', 1]]))
    const result = recommend(journeys, [{ key: 'first_touch' }, { key: 'last_touch' }])
    expect(result.best).toBe('last_touch')
    expect(result.scores[0]?.rankCorrelation).toBeGreaterThan(result.scores[1]?.rankCorrelation ?? 1)
    expect(result.earlierJourneys + result.laterJourneys).toBe(journeys.length)
    expect(result.explanation).toMatch(/^Credit from last_touch/)

    // each model under its own name and options: first touch within 10 days of close no longer
    // sees the marketing touch 20 days out, and predicts as last touch does
    const named = recommend(journeys, [
      { key: 'first_touch', id: 'First touch' },
      { key: 'first_touch', id: 'First touch, 10 days', options: { lookbackDays: 10 } },
    ])
    expect(named.best).toBe('First touch, 10 days')
    expect(named.scores.map((score) => score.id)).toEqual(['First touch, 10 days', 'First touch'])
    expect(named.explanation).toMatch(/^Credit from First touch, 10 days/)
  })

  it('needs closed journeys on both sides of the split', () => {
    expect(() => recommend([deal('1', 10, 'won', [['a', 1]])], [{ key: 'linear' }])).toThrow(/both sides/)
  })
})
