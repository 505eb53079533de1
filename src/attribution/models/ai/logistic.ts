import { factorise, solve } from '../markov/dense-lu'

/** Rows of sparse features (compressed sparse rows); journeys have a handful of non-zero features each. */
export interface SparseRows {
  rowStart: Int32Array
  index: Int32Array
  value: Float64Array
  columns: number
}

export interface LogisticFit {
  intercept: number
  coefficients: Float64Array
  iterations: number
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))
}

function scoreRow(rows: SparseRows, row: number, intercept: number, coefficients: Float64Array): number {
  let z = intercept
  for (let k = rows.rowStart[row]; k < rows.rowStart[row + 1]; k++)
    z += coefficients[rows.index[k]] * rows.value[k]
  return z
}

function penalisedLoss(
  rows: SparseRows,
  labels: Uint8Array,
  selected: Int32Array,
  l2: number,
  intercept: number,
  coefficients: Float64Array,
): number {
  let loss = 0
  for (const row of selected) {
    const z = scoreRow(rows, row, intercept, coefficients)
    // log(1 + e^z) − y·z, written to stay finite for large |z|
    loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - labels[row] * z
  }
  let penalty = 0
  for (const coefficient of coefficients) penalty += coefficient * coefficient
  return loss + 0.5 * l2 * penalty
}

/** Gradient and Hessian of the penalised loss (intercept first), summed in row order. */
function computeNewtonSystem(
  rows: SparseRows,
  labels: Uint8Array,
  selected: Int32Array,
  l2: number,
  intercept: number,
  coefficients: Float64Array,
) {
  const size = rows.columns + 1
  const gradient = new Float64Array(size)
  const hessian = new Float64Array(size * size)
  for (const row of selected) {
    const p = 1 / (1 + Math.exp(-scoreRow(rows, row, intercept, coefficients)))
    const residual = p - labels[row]
    const curvature = p * (1 - p)
    gradient[0] += residual
    hessian[0] += curvature
    for (let a = rows.rowStart[row]; a < rows.rowStart[row + 1]; a++) {
      const i = rows.index[a] + 1
      const xi = rows.value[a]
      gradient[i] += residual * xi
      hessian[i] += curvature * xi
      hessian[i * size] += curvature * xi
      for (let b = rows.rowStart[row]; b < rows.rowStart[row + 1]; b++) {
        hessian[i * size + rows.index[b] + 1] += curvature * xi * rows.value[b]
      }
    }
  }
  for (let i = 1; i < size; i++) {
    gradient[i] += l2 * coefficients[i - 1]
    hessian[i * size + i] += l2
  }
  // a ridge on the intercept keeps the system solvable when every label is the same
  hessian[0] += 1e-9
  return { gradient, hessian }
}

/**
 * Covariance of the coefficients at a fit (row-major, coefficients only, no intercept): the inverse
 * penalised Hessian, the posterior covariance under the ridge's Gaussian prior.
 */
export function computeCovariance(
  rows: SparseRows,
  labels: Uint8Array,
  selected: Int32Array,
  l2: number,
  fit: LogisticFit,
): Float64Array {
  const { hessian } = computeNewtonSystem(rows, labels, selected, l2, fit.intercept, fit.coefficients)
  const size = rows.columns + 1
  const lu = factorise(hessian, size)
  const width = rows.columns
  const covariance = new Float64Array(width * width)
  for (let column = 0; column < width; column++) {
    const unit = new Float64Array(size)
    unit[column + 1] = 1
    const solved = solve(lu, unit)
    for (let row = 0; row < width; row++) covariance[row * width + column] = solved[row + 1] ?? 0
  }
  return covariance
}

/**
 * L2-regularised logistic regression by Newton's method with step halving. The intercept is not
 * penalised. Sums run in row order, so the same rows always give bit-identical coefficients.
 */
export function fitLogistic(
  rows: SparseRows,
  labels: Uint8Array,
  selected: Int32Array,
  l2: number,
  maxIterations = 50,
): LogisticFit {
  const size = rows.columns + 1
  let intercept = 0
  let coefficients = new Float64Array(rows.columns)
  let loss = penalisedLoss(rows, labels, selected, l2, intercept, coefficients)
  let iterations = 0
  for (; iterations < maxIterations; iterations++) {
    const { gradient, hessian } = computeNewtonSystem(rows, labels, selected, l2, intercept, coefficients)
    const step = solve(factorise(hessian, size), gradient)
    let scale = 1
    let nextIntercept = intercept
    let next = coefficients
    let nextLoss = loss
    for (let halving = 0; halving < 30; halving++) {
      nextIntercept = intercept - scale * step[0]
      next = coefficients.map((coefficient, index) => coefficient - scale * step[index + 1])
      nextLoss = penalisedLoss(rows, labels, selected, l2, nextIntercept, next)
      if (nextLoss <= loss + 1e-12) break
      scale /= 2
    }
    let largest = 0
    for (const value of step) largest = Math.max(largest, Math.abs(value * scale))
    intercept = nextIntercept
    coefficients = next
    loss = nextLoss
    if (largest < 1e-9) break
  }
  return { intercept, coefficients, iterations }
}

export function predictRow(rows: SparseRows, row: number, fit: LogisticFit): number {
  return sigmoid(scoreRow(rows, row, fit.intercept, fit.coefficients))
}

export function computeLogLoss(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (labels.length === 0) return 0
  let loss = 0
  for (let index = 0; index < labels.length; index++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, probabilities[index]))
    loss -= labels[index] === 1 ? Math.log(p) : Math.log(1 - p)
  }
  return loss / labels.length
}

/** Area under the ROC curve by the rank-sum formula, ties sharing their average rank. */
export function computeAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = Array.from({ length: labels.length }, (_, index) => index).sort(
    (a, b) => scores[a] - scores[b],
  )
  let positives = 0
  let rankSum = 0
  let position = 0
  while (position < order.length) {
    let end = position
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[position]]) end++
    const averageRank = (position + end) / 2 + 1
    for (let k = position; k <= end; k++) {
      if (labels[order[k]] === 1) {
        positives++
        rankSum += averageRank
      }
    }
    position = end + 1
  }
  const negatives = labels.length - positives
  if (positives === 0 || negatives === 0) return 0.5
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}

/** Held-out predictions in ten bins of equal size by predicted probability: mean prediction against the win rate. */
export function computeReliability(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): { journeys: number; predicted: number; observed: number }[] {
  const order = Array.from({ length: labels.length }, (_, index) => index).sort(
    (a, b) => probabilities[a] - probabilities[b] || a - b,
  )
  const result: { journeys: number; predicted: number; observed: number }[] = []
  for (let bin = 0; bin < bins; bin++) {
    const from = Math.floor((bin * order.length) / bins)
    const to = Math.floor(((bin + 1) * order.length) / bins)
    if (to === from) continue
    let predicted = 0
    let observed = 0
    for (let k = from; k < to; k++) {
      predicted += probabilities[order[k]]
      observed += labels[order[k]]
    }
    result.push({ journeys: to - from, predicted: predicted / (to - from), observed: observed / (to - from) })
  }
  return result
}

/**
 * Platt scaling: the slope and intercept of a one-feature logistic fit of the labels on the model's
 * logits. A slope below 1 means the model was over-confident, above 1 that the penalty shrank it.
 */
export function fitCalibration(logits: ArrayLike<number>, labels: ArrayLike<number>) {
  const count = labels.length
  const rows: SparseRows = {
    rowStart: Int32Array.from({ length: count + 1 }, (_, row) => row),
    index: new Int32Array(count),
    value: Float64Array.from(logits),
    columns: 1,
  }
  const fit = fitLogistic(
    rows,
    Uint8Array.from(labels),
    Int32Array.from({ length: count }, (_, row) => row),
    1e-6,
  )
  return { slope: Math.max(0, fit.coefficients[0] ?? 1), intercept: fit.intercept }
}
