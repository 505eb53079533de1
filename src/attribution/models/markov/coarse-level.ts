// The coarse level of the higher-order removal solves: states grouped by their current channel. With
// each state weighted by its visits, the grouped chain is the first-order chain over the same paths,
// which carries the slow, chain-wide part of the error that Gauss–Seidel alone removes at only about
// 0.6 a sweep. And every predecessor of a state ends in the same channel (the state's previous one),
// so a sweep can restrict the residual it leaves behind to the groups as it goes, at no extra pass.
import { factorise, solve } from './dense-lu'
import type { SparseChain } from './sparse-chain'

/** The coarse level costs groups² per sweep and groups³ once; beyond this the sweeps run alone. */
export const COARSE_GROUP_LIMIT = 1000

export interface CoarseLevel {
  groups: number
  /** N₁ = (I − Q₁)⁻¹ of the grouped chain, row-major. */
  inverse: Float64Array
  /** The visits of each group's states, summed. */
  groupWeight: Float64Array
  /** The group of each state: its current channel. */
  group: Int32Array
  /** The group all of a state's predecessors are in (its previous channel), −1 for none. */
  previousGroup: Int32Array
  /**
   * Σ visits(s)·Q(s, t) over the predecessors s of t that a sweep meets before t. After a sweep that
   * moved t by Δt, the residual left in t's previous group is Σ restriction(t)·Δt: s was updated
   * with t's old value.
   */
  restriction: Float64Array
  /** Expected visits of each state (its outgoing count). */
  visits: Float64Array
}

/** The coarse level of a chain whose rows are in sweep order and whose columns are slots (see RemovalJob). */
export function buildCoarseLevel(
  chain: SparseChain,
  positionOfSlot: Int32Array,
  visits: Float64Array,
  group: Int32Array,
  previousGroup: Int32Array,
  groups: number,
): CoarseLevel {
  const { size, rowStart, column, probability, selfLoop } = chain
  const groupWeight = new Float64Array(groups)
  for (let state = 0; state < size; state++) groupWeight[group[state]] += visits[state]
  const matrix = new Float64Array(groups * groups)
  for (let g = 0; g < groups; g++) matrix[g * groups + g] = 1
  const restriction = new Float64Array(size)
  for (let state = 0; state < size; state++) {
    const g = group[state]
    const row = g * groups
    const share = visits[state] / groupWeight[g]
    matrix[row + g] -= share * selfLoop[state]
    for (let entry = rowStart[state]; entry < rowStart[state + 1]; entry++) {
      const next = positionOfSlot[column[entry]]
      matrix[row + group[next]] -= share * probability[entry]
      if (state < next) restriction[next] += visits[state] * probability[entry]
    }
  }
  const factors = factorise(matrix, groups)
  const inverse = new Float64Array(groups * groups)
  const unit = new Float64Array(groups)
  for (let g = 0; g < groups; g++) {
    unit.fill(0)
    unit[g] = 1
    const columnOfInverse = solve(factors, unit)
    for (let row = 0; row < groups; row++) inverse[row * groups + g] = columnOfInverse[row]
  }
  return { groups, inverse, groupWeight, group, previousGroup, restriction, visits }
}

/**
 * E = N₁ z for the eight vectors of a batch (z and E are groups × 8), then, for each lane whose
 * channel is removed, the inverse of the grouped chain without that channel's group:
 * N₁ − N₁(·, c) N₁(c, ·) / N₁(c, c), by the Schur complement, with E(c) = 0.
 */
export function solveCoarse(coarse: CoarseLevel, lanes: Int32Array, z: Float64Array, e: Float64Array): void {
  const { groups, inverse } = coarse
  for (let lane = 0; lane < lanes.length; lane++) {
    const removed = lanes[lane]
    if (removed >= 0) z[removed * 8 + lane * 2] = z[removed * 8 + lane * 2 + 1] = 0
  }
  for (let row = 0; row < groups; row++) {
    let e0 = 0
    let e1 = 0
    let e2 = 0
    let e3 = 0
    let e4 = 0
    let e5 = 0
    let e6 = 0
    let e7 = 0
    const offset = row * groups
    for (let g = 0; g < groups; g++) {
      const n = inverse[offset + g]
      if (n === 0) continue
      const b = g * 8
      e0 += n * z[b]
      e1 += n * z[b + 1]
      e2 += n * z[b + 2]
      e3 += n * z[b + 3]
      e4 += n * z[b + 4]
      e5 += n * z[b + 5]
      e6 += n * z[b + 6]
      e7 += n * z[b + 7]
    }
    const b = row * 8
    e[b] = e0
    e[b + 1] = e1
    e[b + 2] = e2
    e[b + 3] = e3
    e[b + 4] = e4
    e[b + 5] = e5
    e[b + 6] = e6
    e[b + 7] = e7
  }
  for (let lane = 0; lane < lanes.length; lane++) {
    const removed = lanes[lane]
    if (removed < 0) continue
    for (let reward = 0; reward < 2; reward++) {
      const vector = lane * 2 + reward
      let dot = 0
      for (let g = 0; g < groups; g++) dot += inverse[removed * groups + g] * z[g * 8 + vector]
      const factor = dot / inverse[removed * groups + removed]
      for (let g = 0; g < groups; g++) e[g * 8 + vector] -= inverse[g * groups + removed] * factor
      e[removed * 8 + vector] = 0
    }
  }
}
