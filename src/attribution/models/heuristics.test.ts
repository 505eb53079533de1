import { describe, expect, it } from 'vitest'
import { attributeJourney } from '../engine'
import type { Journey, ModelKey, Touch } from '../types'

const DAY = 86_400_000
const CLOSE = Date.UTC(2025, 2, 31)

function touch(actor: string, activity: string, daysBefore: number, actorKind = 'reseller'): Touch {
  return { actor, actorKind, activity, at: CLOSE - daysBefore * DAY }
}

function deal(touches: Touch[], amountMinor = 90_000n, createdDaysBefore = 30): Journey {
  return {
    id: 'd1',
    amountMinor,
    currency: 'USD',
    outcome: 'won',
    createdAt: CLOSE - createdDaysBefore * DAY,
    closedAt: CLOSE,
    kind: 'new',
    touches,
  }
}

function splitOf(key: ModelKey, journey: Journey, params?: unknown): Record<string, bigint> {
  const result = attributeJourney(journey, { key, params })
  return Object.fromEntries(result.credits.map((credit) => [credit.actor, credit.amountMinor]))
}

describe('equal, linear, first and last touch', () => {
  const touches = [touch('a', 'referral', 20), touch('a', 'demo', 10), touch('b', 'meeting', 2)]

  it.each<[ModelKey, Record<string, bigint>]>([
    ['equal', { a: 45_000n, b: 45_000n }],
    ['linear', { a: 60_000n, b: 30_000n }],
    ['first_touch', { a: 90_000n, b: 0n }],
    ['last_touch', { a: 0n, b: 90_000n }],
  ])('%s splits 900.00 as %o', (key, expected) => {
    expect(splitOf(key, deal(touches))).toEqual(expected)
  })

  it('last touch by a partner passes over a later internal touch', () => {
    const withDirect = [...touches, touch('direct', 'meeting', 1, 'direct')]
    expect(splitOf('last_touch', deal(withDirect), { partnersOnly: true })).toEqual({
      a: 0n,
      b: 90_000n,
      direct: 0n,
    })
  })
})

describe('time_decay', () => {
  it('halves the weight of a touch one half-life older', () => {
    // 2^(-3/7) and 2^(-10/7): seven days apart, so exactly 2 : 1
    expect(splitOf('time_decay', deal([touch('a', 'demo', 3), touch('b', 'referral', 10)]))).toEqual({
      a: 60_000n,
      b: 30_000n,
    })
  })

  it('uses the configured half-life', () => {
    // half-life 1 day: 2^-1 = 0.5 and 2^-3 = 0.125 → 80% / 20%
    expect(
      splitOf('time_decay', deal([touch('a', 'demo', 1), touch('b', 'referral', 3)]), { halfLifeDays: 1 }),
    ).toEqual({ a: 72_000n, b: 18_000n })
  })

  it('explains the weight in words', () => {
    const result = attributeJourney(deal([touch('a', 'demo', 3), touch('b', 'referral', 10)]), {
      key: 'time_decay',
    })
    expect(result.credits[1]?.explanation.text).toBe(
      'Time decay, half-life 7 days: your demo 3 days before close weighed 0.74 of 1.11 → 66.7%.',
    )
    expect(result.credits[1]?.explanation.touches[0]?.weight).toBeCloseTo(0.742997, 5)
  })

  it('measures open deals to the as-of date', () => {
    const open: Journey = { ...deal([touch('a', 'demo', 7), touch('b', 'demo', 14)]), outcome: 'open' }
    delete open.closedAt
    const result = attributeJourney(open, { key: 'time_decay' }, { asOf: CLOSE + 7 * DAY })
    // 14 and 21 days before as-of: 2^-2 : 2^-3 = 2 : 1
    expect(result.credits.map((credit) => credit.amountMinor)).toEqual([30_000n, 60_000n])
  })
})

describe('position', () => {
  const four = [
    touch('a', 'referral', 20),
    touch('b', 'demo', 15),
    touch('c', 'demo', 10),
    touch('d', 'meeting', 1),
  ]

  it('is U-shaped 40/20/40 by default', () => {
    expect(splitOf('position', deal(four, 100_000n))).toEqual({
      a: 40_000n,
      b: 10_000n,
      c: 10_000n,
      d: 40_000n,
    })
  })

  it('splits two touches 50/50', () => {
    expect(splitOf('position', deal(four.slice(0, 2), 100_000n))).toEqual({ a: 50_000n, b: 50_000n })
  })

  it('is W-shaped 30/30/30 with 10 spread, the milestone at opportunity creation', () => {
    const five = [...four, touch('e', 'proposal', 0)]
    // created 12 days before close: the last touch at or before creation is b (15 days)
    expect(splitOf('position', deal(five, 100_000n, 12), { shape: 'w' })).toEqual({
      a: 30_000n,
      b: 30_000n,
      c: 5_000n,
      d: 5_000n,
      e: 30_000n,
    })
  })

  it('takes configured percentages', () => {
    expect(splitOf('position', deal(four, 100_000n), { first: 0.5, last: 0.3 })).toEqual({
      a: 50_000n,
      b: 10_000n,
      c: 10_000n,
      d: 30_000n,
    })
  })

  it('rejects percentages over 100%', () => {
    expect(() => splitOf('position', deal(four), { first: 0.7, last: 0.4 })).toThrow(/must not exceed 1/)
  })
})

describe('role', () => {
  it('weighs touches by activity with the default table', () => {
    // referral 3, demo 2, email 0.25 → 3/5.25, 2/5.25, 0.25/5.25 of 1050.00
    const touches = [touch('a', 'referral', 9), touch('b', 'demo', 5), touch('c', 'email', 1)]
    expect(splitOf('role', deal(touches, 105_000n))).toEqual({ a: 60_000n, b: 40_000n, c: 5_000n })
  })

  it('multiplies by actor kind when a kind table is given', () => {
    const touches = [touch('a', 'demo', 9, 'distributor'), touch('b', 'demo', 5, 'reseller')]
    expect(splitOf('role', deal(touches, 90_000n), { kindWeights: { distributor: 0.5 } })).toEqual({
      a: 30_000n,
      b: 60_000n,
    })
  })

  it('falls back to an even split when every touch weighs zero', () => {
    const result = attributeJourney(deal([touch('a', 'demo', 2), touch('b', 'meeting', 1)]), {
      key: 'role',
      params: { activityWeights: { demo: 0, meeting: 0 } },
    })
    expect(result.credits.map((credit) => credit.amountMinor)).toEqual([45_000n, 45_000n])
    expect(result.notes.join(' ')).toMatch(/weighed zero/)
  })

  it('names the field of a bad parameter', () => {
    expect(() => splitOf('role', deal([]), { activityWeights: { demo: -1 } })).toThrow(
      'params.activityWeights.demo: must be ≥ 0',
    )
  })
})
