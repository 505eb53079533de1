import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attributeJourney, learnModel } from '../../engine'
import { attributePaths } from '../../paths'
import type { Journey } from '../../types'
import { learnMarkovFromPaths, type PathRow } from './markov'

const path = (channels: string, conversions: number, nulls: number, value = 0): PathRow => ({
  channels: channels.split(' > '),
  conversions,
  nulls,
  value,
})

/** Independent check: absorption by plain value iteration on the chain with `removed` sent to null. */
function conversionByIteration(rows: readonly PathRow[], order: number, removed?: string): number {
  const stateOf = (channels: readonly string[], end: number) =>
    channels.slice(Math.max(0, end - order + 1), end + 1).join(' > ')
  const out = new Map<string, Map<string, number>>()
  const add = (from: string, to: string, weight: number) => {
    const row = out.get(from) ?? new Map<string, number>()
    row.set(to, (row.get(to) ?? 0) + weight)
    out.set(from, row)
  }
  for (const row of rows) {
    const weight = row.conversions + row.nulls
    if (weight === 0) continue
    let previous = '(start)'
    row.channels.forEach((_, index) => {
      const state = stateOf(row.channels, index)
      add(previous, state, weight)
      previous = state
    })
    add(previous, '(conversion)', row.conversions)
    add(previous, '(null)', row.nulls)
  }
  const isRemoved = (state: string) => removed !== undefined && state.split(' > ').includes(removed)
  let value = new Map<string, number>([['(conversion)', 1]])
  for (let step = 0; step < 1500; step++) {
    const next = new Map<string, number>([['(conversion)', 1]])
    for (const [from, targets] of out) {
      const total = [...targets.values()].reduce((sum, weight) => sum + weight, 0)
      let sum = 0
      for (const [to, weight] of targets) if (!isRemoved(to)) sum += (weight / total) * (value.get(to) ?? 0)
      next.set(from, sum)
    }
    value = next
  }
  return value.get('(start)') ?? 0
}

describe('markov removal effects', () => {
  it('matches a graph solved by hand', () => {
    // start→A 2/3, start→B 1/3, A→B 1/2, A→null 1/2, B→conversion 1: P(conv) = 2/3
    // without A: 1/3 (RE 1/2); without B: 0 (RE 1)
    const learned = learnMarkovFromPaths([path('A > B', 1, 0), path('A', 0, 1), path('B', 1, 0)], {
      order: 1,
      by: 'actor',
    })
    if (learned.key !== 'markov') throw new Error('expected a markov model')
    expect(learned.data.conversionProbability).toBeCloseTo(2 / 3, 12)
    expect(learned.data.removalEffects).toEqual([expect.closeTo(0.5, 12), expect.closeTo(1, 12)])
  })

  it('handles loops exactly', () => {
    // A→B 1/2, A→conversion 1/2, B→A 1/2, B→null 1/2, start 1/2 each:
    // x_A = 1/2 + x_B/2, x_B = x_A/2 → x_A = 2/3, x_B = 1/3, P = 1/2
    // without B: x_A = 1/2, P = 1/4 → RE(B) = 1/2; without A nothing converts → RE(A) = 1
    const result = attributePaths([path('A > B > A', 1, 0), path('B', 0, 1)], { key: 'markov' })
    expect(result.learned?.key === 'markov' && result.learned.data.conversionProbability).toBeCloseTo(0.5, 12)
    // one conversion split 1 : 1/2 → 2/3 and 1/3
    expect(result.channels).toEqual([
      { channel: 'A', conversions: expect.closeTo(2 / 3, 12), value: 0 },
      { channel: 'B', conversions: expect.closeTo(1 / 3, 12), value: 0 },
    ])
  })

  it('weights value attribution by the value that converting paths carry', () => {
    // second order: the conversion after (A, B) is worth 10, the one after (B) 30
    const rows = [path('A > B', 1, 0, 10), path('A', 0, 1), path('B', 1, 0, 30)]
    const learned = learnMarkovFromPaths(rows, { order: 2, by: 'actor' })
    if (learned.key !== 'markov') throw new Error('expected a markov model')
    // E[value] = 2/3·1/2·10 + 1/3·30 = 40/3; without A: 10 → RE 1/4
    expect(learned.data.removalEffectsValue[0]).toBeCloseTo(0.25, 12)
  })

  it.each([1, 2, 3])('agrees with value iteration on random path sets (order %i)', (order) => {
    const rowArb = fc.record({
      channels: fc.array(fc.constantFrom('A', 'B', 'C', 'D'), { minLength: 1, maxLength: 5 }),
      conversions: fc.integer({ min: 0, max: 5 }),
      nulls: fc.integer({ min: 0, max: 5 }),
    })
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 8 }), (raw) => {
        const rows = raw.map((row) => ({ ...row, value: row.conversions * 10 }))
        const learned = learnMarkovFromPaths(rows, { order, by: 'actor' })
        if (learned.key !== 'markov') throw new Error('expected a markov model')
        const base = conversionByIteration(rows, order)
        expect(learned.data.conversionProbability).toBeCloseTo(base, 9)
        learned.data.channels.forEach((channel, index) => {
          const expected = base > 0 ? Math.max(0, 1 - conversionByIteration(rows, order, channel) / base) : 0
          expect(learned.data.removalEffects[index]).toBeCloseTo(expected, 8)
        })
      }),
      { numRuns: 25 },
    )
  })

  it('collapses identical paths and ignores row order', () => {
    const rows = [path('A > B', 1, 0), path('A', 0, 1), path('A > B', 0, 1), path('B', 1, 0)]
    const once = learnMarkovFromPaths(rows, { order: 1, by: 'actor' })
    const merged = learnMarkovFromPaths([path('A > B', 1, 1), path('B', 1, 0), path('A', 0, 1)], {
      order: 1,
      by: 'actor',
    })
    expect(learnMarkovFromPaths([...rows].reverse(), { order: 1, by: 'actor' })).toEqual(once)
    expect(merged.data).toEqual(once.data)
  })
})

describe('markov on journeys', () => {
  const DAY = 86_400_000
  const journey = (id: string, outcome: Journey['outcome'], actors: string[]): Journey => ({
    id,
    amountMinor: 30_000n,
    currency: 'USD',
    outcome,
    createdAt: 0,
    closedAt: 10 * DAY,
    kind: 'new',
    touches: actors.map((actor, index) => ({
      actor,
      actorKind: 'reseller',
      activity: 'demo',
      at: index * DAY,
    })),
  })

  it('credits each actor by its removal effect', () => {
    const history = [journey('1', 'won', ['A', 'B']), journey('2', 'lost', ['A']), journey('3', 'won', ['B'])]
    const learned = learnModel(history, { key: 'markov' })
    const result = attributeJourney(journey('4', 'won', ['A', 'B']), { key: 'markov', learned })
    // RE(A) = 1/2, RE(B) = 1 → 1/3 and 2/3 of 300.00
    expect(result.credits.map((credit) => [credit.actor, credit.amountMinor])).toEqual([
      ['A', 10_000n],
      ['B', 20_000n],
    ])
    expect(result.modelVersion).toBe(learned.version)
    expect(result.credits[0]?.explanation.text).toMatch(/Without A, 50% of conversions/)
  })

  it('refuses to run without a learned model', () => {
    expect(() => attributeJourney(journey('4', 'won', ['A']), { key: 'markov' })).toThrow(/learned model/)
  })
})
