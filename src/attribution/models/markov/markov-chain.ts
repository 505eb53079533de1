import { createNumberIndex, type NumberIndex } from '../../number-index'
import { solveAbsorption } from './absorption-iteration'
import { solveFirstOrder } from './first-order-solve'
import { flowOrder, predecessors, renumberChain, type SparseChain } from './sparse-chain'

/** First order is solved by elimination up to this many channels, and by iteration beyond. */
const FIRST_ORDER_ELIMINATION_LIMIT = 4000
/** First-order transitions are counted in a dense matrix up to this many channels. */
const DENSE_COUNT_LIMIT = 2048
/** Transition keys are from·2^26 + to: states are numbered below 2^26. */
const STATE_SPAN = 67_108_864
/** Higher orders count steps per (state, channel) in arrays while states × channels can stay below this. */
const STEP_ARRAY_LIMIT = 1 << 22

export interface RemovalEffects {
  conversionProbability: number
  expectedValue: number
  /** Per channel: 1 − P(convert | channel removed) / P(convert). */
  conversion: Float64Array
  value: Float64Array
  states: number
  paths: number
}

function grow(values: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  if (size <= values.length) return values
  const larger = new Float64Array(Math.max(size, values.length * 2))
  larger.set(values)
  return larger
}

/**
 * Accumulates path counts into a sparse transition graph. States are the last `order` channels
 * seen; a path's first states are shorter tuples, as in the published higher-order definition.
 * A state's key packs its channels in base (channels + 1), so any order the data supports fits.
 */
export class ChainBuilder {
  readonly channelCount: number
  readonly order: number
  private readonly states: NumberIndex | undefined
  private readonly transitions: NumberIndex
  private transitionCounts: Float64Array<ArrayBuffer> = new Float64Array(1024)
  private readonly denseCounts: Float64Array | undefined
  private startCounts: Float64Array<ArrayBuffer>
  private conversionCounts: Float64Array<ArrayBuffer>
  private nullCounts: Float64Array<ArrayBuffer>
  private conversionValues: Float64Array<ArrayBuffer>
  /**
   * Higher orders with few enough states: the state a step leads to and the step's count, per
   * (state · channels + channel). A state and the next channel fix the next state, so after the
   * first time a step is met, counting it takes no hash lookup.
   */
  private stepNext: Int32Array<ArrayBuffer> | undefined
  private stepCounts: Float64Array<ArrayBuffer> = new Float64Array(0)
  /** The state of a path that starts with each channel, −1 until met. */
  private readonly firstState: Int32Array
  paths = 0

  constructor(channelCount: number, order: number) {
    this.channelCount = channelCount
    this.order = order
    const initial = order === 1 ? channelCount : Math.max(1024, channelCount * 4)
    if (order > 1) this.states = createNumberIndex(initial)
    else if (channelCount <= DENSE_COUNT_LIMIT)
      this.denseCounts = new Float64Array(channelCount * channelCount)
    this.transitions = createNumberIndex(order === 1 ? 1024 : initial * 4)
    this.firstState = new Int32Array(channelCount).fill(-1)
    if (order > 1 && (channelCount + 1) ** order * channelCount <= STEP_ARRAY_LIMIT) {
      this.stepNext = new Int32Array(initial * channelCount).fill(-1)
      this.stepCounts = new Float64Array(initial * channelCount)
    }
    this.startCounts = new Float64Array(initial)
    this.conversionCounts = new Float64Array(initial)
    this.nullCounts = new Float64Array(initial)
    this.conversionValues = new Float64Array(initial)
  }

  get stateCount(): number {
    return this.states ? this.states.size : this.channelCount
  }

  private stateOf(channels: ArrayLike<number>, from: number, end: number): number {
    if (!this.states) return channels[end]
    const begin = Math.max(from, end - this.order + 1)
    let key = 0
    for (let index = begin; index <= end; index++) key = key * (this.channelCount + 1) + channels[index] + 1
    const state = this.states.idOf(key)
    if (state >= this.startCounts.length) {
      const size = state + 1
      this.startCounts = grow(this.startCounts, size)
      this.conversionCounts = grow(this.conversionCounts, size)
      this.nullCounts = grow(this.nullCounts, size)
      this.conversionValues = grow(this.conversionValues, size)
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
    const firstChannel = channels[from]
    let state = this.firstState[firstChannel]
    if (state < 0) state = this.firstState[firstChannel] = this.stateOf(channels, from, from)
    this.startCounts[state] += weight
    if (this.stepNext) {
      const width = this.channelCount
      for (let index = from + 1; index < to; index++) {
        const step = state * width + channels[index]
        if (step >= this.stepNext.length) this.growSteps(step + 1)
        let next = this.stepNext[step]
        if (next < 0) next = this.stepNext[step] = this.stateOf(channels, from, index)
        this.stepCounts[step] += weight
        state = next
      }
    } else
      for (let index = from + 1; index < to; index++) {
        const next = this.stateOf(channels, from, index)
        if (this.denseCounts) this.denseCounts[state * this.channelCount + next] += weight
        else {
          const id = this.transitions.idOf(state * STATE_SPAN + next)
          if (id >= this.transitionCounts.length) this.transitionCounts = grow(this.transitionCounts, id + 1)
          this.transitionCounts[id] += weight
        }
        state = next
      }
    this.conversionCounts[state] += conversions
    this.nullCounts[state] += nulls
    this.conversionValues[state] += value
  }

  private growSteps(size: number): void {
    const stepNext = this.stepNext
    if (!stepNext) return
    const larger = new Int32Array(Math.max(size, stepNext.length * 2)).fill(-1)
    larger.set(stepNext)
    this.stepNext = larger
    this.stepCounts = grow(this.stepCounts, larger.length)
  }

  /** The channels of each state, for the states that hold each channel. */
  private channelsOfState(state: number): number[] {
    if (!this.states) return [state]
    const channels: number[] = []
    let key = this.states.keyOf(state)
    while (key > 0) {
      const channel = (key % (this.channelCount + 1)) - 1
      if (!channels.includes(channel)) channels.push(channel)
      key = Math.floor(key / (this.channelCount + 1))
    }
    return channels
  }

  /**
   * Higher-order states are renumbered by key, so the chain (and every float operation on it) is
   * the same whatever order the paths came in.
   */
  private canonicalOrder(): Int32Array {
    const size = this.stateCount
    const states = this.states
    const order = Int32Array.from({ length: size }, (_, state) => state)
    if (!states) return order
    const keys = Float64Array.from(order, (state) => states.keyOf(state))
    return order.sort((a, b) => keys[a] - keys[b])
  }

  /** Row-normalised transition probabilities in compressed rows, states in canonical order. */
  private buildChain(canonical: Int32Array): { chain: SparseChain; outTotals: Float64Array } {
    const size = this.stateCount
    const renumber = new Int32Array(size)
    canonical.forEach((state, position) => {
      renumber[state] = position
    })
    const outTotals = new Float64Array(size)
    for (let position = 0; position < size; position++)
      outTotals[position] = this.conversionCounts[canonical[position]] + this.nullCounts[canonical[position]]
    const rowStart = new Int32Array(size + 1)
    const selfLoop = new Float64Array(size)
    const edges: { from: Int32Array; to: Int32Array; count: Float64Array<ArrayBufferLike> } = {
      from: new Int32Array(0),
      to: new Int32Array(0),
      count: new Float64Array(0),
    }
    if (this.denseCounts) {
      let total = 0
      for (let cell = 0; cell < this.denseCounts.length; cell++) if (this.denseCounts[cell] !== 0) total++
      edges.from = new Int32Array(total)
      edges.to = new Int32Array(total)
      edges.count = new Float64Array(total)
      let edge = 0
      for (let cell = 0; cell < this.denseCounts.length; cell++) {
        if (this.denseCounts[cell] === 0) continue
        edges.from[edge] = Math.floor(cell / size)
        edges.to[edge] = cell % size
        edges.count[edge++] = this.denseCounts[cell]
      }
    } else if (this.stepNext) {
      const width = this.channelCount
      const stepCount = Math.min(this.stepCounts.length, size * width)
      let total = 0
      for (let step = 0; step < stepCount; step++) if (this.stepCounts[step] !== 0) total++
      edges.from = new Int32Array(total)
      edges.to = new Int32Array(total)
      edges.count = new Float64Array(total)
      let edge = 0
      for (let step = 0; step < stepCount; step++) {
        if (this.stepCounts[step] === 0) continue
        edges.from[edge] = renumber[Math.floor(step / width)]
        edges.to[edge] = renumber[this.stepNext[step]]
        edges.count[edge++] = this.stepCounts[step]
      }
    } else {
      const total = this.transitions.size
      edges.from = new Int32Array(total)
      edges.to = new Int32Array(total)
      edges.count = this.transitionCounts.subarray(0, total)
      for (let edge = 0; edge < total; edge++) {
        const key = this.transitions.keyOf(edge)
        edges.from[edge] = renumber[Math.floor(key / STATE_SPAN)]
        edges.to[edge] = renumber[key % STATE_SPAN]
      }
    }
    for (let edge = 0; edge < edges.from.length; edge++) {
      outTotals[edges.from[edge]] += edges.count[edge]
      if (edges.from[edge] !== edges.to[edge]) rowStart[edges.from[edge] + 1]++
    }
    for (let state = 0; state < size; state++) rowStart[state + 1] += rowStart[state]
    const fill = rowStart.slice(0, size)
    const column = new Int32Array(rowStart[size])
    const probability = new Float64Array(rowStart[size])
    for (let edge = 0; edge < edges.from.length; edge++) {
      const from = edges.from[edge]
      const p = edges.count[edge] / outTotals[from]
      if (from === edges.to[edge]) selfLoop[from] = p
      else {
        column[fill[from]] = edges.to[edge]
        probability[fill[from]++] = p
      }
    }
    return { chain: { size, rowStart, column, probability, selfLoop }, outTotals }
  }

  /** Exact removal effects: by elimination for first order, by iteration per channel otherwise. */
  solve(): RemovalEffects {
    const canonical = this.canonicalOrder()
    const { chain, outTotals } = this.buildChain(canonical)
    const size = chain.size
    const start = new Float64Array(size)
    const toConversion = new Float64Array(size)
    const toValue = new Float64Array(size)
    for (let state = 0; state < size; state++) {
      const out = outTotals[state]
      const original = canonical[state]
      start[state] = this.paths > 0 ? this.startCounts[original] / this.paths : 0
      toConversion[state] = out > 0 ? this.conversionCounts[original] / out : 0
      toValue[state] = out > 0 ? this.conversionValues[original] / out : 0
    }
    const removedConversion = new Float64Array(this.channelCount)
    const removedValue = new Float64Array(this.channelCount)
    let conversionProbability = 0
    let expectedValue = 0
    if (this.order === 1 && size <= FIRST_ORDER_ELIMINATION_LIMIT) {
      // P(convert | c removed) = P(convert) − h(c)·B(c), h(c) = (s·N)(c) / N(c, c)
      const solution = solveFirstOrder(chain, start, toConversion, toValue)
      for (let state = 0; state < size; state++) {
        conversionProbability += start[state] * solution.absorbConversion[state]
        expectedValue += start[state] * solution.absorbValue[state]
      }
      for (let channel = 0; channel < size; channel++) {
        const reach = solution.visits[channel] / solution.diagonal[channel]
        removedConversion[channel] = conversionProbability - reach * solution.absorbConversion[channel]
        removedValue[channel] = expectedValue - reach * solution.absorbValue[channel]
      }
    } else {
      // renumber so the sweeps follow the flow, then solve each removal only where it can matter
      const sweep = flowOrder(chain)
      const flow = renumberChain(chain, sweep)
      const flowStart = Float64Array.from(sweep, (state) => start[state])
      const flowConversion = Float64Array.from(sweep, (state) => toConversion[state])
      const flowValue = Float64Array.from(sweep, (state) => toValue[state])
      const baseConversion = new Float64Array(size)
      const baseValue = new Float64Array(size)
      solveAbsorption(flow, flowConversion, flowValue, baseConversion, baseValue)
      for (let state = 0; state < size; state++) {
        conversionProbability += flowStart[state] * baseConversion[state]
        expectedValue += flowStart[state] * baseValue[state]
      }
      const statesOfChannel: number[][] = Array.from({ length: this.channelCount }, () => [])
      for (let state = 0; state < size; state++) {
        for (const channel of this.channelsOfState(canonical[sweep[state]]))
          statesOfChannel[channel]?.push(state)
      }
      const incoming = predecessors(flow)
      const blocked = new Uint8Array(size)
      const reaches = new Uint8Array(size)
      const queue = new Int32Array(size)
      const workConversion = new Float64Array(size)
      const workValue = new Float64Array(size)
      for (let channel = 0; channel < this.channelCount; channel++) {
        const states = statesOfChannel[channel] ?? []
        if (states.length === 0) {
          removedConversion[channel] = conversionProbability
          removedValue[channel] = expectedValue
          continue
        }
        // only states that can reach a removed state change; the rest keep the full chain's values
        let queued = 0
        for (const state of states) {
          blocked[state] = 1
          reaches[state] = 1
          queue[queued++] = state
        }
        for (let head = 0; head < queued; head++) {
          const state = queue[head]
          for (let entry = incoming.rowStart[state]; entry < incoming.rowStart[state + 1]; entry++) {
            const from = incoming.column[entry]
            if (reaches[from]) continue
            reaches[from] = 1
            queue[queued++] = from
          }
        }
        let activeCount = 0
        for (let state = 0; state < size; state++)
          if (reaches[state] && !blocked[state]) queue[activeCount++] = state
        workConversion.set(baseConversion)
        workValue.set(baseValue)
        solveAbsorption(
          flow,
          flowConversion,
          flowValue,
          workConversion,
          workValue,
          blocked,
          queue,
          activeCount,
        )
        let conversion = 0
        let value = 0
        for (let state = 0; state < size; state++) {
          conversion += flowStart[state] * workConversion[state]
          value += flowStart[state] * workValue[state]
        }
        removedConversion[channel] = conversion
        removedValue[channel] = value
        for (const state of states) blocked[state] = 0
        reaches.fill(0)
      }
    }
    const conversion = new Float64Array(this.channelCount)
    const value = new Float64Array(this.channelCount)
    for (let channel = 0; channel < this.channelCount; channel++) {
      conversion[channel] =
        conversionProbability > 0 ? Math.max(0, 1 - removedConversion[channel] / conversionProbability) : 0
      value[channel] = expectedValue > 0 ? Math.max(0, 1 - removedValue[channel] / expectedValue) : 0
    }
    return { conversionProbability, expectedValue, conversion, value, states: size, paths: this.paths }
  }
}
