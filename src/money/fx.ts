import DecimalBase from 'decimal.js'
import type { Money } from './amount'
import { currencyExponent } from './currency'
import { MoneyError } from './money-error'

// enough digits that chained cross rates never round before the final half-even step
const Decimal = DecimalBase.clone({ precision: 60 })
type Decimal = InstanceType<typeof Decimal>

/** Rates captured at one moment: units of `quote` per 1 unit of `base` (ECB style), as decimal strings. */
export interface RateSnapshot {
  readonly base: string
  readonly asOf: string
  readonly rates: Readonly<Record<string, string>>
}

function rateOf(snapshot: RateSnapshot, currency: string): Decimal {
  if (currency === snapshot.base) return new Decimal(1)
  const rate = snapshot.rates[currency]
  if (rate === undefined) {
    throw new MoneyError('MISSING_RATE', `No ${currency} rate in the ${snapshot.asOf} snapshot`)
  }
  return new Decimal(rate)
}

/** Converts through the snapshot's base currency, rounding half-even once at the end. */
export function convert(money: Money, target: string, snapshot: RateSnapshot): Money {
  if (money.currency === target) return money
  const fromExponent = currencyExponent(money.currency)
  const toExponent = currencyExponent(target)
  const major = new Decimal(money.amountMinor.toString()).div(new Decimal(10).pow(fromExponent))
  const converted = major.div(rateOf(snapshot, money.currency)).times(rateOf(snapshot, target))
  const minor = converted.times(new Decimal(10).pow(toExponent)).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN)
  return { amountMinor: BigInt(minor.toFixed(0)), currency: target }
}
