// The arithmetic of commission lines and its words: exact decimals, one half-even rounding,
// conversions at a rate, months between days, tier periods and brackets (marginal or retroactive).
import DecimalBase from 'decimal.js'
import { currencyExponent, formatAmount } from '../../money'
import type { PlanTerms } from './incentives.contract'

export const Decimal = DecimalBase.clone({ precision: 60 })
export type Decimal = InstanceType<typeof Decimal>

/** A step of a receipt, worded only when the receipt is read: a line that is not posted never is. */
export type Words = () => string

export const percent = (fraction: Decimal | string) =>
  `${new Decimal(fraction).times(100).toDecimalPlaces(4).toString()}%`
export const money = (minor: Decimal | bigint, currency: string) => {
  const rounded =
    typeof minor === 'bigint' ? minor : BigInt(minor.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0))
  return `${formatAmount(rounded, currency)} ${currency}`
}
export const toMinor = (value: Decimal) =>
  BigInt(value.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0))

/** Minor units of one currency as (unrounded) minor units of another at a rate. */
export function convertMinor(minor: Decimal, from: string, to: string, rate: string): Decimal {
  return minor.times(rate).times(new Decimal(10).pow(currencyExponent(to) - currencyExponent(from)))
}

/** Whole days from one YYYY-MM-DD day to another. */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number]
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0)
}

/** The tier period a day falls in: its first and last day and a label. */
export function periodOf(
  period: 'month' | 'quarter' | 'year' | 'window',
  day: string,
  window: { from: string; to: string } | null,
): { from: string; to: string; label: string } {
  const year = day.slice(0, 4)
  const month = Number(day.slice(5, 7))
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
  const pad = (n: number) => String(n).padStart(2, '0')
  if (period === 'month')
    return {
      from: `${year}-${pad(month)}-01`,
      to: `${year}-${pad(month)}-${lastDay(Number(year), month)}`,
      label: `${year}-${pad(month)}`,
    }
  if (period === 'quarter') {
    const quarter = Math.floor((month - 1) / 3)
    const first = quarter * 3 + 1
    return {
      from: `${year}-${pad(first)}-01`,
      to: `${year}-${pad(first + 2)}-${lastDay(Number(year), first + 2)}`,
      label: `${year}-Q${quarter + 1}`,
    }
  }
  if (period === 'window' && window) return { ...window, label: `${window.from} – ${window.to}` }
  return { from: `${year}-01-01`, to: `${year}-12-31`, label: year }
}

type Bracket = { from: Decimal; rate: Decimal }

export function bracketsOf(tiers: NonNullable<PlanTerms['tiers']>): Bracket[] {
  const target = new Decimal(tiers.targetMinor ?? 0)
  return tiers.brackets
    .map((b) => ({
      from:
        b.fromMinor !== undefined
          ? new Decimal(b.fromMinor)
          : target.times(b.fromPercentOfTarget ?? 0).div(100),
      rate: new Decimal(b.rate),
    }))
    .sort((a, b) => a.from.comparedTo(b.from))
}

/** The commission a tiered rule pays on `amount` when `before` was already earned in the period. */
export function tieredValue(
  tiers: NonNullable<PlanTerms['tiers']>,
  amount: Decimal,
  before: Decimal,
  periodTotal: Decimal,
  currency: string,
): { value: Decimal; steps: Words[] } {
  const brackets = bracketsOf(tiers)
  if (tiers.mode === 'retroactive') {
    let reached = brackets[0]!
    for (const bracket of brackets) if (periodTotal.gte(bracket.from)) reached = bracket
    if (periodTotal.lt(brackets[0]!.from)) reached = { from: brackets[0]!.from, rate: new Decimal(0) }
    return {
      value: amount.times(reached.rate),
      steps: [
        () =>
          `Attributed revenue in the period: ${money(periodTotal, currency)}, which reaches the ${percent(reached.rate)} tier (from ${money(reached.from, currency)}); retroactive, so it applies to the whole credit`,
        () =>
          `${money(amount, currency)} × ${percent(reached.rate)} = ${money(amount.times(reached.rate), currency)}`,
      ],
    }
  }
  // marginal: the credit fills the brackets from where the period stood before this deal
  let value = new Decimal(0)
  const parts: { slice: Decimal; rate: Decimal }[] = []
  const start = before
  const end = before.plus(amount)
  for (let i = 0; i < brackets.length; i++) {
    const low = Decimal.max(brackets[i]!.from, start)
    const high = i + 1 < brackets.length ? Decimal.min(brackets[i + 1]!.from, end) : end
    if (high.lte(low)) continue
    const slice = high.minus(low)
    value = value.plus(slice.times(brackets[i]!.rate))
    parts.push({ slice, rate: brackets[i]!.rate })
  }
  return {
    value,
    steps: [
      () =>
        `Attributed revenue in the period before this deal: ${money(before, currency)}; marginal, so each part of the credit earns its bracket’s rate`,
      () =>
        `${parts.map((p) => `${money(p.slice, currency)} at ${percent(p.rate)}`).join(' + ') || money(0n, currency)} = ${money(value, currency)}`,
    ],
  }
}
