import { createNumberIndex, type NumberIndex } from '../../number-index'
import { type RemovalEffects, type RemovalThreads, solveRemovalEffects } from './removal-effects'
import type { CountedChain, SparseChain } from './sparse-chain'

/** First-order transitions are counted in a dense matrix up to this many channels. */
const DENSE_COUNT_LIMIT = 2048
/** Transition keys are from·2^26 + to: states are numbered below 2^26. */
const STATE_SPAN = 67_108_864
/** Higher orders count steps per (state, channel) in arrays while states × channels can stay below this. */
const STEP_ARRAY_LIMIT = 1 << 22

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
  private transitions: NumberIndex
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

  /** A state's channels, the current one last, into `into` from `at`; shorter states end early. */
  private writeChannels(state: number, into: Int32Array, at: number): void {
    if (!this.states) {
      into[at] = state
      return
    }
    const base = this.channelCount + 1
    let key = this.states.keyOf(state)
    let length = 0
    for (let rest = key; rest > 0; rest = Math.floor(rest / base)) length++
    for (let position = length - 1; position >= 0; position--) {
      into[at + position] = (key % base) - 1
      key = Math.floor(key / base)
    }
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

  /** The counted chain: transition probabilities, start shares, rewards and each state's channels. */
  count(): CountedChain {
    const canonical = this.canonicalOrder()
    const { chain, outTotals } = this.buildChain(canonical)
    const size = chain.size
    const start = new Float64Array(size)
    const toConversion = new Float64Array(size)
    const toValue = new Float64Array(size)
    const stateChannels = new Int32Array(size * this.order).fill(-1)
    for (let state = 0; state < size; state++) {
      const out = outTotals[state]
      const original = canonical[state]
      start[state] = this.paths > 0 ? this.startCounts[original] / this.paths : 0
      toConversion[state] = out > 0 ? this.conversionCounts[original] / out : 0
      toValue[state] = out > 0 ? this.conversionValues[original] / out : 0
      this.writeChannels(original, stateChannels, state * this.order)
    }
    return {
      chain,
      channelCount: this.channelCount,
      order: this.order,
      paths: this.paths,
      start,
      toConversion,
      toValue,
      visits: outTotals,
      stateChannels,
    }
  }

  /**
   * Exact removal effects: by elimination for first order, by iteration per channel otherwise. The
   * last use of a builder: the step counts (the bulk of its memory) are let go once the chain is built.
   */
  solve(threads?: RemovalThreads): RemovalEffects {
    const counted = this.count()
    this.transitions = createNumberIndex(0)
    this.transitionCounts = new Float64Array(0)
    this.stepNext = undefined
    this.stepCounts = new Float64Array(0)
    return solveRemovalEffects(counted, threads)
  }
}
