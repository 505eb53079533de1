// Gauss–Seidel on x = Qx + r for an absorbing chain: converges from any start, as A = I − Q is a
// nonsingular M-matrix.
import type { SparseChain } from './sparse-chain'

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
