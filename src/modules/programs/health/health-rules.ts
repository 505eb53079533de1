// Partner health from a partner's figures: six weighted factors, each with its points (0–100), its
// weight and a reason in words with the numbers, a 0–100 score and a band. A factor without data (a
// brand-new partner has no closed deals) is left out and the other weights re-normalised — the reason
// says so; a score is never made up from missing figures. Pure: no database, no clock.
import { describeMoney } from '../../../money'
import type { HealthSettings } from './health.contract'

export const healthFactorKeys = [
  'revenue_trend',
  'activity_attribution',
  'win_rate',
  'recency',
  'certifications',
  'disputes',
] as const
export type HealthFactorKey = (typeof healthFactorKeys)[number]
export type HealthBand = 'healthy' | 'watch' | 'at_risk' | 'unscored'

export interface HealthFigures {
  /** The currency revenue is summed in, and currencies left out for want of a rate. */
  currency: string
  /** Attributed won revenue under the paying model in the last window and the window before. */
  revenueMinor: bigint
  previousRevenueMinor: bigint
  leftOutCurrencies: string[]
  /** Some won revenue of the last window is in a currency left out: a converted zero is not a real zero. */
  hasUnconvertedRevenueNow: boolean
  /** Touches in the last window, and the last touch at any time. */
  touches: number
  lastTouchAt: Date | null
  /** Deals the partner touched that closed in the last window, the won ones, and the org's partner deals. */
  closedDeals: number
  wonDeals: number
  orgClosedDeals: number
  orgWonDeals: number
  /** Certificates of the partner's people that lapsed in the last window (not renewed), valid ones, any ever. */
  lapsedCertificates: number
  validCertificates: number
  hasEverCertified: boolean
  openDisputes: number
}

export interface HealthFactor {
  key: HealthFactorKey
  /** 0–100, or null when the factor has no data and is left out. */
  points: number | null
  /** The weight set for the org, and its share of the score once factors without data are left out. */
  weight: number
  share: number
  reason: string
}

export interface HealthResult {
  score: number | null
  band: HealthBand
  factors: HealthFactor[]
}

export const defaultHealthSettings: HealthSettings = {
  windowDays: 90,
  highActivityTouches: 20,
  minClosedDeals: 5,
  freshDays: 14,
  staleDays: 90,
  bands: { healthyMin: 70, atRiskBelow: 40 },
  weights: {
    revenue_trend: 30,
    activity_attribution: 20,
    win_rate: 20,
    recency: 15,
    certifications: 5,
    disputes: 10,
  },
}

const dayMs = 86_400_000
const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)))
const percent = (part: number, whole: number) => Math.round((part / whole) * 100)
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

type Scored = { points: number | null; reason: string }

function revenueTrend(f: HealthFigures, s: HealthSettings, money: (n: bigint) => string): Scored {
  const days = s.windowDays
  const left = f.leftOutCurrencies.length > 0 ? ` (${f.leftOutCurrencies.join(', ')} left out: no rate)` : ''
  if (f.revenueMinor === 0n && f.previousRevenueMinor === 0n)
    return {
      points: null,
      reason: `no attributed revenue in the last ${days * 2} days — left out, the other factors re-weighted${left}`,
    }
  if (f.revenueMinor === 0n && f.hasUnconvertedRevenueNow)
    return {
      points: null,
      reason: `won revenue of the last ${days} days only in currencies without a rate${left} — left out, the other factors re-weighted`,
    }
  if (f.previousRevenueMinor === 0n)
    return {
      points: 100,
      reason: `new attributed revenue: ${money(f.revenueMinor)} in the last ${days} days, none the ${days} before${left}`,
    }
  const change = Number(((f.revenueMinor - f.previousRevenueMinor) * 1000n) / f.previousRevenueMinor) / 10
  const both = `${money(f.revenueMinor)} in the last ${days} days vs ${money(f.previousRevenueMinor)} the ${days} before${left}`
  if (change >= 0) return { points: 100, reason: `attributed revenue up ${Math.round(change)}% — ${both}` }
  return { points: clamp(100 + change), reason: `attributed revenue down ${Math.round(-change)}% — ${both}` }
}

function activityAttribution(f: HealthFigures, s: HealthSettings, money: (n: bigint) => string): Scored {
  const days = s.windowDays
  if (f.touches === 0)
    return {
      points: null,
      reason: `no touches in the last ${days} days — left out, the other factors re-weighted`,
    }
  const touches = `${plural(f.touches, 'touch', 'touches')} in ${days} days`
  if (f.revenueMinor > 0n)
    return { points: 100, reason: `${touches}, ${money(f.revenueMinor)} attributed won revenue` }
  if (f.hasUnconvertedRevenueNow)
    return {
      points: 100,
      reason: `${touches}, attributed won revenue in ${f.leftOutCurrencies.join(', ')} (no rate to convert it)`,
    }
  if (f.touches >= s.highActivityTouches)
    return { points: 0, reason: `${touches}, 0 attributed won revenue: high activity, low attribution` }
  return { points: 50, reason: `${touches}, no attributed won revenue yet` }
}

function winRate(f: HealthFigures, s: HealthSettings): Scored {
  if (f.closedDeals < s.minClosedDeals)
    return {
      points: null,
      reason: `${plural(f.closedDeals, 'closed deal')} in ${s.windowDays} days, fewer than ${s.minClosedDeals} — win rate left out, the other factors re-weighted`,
    }
  const mine = f.wonDeals / f.closedDeals
  const org = f.orgClosedDeals > 0 ? f.orgWonDeals / f.orgClosedDeals : 0
  const reason = `win rate ${percent(f.wonDeals, f.closedDeals)}% on ${f.closedDeals} closed deals vs ${
    f.orgClosedDeals > 0 ? percent(f.orgWonDeals, f.orgClosedDeals) : 0
  }% org-wide`
  // at or above the org's rate is full marks; below it, points fall in proportion
  const points = org === 0 ? 100 : clamp((mine / org) * 100)
  return { points, reason }
}

function recency(f: HealthFigures, s: HealthSettings, now: Date): Scored {
  if (!f.lastTouchAt)
    return { points: null, reason: 'no touch yet — left out, the other factors re-weighted' }
  const days = Math.max(0, Math.floor((now.getTime() - f.lastTouchAt.getTime()) / dayMs))
  const points =
    days <= s.freshDays
      ? 100
      : days >= s.staleDays
        ? 0
        : clamp(100 - ((days - s.freshDays) / (s.staleDays - s.freshDays)) * 100)
  return { points, reason: days === 0 ? 'last touch today' : `no touch for ${plural(days, 'day')}` }
}

function certifications(f: HealthFigures, s: HealthSettings): Scored {
  if (!f.hasEverCertified)
    return { points: null, reason: 'no certificates held yet — left out, the other factors re-weighted' }
  const valid = `${plural(f.validCertificates, 'valid certificate')}`
  if (f.lapsedCertificates === 0)
    return { points: 100, reason: `no certificate lapsed in the last ${s.windowDays} days; ${valid}` }
  return {
    points: clamp(100 - 50 * f.lapsedCertificates),
    reason: `${plural(f.lapsedCertificates, 'certificate')} lapsed in the last ${s.windowDays} days; ${valid}`,
  }
}

function disputes(f: HealthFigures): Scored {
  if (f.openDisputes === 0) return { points: 100, reason: 'no open disputes' }
  return { points: clamp(100 - 35 * f.openDisputes), reason: `${plural(f.openDisputes, 'open dispute')}` }
}

export function bandOf(score: number | null, settings: HealthSettings): HealthBand {
  if (score === null) return 'unscored'
  if (score >= settings.bands.healthyMin) return 'healthy'
  if (score < settings.bands.atRiskBelow) return 'at_risk'
  return 'watch'
}

export function scoreHealth(figures: HealthFigures, settings: HealthSettings, now: Date): HealthResult {
  const money = (n: bigint) => describeMoney(n, figures.currency, { short: true })
  const scored: Record<HealthFactorKey, Scored> = {
    revenue_trend: revenueTrend(figures, settings, money),
    activity_attribution: activityAttribution(figures, settings, money),
    win_rate: winRate(figures, settings),
    recency: recency(figures, settings, now),
    certifications: certifications(figures, settings),
    disputes: disputes(figures),
  }
  // open disputes alone say nothing of a partner with no other figures: it stays unscored
  const hasOther = healthFactorKeys.some((k) => k !== 'disputes' && scored[k].points !== null)
  if (!hasOther && figures.openDisputes === 0)
    scored.disputes = {
      points: null,
      reason: 'no open disputes, and nothing else to weigh them with — left out',
    }
  const counted = healthFactorKeys.filter((k) => scored[k].points !== null && settings.weights[k] > 0)
  const total = counted.reduce((sum, k) => sum + settings.weights[k], 0)
  const factors = healthFactorKeys.map((key) => ({
    key,
    points: scored[key].points,
    weight: settings.weights[key],
    share: counted.includes(key) && total > 0 ? Math.round((settings.weights[key] / total) * 1000) / 1000 : 0,
    reason: scored[key].reason,
  }))
  const score =
    total === 0
      ? null
      : Math.round(counted.reduce((sum, k) => sum + (scored[k].points ?? 0) * settings.weights[k], 0) / total)
  return { score, band: bandOf(score, settings), factors }
}

/** The factors that cost the most points first: what to tell a partner manager. */
export function topReasons(factors: readonly HealthFactor[], count = 3): HealthFactor[] {
  return factors
    .filter((f) => f.points !== null && f.share > 0 && f.points < 100)
    .sort((a, b) => b.share * (100 - (b.points ?? 0)) - a.share * (100 - (a.points ?? 0)))
    .slice(0, count)
}
