import { describe, expect, it } from 'vitest'
import {
  bandOf,
  chanceToReach,
  normalCdf,
  periodOf,
  periodOfKey,
  periodsAround,
  placeDeal,
  relativeError,
  roundToMinor,
} from './forecast-math'

describe('forecast arithmetic', () => {
  it('names months and quarters in UTC and walks forward and back across years', () => {
    expect(periodOf(new Date('2026-12-31T23:59:59Z'), 'quarter')).toMatchObject({ key: '2026-Q4' })
    expect(periodsAround(new Date('2026-11-29T12:00:00Z'), 'month', 3).map((p) => p.key)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
    ])
    const back = periodsAround(new Date('2026-02-10T00:00:00Z'), 'quarter', -4)
    expect(back.map((p) => p.key)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'])
    expect(back[3]!.end.toISOString()).toBe('2026-01-01T00:00:00.000Z')
    expect(periodOfKey('2026-Q4')).toEqual(periodOf(new Date('2026-11-05T00:00:00Z'), 'quarter'))
    expect(periodOfKey('2026-02').end.toISOString()).toBe('2026-03-01T00:00:00.000Z')
  })

  it('places a deal at its expected close, now when that has passed, or by the median time to win', () => {
    const now = new Date('2026-11-29T00:00:00Z')
    const openedAt = new Date('2026-10-01T00:00:00Z')
    expect(placeDeal({ expectedCloseAt: new Date('2027-02-01T00:00:00Z'), openedAt }, now, 30)).toEqual({
      at: new Date('2027-02-01T00:00:00Z'),
      placement: 'expected',
    })
    expect(placeDeal({ expectedCloseAt: new Date('2026-11-01T00:00:00Z'), openedAt }, now, 30)).toEqual({
      at: now,
      placement: 'overdue',
    })
    expect(placeDeal({ expectedCloseAt: null, openedAt }, now, 90).at.toISOString()).toBe(
      '2026-12-30T00:00:00.000Z',
    )
    expect(placeDeal({ expectedCloseAt: null, openedAt }, now, 30)).toEqual({
      at: now,
      placement: 'estimated',
    })
  })

  it('gives the likely value of uncertain deals with a band that narrows as outcomes become certain', () => {
    const certain = bandOf([
      { probability: 1, valueMinor: 1000n },
      { probability: 0, valueMinor: 500n },
    ])
    expect(certain).toEqual({ likely: 1000n, worst: 1000n, best: 1000n })
    const even = bandOf([{ probability: 0.5, valueMinor: 1000n }])
    // one coin toss: 500 likely, 0.5 × 1.28 × 1000 either side
    expect(even).toEqual({ likely: 500n, worst: 0n, best: 1000n })
    const many = bandOf(Array.from({ length: 100 }, () => ({ probability: 0.3, valueMinor: 10_000n })))
    expect(many.likely).toBe(300_000n)
    expect(many.worst).toBe(241_272n)
    expect(many.best).toBe(358_728n)
  })

  it('rounds half to even and reports the miss as a share of what happened', () => {
    expect([0.5, 1.5, 2.5, 2.4, 2.6].map(roundToMinor)).toEqual([0n, 2n, 2n, 2n, 3n])
    expect(relativeError(120n, 100n)).toBe(0.2)
    expect(relativeError(80n, 100n)).toBe(-0.2)
    expect(relativeError(5n, 0n)).toBeNull()
  })
})

describe('the chance to reach a target', () => {
  it('is certain when done, impossible when every deal would fall short, exact for a few deals and approximate for many', () => {
    expect(chanceToReach(100, 100, [])).toBe(1)
    expect(chanceToReach(10, 100, [{ probability: 0.9, value: 50 }])).toBe(0)
    const even = chanceToReach(
      0,
      50,
      Array.from({ length: 100 }, () => ({ probability: 0.5, value: 1 })),
    )
    // 100 coin tosses reaching 50: a little over half
    expect(even).toBeGreaterThan(0.5)
    expect(even).toBeLessThan(0.6)
    expect(
      chanceToReach(
        0,
        70,
        Array.from({ length: 100 }, () => ({ probability: 0.5, value: 1 })),
      ),
    ).toBeLessThan(0.001)
    // one deal standing between: exactly its chance; two at a half, both needed: a quarter
    expect(chanceToReach(30, 60, [{ probability: 0.75, value: 40 }])).toBe(0.75)
    expect(
      chanceToReach(0, 20, [
        { probability: 0.5, value: 10 },
        { probability: 0.5, value: 10 },
      ]),
    ).toBe(0.25)
    expect(normalCdf(0)).toBeCloseTo(0.5, 6)
    expect(normalCdf(1.2815515655446004)).toBeCloseTo(0.9, 6)
  })
})
