// A higher-order chain made ready for the removal solves: transposed (a state's visits come from its
// predecessors), with each state's current and previous channel, the states that hold each channel,
// and the coarse level.
//
// Sweeps take states in key order, where the states with the same channels but the last sit side by
// side; all their predecessors end in the same channel (their previous one). Values are stored by
// slot, in the order of the reversed key (current channel first), where the states ending in one
// channel sit together, so a run of states in a sweep all read the same small block of values,
// which stays in cache, where values in key order would be read from all over memory.
import { buildCoarseLevel, COARSE_GROUP_LIMIT, type CoarseLevel } from './coarse-level'
import type { CountedChain, SparseChain } from './sparse-chain'

/** Sweeps stop once the change still to come could move no removal effect by more than this. */
const REMAINING = 1e-11

/** Everything a removal solve reads: plain typed arrays, so a job can be handed to another thread. */
export interface RemovalJob {
  /**
   * The chain transposed: row t lists the states a step into t comes from. Rows are in key order,
   * the order sweeps take; values are stored by slot (see the top of this file), and the columns name the
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
  /** Sweeps stop once what is left of any lane's visits, summed over its states, is below this. */
  threshold: number
}

/** Each state's slot: its place in the order of the reversed key. */
function slotsOf(counted: CountedChain): Int32Array {
  const { order, stateChannels, channelCount } = counted
  const size = counted.chain.size
  const keys = new Float64Array(size)
  for (let state = 0; state < size; state++) {
    let key = 0
    for (let position = order - 1; position >= 0; position--)
      key = key * (channelCount + 1) + stateChannels[state * order + position] + 1
    keys[state] = key
  }
  const bySlot = Int32Array.from({ length: size }, (_, state) => state).sort((a, b) => keys[a] - keys[b])
  const slotOf = new Int32Array(size)
  bySlot.forEach((state, slot) => {
    slotOf[state] = slot
  })
  return slotOf
}

/** The chain transposed, columns renamed by `rename`. */
function transpose(chain: SparseChain, rename: Int32Array): SparseChain {
  const { size, rowStart, column, probability, selfLoop } = chain
  const start = new Int32Array(size + 1)
  for (let entry = 0; entry < rowStart[size]; entry++) start[column[entry] + 1]++
  for (let state = 0; state < size; state++) start[state + 1] += start[state]
  const fill = start.slice(0, size)
  const from = new Int32Array(rowStart[size])
  const weight = new Float64Array(rowStart[size])
  for (let state = 0; state < size; state++)
    for (let entry = rowStart[state]; entry < rowStart[state + 1]; entry++) {
      const at = fill[column[entry]]++
      from[at] = rename[state]
      weight[at] = probability[entry]
    }
  return { size, rowStart: start, column: from, probability: weight, selfLoop }
}

export function createRemovalJob(counted: CountedChain): RemovalJob {
  const { channelCount, order, stateChannels, chain, paths } = counted
  const size = chain.size
  const slotOf = slotsOf(counted)
  const stateOfSlot = new Int32Array(size)
  slotOf.forEach((slot, state) => {
    stateOfSlot[slot] = state
  })
  const current = new Int32Array(size)
  const previous = new Int32Array(size)
  const channelStart = new Int32Array(channelCount + 1)
  const holds = (at: number, length: number, channel: number) => {
    for (let position = 0; position < length; position++)
      if (stateChannels[at + position] === channel) return true
    return false
  }
  // each state once per distinct channel it holds
  const forEachChannel = (state: number, visit: (channel: number) => void) => {
    const at = state * order
    let length = 0
    while (length < order && stateChannels[at + length] >= 0) length++
    current[state] = stateChannels[at + length - 1]
    previous[state] = length > 1 ? stateChannels[at + length - 2] : -1
    for (let position = 0; position < length; position++) {
      const channel = stateChannels[at + position]
      if (!holds(at, position, channel)) visit(channel)
    }
  }
  for (let state = 0; state < size; state++)
    forEachChannel(state, (channel) => {
      channelStart[channel + 1]++
    })
  for (let channel = 0; channel < channelCount; channel++) channelStart[channel + 1] += channelStart[channel]
  const fill = channelStart.slice(0, channelCount)
  const channelStates = new Int32Array(channelStart[channelCount])
  for (let state = 0; state < size; state++)
    forEachChannel(state, (channel) => {
      channelStates[fill[channel]++] = state
    })
  const visits = Float64Array.from(counted.visits, (count) => (paths > 0 ? count / paths : 0))
  // a removal effect is 1 − w·r / P (and 1 − w·v / V), so an error in w of ε (summed) moves it by at
  // most ε·max r / P: the threshold keeps that below REMAINING for both
  let conversion = 0
  let value = 0
  let largestValue = 0
  for (let state = 0; state < size; state++) {
    conversion += visits[state] * counted.toConversion[state]
    value += visits[state] * counted.toValue[state]
    largestValue = Math.max(largestValue, counted.toValue[state])
  }
  const scale = conversion > 0 ? Math.min(conversion, value > 0 ? value / largestValue : 1) : 1
  return {
    incoming: transpose(chain, slotOf),
    slotOf,
    stateOfSlot,
    channelCount,
    start: counted.start,
    visits,
    rewardConversion: counted.toConversion,
    rewardValue: counted.toValue,
    channelStart,
    channelStates,
    // first order has no coarse level (it is its own), nor is one cheap at thousands of channels
    coarse:
      order > 1 && channelCount <= COARSE_GROUP_LIMIT
        ? buildCoarseLevel(chain, slotOf, visits, current, previous, channelCount)
        : undefined,
    threshold: REMAINING * scale,
  }
}
