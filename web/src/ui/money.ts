// Money as the viewer reads it: their locale, the amount's own currency, exact from minor units.
// The number of minor digits comes from ISO 4217 (src/money), never from the browser's Intl data:
// CLDR rounds COP, IDR and HUF to whole units and IQD to none, which would show them 100× or 1000× off.
import { currencyExponent, isCurrencyCode } from '../../../src/money/currency'
import type { MoneyView } from '../../../src/platform/platform.contract'

export const viewerLocale = (): string | undefined =>
  typeof navigator === 'undefined' ? undefined : (navigator.languages?.[0] ?? navigator.language)

/** How many minor digits the currency has under ISO 4217 (2 for USD and COP, 0 for JPY, 3 for IQD). */
export function minorDigits(currency: string): number {
  return isCurrencyCode(currency) ? currencyExponent(currency) : 2
}

/** Turns integer minor units into an exact decimal string, without passing through a float. */
export function minorToDecimal(amountMinor: bigint, digits: number): string {
  const negative = amountMinor < 0n
  const text = (negative ? -amountMinor : amountMinor).toString().padStart(digits + 1, '0')
  const decimal = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`
  return negative ? `-${decimal}` : decimal
}

function currencyFormat(
  currency: string,
  locale: string | undefined,
  digits: number,
  compact: boolean,
): Intl.NumberFormat | null {
  try {
    return new Intl.NumberFormat(
      locale,
      compact
        ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }
        : { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits },
    )
  } catch {
    return null
  }
}

export function formatMinor(
  amountMinor: bigint,
  currency: string,
  options: { compact?: boolean; locale?: string } = {},
): string {
  const digits = minorDigits(currency)
  const decimal = minorToDecimal(amountMinor, digits)
  const format = currencyFormat(currency, options.locale ?? viewerLocale(), digits, options.compact ?? false)
  if (!format) return `${decimal} ${currency}`
  // a decimal string keeps every digit; a Number would round amounts past 2^53 minor units
  return format.format(decimal as Intl.StringNumericLiteral)
}

export const formatMoney = (
  money: Pick<MoneyView, 'amountMinor' | 'currency'>,
  options: { compact?: boolean; locale?: string } = {},
): string => formatMinor(BigInt(money.amountMinor), money.currency, options)

/** A money view as a number of major units: for charts only (tables show the exact amounts). */
export const chartAmount = (money: Pick<MoneyView, 'amountMinor' | 'currency'>): number =>
  Number(money.amountMinor) / 10 ** minorDigits(money.currency)

export const formatCount = (value: number): string => new Intl.NumberFormat(viewerLocale()).format(value)
