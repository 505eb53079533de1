// One batch of removal solves: LANES channels, one lane each. Which states each lane removes, its
// starting visits (the full chain's, its own states zeroed) and the residual that start leaves on
// the coarse level.
import type { RemovalJob } from './removal-job'

/** Channels solved in one batch, one lane each. */
export const LANES = 8

export interface BatchMemory {
  values: Float64Array
  blocked: Uint8Array
  blockedBySlot: Uint8Array
  residual: Float64Array
  correction: Float64Array
}

export function allocateBatch(job: RemovalJob): BatchMemory {
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

/** Sets up one batch: which states each lane blocks, its starting values and their residual. */
export function prepareBatch(job: RemovalJob, lanes: Int32Array, memory: BatchMemory): void {
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
