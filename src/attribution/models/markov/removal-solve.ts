// Higher-order removal effects. Removing channel c sends every state that holds c to the null state;
// with w the expected visits to each state on the chain that is left (w = s + wQ̃),
// P(convert | c removed) = w·r and the expected value is w·v, so one solve per channel gives both.
// Eight channels are solved together, so each sweep reads the chain once for eight solves; each
// sweep (Gauss–Seidel) is followed by a correction on the coarse level (see coarse-level.ts), which
// takes the error down five- to tenfold a sweep. Each channel starts from the full chain's visits
// (known from the counts) with its own states zeroed.
import { type CoarseLevel, solveCoarse } from './coarse-level'
import type { SparseChain } from './sparse-chain'

/** Channels solved in one batch, one lane each. */
export const LANES = 8
const FULL_MASK = (1 << LANES) - 1
const MAX_SWEEPS = 100_000
/** Sweeps stop once the change still to come could move no removal effect by more than this. */
export const REMAINING = 1e-11
/** With the coarse level, the changes must at least halve over this many sweeps, or it is dropped. */
const COARSE_PATIENCE = 3

/** Everything a removal solve reads: plain typed arrays, so a job can be handed to another thread. */
export interface RemovalJob {
  /**
   * The chain transposed: row t lists the states a step into t comes from. Rows are in key order,
   * the order sweeps take; values are stored by slot (see removal-job.ts), and the columns name the
   * slot of each predecessor.
   */
  incoming: SparseChain
  slotOf: Int32Array
  stateOfSlot: Int32Array
  channelCount: number
  /** Share of paths starting in each state. */
  start: Float64Array
  /** The full chain's expected visits per path. */
  visits: Float64Array
  rewardConversion: Float64Array
  rewardValue: Float64Array
  /** The states holding each channel, in compressed rows. */
  channelStart: Int32Array
  channelStates: Int32Array
  coarse?: CoarseLevel
  /** Sweeps stop once what is left of the visits, summed over the lanes, is below this. */
  threshold: number
}

interface BatchMemory {
  values: Float64Array
  blocked: Uint8Array
  blockedBySlot: Uint8Array
  residual: Float64Array
  correction: Float64Array
}

function allocate(job: RemovalJob): BatchMemory {
  const size = job.incoming.size
  const groups = job.coarse?.groups ?? 0
  return {
    values: new Float64Array(size * LANES),
    blocked: new Uint8Array(size),
    blockedBySlot: new Uint8Array(size),
    residual: new Float64Array(groups * LANES),
    correction: new Float64Array(groups * LANES),
  }
}

/** Sets up one batch: which states each lane blocks, and its starting values. */
function prepareBatch(job: RemovalJob, lanes: Int32Array, memory: BatchMemory): void {
  const { incoming, channelStart, channelStates, slotOf, visits } = job
  const { values, blocked } = memory
  const size = incoming.size
  blocked.fill(0)
  for (let lane = 0; lane < LANES; lane++) {
    const channel = lanes[lane]
    for (let at = channelStart[channel]; at < channelStart[channel + 1]; at++)
      blocked[channelStates[at]] |= 1 << lane
  }
  for (let state = 0; state < size; state++) {
    const mask = blocked[state]
    memory.blockedBySlot[slotOf[state]] = mask
    const offset = slotOf[state] * LANES
    for (let lane = 0; lane < LANES; lane++) values[offset + lane] = (mask >> lane) & 1 ? 0 : visits[state]
  }
  const { coarse } = job
  if (!coarse) return
  // the residual of that start: the visits that stepped from a removed state into a kept one are
  // missing there, and land in the group of the removed state's current channel
  const { residual } = memory
  residual.fill(0)
  for (let lane = 0; lane < LANES; lane++) {
    const channel = lanes[lane]
    for (let at = channelStart[channel]; at < channelStart[channel + 1]; at++) {
      const removed = channelStates[at]
      residual[coarse.current[removed] * LANES + lane] -= visits[removed] * coarse.leaving[removed]
      for (let entry = incoming.rowStart[removed]; entry < incoming.rowStart[removed + 1]; entry++) {
        const from = job.stateOfSlot[incoming.column[entry]]
        if ((blocked[from] >> lane) & 1)
          residual[coarse.current[from] * LANES + lane] += visits[from] * incoming.probability[entry]
      }
    }
  }
}

/** One Gauss–Seidel sweep over the eight lanes; returns the summed size of the changes. */
function sweep(job: RemovalJob, memory: BatchMemory, isCoarse: boolean): number {
  const { rowStart, column, probability, selfLoop, size } = job.incoming
  const { start, slotOf } = job
  const { values, blocked, residual } = memory
  const current = job.coarse?.current
  const restriction = job.coarse?.restriction
  let change = 0
  if (isCoarse) residual.fill(0)
  for (let state = 0; state < size; state++) {
    const mask = blocked[state]
    if (mask === FULL_MASK) continue
    const first = start[state]
    let a0 = first
    let a1 = first
    let a2 = first
    let a3 = first
    let a4 = first
    let a5 = first
    let a6 = first
    let a7 = first
    for (let entry = rowStart[state]; entry < rowStart[state + 1]; entry++) {
      const p = probability[entry]
      const b = column[entry] * LANES
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
    const o = slotOf[state] * LANES
    let d0 = a0 * keep - values[o]
    let d1 = a1 * keep - values[o + 1]
    let d2 = a2 * keep - values[o + 2]
    let d3 = a3 * keep - values[o + 3]
    let d4 = a4 * keep - values[o + 4]
    let d5 = a5 * keep - values[o + 5]
    let d6 = a6 * keep - values[o + 6]
    let d7 = a7 * keep - values[o + 7]
    if (mask !== 0) {
      // a removed state stays at zero
      if (mask & 1) d0 = 0
      if (mask & 2) d1 = 0
      if (mask & 4) d2 = 0
      if (mask & 8) d3 = 0
      if (mask & 16) d4 = 0
      if (mask & 32) d5 = 0
      if (mask & 64) d6 = 0
      if (mask & 128) d7 = 0
    }
    values[o] += d0
    values[o + 1] += d1
    values[o + 2] += d2
    values[o + 3] += d3
    values[o + 4] += d4
    values[o + 5] += d5
    values[o + 6] += d6
    values[o + 7] += d7
    change +=
      Math.abs(d0) +
      Math.abs(d1) +
      Math.abs(d2) +
      Math.abs(d3) +
      Math.abs(d4) +
      Math.abs(d5) +
      Math.abs(d6) +
      Math.abs(d7)
    if (!isCoarse || !current || !restriction) continue
    // the residual this change leaves lands in the group of this state's current channel (the few
    // steps into removed states are counted too: that only blurs the correction, never the answer)
    const r = restriction[state]
    const g = current[state] * LANES
    residual[g] += r * d0
    residual[g + 1] += r * d1
    residual[g + 2] += r * d2
    residual[g + 3] += r * d3
    residual[g + 4] += r * d4
    residual[g + 5] += r * d5
    residual[g + 6] += r * d6
    residual[g + 7] += r * d7
  }
  return change
}

/** Adds the coarse correction, shared out by the full chain's visits, to every state a lane keeps. */
function correct(job: RemovalJob, coarse: CoarseLevel, lanes: Int32Array, memory: BatchMemory): void {
  const { residual, correction, values, blockedBySlot } = memory
  solveCoarse(coarse, lanes, residual, correction)
  const { groupBySlot, shareBySlot } = coarse
  for (let slot = 0; slot < job.incoming.size; slot++) {
    const group = groupBySlot[slot]
    if (group < 0) continue
    const mask = blockedBySlot[slot]
    const offset = slot * LANES
    const from = group * LANES
    const weight = shareBySlot[slot]
    if (mask === 0)
      for (let lane = 0; lane < LANES; lane++) values[offset + lane] += weight * correction[from + lane]
    else
      for (let lane = 0; lane < LANES; lane++)
        if (!((mask >> lane) & 1)) values[offset + lane] += weight * correction[from + lane]
  }
}

/** Sweeps until what is left to change is below the job's threshold. */
function iterate(job: RemovalJob, lanes: Int32Array, memory: BatchMemory): void {
  const history = new Float64Array(COARSE_PATIENCE)
  let isCoarse = job.coarse !== undefined
  let previous = Number.POSITIVE_INFINITY
  if (job.coarse) correct(job, job.coarse, lanes, memory)
  for (let count = 0; count < MAX_SWEEPS; count++) {
    const change = sweep(job, memory, isCoarse)
    if (change === 0) return
    // the change still to come is about change·ρ/(1 − ρ), with ρ the rate the changes shrink at
    const rate = change / previous
    previous = change
    if (count > 0 && rate < 0.5 && (change * rate) / (1 - rate) <= job.threshold) return
    // Gauss–Seidel alone converges from any start; the coarse level only speeds it up, and on a chain
    // where it does not (an aggregate can overshoot, so sweeps and corrections undo each other), the
    // sweeps go on without it
    const slot = count % COARSE_PATIENCE
    if (count >= COARSE_PATIENCE && change > 0.5 * history[slot]) isCoarse = false
    history[slot] = change
    if (isCoarse && job.coarse) correct(job, job.coarse, lanes, memory)
  }
}

/**
 * P(convert) and the expected value with each listed channel removed, into out[2i] and out[2i + 1]
 * for the i-th channel listed, in batches of LANES channels. Batches are numbered by `takeBatch`, so
 * threads sharing one counter share the work, and `onSolved` hears of each batch once its answers
 * are in `out`; returns how many batches this call solved.
 */
export function solveRemovals(
  job: RemovalJob,
  channels: Int32Array,
  out: Float64Array,
  takeBatch: () => number = createCounter(),
  onSolved: (batch: number) => void = () => {},
): number {
  const memory = allocate(job)
  const lanes = new Int32Array(LANES)
  const batches = Math.ceil(channels.length / LANES)
  const size = job.incoming.size
  let solved = 0
  for (let batch = takeBatch(); batch < batches; batch = takeBatch()) {
    const first = batch * LANES
    const count = Math.min(LANES, channels.length - first)
    // a short last batch repeats its last channel in the spare lanes
    for (let lane = 0; lane < LANES; lane++) lanes[lane] = channels[first + Math.min(lane, count - 1)]
    prepareBatch(job, lanes, memory)
    iterate(job, lanes, memory)
    const answers = new Float64Array(LANES * 2)
    for (let state = 0; state < size; state++) {
      const conversion = job.rewardConversion[state]
      const value = job.rewardValue[state]
      if (conversion === 0 && value === 0) continue
      const offset = job.slotOf[state] * LANES
      for (let lane = 0; lane < LANES; lane++) {
        answers[lane * 2] += memory.values[offset + lane] * conversion
        answers[lane * 2 + 1] += memory.values[offset + lane] * value
      }
    }
    out.set(answers.subarray(0, count * 2), first * 2)
    onSolved(batch)
    solved++
  }
  return solved
}

/** How many batches solveRemovals splits this many channels into. */
export function countRemovalBatches(channelCount: number): number {
  return Math.ceil(channelCount / LANES)
}

function createCounter(): () => number {
  let next = 0
  return () => next++
}
