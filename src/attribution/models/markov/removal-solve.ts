// Higher-order removal effects. Removing channel c sends every state that holds c to the null state,
// and P(convert | c removed) = s·x with x = Q̃x + r on the states left: one linear system per channel.
// Four channels are solved together, two rewards each, so each sweep reads the chain once for eight
// vectors; each sweep (Gauss–Seidel, in flow order) is followed by a correction on the coarse level
// (states grouped by current channel, see coarse-level.ts), which takes the error down about tenfold
// a sweep where Gauss–Seidel alone manages less than twofold. Each channel starts from the full
// chain's answer with its states zeroed.
import { type CoarseLevel, solveCoarse } from './coarse-level'
import type { SparseChain } from './sparse-chain'

/** Channels solved in one batch; each has two vectors (conversion and value). */
export const LANES = 4
const WIDTH = LANES * 2
const FULL_MASK = (1 << LANES) - 1
const TOLERANCE = 1e-15
const MAX_SWEEPS = 100_000
/** Sweeps also stop once the change still to come, estimated from the rate of convergence, is below this. */
const REMAINING = 1e-12
/** With the coarse level, the changes must at least halve over this many sweeps, or it is dropped. */
const COARSE_PATIENCE = 3

/** Everything a removal solve reads: plain typed arrays, so a job can be handed to another thread. */
export interface RemovalJob {
  /**
   * States are numbered in the order a sweep updates them, and every per-state array follows that
   * order; values are stored by slot instead (see removal-job.ts), and the chain's columns name the
   * slot of the state a step leads to.
   */
  chain: SparseChain
  slotOf: Int32Array
  positionOfSlot: Int32Array
  channelCount: number
  rewardConversion: Float64Array
  rewardValue: Float64Array
  /** States a path can start in, and the share of paths that start in each. */
  startStates: Int32Array
  startShares: Float64Array
  /** The states holding each channel, in compressed rows. */
  channelStart: Int32Array
  channelStates: Int32Array
  coarse?: CoarseLevel
  /** The full chain's absorption probabilities and values: every channel's starting point. */
  baseConversion: Float64Array
  baseValue: Float64Array
}

interface BatchMemory {
  values: Float64Array
  restriction: Float64Array
  blocked: Uint8Array
  residual: Float64Array
  correction: Float64Array
}

function allocate(job: RemovalJob): BatchMemory {
  const size = job.chain.size
  const groups = job.coarse?.groups ?? 0
  return {
    values: new Float64Array(size * WIDTH),
    restriction: new Float64Array(job.coarse ? size * LANES : 0),
    blocked: new Uint8Array(size),
    residual: new Float64Array(groups * WIDTH),
    correction: new Float64Array(groups * WIDTH),
  }
}

/** Sets up one batch: which states each lane blocks, its starting values and its restriction weights. */
function prepareBatch(job: RemovalJob, lanes: Int32Array, memory: BatchMemory, isFromBase: boolean): void {
  const { chain, channelStart, channelStates, coarse } = job
  const { values, restriction, blocked } = memory
  const size = chain.size
  blocked.fill(0)
  for (let lane = 0; lane < LANES; lane++) {
    const channel = lanes[lane]
    if (channel < 0) continue
    for (let at = channelStart[channel]; at < channelStart[channel + 1]; at++)
      blocked[channelStates[at]] |= 1 << lane
  }
  for (let state = 0; state < size; state++) {
    const mask = blocked[state]
    const conversion = isFromBase ? job.baseConversion[state] : 0
    const value = isFromBase ? job.baseValue[state] : 0
    const offset = job.slotOf[state] * WIDTH
    for (let lane = 0; lane < LANES; lane++) {
      const isBlocked = (mask >> lane) & 1
      values[offset + lane * 2] = isBlocked ? 0 : conversion
      values[offset + lane * 2 + 1] = isBlocked ? 0 : value
    }
  }
  if (!coarse) return
  for (let state = 0; state < size; state++)
    for (let lane = 0; lane < LANES; lane++) restriction[state * LANES + lane] = coarse.restriction[state]
  // a removed state is no equation, so its row leaves no residual to restrict
  for (let lane = 0; lane < LANES; lane++) {
    const channel = lanes[lane]
    if (channel < 0) continue
    for (let at = channelStart[channel]; at < channelStart[channel + 1]; at++) {
      const state = channelStates[at]
      for (let entry = chain.rowStart[state]; entry < chain.rowStart[state + 1]; entry++) {
        const next = job.positionOfSlot[chain.column[entry]]
        if (state < next) restriction[next * LANES + lane] -= coarse.visits[state] * chain.probability[entry]
      }
    }
  }
}

/**
 * One Gauss–Seidel sweep over all eight vectors. change and scale receive the largest change and the
 * largest value, [0] over the four conversion vectors and [1] over the four value vectors.
 */
function sweep(
  job: RemovalJob,
  memory: BatchMemory,
  change: Float64Array,
  scale: Float64Array,
  isCoarse: boolean,
): void {
  const { rowStart, column, probability, selfLoop, size } = job.chain
  const { rewardConversion, rewardValue } = job
  const { values, restriction, blocked, residual } = memory
  const previousGroup = job.coarse?.previousGroup
  let changeConversion = 0
  let changeValue = 0
  let scaleConversion = 0
  let scaleValue = 0
  const { slotOf } = job
  if (isCoarse) residual.fill(0)
  for (let state = 0; state < size; state++) {
    const mask = blocked[state]
    if (mask === FULL_MASK) continue
    const conversion = rewardConversion[state]
    const value = rewardValue[state]
    let a0 = conversion
    let a1 = value
    let a2 = conversion
    let a3 = value
    let a4 = conversion
    let a5 = value
    let a6 = conversion
    let a7 = value
    for (let entry = rowStart[state]; entry < rowStart[state + 1]; entry++) {
      const p = probability[entry]
      const b = column[entry] * WIDTH
      a0 += p * values[b]
      a1 += p * values[b + 1]
      a2 += p * values[b + 2]
      a3 += p * values[b + 3]
      a4 += p * values[b + 4]
      a5 += p * values[b + 5]
      a6 += p * values[b + 6]
      a7 += p * values[b + 7]
    }
    const keep = 1 / (1 - selfLoop[state])
    if (mask !== 0) {
      // a removed state stays at zero
      if (mask & 1) a0 = a1 = 0
      if (mask & 2) a2 = a3 = 0
      if (mask & 4) a4 = a5 = 0
      if (mask & 8) a6 = a7 = 0
    }
    const o = slotOf[state] * WIDTH
    a0 *= keep
    a1 *= keep
    a2 *= keep
    a3 *= keep
    a4 *= keep
    a5 *= keep
    a6 *= keep
    a7 *= keep
    const d0 = a0 - values[o]
    const d1 = a1 - values[o + 1]
    const d2 = a2 - values[o + 2]
    const d3 = a3 - values[o + 3]
    const d4 = a4 - values[o + 4]
    const d5 = a5 - values[o + 5]
    const d6 = a6 - values[o + 6]
    const d7 = a7 - values[o + 7]
    values[o] = a0
    values[o + 1] = a1
    values[o + 2] = a2
    values[o + 3] = a3
    values[o + 4] = a4
    values[o + 5] = a5
    values[o + 6] = a6
    values[o + 7] = a7
    changeConversion = Math.max(changeConversion, Math.abs(d0), Math.abs(d2), Math.abs(d4), Math.abs(d6))
    changeValue = Math.max(changeValue, Math.abs(d1), Math.abs(d3), Math.abs(d5), Math.abs(d7))
    scaleConversion = Math.max(scaleConversion, a0, a2, a4, a6)
    scaleValue = Math.max(scaleValue, a1, a3, a5, a7)
    const group = isCoarse && previousGroup ? previousGroup[state] : -1
    if (group < 0) continue
    const r = state * LANES
    const g = group * WIDTH
    const r0 = restriction[r]
    const r1 = restriction[r + 1]
    const r2 = restriction[r + 2]
    const r3 = restriction[r + 3]
    residual[g] += r0 * d0
    residual[g + 1] += r0 * d1
    residual[g + 2] += r1 * d2
    residual[g + 3] += r1 * d3
    residual[g + 4] += r2 * d4
    residual[g + 5] += r2 * d5
    residual[g + 6] += r3 * d6
    residual[g + 7] += r3 * d7
  }
  change[0] = changeConversion
  change[1] = changeValue
  scale[0] = scaleConversion
  scale[1] = scaleValue
}

/** Adds the coarse correction to every state a lane keeps. */
function correct(job: RemovalJob, coarse: CoarseLevel, lanes: Int32Array, memory: BatchMemory): void {
  const { residual, correction, values, blocked } = memory
  for (let g = 0; g < coarse.groups; g++) {
    const weight = coarse.groupWeight[g]
    for (let vector = 0; vector < WIDTH; vector++)
      residual[g * WIDTH + vector] = weight > 0 ? residual[g * WIDTH + vector] / weight : 0
  }
  solveCoarse(coarse, lanes, residual, correction)
  const { group } = coarse
  for (let state = 0; state < job.chain.size; state++) {
    const mask = blocked[state]
    const offset = job.slotOf[state] * WIDTH
    const from = group[state] * WIDTH
    if (mask === 0)
      for (let vector = 0; vector < WIDTH; vector++) values[offset + vector] += correction[from + vector]
    else
      for (let vector = 0; vector < WIDTH; vector++)
        if (!((mask >> (vector >> 1)) & 1)) values[offset + vector] += correction[from + vector]
  }
}

/** Sweeps until every vector has converged. */
function iterate(job: RemovalJob, lanes: Int32Array, memory: BatchMemory): void {
  const change = new Float64Array(2)
  const scale = new Float64Array(2)
  const previous = new Float64Array(2).fill(Number.POSITIVE_INFINITY)
  const history = new Float64Array(COARSE_PATIENCE)
  let isCoarse = job.coarse !== undefined
  for (let count = 0; count < MAX_SWEEPS; count++) {
    sweep(job, memory, change, scale, isCoarse)
    let isDone = true
    let largest = 0
    for (let reward = 0; reward < 2; reward++) {
      const relative = change[reward] === 0 ? 0 : change[reward] / scale[reward]
      const rate = relative / previous[reward]
      previous[reward] = relative
      largest = Math.max(largest, relative)
      if (relative <= TOLERANCE) continue
      // the error left is about relative·ρ/(1 − ρ), with ρ the rate the changes shrink at
      if (count > 0 && relative <= 1e-9 && rate < 0.5 && (relative * rate) / (1 - rate) <= REMAINING) continue
      isDone = false
    }
    if (isDone) return
    // Gauss–Seidel alone converges from any start; the coarse level only speeds it up, and on a chain
    // where it does not (an aggregate can overshoot, so sweeps and corrections undo each other), the
    // sweeps go on without it
    const slot = count % COARSE_PATIENCE
    if (count >= COARSE_PATIENCE && largest > 0.5 * history[slot]) isCoarse = false
    history[slot] = largest
    if (isCoarse && job.coarse) correct(job, job.coarse, lanes, memory)
  }
}

function readAnswers(job: RemovalJob, memory: BatchMemory, lane: number): [number, number] {
  let conversion = 0
  let value = 0
  for (let at = 0; at < job.startStates.length; at++) {
    const offset = job.slotOf[job.startStates[at]] * WIDTH + lane * 2
    conversion += job.startShares[at] * memory.values[offset]
    value += job.startShares[at] * memory.values[offset + 1]
  }
  return [conversion, value]
}

/** The full chain's answer (into job.baseConversion and job.baseValue), solved from zero. */
export function solveBase(job: RemovalJob): void {
  const memory = allocate(job)
  const lanes = new Int32Array(LANES).fill(-1)
  prepareBatch(job, lanes, memory, false)
  iterate(job, lanes, memory)
  for (let state = 0; state < job.chain.size; state++) {
    job.baseConversion[state] = memory.values[job.slotOf[state] * WIDTH]
    job.baseValue[state] = memory.values[job.slotOf[state] * WIDTH + 1]
  }
}

/**
 * P(convert) and the expected value with each listed channel removed, into out[2i] and out[2i + 1]
 * for the i-th channel listed. Batches are taken in turn from `next` (an index into the batches of
 * `channels`), so two threads can share the work; returns how many batches this call solved.
 */
export function solveRemovals(
  job: RemovalJob,
  channels: Int32Array,
  out: Float64Array,
  takeBatch: () => number = createCounter(),
): number {
  const memory = allocate(job)
  const lanes = new Int32Array(LANES)
  const batches = Math.ceil(channels.length / LANES)
  let solved = 0
  for (let batch = takeBatch(); batch < batches; batch = takeBatch()) {
    const first = batch * LANES
    const count = Math.min(LANES, channels.length - first)
    // a short last batch repeats its last channel in the spare lanes
    for (let lane = 0; lane < LANES; lane++) lanes[lane] = channels[first + Math.min(lane, count - 1)]
    prepareBatch(job, lanes, memory, true)
    iterate(job, lanes, memory)
    for (let lane = 0; lane < count; lane++) {
      const [conversion, value] = readAnswers(job, memory, lane)
      out[(first + lane) * 2] = conversion
      out[(first + lane) * 2 + 1] = value
    }
    solved++
  }
  return solved
}

function createCounter(): () => number {
  let next = 0
  return () => next++
}
