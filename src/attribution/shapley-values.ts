import { AttributionError } from './attribution-error'
import { shuffleInPlace } from './random'

/** Coalitions are bitmasks over players, so a journey can have at most this many players. */
export const MAX_PLAYERS = 30

export interface ShapleyResult {
  values: Float64Array
  isExact: boolean
  /** 95% half-width on each sampled value (0 when exact). */
  errorBound: number
  samples: number
}

function checkPlayers(count: number): void {
  if (count > MAX_PLAYERS) {
    throw new AttributionError(
      'INVALID_JOURNEY',
      `Shapley values support at most ${MAX_PLAYERS} actors, got ${count}`,
    )
  }
}

/** Exact Shapley values: every coalition's value once, then the weighted marginal contributions. */
export function computeExactShapley(playerCount: number, worthOf: (mask: number) => number): Float64Array {
  checkPlayers(playerCount)
  const coalitions = 1 << playerCount
  const values = new Float64Array(coalitions)
  for (let mask = 0; mask < coalitions; mask++) values[mask] = worthOf(mask)
  // weight(k) = k!(n−k−1)!/n!, built up without factorials so it stays precise for large n
  const weights = new Float64Array(playerCount)
  weights[0] = 1 / playerCount
  for (let size = 1; size < playerCount; size++)
    weights[size] = (weights[size - 1] * size) / (playerCount - size)
  const popcount = new Uint8Array(coalitions)
  for (let mask = 1; mask < coalitions; mask++) popcount[mask] = popcount[mask >> 1] + (mask & 1)
  const shapley = new Float64Array(playerCount)
  for (let mask = 0; mask < coalitions; mask++) {
    const weight = weights[popcount[mask]]
    const base = values[mask]
    for (let player = 0; player < playerCount; player++) {
      const bit = 1 << player
      if ((mask & bit) === 0) shapley[player] += weight * (values[mask | bit] - base)
    }
  }
  return shapley
}

/** Monte Carlo over random orderings; the error bound is 1.96 standard errors of the worst player. */
export function computeSampledShapley(
  playerCount: number,
  worthOf: (mask: number) => number,
  samples: number,
  random: () => number,
): ShapleyResult {
  checkPlayers(playerCount)
  const sums = new Float64Array(playerCount)
  const squares = new Float64Array(playerCount)
  const order = Array.from({ length: playerCount }, (_, index) => index)
  const memo = new Map<number, number>()
  const cached = (mask: number) => {
    let value = memo.get(mask)
    if (value === undefined) {
      value = worthOf(mask)
      memo.set(mask, value)
    }
    return value
  }
  for (let sample = 0; sample < samples; sample++) {
    shuffleInPlace(order, random)
    let mask = 0
    let previous = cached(0)
    for (const player of order) {
      mask |= 1 << player
      const current = cached(mask)
      const marginal = current - previous
      sums[player] += marginal
      squares[player] += marginal * marginal
      previous = current
    }
  }
  const values = new Float64Array(playerCount)
  let worst = 0
  for (let player = 0; player < playerCount; player++) {
    const mean = sums[player] / samples
    values[player] = mean
    const variance = Math.max(0, squares[player] / samples - mean * mean)
    worst = Math.max(worst, 1.96 * Math.sqrt(variance / samples))
  }
  return { values, isExact: false, errorBound: worst, samples }
}

export function computeShapley(
  playerCount: number,
  worthOf: (mask: number) => number,
  settings: { exactUpTo: number; samples: number; createRandom: () => () => number },
): ShapleyResult {
  if (playerCount <= settings.exactUpTo) {
    return { values: computeExactShapley(playerCount, worthOf), isExact: true, errorBound: 0, samples: 0 }
  }
  // the generator is built only when sampling: exact journeys never pay for seeding it
  return computeSampledShapley(playerCount, worthOf, settings.samples, settings.createRandom())
}
