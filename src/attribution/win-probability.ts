import { winProbability } from './models/ai/ai'
import { prepareJourney } from './prepare'
import type { AttributionOptions, Journey, LearnedModel } from './types'

/**
 * The chance an open deal is won, from a learned AI-weighted model: its touches as they stand on
 * `options.asOf`. Null for a model that learned no win probability (markov, shapley).
 */
export function predictWin(
  learned: LearnedModel,
  journey: Journey,
  options: AttributionOptions = {},
): number | null {
  if (learned.key !== 'ai') return null
  return winProbability(learned.data, prepareJourney(journey, options))
}
