import {
  attributeJourneys,
  computeBatchCredits,
  computeTouchWeights,
  generateJourneys,
  learnModel,
  toColumns,
} from '../src/attribution'
import { generateGroundTruth, scoreAgainstTruth } from '../src/attribution/ground-truth'
import { peakRssMb, timeBest } from './timing'

/**
 * Credit against a known truth (src/attribution/ground-truth.ts): share of credit given to the
 * zero-effect kind, Spearman of credit per partner against the true Shapley credit, and error.
 */
export function runAiGroundTruth(journeys = 10_000, seed = 7) {
  const truth = generateGroundTruth({ journeys, seed })
  const keys = [
    'ai',
    'shapley',
    'equal',
    'linear',
    'first_touch',
    'last_touch',
    'time_decay',
    'position',
    'role',
  ] as const
  return Object.fromEntries(
    keys.map((key) => {
      const learned = key === 'ai' || key === 'shapley' ? learnModel(truth.journeys, { key }) : undefined
      const run = attributeJourneys(truth.journeys, { key, ...(learned ? { learned } : {}) })
      const score = scoreAgainstTruth(
        truth,
        new Map(run.totals.map((total) => [total.actor, total.conversions])),
      )
      return [
        key,
        {
          zeroKindShare: Math.round(score.zeroKindShare * 1000) / 1000,
          rankCorrelation: Math.round(score.rankCorrelation * 1000) / 1000,
          error: Math.round(score.error * 1000) / 1000,
        },
      ]
    }),
  )
}

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
    groundTruth: runAiGroundTruth(),
    peakRssMb: peakRssMb(),
  }
}
