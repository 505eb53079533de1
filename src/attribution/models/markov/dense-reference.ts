import { factorise, solve, solveTransposed } from './dense-lu'

// The earlier dense solver, kept as the reference the sparse one is tested against: one LU of
// I − Q with pivoting and every column of N, so it is cubic in the state count. Tests only.

export interface RemovalEffects {
  conversionProbability: number
  expectedValue: number
  /** Per channel: 1 − P(convert | channel removed) / P(convert). */
  conversion: Float64Array
  value: Float64Array
  states: number
  paths: number
}

/**
 * Accumulates path counts into a transition graph. States are the last `order` channels seen;
 * a path's first states are shorter tuples, as in the published higher-order definition.
 */
export class DenseReferenceChain {
  readonly channelCount: number
  readonly order: number
  private readonly stateIds = new Map<number, number>()
  private readonly stateChannels: number[][] = []
  private readonly transitions = new Map<number, number>()
  private denseTransitions: Float64Array | undefined
  private startCounts: number[] = []
  private conversionCounts: number[] = []
  private nullCounts: number[] = []
  private conversionValues: number[] = []
  paths = 0

  constructor(channelCount: number, order: number) {
    this.channelCount = channelCount
    this.order = order
    if (order === 1) {
      // first order: state = channel, and a dense count matrix beats a map at millions of steps
      this.denseTransitions = new Float64Array(channelCount * channelCount)
      for (let channel = 0; channel < channelCount; channel++) this.stateChannels.push([channel])
      this.startCounts = new Array(channelCount).fill(0)
      this.conversionCounts = new Array(channelCount).fill(0)
      this.nullCounts = new Array(channelCount).fill(0)
      this.conversionValues = new Array(channelCount).fill(0)
    }
  }

  private stateOf(channels: ArrayLike<number>, from: number, end: number): number {
    if (this.order === 1) return channels[end]
    const begin = Math.max(from, end - this.order + 1)
    let key = 0
    for (let index = begin; index <= end; index++) key = key * (this.channelCount + 1) + channels[index] + 1
    let state = this.stateIds.get(key)
    if (state === undefined) {
      state = this.stateChannels.length
      this.stateIds.set(key, state)
      const tuple: number[] = []
      for (let index = begin; index <= end; index++) tuple.push(channels[index])
      this.stateChannels.push(tuple)
      this.startCounts.push(0)
      this.conversionCounts.push(0)
      this.nullCounts.push(0)
      this.conversionValues.push(0)
    }
    return state
  }

  /** Adds one aggregated path: channels[from..to) with its conversions, nulls and conversion value. */
  addPath(
    channels: ArrayLike<number>,
    from: number,
    to: number,
    conversions: number,
    nulls: number,
    value: number,
  ) {
    if (to <= from) return
    const weight = conversions + nulls
    if (weight === 0) return
    this.paths += weight
    let state = this.stateOf(channels, from, from)
    this.startCounts[state] += weight
    for (let index = from + 1; index < to; index++) {
      const next = this.stateOf(channels, from, index)
      if (this.denseTransitions) this.denseTransitions[state * this.channelCount + next] += weight
      else {
        const key = state * 4_194_304 + next
        this.transitions.set(key, (this.transitions.get(key) ?? 0) + weight)
      }
      state = next
    }
    this.conversionCounts[state] += conversions
    this.nullCounts[state] += nulls
    this.conversionValues[state] += value
  }

  /** Exact removal effects from one LU factorisation of I − Q. */
  solve(): RemovalEffects {
    const size = this.stateChannels.length
    const matrix = new Float64Array(size * size)
    const outTotals = new Float64Array(size)
    for (let state = 0; state < size; state++) {
      outTotals[state] = this.conversionCounts[state] + this.nullCounts[state]
    }
    if (this.denseTransitions) {
      for (let state = 0; state < size; state++) {
        for (let next = 0; next < size; next++) {
          const count = this.denseTransitions[state * size + next]
          matrix[state * size + next] = count
          outTotals[state] += count
        }
      }
    } else {
      for (const [key, count] of this.transitions) {
        const state = Math.floor(key / 4_194_304)
        matrix[state * size + (key % 4_194_304)] = count
        outTotals[state] += count
      }
    }
    const start = new Float64Array(size)
    const toConversion = new Float64Array(size)
    const toValue = new Float64Array(size)
    for (let state = 0; state < size; state++) {
      const out = outTotals[state]
      start[state] = this.paths > 0 ? this.startCounts[state] / this.paths : 0
      // A = I − Q, row-normalised counts
      for (let next = 0; next < size; next++) {
        const probability = out > 0 ? matrix[state * size + next] / out : 0
        matrix[state * size + next] = (state === next ? 1 : 0) - probability
      }
      toConversion[state] = out > 0 ? this.conversionCounts[state] / out : 0
      toValue[state] = out > 0 ? this.conversionValues[state] / out : 0
    }
    const lu = factorise(matrix, size)
    const absorbConversion = solve(lu, toConversion)
    const absorbValue = solve(lu, toValue)
    const visits = solveTransposed(lu, start)
    let conversionProbability = 0
    let expectedValue = 0
    for (let state = 0; state < size; state++) {
      conversionProbability += start[state] * absorbConversion[state]
      expectedValue += start[state] * absorbValue[state]
    }
    const removed = this.removedOutcomes(
      lu,
      size,
      start,
      toConversion,
      toValue,
      absorbConversion,
      absorbValue,
      visits,
    )
    const conversion = new Float64Array(this.channelCount)
    const value = new Float64Array(this.channelCount)
    for (let channel = 0; channel < this.channelCount; channel++) {
      conversion[channel] =
        conversionProbability > 0 ? Math.max(0, 1 - removed.conversion[channel] / conversionProbability) : 0
      value[channel] = expectedValue > 0 ? Math.max(0, 1 - removed.value[channel] / expectedValue) : 0
    }
    return { conversionProbability, expectedValue, conversion, value, states: size, paths: this.paths }
  }

  /**
   * P(convert | channel removed) for every channel. Removing channel c sends every step into a
   * state S containing c to the null state; by the Schur complement of N = (I − Q)⁻¹,
   * s_T (A_TT)⁻¹ r_T = s_T N_TT r_T − (s_T N_TS) N_SS⁻¹ (N_ST r_T). For first order S = {c} and this
   * is P(convert) − h(c)·B(c, convert) with h(c) = (s·N)(c) / N(c,c).
   */
  private removedOutcomes(
    lu: ReturnType<typeof factorise>,
    size: number,
    start: Float64Array,
    toConversion: Float64Array,
    toValue: Float64Array,
    absorbConversion: Float64Array,
    absorbValue: Float64Array,
    visits: Float64Array,
  ): { conversion: Float64Array; value: Float64Array } {
    const statesOfChannel: number[][] = Array.from({ length: this.channelCount }, () => [])
    this.stateChannels.forEach((tuple, state) => {
      for (const channel of new Set(tuple)) statesOfChannel[channel].push(state)
    })
    const columns: Float64Array[] = []
    const unit = new Float64Array(size)
    for (let state = 0; state < size; state++) {
      unit[state] = 1
      const column = solve(lu, unit)
      unit[state] = 0
      // first order needs only the diagonal, which keeps memory linear in the channel count
      columns.push(this.order === 1 ? Float64Array.of(column[state]) : column)
    }
    const entry = (row: number, column: number) =>
      this.order === 1 ? (row === column ? columns[column][0] : 0) : columns[column][row]
    const conversion = new Float64Array(this.channelCount)
    const value = new Float64Array(this.channelCount)
    const baseConversion = start.reduce((sum, weight, state) => sum + weight * absorbConversion[state], 0)
    const baseValue = start.reduce((sum, weight, state) => sum + weight * absorbValue[state], 0)
    for (let channel = 0; channel < this.channelCount; channel++) {
      const states = statesOfChannel[channel]
      conversion[channel] = removedOutcome(
        states,
        entry,
        start,
        toConversion,
        absorbConversion,
        visits,
        baseConversion,
      )
      value[channel] = removedOutcome(states, entry, start, toValue, absorbValue, visits, baseValue)
    }
    return { conversion, value }
  }
}

function removedOutcome(
  states: readonly number[],
  entry: (row: number, column: number) => number,
  start: Float64Array,
  reward: Float64Array,
  absorb: Float64Array,
  visits: Float64Array,
  base: number,
): number {
  const count = states.length
  if (count === 0) return base
  // s_T N_TT r_T from full-vector quantities: remove the rows and columns of S, add back their overlap
  let kept = base
  for (const state of states) kept -= start[state] * absorb[state] + visits[state] * reward[state]
  const block = new Float64Array(count * count)
  const left = new Float64Array(count)
  const right = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    left[i] = visits[states[i]]
    right[i] = absorb[states[i]]
  }
  for (let i = 0; i < count; i++) {
    const row = states[i]
    for (let j = 0; j < count; j++) {
      const column = states[j]
      const value = entry(row, column)
      block[i * count + j] = value
      kept += start[row] * value * reward[column]
      // u = s_T N_TS = (sN)_S − s_S N_SS and w = N_ST r_T = (Nr)_S − N_SS r_S
      left[j] -= start[row] * value
      right[i] -= value * reward[column]
    }
  }
  const correction = solve(factorise(block, count), right)
  let product = 0
  for (let i = 0; i < count; i++) product += left[i] * correction[i]
  return Math.max(0, kept - product)
}
