import {
  computeActorTotals,
  computeBatchCredits,
  computeTouchWeights,
  type ModelKey,
} from '../src/attribution'
import { generateColumns } from './synthetic-columns'
import { peakRssMb, timeBest } from './timing'

const MODELS: ModelKey[] = ['equal', 'linear', 'first_touch', 'last_touch', 'time_decay', 'position', 'role']

/** Each heuristic model on 1M journeys × 5 touches, 500 actors: totals throughput and per-journey credits. */
export function runHeuristicsBench(journeys = 1_000_000) {
  const generated = timeBest(1, () =>
    generateColumns({ journeys, actors: 500, kinds: 6, activities: 8, touches: 5, seed: 1 }),
  )
  const columns = generated.result
  const touches = columns.touchActor.length
  // one weight buffer for every run, as a recompute job would hold it
  const weights = new Float64Array(touches)
  const models = MODELS.map((key) => {
    const totals = timeBest(3, () =>
      computeActorTotals(columns, computeTouchWeights(columns, { key }, weights)),
    )
    const credits = timeBest(3, () =>
      computeBatchCredits(columns, computeTouchWeights(columns, { key }, weights)),
    )
    return {
      model: key,
      totalsMs: totals.ms,
      touchesPerSecondMillions: Math.round(touches / totals.ms / 100) / 10,
      creditsMs: credits.ms,
      credits: credits.result.creditActor.length,
    }
  })
  return { journeys, touches, actors: 500, generateMs: generated.ms, models, peakRssMb: peakRssMb() }
}
