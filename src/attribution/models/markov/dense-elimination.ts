// Dense LU without pivoting, in place, and the diagonal of the inverse from its factors: the kernel of
// the first-order solve. A = I − Q is a nonsingular M-matrix (every visited state reaches an absorbing
// state and each row of Q sums to at most 1), so Gaussian elimination needs no pivoting.

const BLOCK = 4

/**
 * target rows r0…r3 (offsets into `values`) −= f_r × values[source + m] for m in [from, to). Four
 * rows share each load of the source row: the matrices outgrow the cache, and memory, not
 * arithmetic, is what limits a plain row update.
 */
function subtractRows(
  values: Float64Array,
  targets: Int32Array,
  factors: Float64Array,
  count: number,
  source: number,
  from: number,
  to: number,
): void {
  if (count === BLOCK) {
    const [t0, t1, t2, t3] = targets
    const [f0, f1, f2, f3] = factors
    for (let m = from; m < to; m++) {
      const value = values[source + m]
      values[t0 + m] -= f0 * value
      values[t1 + m] -= f1 * value
      values[t2 + m] -= f2 * value
      values[t3 + m] -= f3 * value
    }
    return
  }
  for (let r = 0; r < count; r++) {
    const target = targets[r]
    const factor = factors[r]
    if (factor === 0) continue
    for (let m = from; m < to; m++) values[target + m] -= factor * values[source + m]
  }
}

/**
 * subtractRows for two source rows at once: target −= f_r × values[first + m] + g_r ×
 * values[second + m]. Each target value is read and written once for two pivots, which halves the
 * memory traffic of the update that dominates a dense factorisation.
 */
function subtractRowsPair(
  values: Float64Array,
  targets: Int32Array,
  factors: Float64Array,
  factorsNext: Float64Array,
  count: number,
  source: number,
  sourceNext: number,
  from: number,
  to: number,
): void {
  if (count === BLOCK) {
    const [t0, t1, t2, t3] = targets
    const [f0, f1, f2, f3] = factors
    const [g0, g1, g2, g3] = factorsNext
    for (let m = from; m < to; m++) {
      const value = values[source + m]
      const next = values[sourceNext + m]
      values[t0 + m] -= f0 * value + g0 * next
      values[t1 + m] -= f1 * value + g1 * next
      values[t2 + m] -= f2 * value + g2 * next
      values[t3 + m] -= f3 * value + g3 * next
    }
    return
  }
  for (let r = 0; r < count; r++) {
    const target = targets[r]
    const factor = factors[r]
    const factorNext = factorsNext[r]
    if (factor === 0 && factorNext === 0) continue
    for (let m = from; m < to; m++)
      values[target + m] -= factor * values[source + m] + factorNext * values[sourceNext + m]
  }
}

/**
 * In-place LU without pivoting, row-oriented (Doolittle) in blocks of four rows: each finished
 * pivot row is read once per block. Zero multipliers are skipped, which is where sparsity pays.
 */
export function factorise(a: Float64Array, n: number): void {
  const targets = new Int32Array(BLOCK)
  const factors = new Float64Array(BLOCK)
  const eliminate = (k: number, first: number, end: number) => {
    const pivotRow = k * n
    const pivot = a[pivotRow + k]
    let isAnyNonZero = false
    for (let r = first; r < end; r++) {
      const below = a[r * n + k]
      const factor = below === 0 ? 0 : below / pivot
      a[r * n + k] = factor
      targets[r - first] = r * n
      factors[r - first] = factor
      if (factor !== 0) isAnyNonZero = true
    }
    if (isAnyNonZero) subtractRows(a, targets, factors, end - first, pivotRow, k + 1, n)
  }
  const factorsNext = new Float64Array(BLOCK)
  /** eliminate(k) then eliminate(k + 1), with one pass over the rows for both. */
  const eliminatePair = (k: number, first: number, end: number) => {
    const pivotRow = k * n
    const nextRow = pivotRow + n
    const pivot = a[pivotRow + k]
    const pivotNext = a[nextRow + k + 1]
    const across = a[pivotRow + k + 1]
    let isAnyNonZero = false
    for (let r = first; r < end; r++) {
      const row = r * n
      const below = a[row + k]
      const factor = below === 0 ? 0 : below / pivot
      const belowNext = a[row + k + 1] - factor * across
      const factorNext = belowNext === 0 ? 0 : belowNext / pivotNext
      a[row + k] = factor
      a[row + k + 1] = factorNext
      targets[r - first] = row
      factors[r - first] = factor
      factorsNext[r - first] = factorNext
      if (factor !== 0 || factorNext !== 0) isAnyNonZero = true
    }
    if (isAnyNonZero)
      subtractRowsPair(a, targets, factors, factorsNext, end - first, pivotRow, nextRow, k + 2, n)
  }
  for (let first = 0; first < n; first += BLOCK) {
    const end = Math.min(n, first + BLOCK)
    let k = 0
    for (; k + 1 < first; k += 2) eliminatePair(k, first, end)
    if (k < first) eliminate(k, first, end)
    for (let k = first; k < end; k++) {
      if (!(a[k * n + k] > 0))
        throw new RangeError('Singular chain: some state never reaches an absorbing state')
      if (k + 1 < end) eliminate(k, k + 1, end)
    }
  }
}

/**
 * diag(A⁻¹) from the packed factors: X = L⁻¹ and Y = U⁻¹ are built by rows with the same blocked
 * row updates (skipping zero multipliers), then diag_i = Σ_k Y(i, k)·X(k, i).
 */
export function inverseDiagonal(a: Float64Array, n: number): Float64Array {
  const targets = new Int32Array(BLOCK)
  const factors = new Float64Array(BLOCK)
  const factorsNext = new Float64Array(BLOCK)
  const gather = (k: number, first: number, end: number): boolean => {
    let isAnyNonZero = false
    for (let r = first; r < end; r++) {
      targets[r - first] = r * n
      factors[r - first] = a[r * n + k]
      if (factors[r - first] !== 0) isAnyNonZero = true
    }
    return isAnyNonZero
  }
  /** gather for columns k and k + 1 together. */
  const gatherPair = (k: number, first: number, end: number): boolean => {
    let isAnyNonZero = false
    for (let r = first; r < end; r++) {
      targets[r - first] = r * n
      factors[r - first] = a[r * n + k]
      factorsNext[r - first] = a[r * n + k + 1]
      if (factors[r - first] !== 0 || factorsNext[r - first] !== 0) isAnyNonZero = true
    }
    return isAnyNonZero
  }
  // X: row j = e_j − Σ_{k<j} L(j, k)·row k, and row k of X is zero beyond column k
  const x = new Float64Array(n * n)
  for (let first = 0; first < n; first += BLOCK) {
    const end = Math.min(n, first + BLOCK)
    for (let j = first; j < end; j++) x[j * n + j] = 1
    let k = 0
    // row k + 1 of X is zero beyond column k + 1, and row k beyond column k
    for (; k + 1 < first; k += 2)
      if (gatherPair(k, first, end))
        subtractRowsPair(x, targets, factors, factorsNext, end - first, k * n, (k + 1) * n, 0, k + 2)
    if (k < first && gather(k, first, end)) subtractRows(x, targets, factors, end - first, k * n, 0, k + 1)
    for (let k = first; k < end - 1; k++)
      if (gather(k, k + 1, end)) subtractRows(x, targets, factors, end - k - 1, k * n, 0, k + 1)
  }
  // Y: row i = (e_i − Σ_{k>i} U(i, k)·row k) / U(i, i), and row k of Y is zero before column k
  const y = new Float64Array(n * n)
  for (let end = n; end > 0; end -= BLOCK) {
    const first = Math.max(0, end - BLOCK)
    for (let i = first; i < end; i++) y[i * n + i] = 1
    let k = end
    // row k + 1 of Y is zero before column k + 1
    for (; k + 1 < n; k += 2)
      if (gatherPair(k, first, end))
        subtractRowsPair(y, targets, factors, factorsNext, end - first, k * n, (k + 1) * n, k, n)
    if (k < n && gather(k, first, end)) subtractRows(y, targets, factors, end - first, k * n, k, n)
    for (let k = end - 1; k >= first; k--) {
      const row = k * n
      const pivot = a[row + k]
      for (let m = k; m < n; m++) y[row + m] /= pivot
      if (k > first && gather(k, first, k)) subtractRows(y, targets, factors, k - first, row, k, n)
    }
  }
  const diagonal = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let sum = 0
    const row = i * n
    for (let k = i; k < n; k++) sum += y[row + k] * x[k * n + i]
    diagonal[i] = sum
  }
  return diagonal
}
