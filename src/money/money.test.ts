import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  allocate,
  convert,
  currencyExponent,
  describeMoney,
  formatAmount,
  isCurrencyCode,
  MoneyError,
  parseAmount,
  roundHalfEven,
  toMinorUnits,
} from './index'

describe('currencyExponent', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['BHD', 3],
    ['OMR', 3],
    ['JOD', 3],
    ['TND', 3],
    ['LYD', 3],
    ['IQD', 3],
  ])('%s has %i minor digits', (code, digits) => {
    expect(currencyExponent(code)).toBe(digits)
  })

  it('rejects an unknown code', () => {
    expect(isCurrencyCode('XYZ')).toBe(false)
    expect(() => currencyExponent('XYZ')).toThrow(MoneyError)
  })
})

describe('parseAmount and formatAmount', () => {
  it.each([
    ['1234.5', 'USD', 123450n],
    ['1234.50', 'USD', 123450n],
    ['-0.01', 'USD', -1n],
    ['1000', 'JPY', 1000n],
    ['1.234', 'KWD', 1234n],
    ['0', 'EUR', 0n],
  ])('parses %s %s as %s minor units', (text, currency, minor) => {
    expect(parseAmount(text, currency)).toBe(minor)
  })

  it.each([
    ['1.234', 'USD', 'TOO_MANY_DECIMALS'],
    ['1.5', 'JPY', 'TOO_MANY_DECIMALS'],
    ['abc', 'USD', 'INVALID_AMOUNT'],
    ['1e5', 'USD', 'INVALID_AMOUNT'],
    ['', 'USD', 'INVALID_AMOUNT'],
  ])('rejects %s %s with %s', (text, currency, code) => {
    expect(() => parseAmount(text, currency)).toThrow(expect.objectContaining({ code }))
  })

  it.each([
    [123450n, 'USD', '1234.50'],
    [-5n, 'USD', '-0.05'],
    [1000n, 'JPY', '1000'],
    [1n, 'KWD', '0.001'],
  ])('formats %s %s as %s', (minor, currency, text) => {
    expect(formatAmount(minor, currency)).toBe(text)
  })

  it('round-trips any amount', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.constantFrom('USD', 'JPY', 'KWD'),
        (minor, currency) => {
          expect(parseAmount(formatAmount(minor, currency), currency)).toBe(minor)
        },
      ),
    )
  })
})

describe('describeMoney', () => {
  it('words amounts exactly, with cents only when there are any', () => {
    expect(describeMoney(41_200_000n, 'USD')).toBe('$412,000')
    expect(describeMoney(41_200_050n, 'USD')).toBe('$412,000.50')
    expect(describeMoney(9_007_199_254_740_993n, 'USD')).toBe('$90,071,992,547,409.93')
    expect(describeMoney(150_000n, 'JPY')).toBe('¥150,000')
    expect(describeMoney(-1_234_567n, 'BHD')).toBe('-BHD\u00a01,234.567')
  })

  it('words amounts short the way a person says them', () => {
    expect(describeMoney(5_800_000n, 'USD', { short: true })).toBe('$58K')
    expect(describeMoney(120_000_000n, 'EUR', { short: true })).toBe('€1.2M')
    expect(describeMoney(150_000n, 'JPY', { short: true })).toBe('¥150K')
  })

  it('keeps each style apart when the same currency is worded both ways in turn', () => {
    const words = [1_000n, 1_050n, 1_000n].flatMap((minor) => [
      describeMoney(minor, 'USD'),
      describeMoney(minor, 'USD', { short: true }),
    ])
    expect(words).toEqual(['$10', '$10', '$10.50', '$10.5', '$10', '$10'])
  })
})

describe('roundHalfEven', () => {
  it.each([
    [5n, 2n, 2n],
    [7n, 2n, 4n],
    [-5n, 2n, -2n],
    [-7n, 2n, -4n],
    [10n, 3n, 3n],
    [11n, 3n, 4n],
    [-11n, 3n, -4n],
    [1n, -2n, 0n],
  ])('%s / %s rounds to %s', (numerator, denominator, expected) => {
    expect(roundHalfEven(numerator, denominator)).toBe(expected)
  })

  it.each([
    ['0.125', 'USD', 12n],
    ['0.135', 'USD', 14n],
    [2.5, 'JPY', 2n],
  ])('toMinorUnits(%s, %s) is %s', (value, currency, minor) => {
    expect(toMinorUnits(value, currency)).toBe(minor)
  })
})

describe('allocate', () => {
  it.each([
    [100n, [1, 1, 1], [34n, 33n, 33n]],
    [-100n, [1, 1, 1], [-34n, -33n, -33n]],
    [10n, [0, 1, 0], [0n, 10n, 0n]],
    [5n, [0.3, 0.3, 0.4], [2n, 1n, 2n]],
    [1n, [1, 1], [1n, 0n]],
    [0n, [0, 0], [0n, 0n]],
    [1000n, ['0.333333333333333333333333', '0.666666666666666666666667'], [333n, 667n]],
  ])('allocates %s over weights %#', (total, weights, expected) => {
    expect(allocate(total, weights)).toEqual(expected)
  })

  it('refuses a non-zero total over all-zero weights', () => {
    expect(() => allocate(5n, [0, 0])).toThrow(MoneyError)
  })

  it('refuses negative weights', () => {
    expect(() => allocate(5n, [1, -1])).toThrow(MoneyError)
  })

  const weightsArb = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })), {
    minLength: 1,
    maxLength: 12,
  })

  it('always sums exactly to the total and gives zero weights nothing', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), weightsArb, (total, weights) => {
        fc.pre(weights.some((weight) => weight > 0))
        const parts = allocate(total, weights)
        expect(parts.reduce((sum, part) => sum + part, 0n)).toBe(total)
        weights.forEach((weight, index) => {
          if (weight === 0) expect(parts[index]).toBe(0n)
        })
      }),
    )
  })

  it('keeps every part within one unit of its exact quota', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 10 }),
        (total, weights) => {
          const weightSum = weights.reduce((sum, weight) => sum + weight, 0)
          fc.pre(weightSum > 0)
          const parts = allocate(total, weights)
          parts.forEach((part, index) => {
            const quota = (Number(total) * (weights[index] ?? 0)) / weightSum
            expect(Math.abs(Number(part) - quota)).toBeLessThan(1 + 1e-6 * Number(total))
          })
        },
      ),
    )
  })

  it('mirrors a positive split for a negative total', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 9n }), weightsArb, (total, weights) => {
        fc.pre(weights.some((weight) => weight > 0))
        expect(allocate(-total, weights)).toEqual(allocate(total, weights).map((part) => -part))
      }),
    )
  })
})

describe('convert', () => {
  const snapshot = { base: 'EUR', asOf: '2024-01-02', rates: { USD: '1.0956', JPY: '155.73' } }

  it('converts through the base and rounds once', () => {
    expect(convert({ amountMinor: 10_000n, currency: 'EUR' }, 'USD', snapshot)).toEqual({
      amountMinor: 10_956n,
      currency: 'USD',
    })
    expect(convert({ amountMinor: 10_956n, currency: 'USD' }, 'JPY', snapshot).amountMinor).toBe(15_573n)
  })

  it('refuses a currency missing from the snapshot', () => {
    expect(() => convert({ amountMinor: 1n, currency: 'EUR' }, 'GBP', snapshot)).toThrow(MoneyError)
  })
})
