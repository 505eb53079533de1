import { describe, expect, it } from 'vitest'
import { attributeJourney, learnModel } from '../../engine'
import { prepareJourney } from '../../prepare'
import { computeExactShapley } from '../../shapley-values'
import { generateJourneys, logisticOf, type SyntheticOptions, trueLogit } from '../../synthetic'
import type { Journey, LearnedModel, ModelKey } from '../../types'
import { emitFeatures, indexFromNames, resolveTouches, scoreMask } from './ai-features'
import { computeAuc, computeLogLoss } from './logistic'

// The truth: demos and meetings move deals, referrals a little, marketing and email not at all;
// resellers help, other partner kinds do not.
const truth: SyntheticOptions = {
  count: 6000,
  seed: 11,
  maxActors: 4,
  maxTouches: 6,
  baseLogit: -2,
  activityLift: { demo: 1.6, meeting: 0.9, referral: 0.4, deal_registration: 0.1, marketing: 0, email: 0 },
  kindLift: { reseller: 0.8, referral: 0, marketplace: 0, distributor: 0, direct: 0 },
}
const journeys = generateJourneys(truth)
const training = journeys.slice(0, 5000)
const evaluation = journeys.slice(5000).filter((journey) => journey.outcome === 'won')

function coefficient(learned: LearnedModel, feature: string): number {
  if (learned.key !== 'ai') throw new Error('expected an ai model')
  const index = learned.data.features.indexOf(feature)
  return learned.data.coefficients[index] ?? Number.NaN
}

/** True Shapley shares of the win-probability lift under the generating model. */
function trueShares(journey: Journey): Map<string, number> {
  const prepared = prepareJourney(journey)
  const baseline = logisticOf(truth.baseLogit ?? 0)
  const values = computeExactShapley(prepared.actors.length, (mask) => {
    const touches = prepared.touches.filter((touch) => mask & (1 << prepared.actors.indexOf(touch.actor)))
    return touches.length === 0 ? 0 : logisticOf(trueLogit(touches, truth)) - baseline
  })
  const clipped = Array.from(values, (value) => Math.max(0, value))
  const total = clipped.reduce((sum, value) => sum + value, 0)
  return new Map(
    prepared.actors.map((actor, index) => [actor, total > 0 ? (clipped[index] ?? 0) / total : 0]),
  )
}

function shareError(key: ModelKey, learned?: LearnedModel): number {
  let error = 0
  for (const journey of evaluation) {
    const expected = trueShares(journey)
    const result = attributeJourney(journey, { key, ...(learned ? { learned } : {}) })
    for (const credit of result.credits) error += Math.abs(credit.share - (expected.get(credit.actor) ?? 0))
  }
  return error / evaluation.length
}

describe('ai', () => {
  const learned = learnModel(training, { key: 'ai' })

  it('ranks activity types by their true lift', () => {
    const ranked = ['demo', 'meeting', 'referral', 'email'].map((activity) =>
      coefficient(learned, `activity:${activity}`),
    )
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a))
    expect(coefficient(learned, 'activity:email')).toBeLessThan(0.2)
  })

  it('ranks actor kinds by their true lift', () => {
    const reseller = coefficient(learned, 'kind:reseller')
    for (const kind of ['referral', 'marketplace', 'distributor']) {
      expect(reseller).toBeGreaterThan(coefficient(learned, `kind:${kind}`) + 0.4)
    }
  })

  it('reports held-out quality better than the no-touch baseline', () => {
    if (learned.key !== 'ai') throw new Error('expected an ai model')
    const quality = learned.data.quality
    expect(quality.testJourneys).toBeGreaterThan(700)
    expect(quality.auc).toBeGreaterThan(0.7)
    expect(quality.logLoss).toBeLessThan(quality.baselineLogLoss - 0.05)
  })

  it('beats every heuristic at recovering the true credit', () => {
    const aiError = shareError('ai', learned)
    const heuristics: ModelKey[] = [
      'equal',
      'linear',
      'first_touch',
      'last_touch',
      'time_decay',
      'position',
      'role',
    ]
    for (const key of heuristics) expect(aiError).toBeLessThan(shareError(key))
    expect(aiError).toBeLessThan(0.2)
  })

  it('learns the same model, with the same version, from the same data and seed', () => {
    const again = learnModel([...training].reverse(), { key: 'ai' })
    expect(again).toEqual(learned)
    expect(learnModel(training, { key: 'ai', params: { seed: 2 } }).version).not.toBe(learned.version)
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

describe('ai features', () => {
  it('scores every coalition exactly as the emitted features sum', () => {
    const learned = learnModel(journeys.slice(0, 800), { key: 'ai' })
    if (learned.key !== 'ai') throw new Error('expected an ai model')
    const index = indexFromNames(learned.data.features)
    const coefficients = Float64Array.from(learned.data.coefficients)
    for (const journey of journeys.slice(0, 200)) {
      const resolved = resolveTouches(prepareJourney(journey), index, 30)
      for (let mask = 0; mask < 1 << 4; mask++) {
        let z = learned.data.intercept
        emitFeatures(resolved, index, mask, (feature, value) => {
          z += (coefficients[feature] ?? 0) * value
        })
        expect(scoreMask(resolved, index, mask, learned.data.intercept, coefficients)).toBeCloseTo(z, 12)
      }
    }
  })
})
