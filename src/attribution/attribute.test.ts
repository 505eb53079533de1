import { describe, expect, it } from 'vitest'
import { attributeJourney, attributeJourneys } from './engine'
import type { AttributionOptions, Journey, Touch } from './types'

const DAY = 86_400_000
const CLOSE = Date.UTC(2025, 2, 31)

function touch(actor: string, activity: string, daysBefore: number, extra: Partial<Touch> = {}): Touch {
  return { actor, actorKind: 'reseller', activity, at: CLOSE - daysBefore * DAY, ...extra }
}

function deal(touches: Touch[], extra: Partial<Journey> = {}): Journey {
  return {
    id: 'd1',
    amountMinor: 100_000n,
    currency: 'USD',
    outcome: 'won',
    createdAt: CLOSE - 60 * DAY,
    closedAt: CLOSE,
    kind: 'new',
    touches,
    ...extra,
  }
}

function linearSplit(journey: Journey, options: AttributionOptions): Record<string, bigint> {
  const result = attributeJourney(journey, { key: 'linear' }, options)
  return Object.fromEntries(result.credits.map((credit) => [credit.actor, credit.amountMinor]))
}

describe('options', () => {
  const touches = [
    touch('a', 'referral', 40),
    touch('b', 'demo', 10),
    touch('b', 'demo', 9),
    touch('c', 'email', 1),
  ]

  it('drops touches outside the lookback window', () => {
    expect(linearSplit(deal(touches), { lookbackDays: 30 })).toEqual({ b: 66_667n, c: 33_333n })
  })

  it('drops excluded activity types', () => {
    expect(linearSplit(deal(touches), { excludeActivities: ['email', 'referral'] })).toEqual({ b: 100_000n })
  })

  it('collapses consecutive repeats', () => {
    expect(linearSplit(deal(touches), { dedupe: 'consecutive' })).toEqual({
      a: 33_334n,
      b: 33_333n,
      c: 33_333n,
    })
  })

  it('keeps one touch per actor and activity with dedupe all', () => {
    const spread = [touch('a', 'demo', 5), touch('b', 'demo', 4), touch('a', 'demo', 3)]
    expect(linearSplit(deal(spread), { dedupe: 'all' })).toEqual({ a: 50_000n, b: 50_000n })
  })

  it('credits direct when no touch is left after filtering', () => {
    const result = attributeJourney(
      deal(touches),
      { key: 'linear' },
      { excludeActivities: ['referral', 'demo', 'email'] },
    )
    expect(result.credits.map((credit) => [credit.actor, credit.amountMinor])).toEqual([['direct', 100_000n]])
    expect(result.notes[0]).toMatch(/credited to direct/)
  })

  it('rejects a bad option naming it', () => {
    expect(() => linearSplit(deal(touches), { lookbackDays: -1 })).toThrow('options.lookbackDays')
  })
})

describe('multi-tier', () => {
  it('passes the configured part of a reseller credit to its distributor, explained', () => {
    const journey = deal([touch('r1', 'demo', 5, { parentActor: 'd1' }), touch('x', 'demo', 2)])
    const result = attributeJourney(journey, { key: 'linear' }, { tiers: { defaultShare: 0.2 } })
    const byActor = Object.fromEntries(result.credits.map((credit) => [credit.actor, credit]))
    expect(byActor.r1?.amountMinor).toBe(40_000n)
    expect(byActor.d1?.amountMinor).toBe(10_000n)
    expect(byActor.d1?.actorKind).toBe('distributor')
    expect(byActor.x?.amountMinor).toBe(50_000n)
    expect(byActor.d1?.explanation.text).toMatch(/tier above r1 you take 20%/)
    expect(byActor.r1?.explanation.adjustments[0]?.shareDelta).toBeCloseTo(-0.1, 12)
  })

  it('walks a chain bottom-up with per-link shares from the options', () => {
    const journey = deal([touch('sub', 'demo', 5)])
    const result = attributeJourney(
      journey,
      { key: 'linear' },
      {
        tiers: {
          links: {
            sub: { parent: 'r1', parentKind: 'reseller', share: 0.5 },
            r1: { parent: 'd1', parentKind: 'distributor', share: 0.1 },
          },
        },
      },
    )
    // sub keeps 50%; r1 receives 50% and passes 10% of it (5%) up
    expect(result.credits.map((credit) => [credit.actor, credit.amountMinor])).toEqual([
      ['sub', 50_000n],
      ['r1', 45_000n],
      ['d1', 5_000n],
    ])
  })

  it('refuses a tier loop', () => {
    expect(() =>
      attributeJourney(
        deal([touch('a', 'demo', 1)]),
        { key: 'linear' },
        {
          tiers: {
            links: {
              a: { parent: 'b', parentKind: 'x', share: 0.1 },
              b: { parent: 'a', parentKind: 'x', share: 0.1 },
            },
          },
        },
      ),
    ).toThrow(/loops/)
  })
})

describe('recurring revenue', () => {
  const parent = deal([touch('p1', 'referral', 10)], { id: 'new-1' })
  const renewal = (touches: Touch[]) =>
    deal(touches, { id: 'renewal-1', kind: 'renewal', parentId: 'new-1', amountMinor: 50_000n })

  function splitRenewal(journey: Journey, options: AttributionOptions) {
    const run = attributeJourneys([journey, parent], { key: 'linear' }, options)
    const result = run.journeys.find((item) => item.journeyId === journey.id)
    return Object.fromEntries((result?.credits ?? []).map((credit) => [credit.actor, credit.amountMinor]))
  }

  it('inherits the parent credit less the decay, the rest to its own touches', () => {
    expect(splitRenewal(renewal([touch('p2', 'meeting', 3)]), { recurring: { mode: 'inherit' } })).toEqual({
      p1: 40_000n,
      p2: 10_000n,
    })
  })

  it('gives the decayed part to direct when the renewal has no touches', () => {
    expect(splitRenewal(renewal([]), { recurring: { mode: 'inherit', decayPerRenewal: 0.3 } })).toEqual({
      direct: 15_000n,
      p1: 35_000n,
    })
  })

  it('compounds the decay over a chain of renewals', () => {
    const second = deal([], { id: 'renewal-2', kind: 'renewal', parentId: 'renewal-1' })
    const run = attributeJourneys(
      [second, renewal([]), parent],
      { key: 'linear' },
      { recurring: { mode: 'inherit' } },
    )
    const credits = run.journeys[0]?.credits ?? []
    expect(Object.fromEntries(credits.map((credit) => [credit.actor, credit.share]))).toEqual({
      direct: expect.closeTo(0.36, 12),
      p1: expect.closeTo(0.64, 12),
    })
  })

  it('mixes own and inherited credit', () => {
    const options: AttributionOptions = {
      recurring: { mode: 'mix', inheritWeight: 0.5, decayPerRenewal: 0.2 },
    }
    expect(splitRenewal(renewal([touch('p2', 'meeting', 3)]), options)).toEqual({ p1: 20_000n, p2: 30_000n })
  })

  it('uses only its own touches in own mode', () => {
    expect(splitRenewal(renewal([touch('p2', 'meeting', 3)]), { recurring: { mode: 'own' } })).toEqual({
      p2: 50_000n,
    })
  })
})

describe('attributeJourneys', () => {
  it('sums credited won value per actor', () => {
    const run = attributeJourneys(
      [
        deal([touch('a', 'demo', 2), touch('b', 'demo', 1)], { id: 'w1' }),
        deal([touch('a', 'demo', 2)], { id: 'w2', amountMinor: 30_000n }),
        deal([touch('b', 'demo', 2)], { id: 'l1', outcome: 'lost' }),
      ],
      { key: 'linear' },
    )
    expect(run.totals.map((total) => [total.actor, total.valueMinor, total.conversions])).toEqual([
      ['a', 80_000n, 1.5],
      ['b', 50_000n, 0.5],
    ])
  })
})
