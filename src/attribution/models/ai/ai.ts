import { AttributionError } from '../../attribution-error'
import { formatPercent } from '../../explain'
import { hashText } from '../../hash'
import { readNumber, readParamsObject } from '../../params'
import { prepareJourney } from '../../prepare'
import { createRandom } from '../../random'
import { computeShapley } from '../../shapley-values'
import type { AiModelData, AttributionModel, PreparedJourney } from '../../types'
import {
  type ActorTermModel,
  computeActorFeatures,
  computeActorLogits,
  type FeatureIndex,
  indexFromNames,
} from './ai-features'
import { learnAi } from './ai-learn'
import { sigmoid } from './logistic'

export interface AiParams {
  /** L2 penalty on the coefficients, or `auto`: chosen on a ridge path by validation log-loss. */
  l2: number | 'auto'
  /** Share of closed journeys held out to report quality. */
  testFraction: number
  seed: number
  recencyHalfLifeDays: number
  exactUpTo: number
  samples: number
}

const DEFAULTS: AiParams = {
  l2: 'auto',
  testFraction: 0.2,
  seed: 1,
  recencyHalfLifeDays: 30,
  exactUpTo: 12,
  samples: 1000,
}

const loadedModels = new WeakMap<AiModelData, { index: FeatureIndex; terms: ActorTermModel }>()

function loadModel(data: AiModelData) {
  let loaded = loadedModels.get(data)
  if (!loaded) {
    loaded = {
      index: indexFromNames(data.features),
      terms: {
        coefficients: Float64Array.from(data.coefficients),
        covariance: Float64Array.from(data.covariance),
        margin: data.margin,
        slope: data.quality.calibration.slope,
      },
    }
    loadedModels.set(data, loaded)
  }
  return loaded
}

/** The learned chance that a journey, with its touches as they stand, is won. */
export function winProbability(data: AiModelData, journey: PreparedJourney): number {
  const model = loadModel(data)
  const terms = computeActorLogits(
    computeActorFeatures(journey, model.index, data.recencyHalfLifeDays),
    model.terms,
  )
  let z = data.intercept
  for (const term of terms) z += term
  return sigmoid(z)
}

/**
 * AI-weighted: a regularised logistic model of the win probability learned from closed journeys;
 * each actor is credited with its Shapley share of the lift its touches give over no touches.
 */
export const ai: AttributionModel<AiParams> = {
  key: 'ai',
  label: 'AI-weighted',
  defaults: DEFAULTS,
  isLearned: true,
  parseParams(input) {
    const params = readParamsObject(input, Object.keys(DEFAULTS))
    return {
      l2: params.l2 === undefined || params.l2 === 'auto' ? 'auto' : readNumber(params, 'l2', 1, { min: 0 }),
      testFraction: readNumber(params, 'testFraction', DEFAULTS.testFraction, { min: 0, max: 0.9 }),
      seed: readNumber(params, 'seed', DEFAULTS.seed, { isInteger: true }),
      recencyHalfLifeDays: readNumber(params, 'recencyHalfLifeDays', DEFAULTS.recencyHalfLifeDays, {
        min: 0,
        isExclusiveMin: true,
      }),
      exactUpTo: readNumber(params, 'exactUpTo', DEFAULTS.exactUpTo, { min: 1, max: 20, isInteger: true }),
      samples: readNumber(params, 'samples', DEFAULTS.samples, { min: 10, isInteger: true }),
    }
  },
  describe() {
    return 'AI-weighted (learned win-probability lift, Shapley shares)'
  },
  learn(journeys, params, options) {
    return learnAi(journeys, params, (journey) => prepareJourney(journey, options))
  },
  allocate(journey, params, context) {
    const learned = context.learned
    if (learned?.key !== 'ai')
      throw new AttributionError('NOT_LEARNED', 'ai needs a learned model: call learnModel first')
    const model = loadModel(learned.data)
    const terms = computeActorLogits(
      computeActorFeatures(journey, model.index, learned.data.recencyHalfLifeDays),
      model.terms,
    )
    const intercept = learned.data.intercept
    const baseline = sigmoid(intercept)
    // the logit is additive over actors, so a coalition's worth needs only its actors' terms
    const worthOf = (mask: number) => {
      let z = intercept
      for (let player = 0; player < terms.length; player++) if (mask & (1 << player)) z += terms[player]
      return sigmoid(z) - baseline
    }
    const result = computeShapley(terms.length, worthOf, {
      ...params,
      createRandom: () => createRandom(params.seed ^ hashText(journey.journey.id)),
    })
    const player = new Map(journey.actors.map((actor, position) => [actor, position]))
    const touchCounts = new Map<string, number>()
    for (const touch of journey.touches) touchCounts.set(touch.actor, (touchCounts.get(touch.actor) ?? 0) + 1)
    let positive = 0
    const touchWeights = journey.touches.map((touch) => {
      const phi = Math.max(0, result.values[player.get(touch.actor) ?? 0])
      positive += phi
      return phi / (touchCounts.get(touch.actor) ?? 1)
    })
    const full = worthOf(-1) + baseline
    if (context.isBatch) return { touchWeights, ...(positive > 0 ? {} : { creditDirect: '' }) }
    const creditDirect =
      positive > 0
        ? undefined
        : `The learned model puts the win chance at ${formatPercent(baseline)} with no touches and ` +
          `${formatPercent(full)} with this journey's: no actor's touches raised it, so the deal is credited to direct.`
    const actorNotes: Record<string, string> = {}
    journey.actors.forEach((actor, position) => {
      const phi = result.values[position]
      actorNotes[actor] =
        `Learned win chance ${formatPercent(baseline)} with no touches, ${formatPercent(full)} with these; ` +
        `your share of the change ${phi >= 0 ? '+' : '−'}${formatPercent(Math.abs(phi))}` +
        (phi > 0 ? '.' : ', so no weight.')
    })
    const notes = result.isExact
      ? []
      : [
          `Shapley shares sampled from ${result.samples} orderings, ±${result.errorBound.toPrecision(2)} (95%).`,
        ]
    return { touchWeights, actorNotes, notes, ...(creditDirect ? { creditDirect } : {}) }
  },
}
