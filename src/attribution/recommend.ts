import { AttributionError } from './attribution-error'
import { nameColumns } from './compare'
import { attributeJourneys } from './engine'
import { formatPercent } from './explain'
import { prepareJourney } from './prepare'
import type { AttributionOptions, Journey, ModelSpec } from './types'

export interface ModelScore {
  id: string
  /** Spearman rank correlation between credit earlier and won revenue later (−1…1). */
  rankCorrelation: number
  /** Total-variation distance between the two revenue shares by actor (0 = identical, 1 = disjoint). */
  weightedError: number
  rank: number
}

export interface Recommendation {
  splitAt: number
  earlierJourneys: number
  laterJourneys: number
  actors: number
  scores: ModelScore[]
  best: string
  explanation: string
}

function rankValues(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value)
  const ranks = new Array<number>(values.length).fill(0)
  let start = 0
  while (start < order.length) {
    let end = start
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end++
    for (let k = start; k <= end; k++) ranks[order[k]?.index ?? 0] = (start + end) / 2 + 1
    start = end + 1
  }
  return ranks
}

/** Spearman's rho: Pearson correlation of the (tie-averaged) ranks. */
export function computeRankCorrelation(a: readonly number[], b: readonly number[]): number {
  const ra = rankValues(a)
  const rb = rankValues(b)
  const mean = (ra.length + 1) / 2
  let numerator = 0
  let va = 0
  let vb = 0
  for (let index = 0; index < ra.length; index++) {
    const da = (ra[index] ?? 0) - mean
    const db = (rb[index] ?? 0) - mean
    numerator += da * db
    va += da * da
    vb += db * db
  }
  return va === 0 || vb === 0 ? 0 : numerator / Math.sqrt(va * vb)
}

export function computeWeightedError(a: readonly number[], b: readonly number[]): number {
  const sa = a.reduce((sum, value) => sum + value, 0)
  const sb = b.reduce((sum, value) => sum + value, 0)
  if (sa === 0 || sb === 0) return 1
  let distance = 0
  for (let index = 0; index < a.length; index++)
    distance += Math.abs((a[index] ?? 0) / sa - (b[index] ?? 0) / sb)
  return distance / 2
}

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10)

/**
 * Time-split backtest: each model (learned models learn from the earlier period only) credits the
 * earlier closed journeys; its credit per actor is compared with each actor's won revenue in the
 * later period (the deals it touched). Amounts are compared as numbers, so pass one currency.
 */
/** A model in a backtest: its own name and options may stand beside the shared ones. */
export interface RecommendSpec extends ModelSpec {
  id?: string
  options?: AttributionOptions
}

export function recommend(
  journeys: readonly Journey[],
  specs: readonly RecommendSpec[],
  options: AttributionOptions & { earlierFraction?: number } = {},
): Recommendation {
  const closed = journeys
    .filter((journey) => journey.outcome !== 'open' && journey.closedAt !== undefined)
    .sort((a, b) => (a.closedAt ?? 0) - (b.closedAt ?? 0) || (a.id < b.id ? -1 : 1))
  const fraction = options.earlierFraction ?? 0.5
  const cut = Math.floor(closed.length * fraction)
  if (cut === 0 || cut >= closed.length) {
    throw new AttributionError(
      'INVALID_PARAMS',
      'recommend needs closed journeys on both sides of the split',
      'journeys',
    )
  }
  const splitAt = closed[cut]?.closedAt ?? 0
  const earlier = closed.filter((journey) => (journey.closedAt ?? 0) < splitAt)
  const later = closed.filter((journey) => (journey.closedAt ?? 0) >= splitAt)
  const target = new Map<string, number>()
  for (const journey of later) {
    if (journey.outcome !== 'won') continue
    for (const actor of prepareJourney(journey, options).actors) {
      target.set(actor, (target.get(actor) ?? 0) + Number(journey.amountMinor))
    }
  }
  const names = nameColumns(specs)
  const ids = specs.map((spec, index) => spec.id ?? names[index] ?? '')
  const credits = specs.map((spec) => {
    const totals = new Map<string, number>()
    for (const total of attributeJourneys(earlier, spec, { ...options, ...spec.options }).totals) {
      totals.set(total.actor, (totals.get(total.actor) ?? 0) + Number(total.valueMinor))
    }
    return totals
  })
  const actors = [...new Set([...target.keys(), ...credits.flatMap((totals) => [...totals.keys()])])].sort()
  const laterRevenue = actors.map((actor) => target.get(actor) ?? 0)
  const scores = credits
    .map((totals, index) => {
      const earlierCredit = actors.map((actor) => totals.get(actor) ?? 0)
      return {
        id: ids[index] ?? '',
        rankCorrelation: computeRankCorrelation(earlierCredit, laterRevenue),
        weightedError: computeWeightedError(earlierCredit, laterRevenue),
        rank: 0,
      }
    })
    .sort((a, b) => b.rankCorrelation - a.rankCorrelation || a.weightedError - b.weightedError)
  scores.forEach((score, index) => {
    score.rank = index + 1
  })
  const [best, next] = scores
  const summarise = (score: ModelScore) =>
    `${score.id} (rank correlation ${score.rankCorrelation.toFixed(2)}, weighted error ${formatPercent(score.weightedError)})`
  const explanation = best
    ? `Credit from ${summarise(best)} over ${earlier.length} journeys closed before ${isoDay(splitAt)} best predicts ` +
      `which actors won revenue in the ${later.length} journeys closed after it.` +
      (next ? ` Next best: ${summarise(next)}.` : '')
    : 'No models to compare.'
  return {
    splitAt,
    earlierJourneys: earlier.length,
    laterJourneys: later.length,
    actors: actors.length,
    scores,
    best: best?.id ?? '',
    explanation,
  }
}
