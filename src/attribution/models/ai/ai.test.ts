import { describe, expect, it } from 'vitest'
import { computeActorTotals, computeTouchWeights } from '../../batch'
import { toColumns } from '../../columnar'
import { attributeJourney, attributeJourneys, learnModel } from '../../engine'
import { GROUND_TRUTH_KINDS, generateGroundTruth, scoreAgainstTruth } from '../../ground-truth'
import { DIRECT, type Journey, type LearnedModel, type ModelKey } from '../../types'
import { predictWin } from '../../win-probability'
import { computeActorLogits } from './ai-features'
import { upperNormalQuantile } from './ai-learn'
import { computeAuc, computeLogLoss } from './logistic'

// Ground truth: each partner on a deal adds its kind's lift to the log-odds of winning; marketplace
// partners touch most deals, touch them the most and add nothing. The true credit is each partner's
// exact Shapley share of the true lift, summed over won deals.
const truth = generateGroundTruth({ journeys: 10_000, seed: 7 })
const HEURISTICS: ModelKey[] = [
  'equal',
  'linear',
  'first_touch',
  'last_touch',
  'time_decay',
  'position',
  'role',
]

function aiModel(journeys: readonly Journey[]): Extract<LearnedModel, { key: 'ai' }> {
  const learned = learnModel(journeys, { key: 'ai' })
  if (learned.key !== 'ai') throw new Error('expected an ai model')
  return learned
}

function creditOf(key: ModelKey, learned?: LearnedModel): Map<string, number> {
  const run = attributeJourneys(truth.journeys, { key, ...(learned ? { learned } : {}) })
  return new Map(run.totals.map((total) => [total.actor, total.conversions]))
}

function heuristicCredit(key: ModelKey): Map<string, number> {
  const columns = toColumns(truth.journeys)
  const totals = computeActorTotals(columns, computeTouchWeights(columns, { key }))
  return new Map(columns.actors.map((actor, index) => [actor, totals.conversions[index] ?? 0]))
}

describe('ai against a known truth', () => {
  const learned = aiModel(truth.journeys)
  const ai = scoreAgainstTruth(truth, creditOf('ai', learned))

  it('gives the zero-effect kind under 2% of the credit', () => {
    expect(GROUND_TRUTH_KINDS[0]?.lift).toBe(0)
    expect(ai.zeroKindShare).toBeLessThan(0.02)
  })

  it('ranks partners by true contribution with Spearman ≥ 0.9', () => {
    expect(ai.rankCorrelation).toBeGreaterThanOrEqual(0.9)
  })

  it('beats every heuristic and shapley on error, ranking and the zero-effect kind', () => {
    const others = [
      ...HEURISTICS.map((key) => scoreAgainstTruth(truth, heuristicCredit(key))),
      scoreAgainstTruth(truth, creditOf('shapley', learnModel(truth.journeys, { key: 'shapley' }))),
    ]
    for (const other of others) {
      expect(ai.error).toBeLessThan(other.error)
      expect(ai.rankCorrelation).toBeGreaterThan(other.rankCorrelation)
      // each of them hands the useless kind a large part of the credit
      expect(other.zeroKindShare).toBeGreaterThan(0.2)
    }
  })

  it('reports calibration by decile beside log-loss and AUC, all held out', () => {
    const quality = learned.data.quality
    expect(quality.reliability).toHaveLength(10)
    expect(quality.reliability.reduce((sum, bin) => sum + bin.journeys, 0)).toBe(quality.testJourneys)
    for (const bin of quality.reliability) expect(Math.abs(bin.predicted - bin.observed)).toBeLessThan(0.08)
    expect(quality.logLoss).toBeLessThan(quality.baselineLogLoss - 0.01)
    expect(quality.auc).toBeGreaterThan(0.6)
    expect(quality.l2).toBeGreaterThan(0)
  })

  it('credits a won deal touched only by partners without effect to direct, saying why', () => {
    const journey = truth.journeys.find(
      (candidate) =>
        candidate.outcome === 'won' && candidate.touches.every((touch) => touch.actorKind === 'marketplace'),
    )
    if (!journey) throw new Error('expected a deal touched only by marketplace partners')
    const result = attributeJourney(journey, { key: 'ai', learned })
    const direct = result.credits.find((credit) => credit.actor === DIRECT)
    expect(direct?.share).toBe(1)
    expect(direct?.amountMinor).toBe(journey.amountMinor)
    expect(result.notes.join(' ')).toContain('credited to direct')
  })

  it('learns the same model, with the same version, from the same data and seed', () => {
    const some = truth.journeys.slice(0, 3000)
    const once = learnModel(some, { key: 'ai' })
    expect(learnModel([...some].reverse(), { key: 'ai' })).toEqual(once)
    expect(learnModel(some, { key: 'ai', params: { seed: 2 } }).version).not.toBe(once.version)
  })
})

describe('predictWin', () => {
  const learned = aiModel(truth.journeys.slice(0, 8000))
  const heldOut = truth.journeys.slice(8000).filter((j) => j.outcome !== 'open')

  it('ranks held-out deals by their learned chance of winning, and is calibrated on average', () => {
    const predicted = heldOut.map((j) => predictWin(learned, j)!)
    const won = heldOut.map((j) => (j.outcome === 'won' ? 1 : 0))
    expect(computeAuc(predicted, won)).toBeGreaterThan(0.6)
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
    expect(Math.abs(mean(predicted) - mean(won))).toBeLessThan(0.05)
  })

  it('has no win chance from a model that learned none', () => {
    expect(predictWin(learnModel(truth.journeys.slice(0, 500), { key: 'markov' }), heldOut[0]!)).toBeNull()
  })
})

describe('ai actor terms', () => {
  const collinear = {
    coefficients: [0.5, 0.5],
    // each coefficient alone is uncertain, their sum is not
    covariance: [0.09, -0.085, -0.085, 0.09],
    margin: 2,
    slope: 1,
  }
  const features = (entries: [number, number][]) => ({
    start: Int32Array.from([0, entries.length]),
    feature: Int32Array.from(entries.map(([feature]) => feature)),
    value: Float64Array.from(entries.map(([, value]) => value)),
  })

  it('keeps an effect two collinear features share', () => {
    const [term] = computeActorLogits(
      features([
        [0, 1],
        [1, 1],
      ]),
      collinear,
    )
    expect(term).toBeCloseTo(1 - 2 * Math.sqrt(0.01), 12)
  })

  it('gives nothing to a term within its margin of error', () => {
    expect(computeActorLogits(features([[0, 1]]), collinear)[0]).toBe(0)
  })

  it.each([
    [0.025, 1.96],
    [0.0025, 2.807],
  ])('the upper normal quantile of %d is %d', (p, z) => {
    expect(upperNormalQuantile(p)).toBeCloseTo(z, 2)
  })
})

describe('logistic metrics', () => {
  it.each([
    [[0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.75],
    [[0.9, 0.8], [1, 0], 1],
    [[0.5, 0.5, 0.5], [1, 0, 1], 0.5],
  ])('AUC of %j against %j is %d', (scores, labels, auc) => {
    expect(computeAuc(scores, labels)).toBeCloseTo(auc, 12)
  })

  it('log-loss of a perfect-ish and a coin-flip predictor', () => {
    expect(computeLogLoss([0.5, 0.5], [1, 0])).toBeCloseTo(Math.LN2, 12)
    expect(computeLogLoss([0.9], [1])).toBeCloseTo(-Math.log(0.9), 12)
  })
})
