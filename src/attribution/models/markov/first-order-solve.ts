// First order in one factorisation: absorption probabilities for two rewards, the expected visits
// from the start, and diag(N), from which every channel's removal effect follows without a solve of
// its own.
import { factorise, inverseDiagonal } from './dense-elimination'
import type { SparseChain } from './sparse-chain'

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
