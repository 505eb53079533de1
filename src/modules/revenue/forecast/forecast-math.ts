// The arithmetic of a forecast, pure: which period a deal lands in, and the likely value of many
// uncertain deals with the band around it. Values are minor units of one currency.

export type Granularity = 'month' | 'quarter'

export interface PeriodRange {
  /** 2027-01 for a month, 2027-Q1 for a quarter (UTC). */
  key: string
  start: Date
  end: Date
}

/** The month or quarter (UTC) holding this moment. */
export function periodOf(at: Date, granularity: Granularity): PeriodRange {
  const year = at.getUTCFullYear()
  const month = at.getUTCMonth()
  if (granularity === 'month') {
    const start = new Date(Date.UTC(year, month, 1))
    return {
      key: `${year}-${String(month + 1).padStart(2, '0')}`,
      start,
      end: new Date(Date.UTC(year, month + 1, 1)),
    }
  }
  const quarter = Math.floor(month / 3)
  return {
    key: `${year}-Q${quarter + 1}`,
    start: new Date(Date.UTC(year, quarter * 3, 1)),
    end: new Date(Date.UTC(year, quarter * 3 + 3, 1)),
  }
}

/** The period a key names: 2026-04 (a month) or 2026-Q2 (a quarter); keys are checked by the contracts. */
export function periodOfKey(key: string): PeriodRange {
  const [year, part] = key.split('-') as [string, string]
  const isQuarter = part.startsWith('Q')
  const month = isQuarter ? (Number(part.slice(1)) - 1) * 3 : Number(part) - 1
  return periodOf(new Date(Date.UTC(Number(year), month, 1)), isQuarter ? 'quarter' : 'month')
}

/** `count` periods from the one holding `from` (negative counts go back in time, oldest first). */
export function periodsAround(from: Date, granularity: Granularity, count: number): PeriodRange[] {
  const periods: PeriodRange[] = []
  let period = periodOf(from, granularity)
  if (count >= 0) {
    for (let i = 0; i < count; i++, period = periodOf(period.end, granularity)) periods.push(period)
    return periods
  }
  for (let i = 0; i < -count; i++) {
    period = periodOf(new Date(period.start.getTime() - 1), granularity)
    periods.unshift(period)
  }
  return periods
}

export type Placement = 'expected' | 'overdue' | 'estimated'

const dayMs = 86_400_000

/**
 * When an open deal should be counted to close: its expected close date; now, when that date has
 * passed (the deal slipped, and is still likely to close soon); or, without one, its opening plus the
 * org's median time to win (now at the earliest).
 */
export function placeDeal(
  deal: { expectedCloseAt: Date | null; openedAt: Date },
  now: Date,
  medianDaysToWin: number | null,
): { at: Date; placement: Placement } {
  if (deal.expectedCloseAt)
    return deal.expectedCloseAt < now
      ? { at: now, placement: 'overdue' }
      : { at: deal.expectedCloseAt, placement: 'expected' }
  const estimated = new Date(deal.openedAt.getTime() + (medianDaysToWin ?? 0) * dayMs)
  return { at: estimated < now ? now : estimated, placement: 'estimated' }
}

export interface Band {
  likely: bigint
  worst: bigint
  best: bigint
}

// the 10th and 90th percentiles of a normal distribution lie this many deviations from its mean
const z80 = 1.2815515655446004

/**
 * The likely total of deals each won with probability p for value v (the sum of p × v), and an 80%
 * band around it (10th to 90th percentile) by the normal approximation of a sum of independent
 * outcomes, held within nothing won and everything won. Rounded half to even to the minor unit.
 */
export function bandOf(deals: readonly { probability: number; valueMinor: bigint }[]): Band {
  let mean = 0
  let variance = 0
  let all = 0n
  for (const { probability: p, valueMinor } of deals) {
    const v = Number(valueMinor)
    mean += p * v
    variance += p * (1 - p) * v * v
    all += valueMinor
  }
  const spread = z80 * Math.sqrt(variance)
  const clamp = (value: number) => {
    const rounded = roundToMinor(value)
    return rounded < 0n ? 0n : rounded > all ? all : rounded
  }
  return { likely: clamp(mean), worst: clamp(mean - spread), best: clamp(mean + spread) }
}

/** A number of minor units (an expected value) rounded half to even. */
export function roundToMinor(value: number): bigint {
  const floor = Math.floor(value)
  const rest = value - floor
  const whole = rest > 0.5 || (rest === 0.5 && floor % 2 !== 0) ? floor + 1 : floor
  return BigInt(whole)
}

/** The forecast's miss against what happened, as a share of what happened (null when nothing did). */
export function relativeError(forecast: bigint, actual: bigint): number | null {
  if (actual === 0n) return null
  return Math.round((Number(forecast - actual) / Number(actual)) * 1000) / 1000
}

/** The standard normal distribution's cumulative probability (Abramowitz and Stegun 7.1.26, error < 2e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2))
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
  const erf = 1 - poly * Math.exp(-(x * x) / 2)
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

// up to this many uncertain deals, every combination of outcomes is counted exactly
const exactDeals = 16

/**
 * The chance that what is already done plus what uncertain deals add reaches a target: 1 when it is
 * met already, 0 when even every deal won would fall short; exact over every combination of outcomes
 * for a few deals, and by the normal approximation of their sum (half a unit of continuity) for more.
 */
export function chanceToReach(
  done: number,
  target: number,
  deals: readonly { probability: number; value: number }[],
): number {
  if (done >= target) return 1
  const live = deals.filter((d) => d.probability > 0 && d.value > 0)
  if (done + live.reduce((sum, d) => sum + d.value, 0) < target) return 0
  if (live.length <= exactDeals) {
    let chance = 0
    for (let outcome = 0; outcome < 1 << live.length; outcome++) {
      let total = done
      let probability = 1
      live.forEach((d, i) => {
        const isWon = (outcome >> i) & 1
        total += isWon ? d.value : 0
        probability *= isWon ? d.probability : 1 - d.probability
      })
      if (total >= target) chance += probability
    }
    return Math.min(1, chance)
  }
  let mean = 0
  let variance = 0
  for (const { probability: p, value: v } of live) {
    mean += p * v
    variance += p * (1 - p) * v * v
  }
  return 1 - normalCdf((target - done - mean - 0.5) / Math.sqrt(variance))
}

/** Won over closed; null before anything has closed. */
export const winRateOf = (history: { won: number; lost: number }) =>
  history.won + history.lost === 0 ? null : history.won / (history.won + history.lost)
