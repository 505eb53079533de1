import { AttributionError } from '../../attribution-error'
import { createHasher, hashText } from '../../hash'
import type { AiModelData, Journey, LearnedModel, PreparedJourney } from '../../types'
import {
  type ActorFeatures,
  buildFeatureIndex,
  computeActorFeatures,
  computeActorLogits,
  emitJourneyFeatures,
  type FeatureIndex,
} from './ai-features'
import {
  computeAuc,
  computeCovariance,
  computeLogLoss,
  computeReliability,
  fitCalibration,
  fitLogistic,
  type LogisticFit,
  type SparseRows,
  sigmoid,
} from './logistic'

// Learning the AI-weighted model: a logistic model of P(win) on per-actor features summed over the
// journey's actors. Kind, activity and recency features move together (an active partner of a kind
// touches more), so the penalty is chosen on a ridge path by log-loss on a validation part of the
// training journeys; Platt scaling fitted on that same part corrects what the penalty shrank, and is
// folded into the coefficients so the model stays one linear logit. A separate held-out part reports
// log-loss, AUC and reliability by decile.

export interface AiLearnParams {
  l2: number | 'auto'
  testFraction: number
  seed: number
  recencyHalfLifeDays: number
}

/** Penalties tried when `l2` is `auto`, smallest first (a tie keeps the smaller). */
export const L2_PATH = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300] as const
const VALIDATION_FRACTION = 0.25

function encodeRows(prepared: readonly PreparedJourney[], index: FeatureIndex, halfLifeDays: number) {
  const rowStart = new Int32Array(prepared.length + 1)
  const indices: number[] = []
  const values: number[] = []
  const actors = prepared.map((journey, row) => {
    const features = computeActorFeatures(journey, index, halfLifeDays)
    emitJourneyFeatures(features, index.names.length, (feature, value) => {
      indices.push(feature)
      values.push(value)
    })
    rowStart[row + 1] = indices.length
    return features
  })
  const rows: SparseRows = {
    rowStart,
    index: Int32Array.from(indices),
    value: Float64Array.from(values),
    columns: index.names.length,
  }
  return { rows, actors }
}

/** Stable fingerprint of what training sees, so a version id changes exactly when the data does. */
function fingerprintJourney(journey: PreparedJourney): string {
  const touches = journey.touches.map(
    (touch) => `${touch.actor},${touch.actorKind},${touch.activity},${touch.at}`,
  )
  return `${journey.journey.id}|${journey.journey.outcome}|${journey.referenceTime}|${touches.join(';')}`
}

function rowLogit(rows: SparseRows, row: number, fit: LogisticFit): number {
  let z = fit.intercept
  for (let k = rows.rowStart[row]; k < rows.rowStart[row + 1]; k++)
    z += fit.coefficients[rows.index[k]] * rows.value[k]
  return z
}

function splitBy(
  closed: readonly PreparedJourney[],
  seed: number,
  salt: string,
  fraction: number,
): boolean[] {
  return closed.map(
    (journey) => (hashText(`${seed}|${salt}${journey.journey.id}`) % 10_000) / 10_000 < fraction,
  )
}

/** The penalty with the lowest validation log-loss (a tie keeps the smaller). */
function choosePenalty(
  rows: SparseRows,
  labels: Uint8Array,
  fitRows: Int32Array,
  validationRows: Int32Array,
): number {
  let best = { l2: L2_PATH[0] as number, logLoss: Number.POSITIVE_INFINITY }
  const validationLabels = Array.from(validationRows, (row) => labels[row])
  for (const penalty of L2_PATH) {
    const fit = fitLogistic(rows, labels, fitRows, penalty)
    const logLoss = computeLogLoss(
      Array.from(validationRows, (row) => sigmoid(rowLogit(rows, row, fit))),
      validationLabels,
    )
    if (logLoss < best.logLoss - 1e-12) best = { l2: penalty, logLoss }
  }
  return best.l2
}

/** The upper-tail normal quantile: z with P(Z > z) = p (Abramowitz and Stegun 26.2.23, error < 5e-4). */
export function upperNormalQuantile(p: number): number {
  const t = Math.sqrt(-2 * Math.log(p))
  return (
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t ** 3)
  )
}

export function learnAi(
  journeys: readonly Journey[],
  params: AiLearnParams,
  prepare: (journey: Journey) => PreparedJourney,
): LearnedModel {
  const closed = journeys
    .filter((journey) => journey.outcome !== 'open')
    .map(prepare)
    .sort((a, b) => (a.journey.id < b.journey.id ? -1 : a.journey.id > b.journey.id ? 1 : 0))
  const isTest = splitBy(closed, params.seed, '', params.testFraction)
  const isValidation = splitBy(closed, params.seed, 'validation|', VALIDATION_FRACTION)
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
  const { rows, actors } = encodeRows(closed, index, params.recencyHalfLifeDays)
  const labels = Uint8Array.from(closed, (journey) => (journey.journey.outcome === 'won' ? 1 : 0))
  const rowsWhere = (keep: (row: number) => boolean) =>
    Int32Array.from(closed.flatMap((_, row) => (keep(row) ? [row] : [])))
  const train = rowsWhere((row) => !isTest[row])
  const test = rowsWhere((row) => isTest[row])
  if (train.length === 0)
    throw new AttributionError('INVALID_PARAMS', 'ai needs closed journeys to learn from')
  const fitRows = rowsWhere((row) => !isTest[row] && !isValidation[row])
  const validationRows = rowsWhere((row) => !isTest[row] && isValidation[row])
  const l2 =
    params.l2 !== 'auto'
      ? params.l2
      : fitRows.length > 0 && validationRows.length > 0
        ? choosePenalty(rows, labels, fitRows, validationRows)
        : 1
  const raw = fitLogistic(rows, labels, train, l2)
  // 95% for every feature at once (Bonferroni): one spurious +0.05 on an activity a frequent, useless
  // kind performs would otherwise hand it the whole credit of every deal it touched alone
  const termModel = {
    coefficients: raw.coefficients,
    covariance: computeCovariance(rows, labels, train, l2, raw),
    margin: upperNormalQuantile(0.025 / Math.max(1, index.names.length)),
    slope: 1,
  }
  const logitOf = (row: number, slope: number, intercept: number) => {
    let z = intercept
    for (const term of computeActorLogits(actors[row] as ActorFeatures, { ...termModel, slope })) z += term
    return z
  }
  // what clears the margin is recalibrated on the training journeys (slope and intercept only)
  const calibration = fitCalibration(
    Array.from(train, (row) => logitOf(row, 1, 0)),
    Array.from(train, (row) => labels[row]),
  )
  let trainWins = 0
  for (const row of train) trainWins += labels[row]
  const baseRate = trainWins / train.length
  const testLabels = Array.from(test, (row) => labels[row])
  const predictions = Array.from(test, (row) =>
    sigmoid(logitOf(row, calibration.slope, calibration.intercept)),
  )
  const hasher = createHasher().update(`ai|${JSON.stringify(params)}`)
  for (const journey of closed) hasher.update(fingerprintJourney(journey))
  const data: AiModelData = {
    features: index.names,
    coefficients: Array.from(raw.coefficients),
    covariance: Array.from(termModel.covariance),
    margin: termModel.margin,
    intercept: calibration.intercept,
    recencyHalfLifeDays: params.recencyHalfLifeDays,
    quality: {
      trainJourneys: train.length,
      testJourneys: test.length,
      l2,
      calibration,
      logLoss: computeLogLoss(predictions, testLabels),
      baselineLogLoss: computeLogLoss(
        testLabels.map(() => baseRate),
        testLabels,
      ),
      auc: computeAuc(predictions, testLabels),
      baselineAuc: 0.5,
      reliability: computeReliability(predictions, testLabels),
    },
  }
  return { key: 'ai', version: hasher.digest(), params: { ...params }, journeys: closed.length, data }
}
