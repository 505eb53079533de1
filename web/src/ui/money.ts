// Money as the viewer reads it: their locale, the amount's own currency, exact from minor units.
import type { MoneyView } from '../../../src/platform/platform.contract'

export const viewerLocale = (): string | undefined =>
  typeof navigator === 'undefined' ? undefined : (navigator.languages?.[0] ?? navigator.language)

function currencyFormat(
  currency: string,
  locale: string | undefined,
  compact: boolean,
): Intl.NumberFormat | null {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
    })
  } catch {
    return null
  }
}

/** How many minor digits the currency has (2 for USD, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  return currencyFormat(currency, 'en', false)?.resolvedOptions().maximumFractionDigits ?? 2
}

/** Turns integer minor units into an exact decimal string, without passing through a float. */
export function minorToDecimal(amountMinor: bigint, digits: number): string {
  const negative = amountMinor < 0n
  const text = (negative ? -amountMinor : amountMinor).toString().padStart(digits + 1, '0')
  const decimal = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`
  return negative ? `-${decimal}` : decimal
}

export function formatMinor(
  amountMinor: bigint,
  currency: string,
  options: { compact?: boolean; locale?: string } = {},
): string {
  const locale = options.locale ?? viewerLocale()
  const format = currencyFormat(currency, locale, options.compact ?? false)
  const decimal = minorToDecimal(amountMinor, minorDigits(currency))
  if (!format) return `${decimal} ${currency}`
  return format.format(decimal as Intl.StringNumericLiteral)
}

export const formatMoney = (money: Pick<MoneyView, 'amountMinor' | 'currency'>, compact = false): string =>
  formatMinor(BigInt(money.amountMinor), money.currency, { compact })

export const formatCount = (value: number): string => new Intl.NumberFormat(viewerLocale()).format(value)
