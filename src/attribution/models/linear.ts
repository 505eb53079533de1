import { readParamsObject } from '../params'
import type { AttributionModel } from '../types'

export type LinearParams = Record<string, never>

/** Every touch counts the same (the web-analytics "linear" model). */
export const linear: AttributionModel<LinearParams> = {
  key: 'linear',
  label: 'Linear',
  defaults: {},
  isLearned: false,
  parseParams(input) {
    readParamsObject(input, [])
    return {}
  },
  describe() {
    return 'Linear, every touch counts the same'
  },
  allocate(journey) {
    return { touchWeights: journey.touches.map(() => 1) }
  },
}
