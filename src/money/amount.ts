import DecimalBase from 'decimal.js'
import { currencyExponent } from './currency'
import { MoneyError } from './money-error'

// more digits than any amount needs, so the only rounding is the final half-even step
const Decimal = DecimalBase.clone({ precision: 60 })
type Decimal = InstanceType<typeof Decimal>

export interface Money {
  readonly amountMinor: bigint
  readonly currency: string
}

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d*))?$/

/** Parses "1234.5" in a currency into minor units; refuses to round silently. */
export function parseAmount(decimalString: string, currency: string): bigint {
  const exponent = currencyExponent(currency)
  const match = DECIMAL_PATTERN.exec(decimalString.trim())
  if (!match) throw new MoneyError('INVALID_AMOUNT', `"${decimalString}" is not a decimal number`)
  const [, sign, whole, fraction = ''] = match
  if (fraction.length > exponent) {
    throw new MoneyError(
      'TOO_MANY_DECIMALS',
      `"${decimalString}" has ${fraction.length} decimals but ${currency} has ${exponent}`,
    )
  }
  const digits = `${whole}${fraction.padEnd(exponent, '0')}`
  const value = BigInt(digits)
  return sign === '-' ? -value : value
}

/** Formats minor units as a plain decimal string ("1234.50"), no grouping, no symbol. */
export function formatAmount(amountMinor: bigint, currency: string): string {
  const exponent = currencyExponent(currency)
  const negative = amountMinor < 0n
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(exponent + 1, '0')
  const whole = digits.slice(0, digits.length - exponent)
  const fraction = digits.slice(digits.length - exponent)
  const text = exponent === 0 ? whole : `${whole}.${fraction}`
  return negative ? `-${text}` : text
}

const formatters = new Map<string, Intl.NumberFormat>()

/**
 * Money in words for explanations and reasons: exact ("$412,000", "$412,000.50") or short ("$412K",
 * "€1.2M"), formatted from the exact decimal, never through a float. Formatters are made once per
 * currency and style: an org-wide evaluation words thousands of amounts.
 */
export function describeMoney(
  amountMinor: bigint,
  currency: string,
  options: { short?: boolean } = {},
): string {
  const decimal = formatAmount(amountMinor, currency)
  const style = options.short ? 'short' : /\.\d*[1-9]/.test(decimal) ? 'cents' : 'whole'
  const key = `${currency} ${style}`
  let format = formatters.get(key)
  if (!format) {
    try {
      format = new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency,
        ...(style === 'short'
          ? { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }
          : style === 'whole'
            ? { minimumFractionDigits: 0, maximumFractionDigits: 0 }
            : {}),
      })
    } catch {
      return `${decimal} ${currency}`
    }
    formatters.set(key, format)
  }
  return format.format(decimal as unknown as number)
}

/** Money as the API gives it: exact minor units (as a string), the currency, and the decimal amount. */
export function toMoneyView(amountMinor: bigint | string, currency: string) {
  const minor = BigInt(amountMinor)
  return { amountMinor: minor.toString(), currency, amount: formatAmount(minor, currency) }
}

/** Integer division rounded half to even (banker's rounding), exact for any bigint. */
export function roundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new MoneyError('INVALID_AMOUNT', 'Division by zero')
  if (denominator < 0n) {
    numerator = -numerator
    denominator = -denominator
  }
  const quotient = numerator / denominator
  const remainder = numerator % denominator
  const twice = (remainder < 0n ? -remainder : remainder) * 2n
  if (twice < denominator) return quotient
  const away = numerator < 0n ? quotient - 1n : quotient + 1n
  if (twice > denominator) return away
  return quotient % 2n === 0n ? quotient : away
}

/** Converts a decimal value (rate × amount, a share of a price) to minor units, rounded half-even once. */
export function toMinorUnits(value: string | number, currency: string): bigint {
  const exponent = currencyExponent(currency)
  let decimal: Decimal
  try {
    decimal = new Decimal(value)
  } catch {
    throw new MoneyError('INVALID_AMOUNT', `"${value}" is not a decimal number`)
  }
  if (!decimal.isFinite()) throw new MoneyError('INVALID_AMOUNT', `"${value}" is not a finite number`)
  const scaled = decimal.times(new Decimal(10).pow(exponent))
  return BigInt(scaled.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0))
}
