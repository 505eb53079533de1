import { describe, expect, it } from 'vitest'
import {
  chartCurrency,
  formatQuarter,
  grownBy,
  hasEnded,
  type ModelLine,
  orderModels,
  parseQuarter,
  percentChange,
  quarterDays,
  quarterOf,
  quarterSpan,
  shareOf,
  shiftQuarter,
  suggestGoals,
  withShareOfRevenue,
} from './qbr-rules'

const line = (over: Partial<ModelLine>): ModelLine => ({
  modelId: 'm1',
  modelKey: 'linear',
  modelName: 'Linear',
  role: 'paying',
  revenue: [],
  pipeline: [],
  wonDeals: 0,
  ...over,
})

describe('quarters', () => {
  it.each([
    ['2026-Q3', { year: 2026, quarter: 3 }],
    ['2026-Q1', { year: 2026, quarter: 1 }],
    ['2026-Q5', null],
    ['2026-Q0', null],
    ['2026Q3', null],
    ['26-Q3', null],
    ['1999-Q4', null],
    [' 2026-Q3', null],
  ])('%s parses to %j', (text, expected) => {
    expect(parseQuarter(text)).toEqual(expected)
  })

  it.each([
    ['2026-01-01T00:00:00Z', '2026-Q1'],
    ['2026-03-31T23:59:59.999Z', '2026-Q1'],
    ['2026-04-01T00:00:00Z', '2026-Q2'],
    ['2026-12-31T23:59:59Z', '2026-Q4'],
  ])('%s falls in %s (UTC)', (at, quarter) => {
    expect(formatQuarter(quarterOf(new Date(at)))).toBe(quarter)
  })

  it.each([
    ['2026-Q1', -1, '2025-Q4'],
    ['2026-Q4', 1, '2027-Q1'],
    ['2026-Q2', 0, '2026-Q2'],
    ['2026-Q3', -7, '2024-Q4'],
  ])('%s shifted by %i is %s', (text, by, expected) => {
    expect(formatQuarter(shiftQuarter(parseQuarter(text)!, by))).toBe(expected)
  })

  it('a quarter spans its first moment up to the next quarter’s first moment', () => {
    const span = quarterSpan({ year: 2026, quarter: 4 })
    expect(span.from.toISOString()).toBe('2026-10-01T00:00:00.000Z')
    expect(span.to.toISOString()).toBe('2027-01-01T00:00:00.000Z')
    expect(quarterDays({ year: 2026, quarter: 2 })).toEqual({ from: '2026-04-01', to: '2026-07-01' })
  })

  it('a quarter has ended only once the next one has begun', () => {
    const q2 = { year: 2026, quarter: 2 }
    expect(hasEnded(q2, new Date('2026-06-30T23:59:59Z'))).toBe(false)
    expect(hasEnded(q2, new Date('2026-07-01T00:00:00Z'))).toBe(true)
  })
})

describe('figures', () => {
  it.each([
    [1500n, 1000n, 50],
    [1000n, 1500n, -33],
    [1000n, 1000n, 0],
    [0n, 1000n, -100],
    [1000n, 0n, null],
    [1005n, 1000n, 1],
    [2n, 3n, -33],
  ])('%s against %s is a change of %s%', (now, before, expected) => {
    expect(percentChange(now, before)).toBe(expected)
  })

  it.each([
    [250n, 1000n, '0.2500'],
    [1000n, 1000n, '1.0000'],
    [1n, 3n, '0.3333'],
    [2n, 3n, '0.6667'],
    [5n, 0n, '0.0000'],
  ])('%s of %s is a share of %s', (part, whole, expected) => {
    expect(shareOf(part, whole)).toBe(expected)
  })

  it.each([
    [100_000n, 10, 110_000n],
    [12_345n, 10, 13_580n],
    [5n, 10, 6n],
    [0n, 10, 0n],
  ])('%s grown by %i% is %s (rounded half up)', (minor, percent, expected) => {
    expect(grownBy(minor, percent)).toBe(expected)
  })

  it('suggests +10% on each currency the paying model earned in, for the next quarter', () => {
    const paying = line({
      revenue: [
        { currency: 'USD', nowMinor: 200_000n, beforeMinor: 100_000n },
        { currency: 'EUR', nowMinor: 0n, beforeMinor: 5_000n },
      ],
    })
    expect(suggestGoals(paying, 10, { year: 2026, quarter: 3 })).toEqual([
      {
        text: 'Grow attributed revenue by 10% in 2026-Q3',
        metric: 'attributed_revenue',
        currency: 'USD',
        targetMinor: 220_000n,
      },
    ])
    expect(suggestGoals(undefined, 10, { year: 2026, quarter: 3 })).toEqual([])
  })

  it('each top deal’s share of revenue is against the paying model’s total in its currency', () => {
    const paying = line({ revenue: [{ currency: 'USD', nowMinor: 400n, beforeMinor: 0n }] })
    const deals = withShareOfRevenue(
      [
        {
          dealId: 'd1',
          dealName: 'A',
          currency: 'USD',
          dealAmountMinor: 1000n,
          creditMinor: 300n,
          share: '0.3',
          modelName: 'Linear',
        },
        {
          dealId: 'd2',
          dealName: 'B',
          currency: 'EUR',
          dealAmountMinor: 100n,
          creditMinor: 100n,
          share: '1',
          modelName: 'Linear',
        },
      ],
      paying,
    )
    expect(deals.map((d) => d.shareOfRevenue)).toEqual(['0.7500', '0.0000'])
  })

  it('orders the paying model first, then shadow models by name, currencies by code', () => {
    const ordered = orderModels([
      line({ modelId: 'b', modelName: 'U-shaped', role: 'shadow' }),
      line({
        modelId: 'p',
        modelName: 'Time decay',
        role: 'paying',
        revenue: [
          { currency: 'USD', nowMinor: 1n, beforeMinor: 0n },
          { currency: 'EUR', nowMinor: 5n, beforeMinor: 0n },
        ],
      }),
      line({ modelId: 'a', modelName: 'First touch', role: 'shadow' }),
    ])
    expect(ordered.map((m) => m.modelId)).toEqual(['p', 'a', 'b'])
    expect(ordered[0]!.revenue.map((r) => r.currency)).toEqual(['EUR', 'USD'])
    expect(chartCurrency(ordered, 'GBP')).toBe('EUR')
    expect(chartCurrency([], 'GBP')).toBe('GBP')
  })
})
