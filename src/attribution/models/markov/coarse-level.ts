// The coarse level of the higher-order removal solves. States are grouped by the channel before their
// current one (start states, which have none, are known exactly and stay out). Every step out of a
// state leads into the group of its current channel, so the grouped chain is the first-order chain
// over the same paths; it carries the slow, chain-wide part of the error, which Gauss–Seidel alone
// removes at only about 0.6 a sweep. And since a state's successors all share one group, a sweep can
// restrict the residual it leaves behind to the groups as it goes, at no extra pass.
import { factorise, solve } from './dense-lu'
import type { SparseChain } from './sparse-chain'

/** The coarse level costs groups² per sweep and groups³ once; beyond this the sweeps run alone. */
export const COARSE_GROUP_LIMIT = 1000

export interface CoarseLevel {
  groups: number
  /** The inverse of the grouped system, row-major. */
  inverse: Float64Array
  /**
   * By slot (where values are stored, so a correction writes them in order): each state's group (the
   * channel before its current one, −1 for start states) and its expected visits over its group's,
   * which is how a group's correction is shared out.
   */
  groupBySlot: Int32Array
  shareBySlot: Float64Array
  /** Each state's current channel: the group all its successors are in. */
  current: Int32Array
  /**
   * Σ Q(t, u) over the successors u of t that a sweep meets before t. After a sweep that moved t by
   * Δt, the residual it leaves in the group of t's current channel is restriction(t)·Δt: those u
   * were updated with t's old value.
   */
  restriction: Float64Array
  /** Σ Q(t, u) over every successor u ≠ t: the share of visits to t that step on to another state. */
  leaving: Float64Array
}

/**
 * The coarse level for visits w = s + wQ, swept in state order. `forward` is the chain (rows are where
 * a step starts), `slotOf` where each state's values are stored, `visits` the full chain's expected
 * visits, `current` each state's current channel, `group` the one before it.
 */
export function buildCoarseLevel(
  forward: SparseChain,
  slotOf: Int32Array,
  visits: Float64Array,
  current: Int32Array,
  group: Int32Array,
  groups: number,
): CoarseLevel {
  const { size, rowStart, column, probability, selfLoop } = forward
  const groupVisits = new Float64Array(groups)
  for (let state = 0; state < size; state++) if (group[state] >= 0) groupVisits[group[state]] += visits[state]
  // the grouped system: W(g) − Σ_g' flow(g' → g)·W(g') / visits(g') = Σ residual over g
  const matrix = new Float64Array(groups * groups)
  for (let g = 0; g < groups; g++) matrix[g * groups + g] = 1
  const restriction = new Float64Array(size)
  const leaving = new Float64Array(size)
  for (let state = 0; state < size; state++) {
    for (let entry = rowStart[state]; entry < rowStart[state + 1]; entry++) {
      leaving[state] += probability[entry]
      if (column[entry] < state) restriction[state] += probability[entry]
    }
    const from = group[state]
    const onward = leaving[state] + selfLoop[state]
    if (from >= 0) matrix[current[state] * groups + from] -= (visits[state] * onward) / groupVisits[from]
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
  const groupBySlot = new Int32Array(size)
  const shareBySlot = new Float64Array(size)
  for (let state = 0; state < size; state++) {
    groupBySlot[slotOf[state]] = group[state]
    shareBySlot[slotOf[state]] = group[state] >= 0 ? visits[state] / groupVisits[group[state]] : 0
  }
  return { groups, inverse, groupBySlot, shareBySlot, current, restriction, leaving }
}

/**
 * E = M⁻¹ z for the eight lanes of a batch (z and E are groups × 8), where for each lane whose channel
 * c is removed, M⁻¹ is the inverse of the grouped system without c's group: by the Schur complement,
 * M⁻¹ − M⁻¹(·, c) M⁻¹(c, ·) / M⁻¹(c, c), with E(c) = 0.
 */
export function solveCoarse(coarse: CoarseLevel, lanes: Int32Array, z: Float64Array, e: Float64Array): void {
  const { groups, inverse } = coarse
  const width = lanes.length
  for (let lane = 0; lane < width; lane++) z[lanes[lane] * width + lane] = 0
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
  for (let lane = 0; lane < width; lane++) {
    const removed = lanes[lane]
    let dot = 0
    for (let g = 0; g < groups; g++) dot += inverse[removed * groups + g] * z[g * 8 + lane]
    const factor = dot / inverse[removed * groups + removed]
    for (let g = 0; g < groups; g++) e[g * 8 + lane] -= inverse[g * groups + removed] * factor
    e[removed * 8 + lane] = 0
  }
}
