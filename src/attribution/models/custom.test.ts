import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attributeJourney } from '../engine'
import { evaluateLogic } from '../json-logic'
import { boundShares } from '../share-bounds'
import type { Journey, Touch } from '../types'

const DAY = 86_400_000
const CLOSE = Date.UTC(2025, 2, 31)

function touch(actor: string, actorKind: string, activity: string, daysBefore: number): Touch {
  return { actor, actorKind, activity, at: CLOSE - daysBefore * DAY }
}

const journey: Journey = {
  id: 'd1',
  amountMinor: 100_000n,
  currency: 'USD',
  outcome: 'won',
  createdAt: CLOSE - 60 * DAY,
  closedAt: CLOSE,
  kind: 'new',
  fields: { region: 'EMEA' },
  touches: [
    touch('src', 'referral', 'sourced', 40),
    touch('r1', 'reseller', 'demo', 20),
    touch('r1', 'reseller', 'meeting', 10),
    touch('r2', 'reseller', 'demo', 5),
    touch('m1', 'marketplace', 'email', 1),
  ],
}

function split(rules: unknown[], base = 'linear'): Record<string, bigint> {
  const result = attributeJourney(journey, { key: 'custom', params: { base, rules } })
  return Object.fromEntries(result.credits.map((credit) => [credit.actor, credit.amountMinor]))
}

describe('json-logic subset', () => {
  it.each<[unknown, unknown, unknown]>([
    [{ '==': [1, '1'] }, {}, true],
    [{ '===': [1, '1'] }, {}, false],
    [{ var: 'a.b' }, { a: { b: 7 } }, 7],
    [{ var: ['missing', 'fallback'] }, {}, 'fallback'],
    [{ and: [true, { '>': [{ var: 'x' }, 3] }] }, { x: 5 }, true],
    [{ or: [false, 0, 'yes'] }, {}, 'yes'],
    [
      { if: [{ '<': [{ var: 'x' }, 0] }, 'neg', { '==': [{ var: 'x' }, 0] }, 'zero', 'pos'] },
      { x: 0 },
      'zero',
    ],
    [{ in: ['demo', { var: 'list' }] }, { list: ['demo', 'email'] }, true],
    [{ in: ['EM', 'EMEA'] }, {}, true],
    [{ '<=': [1, { var: 'x' }, 3] }, { x: 2 }, true],
    [{ '+': [1, 2, '3'] }, {}, 6],
    [{ '!': [[]] }, {}, true],
    [{ some: [{ var: 'items' }, { '>': [{ var: '' }, 2] }] }, { items: [1, 3] }, true],
    [{ all: [{ var: 'items' }, { '>': [{ var: '' }, 2] }] }, { items: [1, 3] }, false],
    [{ cat: ['a', 1, null] }, {}, 'a1'],
  ])('%j over %j is %j', (rule, data, expected) => {
    expect(evaluateLogic(rule, data)).toEqual(expected)
  })
})

describe('custom rules', () => {
  it('without rules equals its base model', () => {
    expect(split([])).toEqual({ src: 20_000n, r1: 40_000n, r2: 20_000n, m1: 20_000n })
  })

  it('excludes touches matching a condition', () => {
    expect(split([{ when: { '==': [{ var: 'touch.activity' }, 'email'] }, exclude: true }])).toEqual({
      src: 25_000n,
      r1: 50_000n,
      r2: 25_000n,
      m1: 0n,
    })
  })

  it('sets and multiplies touch weights', () => {
    const rules = [
      { when: { '==': [{ var: 'touch.activity' }, 'sourced'] }, weight: 3 },
      { when: { '==': [{ var: 'touch.actorKind' }, 'marketplace'] }, multiply: 0 },
    ]
    // weights 3, 1, 1, 1, 0 → 3/6, 2/6, 1/6, 0
    expect(split(rules)).toEqual({ src: 50_000n, r1: 33_333n, r2: 16_667n, m1: 0n })
  })

  it('gives the sourcing partner at least 30% and explains it', () => {
    const rule = {
      label: 'sourcing partner floor',
      when: { in: ['sourced', { var: 'actor.activities' }] },
      minShare: 0.3,
    }
    const result = attributeJourney(journey, { key: 'custom', params: { rules: [rule] } })
    const byActor = Object.fromEntries(result.credits.map((credit) => [credit.actor, credit]))
    // src 30%; the other 70% in proportion 2 : 1 : 1
    expect(byActor.src?.amountMinor).toBe(30_000n)
    expect(byActor.r1?.amountMinor).toBe(35_000n)
    expect(byActor.src?.explanation.text).toMatch(/Rule "sourcing partner floor" gives you at least 30%/)
  })

  it('caps an actor and fixes another, by deal field', () => {
    const rules = [
      { when: { '==': [{ var: 'actor.id' }, 'r1'] }, maxShare: 0.25 },
      {
        when: {
          and: [
            { '==': [{ var: 'deal.fields.region' }, 'EMEA'] },
            { '==': [{ var: 'actor.kind' }, 'marketplace'] },
          ],
        },
        fixedShare: 0.1,
      },
    ]
    // m1 fixed 10%; 90% left over src, r1, r2 (1 : 2 : 1) with r1 ≤ 25% → r1 25%, src and r2 32.5% each
    expect(split(rules)).toEqual({ src: 32_500n, r1: 25_000n, r2: 32_500n, m1: 10_000n })
  })

  it('leaves to direct what no capped actor can take', () => {
    expect(split([{ when: true, maxShare: 0.2 }])).toEqual({
      src: 20_000n,
      r1: 20_000n,
      r2: 20_000n,
      m1: 20_000n,
      direct: 20_000n,
    })
  })

  it('names the rule and field of an invalid rule', () => {
    expect(() => split([{ when: { like: [1, 2] }, weight: 1 }])).toThrow(
      'params.rules[0].when: unknown operator "like"',
    )
    expect(() => split([{ when: true, minShare: 2 }])).toThrow('params.rules[0].minShare')
    expect(() => split([{ when: true }])).toThrow('params.rules[0]: a rule needs an action')
  })
})

describe('share bounds', () => {
  const boundsArb = fc
    .array(
      fc.record({
        weight: fc.double({ min: 0.01, max: 10, noNaN: true }),
        min: fc.double({ min: 0, max: 0.2, noNaN: true }),
        span: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { minLength: 1, maxLength: 6 },
    )
    .filter((entries) => entries.reduce((sum, entry) => sum + entry.min, 0) < 1)

  it('respects every feasible minimum and maximum and sums to 1', () => {
    fc.assert(
      fc.property(boundsArb, (entries) => {
        const weighted = new Map(entries.map((entry, index) => [`a${index}`, entry.weight]))
        const bounds = new Map(
          entries.map((entry, index) => [
            `a${index}`,
            { min: entry.min, max: Math.min(1, entry.min + entry.span) },
          ]),
        )
        const result = boundShares(weighted, bounds)
        let total = result.unallocated
        entries.forEach((entry, index) => {
          const share = result.shares.get(`a${index}`) ?? 0
          expect(share).toBeGreaterThanOrEqual(entry.min - 1e-12)
          expect(share).toBeLessThanOrEqual(Math.min(1, entry.min + entry.span) + 1e-12)
          total += share
        })
        expect(total).toBeCloseTo(1, 9)
      }),
    )
  })

  it('keeps unconstrained shares in proportion to their weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 2, maxLength: 6 }),
        (weights) => {
          const weighted = new Map(weights.map((weight, index) => [`a${index}`, weight]))
          const result = boundShares(weighted, new Map([['a0', { min: 0, max: 1, fixed: 0.25 }]]))
          const rest = weights.slice(1).reduce((sum, weight) => sum + weight, 0)
          expect(result.shares.get('a0')).toBe(0.25)
          weights.slice(1).forEach((weight, index) => {
            expect(result.shares.get(`a${index + 1}`)).toBeCloseTo((0.75 * weight) / rest, 9)
          })
        },
      ),
    )
  })
})
