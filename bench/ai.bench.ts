import {
  attributeJourneys,
  computeBatchCredits,
  computeTouchWeights,
  generateJourneys,
  learnModel,
  toColumns,
} from '../src/attribution'
import { peakRssMb, timeBest } from './timing'

/** `ai` learn + attribute on 100k closed journeys with up to 8 actors each. */
export function runAiBench(count = 100_000) {
  const journeys = generateJourneys({
    count,
    seed: 3,
    actorCount: 400,
    maxActors: 8,
    maxTouches: 10,
    activityLift: { demo: 1.2, meeting: 0.6, referral: 0.3 },
    kindLift: { reseller: 0.5 },
  })
  const learn = timeBest(1, () => learnModel(journeys, { key: 'ai' }))
  const learned = learn.result
  const columns = toColumns(journeys)
  const batch = timeBest(1, () =>
    computeBatchCredits(columns, computeTouchWeights(columns, { key: 'ai', learned })),
  )
  const explained = timeBest(1, () => attributeJourneys(journeys, { key: 'ai', learned }))
  return {
    journeys: count,
    touches: columns.touchActor.length,
    learnMs: learn.ms,
    attributeBatchMs: batch.ms,
    learnPlusBatchMs: Math.round((learn.ms + batch.ms) * 10) / 10,
    attributeWithExplanationsMs: explained.ms,
    quality: learned.key === 'ai' ? learned.data.quality : undefined,
    peakRssMb: peakRssMb(),
  }
}
