// Higher-order removal effects. Removing channel c sends every state that holds c to the null state;
// with w the expected visits to each state on the chain that is left (w = s + wQ̃),
// P(convert | c removed) = w·r and the expected value is w·v, so one solve per channel gives both.
// Eight channels are solved together, so each sweep reads the chain once for eight solves; each
// sweep (Gauss–Seidel) is followed by a correction on the coarse level (see coarse-level.ts), which
// takes the error down five- to tenfold a sweep. Each channel starts from the full chain's visits
// (known from the counts) with its own states zeroed.
import { type CoarseLevel, solveCoarse } from './coarse-level'
import { allocateBatch, type BatchMemory, LANES, prepareBatch } from './removal-batch'
import type { RemovalJob } from './removal-job'

const FULL_MASK = (1 << LANES) - 1
const MAX_SWEEPS = 100_000
/** With the coarse level, the changes must at least halve over this many sweeps, or it is dropped. */
const COARSE_PATIENCE = 3

/** One Gauss–Seidel sweep over the eight lanes; returns the largest lane's summed size of changes. */
function sweep(job: RemovalJob, memory: BatchMemory, isCoarse: boolean): number {
  const { rowStart, column, probability, selfLoop, size } = job.incoming
  const { start, slotOf } = job
  const { values, blocked, residual } = memory
  const current = job.coarse?.current
  const restriction = job.coarse?.restriction
  let c0 = 0
  let c1 = 0
  let c2 = 0
  let c3 = 0
  let c4 = 0
  let c5 = 0
  let c6 = 0
  let c7 = 0
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
    c0 += Math.abs(d0)
    c1 += Math.abs(d1)
    c2 += Math.abs(d2)
    c3 += Math.abs(d3)
    c4 += Math.abs(d4)
    c5 += Math.abs(d5)
    c6 += Math.abs(d6)
    c7 += Math.abs(d7)
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
  return Math.max(c0, c1, c2, c3, c4, c5, c6, c7)
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
  const memory = allocateBatch(job)
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
