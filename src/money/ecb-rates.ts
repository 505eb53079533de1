// The European Central Bank's euro reference rates (eurofxref-hist.csv) as they are published: a
// header of currency codes ending with an empty column, one row per publication day, values in units
// of the currency per 1 EUR, `N/A` where a currency was not quoted (retired ones), no rows for days
// without publication.
import { isCurrencyCode } from './currency'

export interface EcbDay {
  /** YYYY-MM-DD */
  day: string
  /** Units of the currency per 1 EUR, as published (decimal strings). */
  rates: Record<string, string>
}

export interface EcbRates {
  days: EcbDay[]
  /** Lines or values that were not rates, with why. */
  skipped: { line: number; reason: string }[]
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/
const ratePattern = /^\d+(\.\d+)?$/

export function parseEcbRates(text: string): EcbRates {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const header = (lines[0] ?? '').split(',').map((c) => c.trim())
  if (header[0] !== 'Date') throw new Error('not an ECB rates file: the first column must be Date')
  const skipped: EcbRates['skipped'] = []
  const currencies = header.map((code, i) => {
    if (i === 0 || code === '') return null
    if (isCurrencyCode(code)) return code
    // a retired currency (CYP, EEK …) is no deal's currency: its column is history, left out quietly
    if (!/^[A-Z]{3}$/.test(code))
      skipped.push({ line: 1, reason: `${code} is not a currency code; its column is left out` })
    return null
  })
  const days: EcbDay[] = []
  for (let n = 1; n < lines.length; n++) {
    const cells = lines[n]!.split(',').map((c) => c.trim())
    if (cells.every((c) => c === '')) continue
    const day = cells[0]!
    if (!dayPattern.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      skipped.push({ line: n + 1, reason: `${day} is not a day (YYYY-MM-DD)` })
      continue
    }
    const rates: Record<string, string> = {}
    for (let i = 1; i < cells.length; i++) {
      const code = currencies[i]
      const value = cells[i]!
      if (!code || value === '' || value === 'N/A') continue
      if (ratePattern.test(value) && Number(value) > 0) rates[code] = value
      else skipped.push({ line: n + 1, reason: `${code} rate ${value} is not a positive decimal` })
    }
    days.push({ day, rates })
  }
  return { days, skipped }
}

/** The rates in force on a day: each currency's last published rate on or before it. */
export function ratesOn(
  days: readonly EcbDay[],
  day: string,
): { asOf: string | null; rates: Record<string, string> } {
  const rates: Record<string, string> = {}
  let asOf: string | null = null
  for (const entry of [...days].sort((a, b) => (a.day < b.day ? -1 : 1))) {
    if (entry.day > day) break
    Object.assign(rates, entry.rates)
    asOf = entry.day
  }
  return { asOf, rates }
}
