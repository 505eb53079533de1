import { daysBefore } from '../explain'
import { readNumber, readParamsObject } from '../params'
import type { AttributionModel } from '../types'

export interface TimeDecayParams {
  halfLifeDays: number
}

/** Decay per day: e^(−Δt·rate) = 2^(−Δt / half-life), with Δt in days. */
export function decayRate(halfLifeDays: number): number {
  return Math.LN2 / halfLifeDays
}

/** Weight 2^(−Δt / half-life), Δt from the touch to close (or as-of for open deals). */
export const timeDecay: AttributionModel<TimeDecayParams> = {
  key: 'time_decay',
  label: 'Time decay',
  defaults: { halfLifeDays: 7 },
  isLearned: false,
  parseParams(input) {
    const params = readParamsObject(input, ['halfLifeDays'])
    return { halfLifeDays: readNumber(params, 'halfLifeDays', 7, { min: 0, isExclusiveMin: true }) }
  },
  describe(params) {
    return `Time decay, half-life ${params.halfLifeDays} ${params.halfLifeDays === 1 ? 'day' : 'days'}`
  },
  allocate(journey, params) {
    const days = journey.touches.map((touch) => daysBefore(touch.at, journey.referenceTime))
    const rate = decayRate(params.halfLifeDays)
    const weights = days.map((delta) => Math.exp(-delta * rate))
    if (weights.some((weight) => weight > 0)) return { touchWeights: weights }
    // every weight underflowed: weigh relative to the most recent touch, which keeps the same shares
    const nearest = Math.min(...days)
    return {
      touchWeights: days.map((delta) => Math.exp(-(delta - nearest) * rate)),
      notes: ['All touches are so old that weights are shown relative to the most recent touch.'],
    }
  },
}
