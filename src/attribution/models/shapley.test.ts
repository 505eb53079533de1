import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attributeJourney, learnModel } from '../engine'
import { createRandom } from '../random'
import { computeExactShapley, computeSampledShapley } from '../shapley-values'
import type { Journey, Touch } from '../types'

const DAY = 86_400_000

function journey(id: string, outcome: Journey['outcome'], touches: Array<[string, string]>): Journey {
  return {
    id,
    amountMinor: 150_000n,
    currency: 'USD',
    outcome,
    createdAt: 0,
    closedAt: 30 * DAY,
    kind: 'new',
    touches: touches.map(
      ([actor, actorKind], index): Touch => ({ actor, actorKind, activity: 'demo', at: index * DAY }),
    ),
  }
}

/** 10 reseller-only journeys win 2, 10 referral-only win 1, 10 with both win 5. */
function history(): Journey[] {
  const list: Journey[] = []
  for (let index = 0; index < 10; index++) {
    list.push(journey(`r${index}`, index < 2 ? 'won' : 'lost', [['x', 'reseller']]))
    list.push(journey(`f${index}`, index < 1 ? 'won' : 'lost', [['y', 'referral']]))
    list.push(
      journey(`b${index}`, index < 5 ? 'won' : 'lost', [
        ['x', 'reseller'],
        ['y', 'referral'],
      ]),
    )
  }
  return list
}

describe('shapley', () => {
  const learned = learnModel(history(), { key: 'shapley', params: { smoothing: 0 } })

  it('splits a two-kind team by hand-computed Shapley values', () => {
    // v(R) = .2, v(F) = .1, v(RF) = .5: φR = ½(.2) + ½(.5 − .1) = .3, φF = ½(.1) + ½(.5 − .2) = .2
    const result = attributeJourney(
      journey('n', 'won', [
        ['r1', 'reseller'],
        ['f1', 'referral'],
      ]),
      {
        key: 'shapley',
        params: { smoothing: 0 },
        learned,
      },
    )
    expect(result.credits.map((credit) => [credit.actor, credit.amountMinor])).toEqual([
      ['r1', 90_000n],
      ['f1', 60_000n],
    ])
  })

  it('shares a kind between two actors of that kind', () => {
    // players r1, r2 (reseller), f1: φf = (2·.1 + 2·.3 + 2·.3)/6 = 7/30, φr1 = φr2 = (.5 − 7/30)/2 = 4/30
    const result = attributeJourney(
      journey('n', 'won', [
        ['r1', 'reseller'],
        ['r2', 'reseller'],
        ['f1', 'referral'],
      ]),
      { key: 'shapley', params: { smoothing: 0 }, learned },
    )
    expect(result.credits.map((credit) => credit.share)).toEqual([
      expect.closeTo(4 / 15, 12),
      expect.closeTo(4 / 15, 12),
      expect.closeTo(7 / 15, 12),
    ])
  })

  it('samples beyond the exact limit and reports a bound that holds', () => {
    const result = attributeJourney(
      journey('n', 'won', [
        ['r1', 'reseller'],
        ['r2', 'reseller'],
        ['f1', 'referral'],
      ]),
      { key: 'shapley', params: { smoothing: 0, exactUpTo: 2, samples: 20_000 }, learned },
    )
    expect(result.notes.join(' ')).toMatch(/sampled from 20000 orderings/)
    expect(result.credits[2]?.share).toBeCloseTo(7 / 15, 1)
  })

  it('gives the same version for the same data in any order', () => {
    const again = learnModel([...history()].reverse(), { key: 'shapley', params: { smoothing: 0 } })
    expect(again.version).toBe(learned.version)
    expect(JSON.stringify(again)).toBe(JSON.stringify(learned))
    expect(learnModel(history().slice(1), { key: 'shapley' }).version).not.toBe(learned.version)
  })
})

describe('Shapley values', () => {
  function shapleyByPermutations(count: number, worthOf: (mask: number) => number): number[] {
    const values = new Array<number>(count).fill(0)
    let orderings = 0
    const permute = (prefix: number[], rest: number[]) => {
      if (rest.length === 0) {
        orderings++
        let mask = 0
        for (const player of prefix) {
          const before = worthOf(mask)
          mask |= 1 << player
          values[player] = (values[player] ?? 0) + worthOf(mask) - before
        }
        return
      }
      rest.forEach((player, index) => {
        permute([...prefix, player], [...rest.slice(0, index), ...rest.slice(index + 1)])
      })
    }
    permute(
      [],
      Array.from({ length: count }, (_, index) => index),
    )
    return values.map((value) => value / orderings)
  }

  it('matches the average over every ordering for random games', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }),
        (count, table) => {
          const worthOf = (mask: number) => (mask === 0 ? 0 : (table[mask] ?? 0))
          const exact = computeExactShapley(count, worthOf)
          const expected = shapleyByPermutations(count, worthOf)
          expected.forEach((value, player) => {
            expect(exact[player]).toBeCloseTo(value, 10)
          })
          // efficiency: the values add up to the grand coalition's worth
          expect(exact.reduce((sum, value) => sum + value, 0)).toBeCloseTo(worthOf((1 << count) - 1), 10)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('samples within the reported error bound', () => {
    const worthOf = (mask: number) => (mask & 1 ? 0.5 : 0) + (mask & 6 ? 0.3 : 0) + (mask === 15 ? 0.2 : 0)
    const exact = computeExactShapley(4, worthOf)
    const sampled = computeSampledShapley(4, worthOf, 4000, createRandom(3))
    exact.forEach((value, player) => {
      expect(Math.abs((sampled.values[player] ?? 0) - value)).toBeLessThan(sampled.errorBound * 1.5)
    })
  })
})
