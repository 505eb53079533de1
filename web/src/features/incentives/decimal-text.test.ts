import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { amountToMinor, fractionToPercent, minorToAmount, percentToFraction } from './decimal-text'

describe('percentToFraction', () => {
  it.each([
    ['10', '0.1'],
    ['12.5', '0.125'],
    ['100', '1'],
    ['100.000', '1'],
    ['0', '0'],
    ['0.5', '0.005'],
    ['7', '0.07'],
    ['33.33333333', '0.3333333333'],
    [' 15 ', '0.15'],
    ['.5', '0.005'],
    ['010', '0.1'],
    ['12,5', '0.125'],
  ])('reads %s %% as %s', (percent, fraction) => {
    expect(percentToFraction(percent)).toBe(fraction)
  })

  it.each(['', 'ten', '-5', '100.01', '250', '1e1', '12.5%', '0.000000001', '.'])('refuses %s', (percent) => {
    expect(percentToFraction(percent)).toBeNull()
  })

  it('matches the API’s pattern for every percentage it accepts', () => {
    const apiRate = /^(0(\.\d{1,10})?|1(\.0{1,10})?)$/
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (hundredMillionths) => {
        const whole = Math.floor(hundredMillionths / 100_000_000)
        const rest = String(hundredMillionths % 100_000_000).padStart(8, '0')
        const fraction = percentToFraction(`${whole}.${rest}`)
        expect(fraction).not.toBeNull()
        expect(fraction).toMatch(apiRate)
      }),
    )
  })
})

describe('fractionToPercent', () => {
  it.each([
    ['0.1', '10'],
    ['0.125', '12.5'],
    ['1', '100'],
    ['0', '0'],
    ['0.005', '0.5'],
    ['0.3333333333', '33.33333333'],
  ])('shows %s as %s %%', (fraction, percent) => {
    expect(fractionToPercent(fraction)).toBe(percent)
  })

  it('round-trips every percentage with up to 8 decimals exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.stringMatching(/^\d{0,8}$/), (whole, decimals) => {
        const typed = whole === 100 ? '100' : decimals ? `${whole}.${decimals}` : String(whole)
        const fraction = percentToFraction(typed)
        expect(fraction).not.toBeNull()
        expect(percentToFraction(fractionToPercent(fraction ?? ''))).toBe(fraction)
      }),
    )
  })
})

describe('amountToMinor', () => {
  it.each([
    ['1250.5', 2, '125050'],
    ['1250', 2, '125000'],
    ['0.01', 2, '1'],
    ['500', 0, '500'],
    ['1.234', 3, '1234'],
    ['12.50', 2, '1250'],
    ['0', 2, '0'],
    ['90071992547409.93', 2, '9007199254740993'],
  ])('reads %s with %i minor digits as %s', (amount, digits, minor) => {
    expect(amountToMinor(amount, digits)).toBe(minor)
  })

  it.each([
    ['1.005', 2],
    ['1.5', 0],
    ['-3', 2],
    ['1,250.00', 2],
    ['abc', 2],
  ])('refuses %s with %i minor digits', (amount, digits) => {
    expect(amountToMinor(amount, digits)).toBeNull()
  })

  it('round-trips with minorToAmount', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 999_999_999_999_999n }),
        fc.integer({ min: 0, max: 3 }),
        (minor, digits) => {
          expect(amountToMinor(minorToAmount(String(minor), digits), digits)).toBe(String(minor))
        },
      ),
    )
  })
})
