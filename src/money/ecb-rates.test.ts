import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseEcbRates, ratesOn } from './ecb-rates'
import { convert } from './fx'

const sample = new URL('../../../shared/data/ecb/eurofxref-hist-sample.csv', import.meta.url)

describe('ECB reference rates', () => {
  it('reads the published file as it is: trailing empty column, N/A for retired currencies', () => {
    const text = 'Date,USD,CYP,JPY,\r\n2025-05-09,1.1252,N/A,163.36,\r\n2025-05-08,1.1297,N/A,163.45,\r\n'
    const parsed = parseEcbRates(text)
    expect(parsed.days).toEqual([
      { day: '2025-05-09', rates: { USD: '1.1252', JPY: '163.36' } },
      { day: '2025-05-08', rates: { USD: '1.1297', JPY: '163.45' } },
    ])
    expect(parsed.skipped).toEqual([])
  })

  it('reports what is not a rate, and refuses a file that is not the ECB’s', () => {
    const parsed = parseEcbRates('Date,USD,U$D,\n2025-13-01,1.1,2,\n2025-05-08,-1,2,\n')
    expect(parsed.skipped.map((s) => s.line)).toEqual([1, 2, 3])
    expect(parsed.days).toEqual([{ day: '2025-05-08', rates: {} }])
    expect(() => parseEcbRates('day,USD\n')).toThrow(/first column must be Date/)
  })

  it('uses the last rate on or before a day, for days without publication', () => {
    const { days } = parseEcbRates('Date,USD,\n2025-05-09,1.2,\n2025-05-06,1.1,\n')
    expect(ratesOn(days, '2025-05-08')).toEqual({ asOf: '2025-05-06', rates: { USD: '1.1' } })
    expect(ratesOn(days, '2025-05-10')).toEqual({ asOf: '2025-05-09', rates: { USD: '1.2' } })
    expect(ratesOn(days, '2025-01-01')).toEqual({ asOf: null, rates: {} })
  })

  it.runIf(existsSync(sample))('reads the sample of the real file and converts through the euro', () => {
    const { days, skipped } = parseEcbRates(readFileSync(sample, 'utf8'))
    expect(days.length).toBeGreaterThan(30)
    expect(skipped).toEqual([])
    expect(days[0]!.rates.CYP).toBeUndefined()
    const { asOf, rates } = ratesOn(days, '2025-05-10')
    expect(asOf).toBe('2025-05-09')
    // 1,000.00 USD at 1.1252 USD and 0.8477 GBP per EUR
    expect(
      convert({ amountMinor: 100_000n, currency: 'USD' }, 'GBP', { base: 'EUR', asOf: asOf!, rates }),
    ).toEqual({
      amountMinor: 75_338n,
      currency: 'GBP',
    })
  })
})
