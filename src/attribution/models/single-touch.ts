import { readBoolean, readParamsObject } from '../params'
import { type AttributionModel, DIRECT, type PreparedJourney } from '../types'

export interface SingleTouchParams {
  /** Pick the first/last partner touch when there is one, passing over internal sellers. */
  partnersOnly: boolean
}

function readSingleTouchParams(input: unknown): SingleTouchParams {
  const params = readParamsObject(input, ['partnersOnly'])
  return { partnersOnly: readBoolean(params, 'partnersOnly', false) }
}

function pickIndex(journey: PreparedJourney, params: SingleTouchParams, fromEnd: boolean): number {
  const count = journey.touches.length
  for (let step = 0; step < count; step++) {
    const index = fromEnd ? count - 1 - step : step
    if (!params.partnersOnly || journey.touches[index]?.actorKind !== DIRECT) return index
  }
  return fromEnd ? count - 1 : 0
}

function createSingleTouchModel(key: 'first_touch' | 'last_touch'): AttributionModel<SingleTouchParams> {
  const isLast = key === 'last_touch'
  const label = isLast ? 'Last touch' : 'First touch'
  return {
    key,
    label,
    defaults: { partnersOnly: false },
    isLearned: false,
    parseParams: readSingleTouchParams,
    describe(params) {
      return `${label}${params.partnersOnly ? ' by a partner' : ''}, all credit to the ${isLast ? 'last' : 'first'} touch`
    },
    allocate(journey, params) {
      const chosen = pickIndex(journey, params, isLast)
      return { touchWeights: journey.touches.map((_, index) => (index === chosen ? 1 : 0)) }
    },
  }
}

export const firstTouch = createSingleTouchModel('first_touch')
export const lastTouch = createSingleTouchModel('last_touch')
