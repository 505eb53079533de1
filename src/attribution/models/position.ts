import { AttributionError } from '../attribution-error'
import { readChoice, readNumber, readParamsObject } from '../params'
import type { AttributionModel, PreparedJourney } from '../types'

export interface PositionParams {
  shape: 'u' | 'w'
  /** Share of the first touch. */
  first: number
  /** Share of the last touch. */
  last: number
  /** W only: share of the opportunity-creation touch (the last touch at or before the deal's creation). */
  milestone: number
}

const DEFAULTS = {
  u: { first: 0.4, last: 0.4, milestone: 0 },
  w: { first: 0.3, last: 0.3, milestone: 0.3 },
} as const

function findMilestone(journey: PreparedJourney): number {
  const count = journey.touches.length
  let index = -1
  journey.touches.forEach((touch, position) => {
    if (touch.at <= journey.journey.createdAt) index = position
  })
  // with no touch strictly between first and last at creation, the middle touch stands in
  return index > 0 && index < count - 1 ? index : Math.floor(count / 2)
}

/** U-shaped (40/20/40) or W-shaped (30/30/30 + 10 spread) position-based credit. */
export const position: AttributionModel<PositionParams> = {
  key: 'position',
  label: 'Position based',
  defaults: { shape: 'u', ...DEFAULTS.u },
  isLearned: false,
  parseParams(input) {
    const params = readParamsObject(input, ['shape', 'first', 'last', 'milestone'])
    const shape = readChoice(params, 'shape', ['u', 'w'], 'u')
    const defaults = DEFAULTS[shape]
    const first = readNumber(params, 'first', defaults.first, { min: 0, max: 1 })
    const last = readNumber(params, 'last', defaults.last, { min: 0, max: 1 })
    const milestone =
      shape === 'w' ? readNumber(params, 'milestone', defaults.milestone, { min: 0, max: 1 }) : 0
    if (first + last + milestone > 1 + 1e-12) {
      throw new AttributionError('INVALID_PARAMS', 'first + last + milestone must not exceed 1', 'params')
    }
    if (first + last === 0)
      throw new AttributionError('INVALID_PARAMS', 'first and last cannot both be 0', 'params')
    return { shape, first, last, milestone }
  },
  describe(params) {
    const percent = (value: number) => Math.round(value * 1000) / 10
    if (params.shape === 'u') {
      return `Position based (U-shaped ${percent(params.first)}/${percent(1 - params.first - params.last)}/${percent(params.last)})`
    }
    return `Position based (W-shaped ${percent(params.first)}/${percent(params.milestone)}/${percent(params.last)}, rest spread)`
  },
  allocate(journey, params) {
    const count = journey.touches.length
    if (count === 1) return { touchWeights: [1] }
    if (count === 2) return { touchWeights: [params.first, params.last] }
    const weights = new Array<number>(count).fill(0)
    const anchors = new Set([0, count - 1])
    weights[0] = params.first
    weights[count - 1] = params.last
    if (params.shape === 'w') {
      const milestone = findMilestone(journey)
      weights[milestone] = params.milestone
      anchors.add(milestone)
    }
    const restCount = count - anchors.size
    const rest = 1 - params.first - params.last - (params.shape === 'w' ? params.milestone : 0)
    if (restCount > 0) {
      for (let index = 0; index < count; index++) if (!anchors.has(index)) weights[index] = rest / restCount
    }
    return { touchWeights: weights }
  },
}
