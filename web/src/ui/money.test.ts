import { describe, expect, it } from 'vitest'
import { currencyCodes, currencyExponent, formatAmount } from '../../../src/money'
import { formatMinor, formatMoney, minorDigits } from './money'

// the number as written in en-US, without grouping; a symbol such as "Cg." may carry its own dot
const numberIn = (text: string) => (/-?\d[\d,]*(\.\d+)?/.exec(text)?.[0] ?? '').replaceAll(',', '')
const spaced = (text: string) => text.replace(/\s/g, ' ')

describe('formatMinor', () => {
  it.each(currencyCodes)('shows %s with its ISO 4217 minor digits, every digit exact', (currency) => {
    const amountMinor = 123_456_789_012n
    const shown = formatMinor(amountMinor, currency, { locale: 'en-US' })
    expect(numberIn(shown)).toBe(formatAmount(amountMinor, currency))
    expect(minorDigits(currency)).toBe(currencyExponent(currency))
  })

  it.each([
    ['COP', 123_456n, 'COP 1,234.56'],
    ['IDR', 1_500_000n, 'IDR 15,000.00'],
    ['HUF', 99_950n, 'HUF 999.50'],
    ['IQD', 1_234_567n, 'IQD 1,234.567'],
    ['KWD', 5n, 'KWD 0.005'],
    ['JPY', 1_234n, '¥1,234'],
    ['USD', -1_050n, '-$10.50'],
  ])('shows %s %s minor units as %s', (currency, amountMinor, expected) => {
    expect(spaced(formatMinor(amountMinor, currency, { locale: 'en-US' }))).toBe(expected)
  })

  it('uses the viewer locale for separators and symbol placement', () => {
    expect(spaced(formatMinor(123_456n, 'EUR', { locale: 'de-DE' }))).toBe('1.234,56 €')
  })

  it('keeps amounts beyond float precision exact', () => {
    const shown = formatMinor(900_719_925_474_099_312n, 'USD', { locale: 'en-US' })
    expect(shown).toBe('$9,007,199,254,740,993.12')
  })

  it('compacts by the ISO exponent, so a million pesos is not a hundred million', () => {
    expect(spaced(formatMinor(150_000_000n, 'COP', { locale: 'en-US', compact: true }))).toBe('COP 1.5M')
  })

  it('formats a wire money value from its minor units', () => {
    expect(spaced(formatMoney({ amountMinor: '250000', currency: 'IQD' }, { locale: 'en-US' }))).toBe(
      'IQD 250.000',
    )
  })
})
