import { AttributionError } from '../attribution-error'
import type { AttributionModel, ModelKey } from '../types'
import { ai } from './ai/ai'
import { createCustomModel } from './custom'
import { equal } from './equal'
import { linear } from './linear'
import { markov } from './markov/markov'
import { position } from './position'
import { role } from './role'
import { shapley } from './shapley'
import { firstTouch, lastTouch } from './single-touch'
import { timeDecay } from './time-decay'

const HEURISTIC_MODELS: Readonly<Record<string, AttributionModel>> = {
  equal,
  linear,
  first_touch: firstTouch,
  last_touch: lastTouch,
  time_decay: timeDecay,
  position,
  role,
}

export const custom = createCustomModel(HEURISTIC_MODELS)

export const MODELS: Readonly<Record<ModelKey, AttributionModel>> = {
  equal,
  linear,
  first_touch: firstTouch,
  last_touch: lastTouch,
  time_decay: timeDecay,
  position,
  role,
  markov,
  shapley,
  ai,
  custom,
}

export function getModel(key: string): AttributionModel {
  const model = (MODELS as Readonly<Record<string, AttributionModel>>)[key]
  if (!model) {
    throw new AttributionError(
      'UNKNOWN_MODEL',
      `unknown model "${key}" (known: ${Object.keys(MODELS).join(', ')})`,
    )
  }
  return model
}

export { ai, equal, firstTouch, lastTouch, linear, markov, position, role, shapley, timeDecay }
