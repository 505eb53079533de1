// Quarterly business reviews, the pure part: quarters (`2026-Q3`, in UTC) and their periods, the change
// from one quarter to the next, each deal's share of the partner's won credit, the suggested goal for
// the next quarter, and assembling the figures a review keeps. No database, no clock.

export interface Quarter {
  year: number
  /** 1–4 */
  quarter: number
}

const pattern = /^(\d{4})-Q([1-4])$/

/** `2026-Q3` → { year: 2026, quarter: 3 }; null for anything else. */
export function parseQuarter(text: string): Quarter | null {
  const match = pattern.exec(text)
  if (!match) return null
  const year = Number(match[1])
  if (year < 2000 || year > 2999) return null
  return { year, quarter: Number(match[2]) }
}

export const formatQuarter = (q: Quarter) => `${q.year}-Q${q.quarter}`

/** The quarter holding this moment, in UTC. */
export const quarterOf = (at: Date): Quarter => ({
  year: at.getUTCFullYear(),
  quarter: Math.floor(at.getUTCMonth() / 3) + 1,
})

export const shiftQuarter = (q: Quarter, by: number): Quarter => {
  const index = q.year * 4 + (q.quarter - 1) + by
  return { year: Math.floor(index / 4), quarter: (index % 4) + 1 }
}

/** The quarter's first moment and the next quarter's first moment: [from, to) in UTC. */
export function quarterSpan(q: Quarter): { from: Date; to: Date } {
  return {
    from: new Date(Date.UTC(q.year, (q.quarter - 1) * 3, 1)),
    to: new Date(Date.UTC(q.year, q.quarter * 3, 1)),
  }
}

/** The quarter as calendar days [from, to), for ledgers dated by day. */
export function quarterDays(q: Quarter): { from: string; to: string } {
  const { from, to } = quarterSpan(q)
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) }
}

/** Has the quarter ended by this moment? (Only an ended quarter is reviewed on schedule.) */
export const hasEnded = (q: Quarter, now: Date) => quarterSpan(q).to.getTime() <= now.getTime()

/** Whole-percent change from before to now (half away from zero); null when there was nothing before. */
export function percentChange(nowMinor: bigint, beforeMinor: bigint): number | null {
  if (beforeMinor === 0n) return null
  const scaled = ((nowMinor - beforeMinor) * 200n) / (beforeMinor < 0n ? -beforeMinor : beforeMinor)
  // scaled is twice the percent: round half away from zero
  return Number(scaled >= 0n ? (scaled + 1n) / 2n : (scaled - 1n) / 2n)
}

/** `part` of `whole` as a decimal string with 4 places (e.g. "0.2500"); "0.0000" when whole is 0. */
export function shareOf(part: bigint, whole: bigint): string {
  if (whole <= 0n) return '0.0000'
  const scaled = (part * 20_000n) / whole
  const rounded = (scaled + 1n) / 2n
  const text = rounded.toString().padStart(5, '0')
  return `${text.slice(0, -4)}.${text.slice(-4)}`
}

/** A goal to grow by `percent`: the amount rounded half up to a whole minor unit. */
export const grownBy = (minor: bigint, percent: number): bigint =>
  (minor * BigInt(100 + percent) * 2n + 100n) / 200n

export interface RevenueLine {
  currency: string
  nowMinor: bigint
  beforeMinor: bigint
}

export interface ModelLine {
  modelId: string
  modelKey: string
  modelName: string
  role: 'paying' | 'shadow'
  revenue: RevenueLine[]
  pipeline: { currency: string; amountMinor: bigint; deals: number }[]
  wonDeals: number
}

export interface DealLine {
  dealId: string
  dealName: string
  currency: string
  dealAmountMinor: bigint
  creditMinor: bigint
  share: string
  modelName: string
}

/** Each top deal's part of the partner's won credit under the paying model in the deal's currency. */
export function withShareOfRevenue(deals: readonly DealLine[], paying: ModelLine | undefined) {
  const totals = new Map((paying?.revenue ?? []).map((r) => [r.currency, r.nowMinor]))
  return deals.map((d) => ({ ...d, shareOfRevenue: shareOf(d.creditMinor, totals.get(d.currency) ?? 0n) }))
}

export interface SuggestedGoal {
  text: string
  metric: 'attributed_revenue'
  currency: string
  targetMinor: bigint
}

/**
 * The default goals for the next quarter: attributed revenue under the paying model up `percent` on
 * this quarter, per currency the partner earned in (none when nothing was earned).
 */
export function suggestGoals(paying: ModelLine | undefined, percent: number, next: Quarter): SuggestedGoal[] {
  return (paying?.revenue ?? [])
    .filter((r) => r.nowMinor > 0n)
    .map((r) => ({
      text: `Grow attributed revenue by ${percent}% in ${formatQuarter(next)}`,
      metric: 'attributed_revenue' as const,
      currency: r.currency,
      targetMinor: grownBy(r.nowMinor, percent),
    }))
}

/** The paying model first, then shadow models by name; currencies in code order. */
export function orderModels(lines: ModelLine[]): ModelLine[] {
  return [...lines]
    .map((l) => ({
      ...l,
      revenue: [...l.revenue].sort((a, b) => a.currency.localeCompare(b.currency)),
      pipeline: [...l.pipeline].sort((a, b) => a.currency.localeCompare(b.currency)),
    }))
    .sort((a, b) =>
      a.role === b.role
        ? a.modelName.localeCompare(b.modelName) || a.modelId.localeCompare(b.modelId)
        : a.role === 'paying'
          ? -1
          : 1,
    )
}

/** The currency the chart compares models in: the one the paying model credited most this quarter. */
export function chartCurrency(models: readonly ModelLine[], fallback: string): string {
  const paying = models.find((m) => m.role === 'paying') ?? models[0]
  let best: RevenueLine | undefined
  for (const r of paying?.revenue ?? []) if (!best || r.nowMinor > best.nowMinor) best = r
  return best?.currency ?? fallback
}
