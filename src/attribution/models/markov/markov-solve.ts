// Solvers for the absorbing chain behind Markov removal effects. A = I − Q is a nonsingular M-matrix
// (every visited state reaches an absorbing state and each row of Q sums to at most 1), so Gaussian
// elimination needs no pivoting, and Gauss–Seidel on x = Qx + r converges from any start.

/** The transient part of the chain in compressed rows, self-loops held apart. */
export interface SparseChain {
  size: number
  rowStart: Int32Array
  column: Int32Array
  probability: Float64Array
  /** Q(i, i): a state that repeats itself. */
  selfLoop: Float64Array
}

/** What first order needs from one factorisation: B = N r for two rewards, s·N, and diag(N). */
export interface FirstOrderSolution {
  absorbConversion: Float64Array
  absorbValue: Float64Array
  visits: Float64Array
  diagonal: Float64Array
}

function orderBySparsity(chain: SparseChain): Int32Array {
  // a static minimum-degree order: sparse (rare) states are eliminated first, which keeps fill-in low
  const degree = new Int32Array(chain.size)
  for (let state = 0; state < chain.size; state++) {
    for (let entry = chain.rowStart[state]; entry < chain.rowStart[state + 1]; entry++) {
      degree[state]++
      degree[chain.column[entry]]++
    }
  }
  return Int32Array.from({ length: chain.size }, (_, state) => state).sort(
    (a, b) => degree[a] - degree[b] || a - b,
  )
}

/**
 * LU of A (no pivoting, zeros skipped) in a dense array, then the diagonal of N = A⁻¹ = U⁻¹L⁻¹:
 * about 2n³/3 multiply-adds when dense, much less when the chain is sparse.
 */
export function solveFirstOrder(
  chain: SparseChain,
  start: Float64Array,
  rewardConversion: Float64Array,
  rewardValue: Float64Array,
): FirstOrderSolution {
  const n = chain.size
  const order = orderBySparsity(chain)
  const positionOf = new Int32Array(n)
  order.forEach((state, position) => {
    positionOf[state] = position
  })
  const a = new Float64Array(n * n)
  for (let state = 0; state < n; state++) {
    const row = positionOf[state] * n
    a[row + positionOf[state]] = 1 - chain.selfLoop[state]
    for (let entry = chain.rowStart[state]; entry < chain.rowStart[state + 1]; entry++) {
      a[row + positionOf[chain.column[entry]]] -= chain.probability[entry]
    }
  }
  factorise(a, n)
  const permute = (values: Float64Array) => Float64Array.from(order, (state) => values[state])
  const absorbConversion = solveLu(a, n, permute(rewardConversion))
  const absorbValue = solveLu(a, n, permute(rewardValue))
  const visits = solveLuTransposed(a, n, permute(start))
  const diagonal = inverseDiagonal(a, n)
  const unpermute = (values: Float64Array) => {
    const result = new Float64Array(n)
    order.forEach((state, position) => {
      result[state] = values[position]
    })
    return result
  }
  return {
    absorbConversion: unpermute(absorbConversion),
    absorbValue: unpermute(absorbValue),
    visits: unpermute(visits),
    diagonal: unpermute(diagonal),
  }
}

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
function factorise(a: Float64Array, n: number): void {
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
function inverseDiagonal(a: Float64Array, n: number): Float64Array {
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

function solveLu(a: Float64Array, n: number, rhs: Float64Array): Float64Array {
  const x = Float64Array.from(rhs)
  for (let i = 0; i < n; i++) {
    let sum = x[i]
    const row = i * n
    for (let k = 0; k < i; k++) sum -= a[row + k] * x[k]
    x[i] = sum
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i]
    const row = i * n
    for (let k = i + 1; k < n; k++) sum -= a[row + k] * x[k]
    x[i] = sum / a[row + i]
  }
  return x
}

/** Solves Aᵀ x = c with the same factors: Uᵀ w = c, then Lᵀ x = w. */
function solveLuTransposed(a: Float64Array, n: number, rhs: Float64Array): Float64Array {
  const x = Float64Array.from(rhs)
  for (let i = 0; i < n; i++) {
    const xi = x[i] / a[i * n + i]
    x[i] = xi
    if (xi === 0) continue
    const row = i * n
    for (let k = i + 1; k < n; k++) x[k] -= a[row + k] * xi
  }
  for (let i = n - 1; i >= 0; i--) {
    const xi = x[i]
    if (xi === 0) continue
    const row = i * n
    for (let k = 0; k < i; k++) x[k] -= a[row + k] * xi
  }
  return x
}

/**
 * A renumbering for the sweeps: states in depth-first post-order over their successors, so a state
 * comes after everything it leads to except along cycles. Sweeping from the first state to the last
 * then meets a state's successors already updated, and only the probability that flows back along a
 * cycle is left for later sweeps. Returns the states in sweep order.
 */
export function flowOrder(chain: SparseChain): Int32Array {
  const { size, rowStart, column } = chain
  const order = new Int32Array(size)
  const seen = new Uint8Array(size)
  const stack = new Int32Array(size)
  const cursor = new Int32Array(size)
  let placed = 0
  for (let root = 0; root < size; root++) {
    if (seen[root]) continue
    seen[root] = 1
    let depth = 0
    stack[0] = root
    cursor[0] = rowStart[root]
    while (depth >= 0) {
      const state = stack[depth]
      const entry = cursor[depth]
      if (entry < rowStart[state + 1]) {
        cursor[depth] = entry + 1
        const next = column[entry]
        if (!seen[next]) {
          seen[next] = 1
          depth++
          stack[depth] = next
          cursor[depth] = rowStart[next]
        }
      } else {
        order[placed++] = state
        depth--
      }
    }
  }
  return order
}

/** The chain with state `order[k]` renumbered k. */
export function renumberChain(chain: SparseChain, order: Int32Array): SparseChain {
  const { size, rowStart, column, probability, selfLoop } = chain
  const positionOf = new Int32Array(size)
  order.forEach((state, position) => {
    positionOf[state] = position
  })
  const nextStart = new Int32Array(size + 1)
  const nextColumn = new Int32Array(column.length)
  const nextProbability = new Float64Array(probability.length)
  const nextSelfLoop = new Float64Array(size)
  let fill = 0
  for (let position = 0; position < size; position++) {
    const state = order[position]
    nextSelfLoop[position] = selfLoop[state]
    for (let entry = rowStart[state]; entry < rowStart[state + 1]; entry++) {
      nextColumn[fill] = positionOf[column[entry]]
      nextProbability[fill++] = probability[entry]
    }
    nextStart[position + 1] = fill
  }
  return {
    size,
    rowStart: nextStart,
    column: nextColumn,
    probability: nextProbability,
    selfLoop: nextSelfLoop,
  }
}

/** Predecessors of each state in compressed rows. */
export function predecessors(chain: SparseChain): { rowStart: Int32Array; column: Int32Array } {
  const { size, rowStart, column } = chain
  const start = new Int32Array(size + 1)
  for (let entry = 0; entry < rowStart[size]; entry++) start[column[entry] + 1]++
  for (let state = 0; state < size; state++) start[state + 1] += start[state]
  const fill = start.slice(0, size)
  const from = new Int32Array(rowStart[size])
  for (let state = 0; state < size; state++)
    for (let entry = rowStart[state]; entry < rowStart[state + 1]; entry++)
      from[fill[column[entry]]++] = state
  return { rowStart: start, column: from }
}

const TOLERANCE = 1e-15
const MAX_SWEEPS = 1_000_000
/** Sweeps also stop once the change still to come, estimated from the rate of convergence, is below this. */
const REMAINING = 1e-13

/**
 * Absorption probabilities (and expected value) by Gauss–Seidel on x = Qx + r, in place: `first`
 * and `second` hold the start and receive the answer. States in `blocked` lead to the null state.
 * Sweeps run from the first state to the last, which suits a chain in flowOrder; with `active`, only
 * those states (in ascending order) are updated and the rest keep their values. They stop when no
 * value moves by more than 1e-15 of the largest, or when the geometric rate the changes shrink at
 * puts what is left below 1e-13 of it, far inside the 1e-9 the answer is checked to.
 */
export function solveAbsorption(
  chain: SparseChain,
  rewardFirst: Float64Array,
  rewardSecond: Float64Array,
  first: Float64Array,
  second: Float64Array,
  blocked?: Uint8Array,
  active?: Int32Array,
  activeCount = active ? active.length : chain.size,
): void {
  const { size, rowStart, column, probability, selfLoop } = chain
  if (blocked) for (let state = 0; state < size; state++) if (blocked[state]) first[state] = second[state] = 0
  let previous = Number.POSITIVE_INFINITY
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let change = 0
    let scale = 0
    let changeSecond = 0
    let scaleSecond = 0
    for (let index = 0; index < activeCount; index++) {
      const state = active ? active[index] : index
      if (blocked?.[state]) continue
      let sum = rewardFirst[state]
      let sumSecond = rewardSecond[state]
      for (let entry = rowStart[state]; entry < rowStart[state + 1]; entry++) {
        const p = probability[entry]
        const next = column[entry]
        sum += p * first[next]
        sumSecond += p * second[next]
      }
      const keep = 1 / (1 - selfLoop[state])
      sum *= keep
      sumSecond *= keep
      const moved = Math.abs(sum - first[state])
      const movedSecond = Math.abs(sumSecond - second[state])
      if (moved > change) change = moved
      if (movedSecond > changeSecond) changeSecond = movedSecond
      if (sum > scale) scale = sum
      if (sumSecond > scaleSecond) scaleSecond = sumSecond
      first[state] = sum
      second[state] = sumSecond
    }
    const relative = Math.max(
      change === 0 ? 0 : change / scale,
      changeSecond === 0 ? 0 : changeSecond / scaleSecond,
    )
    if (relative <= TOLERANCE) return
    // the error left is about relative·ρ/(1 − ρ), with ρ the rate the changes shrink at
    const rate = relative / previous
    if (sweep > 0 && relative <= 1e-9 && rate < 0.5 && (relative * rate) / (1 - rate) <= REMAINING) return
    previous = relative
  }
}
