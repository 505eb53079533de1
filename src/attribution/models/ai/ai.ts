import { AttributionError } from '../../attribution-error'
import { formatPercent } from '../../explain'
import { createHasher, hashText } from '../../hash'
import { readNumber, readParamsObject } from '../../params'
import { prepareJourney } from '../../prepare'
import { createRandom } from '../../random'
import { computeShapley } from '../../shapley-values'
import type { AiModelData, AttributionModel, Journey, LearnedModel, PreparedJourney } from '../../types'
import {
  buildFeatureIndex,
  emitFeatures,
  type FeatureIndex,
  indexFromNames,
  resolveTouches,
  scoreMask,
} from './ai-features'
import { computeAuc, computeLogLoss, fitLogistic, predictRow, type SparseRows, sigmoid } from './logistic'

export interface AiParams {
  /** L2 penalty on the coefficients. */
  l2: number
  /** Share of closed journeys held out to report quality. */
  testFraction: number
  seed: number
  recencyHalfLifeDays: number
  exactUpTo: number
  samples: number
}

const DEFAULTS: AiParams = {
  l2: 1,
  testFraction: 0.2,
  seed: 1,
  recencyHalfLifeDays: 30,
  exactUpTo: 12,
  samples: 1000,
}

function encodeRows(
  prepared: readonly PreparedJourney[],
  index: FeatureIndex,
  halfLifeDays: number,
): SparseRows {
  const rowStart = new Int32Array(prepared.length + 1)
  const indices: number[] = []
  const values: number[] = []
  prepared.forEach((journey, row) => {
    emitFeatures(resolveTouches(journey, index, halfLifeDays), index, -1, (feature, value) => {
      indices.push(feature)
      values.push(value)
    })
    rowStart[row + 1] = indices.length
  })
  return {
    rowStart,
    index: Int32Array.from(indices),
    value: Float64Array.from(values),
    columns: index.names.length,
  }
}

/** Stable fingerprint of what training sees, so a version id changes exactly when the data does. */
function fingerprintJourney(journey: PreparedJourney): string {
  const touches = journey.touches.map(
    (touch) => `${touch.actor},${touch.actorKind},${touch.activity},${touch.at}`,
  )
  return `${journey.journey.id}|${journey.journey.outcome}|${journey.referenceTime}|${touches.join(';')}`
}

export function learnAi(
  journeys: readonly Journey[],
  params: AiParams,
  prepare: (journey: Journey) => PreparedJourney,
) {
  const closed = journeys
    .filter((journey) => journey.outcome !== 'open')
    .map(prepare)
    .sort((a, b) => (a.journey.id < b.journey.id ? -1 : a.journey.id > b.journey.id ? 1 : 0))
  const isTest = closed.map(
    (journey) => (hashText(`${params.seed}|${journey.journey.id}`) % 10_000) / 10_000 < params.testFraction,
  )
  const activities = new Set<string>()
  const kinds = new Set<string>()
  closed.forEach((journey, row) => {
    if (isTest[row]) return
    for (const touch of journey.touches) {
      activities.add(touch.activity)
      kinds.add(touch.actorKind)
    }
  })
  const index = buildFeatureIndex([...activities].sort(), [...kinds].sort())
  const rows = encodeRows(closed, index, params.recencyHalfLifeDays)
  const labels = Uint8Array.from(closed, (journey) => (journey.journey.outcome === 'won' ? 1 : 0))
  const train = Int32Array.from(closed.flatMap((_, row) => (isTest[row] ? [] : [row])))
  const test = Int32Array.from(closed.flatMap((_, row) => (isTest[row] ? [row] : [])))
  if (train.length === 0)
    throw new AttributionError('INVALID_PARAMS', 'ai needs closed journeys to learn from')
  const fit = fitLogistic(rows, labels, train, params.l2)
  let trainWins = 0
  for (const row of train) trainWins += labels[row]
  const baseRate = trainWins / train.length
  const testLabels = Array.from(test, (row) => labels[row])
  const predictions = Array.from(test, (row) => predictRow(rows, row, fit))
  const hasher = createHasher().update(`ai|${JSON.stringify(params)}`)
  for (const journey of closed) hasher.update(fingerprintJourney(journey))
  const data: AiModelData = {
    features: index.names,
    coefficients: Array.from(fit.coefficients),
    intercept: fit.intercept,
    recencyHalfLifeDays: params.recencyHalfLifeDays,
    quality: {
      trainJourneys: train.length,
      testJourneys: test.length,
      logLoss: computeLogLoss(predictions, testLabels),
      baselineLogLoss: computeLogLoss(
        testLabels.map(() => baseRate),
        testLabels,
      ),
      auc: computeAuc(predictions, testLabels),
      baselineAuc: 0.5,
    },
  }
  const learned: LearnedModel = {
    key: 'ai',
    version: hasher.digest(),
    params: { ...params },
    journeys: closed.length,
    data,
  }
  return learned
}

const indexCache = new WeakMap<AiModelData, { index: FeatureIndex; coefficients: Float64Array }>()

function loadModel(data: AiModelData) {
  let loaded = indexCache.get(data)
  if (!loaded) {
    loaded = { index: indexFromNames(data.features), coefficients: Float64Array.from(data.coefficients) }
    indexCache.set(data, loaded)
  }
  return loaded
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
      l2: readNumber(params, 'l2', DEFAULTS.l2, { min: 0 }),
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
    const { index, coefficients } = loadModel(learned.data)
    const resolved = resolveTouches(journey, index, learned.data.recencyHalfLifeDays)
    const intercept = learned.data.intercept
    const baseline = sigmoid(intercept)
    const worthOf = (mask: number) =>
      sigmoid(scoreMask(resolved, index, mask, intercept, coefficients)) - baseline
    const players = journey.actors.length
    const result = computeShapley(players, worthOf, {
      ...params,
      createRandom: () => createRandom(params.seed ^ hashText(journey.journey.id)),
    })
    const touchCounts = new Map<string, number>()
    for (const touch of journey.touches) touchCounts.set(touch.actor, (touchCounts.get(touch.actor) ?? 0) + 1)
    const touchWeights = journey.touches.map((touch, position) => {
      const phi = Math.max(0, result.values[resolved.player[position]])
      return phi / (touchCounts.get(touch.actor) ?? 1)
    })
    if (context.isBatch) return { touchWeights }
    const full = worthOf(-1) + baseline
    const actorNotes: Record<string, string> = {}
    journey.actors.forEach((actor, player) => {
      const phi = result.values[player]
      actorNotes[actor] =
        `The learned model (held-out AUC ${learned.data.quality.auc.toFixed(2)}) puts the win chance at ` +
        `${formatPercent(baseline)} with no touches and ${formatPercent(full)} with this journey's; ` +
        `your touches' Shapley share of that change is ${phi >= 0 ? '+' : '−'}${formatPercent(Math.abs(phi))}` +
        (phi > 0 ? '.' : ', so they carry no weight.')
    })
    const notes = result.isExact
      ? []
      : [
          `Shapley shares sampled from ${result.samples} orderings, ±${result.errorBound.toPrecision(2)} (95%).`,
        ]
    return { touchWeights, actorNotes, notes }
  },
}
