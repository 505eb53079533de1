// Dense LU factorisation with partial pivoting on a row-major Float64Array. The Markov transient
// matrix has one row per state (hundreds), so dense is both simpler and faster than sparse here.

export interface LuFactors {
  size: number
  /** L (unit lower, below the diagonal) and U (upper) packed in one matrix. */
  packed: Float64Array
  /** Row i of the factorised matrix is row pivots[i] of the input. */
  pivots: Int32Array
}

export function factorise(matrix: Float64Array, size: number): LuFactors {
  const packed = Float64Array.from(matrix)
  const pivots = new Int32Array(size)
  for (let index = 0; index < size; index++) pivots[index] = index
  for (let column = 0; column < size; column++) {
    let best = column
    let bestValue = Math.abs(packed[column * size + column])
    for (let row = column + 1; row < size; row++) {
      const value = Math.abs(packed[row * size + column])
      if (value > bestValue) {
        best = row
        bestValue = value
      }
    }
    if (bestValue === 0) throw new RangeError('Singular matrix: some state never reaches an absorbing state')
    if (best !== column) {
      for (let k = 0; k < size; k++) {
        const held = packed[column * size + k]
        packed[column * size + k] = packed[best * size + k]
        packed[best * size + k] = held
      }
      const heldPivot = pivots[column]
      pivots[column] = pivots[best]
      pivots[best] = heldPivot
    }
    const diagonal = packed[column * size + column]
    for (let row = column + 1; row < size; row++) {
      const rowStart = row * size
      const factor = packed[rowStart + column] / diagonal
      if (factor === 0) continue
      packed[rowStart + column] = factor
      const pivotStart = column * size
      for (let k = column + 1; k < size; k++) {
        packed[rowStart + k] = packed[rowStart + k] - factor * packed[pivotStart + k]
      }
    }
  }
  return { size, packed, pivots }
}

/** Solves A x = b. */
export function solve(lu: LuFactors, rhs: ArrayLike<number>): Float64Array {
  const { size, packed, pivots } = lu
  const x = new Float64Array(size)
  for (let row = 0; row < size; row++) {
    let sum = rhs[pivots[row]]
    const rowStart = row * size
    for (let k = 0; k < row; k++) sum -= packed[rowStart + k] * x[k]
    x[row] = sum
  }
  for (let row = size - 1; row >= 0; row--) {
    let sum = x[row]
    const rowStart = row * size
    for (let k = row + 1; k < size; k++) sum -= packed[rowStart + k] * x[k]
    x[row] = sum / packed[rowStart + row]
  }
  return x
}

/** Solves Aᵀ x = c, reusing the same factors: Aᵀ = Uᵀ Lᵀ P. */
export function solveTransposed(lu: LuFactors, rhs: ArrayLike<number>): Float64Array {
  const { size, packed, pivots } = lu
  const w = new Float64Array(size)
  for (let row = 0; row < size; row++) {
    let sum = rhs[row]
    for (let k = 0; k < row; k++) sum -= packed[k * size + row] * w[k]
    w[row] = sum / packed[row * size + row]
  }
  for (let row = size - 1; row >= 0; row--) {
    let sum = w[row]
    for (let k = row + 1; k < size; k++) sum -= packed[k * size + row] * w[k]
    w[row] = sum
  }
  const x = new Float64Array(size)
  for (let row = 0; row < size; row++) x[pivots[row]] = w[row]
  return x
}
