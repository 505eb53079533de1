import { computeActorTotals, computeTouchWeights, learnMarkovColumns } from '../src/attribution'
import { generateColumns } from './synthetic-columns'
import { peakRssMb, timeBest } from './timing'

/** Markov on 1M paths (1–9 touches) with 50 and 500 channels: learning (count + exact solve) and totals. */
export function runMarkovBench(paths = 1_000_000) {
  const runs = [50, 500].map((channels) => {
    const columns = generateColumns({
      journeys: paths,
      actors: channels,
      kinds: 6,
      activities: 4,
      touches: [1, 9],
      seed: 2,
    })
    const learn = timeBest(2, () => learnMarkovColumns(columns))
    const learned = learn.result
    const totals = timeBest(2, () =>
      computeActorTotals(columns, computeTouchWeights(columns, { key: 'markov', learned })),
    )
    return {
      channels,
      paths,
      touches: columns.touchActor.length,
      states: learned.key === 'markov' ? learned.data.states : 0,
      learnMs: learn.ms,
      attributeTotalsMs: totals.ms,
      totalMs: Math.round((learn.ms + totals.ms) * 10) / 10,
    }
  })
  return { runs, peakRssMb: peakRssMb() }
}
