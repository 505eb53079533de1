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
 * LU of A (no pivoting, zeros skipped) in a dense array, then the diagonal of N = A⁻¹ = U⁻¹L⁻¹ one
 * row of U⁻¹ and one column of L⁻¹ at a time: O(n²) memory, and much less than n³ work when the
 * chain is sparse.
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
  // U's rows as lists of non-zero columns, gathered as each pivot row is final
  const uStart = new Int32Array(n + 1)
  let uColumn = new Int32Array(Math.max(16, n * 4))
  const scratch = new Int32Array(n)
  for (let k = 0; k < n; k++) {
    const pivotRow = k * n
    const pivot = a[pivotRow + k]
    if (!(pivot > 0)) throw new RangeError('Singular chain: some state never reaches an absorbing state')
    let count = 0
    for (let j = k + 1; j < n; j++) if (a[pivotRow + j] !== 0) scratch[count++] = j
    if (uStart[k] + count > uColumn.length) {
      const larger = new Int32Array(Math.max(uColumn.length * 2, uStart[k] + count))
      larger.set(uColumn)
      uColumn = larger
    }
    uColumn.set(scratch.subarray(0, count), uStart[k])
    uStart[k + 1] = uStart[k] + count
    const isDenseRow = count * 2 > n - k
    for (let i = k + 1; i < n; i++) {
      const row = i * n
      const below = a[row + k]
      if (below === 0) continue
      const factor = below / pivot
      a[row + k] = factor
      if (isDenseRow) for (let j = k + 1; j < n; j++) a[row + j] -= factor * a[pivotRow + j]
      else
        for (let t = 0; t < count; t++) {
          const j = scratch[t]
          a[row + j] -= factor * a[pivotRow + j]
        }
    }
  }
  // L's columns as lists of non-zero rows
  const lCount = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) for (let k = 0; k < i; k++) if (a[i * n + k] !== 0) lCount[k + 1]++
  for (let k = 0; k < n; k++) lCount[k + 1] += lCount[k]
  const lRow = new Int32Array(lCount[n])
  // the values too, so walking a column of L reads memory in order
  const lValue = new Float64Array(lCount[n])
  const lFill = lCount.slice(0, n)
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const value = a[i * n + k]
      if (value === 0) continue
      lRow[lFill[k]] = i
      lValue[lFill[k]++] = value
    }
  }

  const permute = (values: Float64Array) => Float64Array.from(order, (state) => values[state])
  const absorbConversion = solveLu(a, n, permute(rewardConversion))
  const absorbValue = solveLu(a, n, permute(rewardValue))
  const visits = solveLuTransposed(a, n, permute(start))

  const diagonal = new Float64Array(n)
  const x = new Float64Array(n)
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    x.fill(0, i)
    y.fill(0, i)
    // column i of L⁻¹: L x = e_i, by columns of L
    x[i] = 1
    for (let k = i; k < n; k++) {
      const xk = x[k]
      if (xk === 0) continue
      for (let t = lCount[k]; t < lCount[k + 1]; t++) x[lRow[t]] -= lValue[t] * xk
    }
    // row i of U⁻¹: y U = e_i, by rows of U; y holds the running sums until each entry is final
    let sum = 0
    for (let m = i; m < n; m++) {
      const ym = ((m === i ? 1 : 0) - y[m]) / a[m * n + m]
      y[m] = ym
      sum += ym * x[m]
      if (ym === 0) continue
      const row = m * n
      for (let t = uStart[m]; t < uStart[m + 1]; t++) {
        const k = uColumn[t]
        y[k] += ym * a[row + k]
      }
    }
    diagonal[i] = sum
  }
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

const TOLERANCE = 1e-15
const MAX_SWEEPS = 1_000_000

/**
 * Absorption probabilities (and expected value) by Gauss–Seidel on x = Qx + r, in place: `first`
 * and `second` hold the start and receive the answer. States in `blocked` lead to the null state.
 * Sweeps run from the last state to the first, since paths mostly meet states in the order they
 * were first seen, so most values are final after a few sweeps; they stop when no value moves by
 * more than 1e-15 of the largest, far inside the 1e-9 the answer is checked to.
 */
export function solveAbsorption(
  chain: SparseChain,
  rewardFirst: Float64Array,
  rewardSecond: Float64Array,
  first: Float64Array,
  second: Float64Array,
  blocked?: Uint8Array,
): void {
  const { size, rowStart, column, probability, selfLoop } = chain
  if (blocked) for (let state = 0; state < size; state++) if (blocked[state]) first[state] = second[state] = 0
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let change = 0
    let scale = 0
    let changeSecond = 0
    let scaleSecond = 0
    for (let state = size - 1; state >= 0; state--) {
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
    if (change <= TOLERANCE * scale && changeSecond <= TOLERANCE * scaleSecond) return
  }
}
