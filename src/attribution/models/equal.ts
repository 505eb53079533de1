import { readParamsObject } from '../params'
import type { AttributionModel } from '../types'

export type EqualParams = Record<string, never>

/** Every participating actor gets the same share, however often it touched the deal. */
export const equal: AttributionModel<EqualParams> = {
  key: 'equal',
  label: 'Equal split',
  defaults: {},
  isLearned: false,
  parseParams(input) {
    readParamsObject(input, [])
    return {}
  },
  describe() {
    return 'Equal split between the actors on the deal'
  },
  allocate(journey) {
    const touchCounts = new Map<string, number>()
    for (const touch of journey.touches) touchCounts.set(touch.actor, (touchCounts.get(touch.actor) ?? 0) + 1)
    return { touchWeights: journey.touches.map((touch) => 1 / (touchCounts.get(touch.actor) ?? 1)) }
  },
}
