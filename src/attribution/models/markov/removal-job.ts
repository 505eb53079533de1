// A higher-order chain made ready for the removal solves: its sweep order, each state's group (its
// current channel) and previous group, the states that hold each channel, and the coarse level.
//
// Sweeps go by current channel, then the channel before, and so on, and every per-state array is in
// that order, read straight through. Values are stored by slot, which is the key order of the
// counted chain: there the states a state can lead to (its channels but the first, then any channel)
// sit side by side, so the states of one current channel all read the same small block of values,
// which stays in cache, where values in sweep order would be read from all over memory.
import { buildCoarseLevel, COARSE_GROUP_LIMIT } from './coarse-level'
import type { CountedChain } from './removal-effects'
import type { RemovalJob } from './removal-solve'
import { renumberChain } from './sparse-chain'

/** The states (by their index in the counted chain, which is key order) in sweep order. */
function sweepOrderOf(counted: CountedChain): Int32Array {
  const { order, stateChannels, channelCount } = counted
  const size = counted.chain.size
  const keys = new Float64Array(size)
  for (let state = 0; state < size; state++) {
    let key = 0
    for (let position = order - 1; position >= 0; position--) {
      const channel = stateChannels[state * order + position]
      key = key * (channelCount + 1) + channel + 1
    }
    keys[state] = key
  }
  return Int32Array.from({ length: size }, (_, state) => state).sort((a, b) => keys[a] - keys[b])
}

export function createRemovalJob(counted: CountedChain): RemovalJob {
  const { channelCount, order } = counted
  const size = counted.chain.size
  const slotOf = sweepOrderOf(counted)
  const positionOfSlot = new Int32Array(size)
  slotOf.forEach((slot, position) => {
    positionOfSlot[slot] = position
  })
  const chain = renumberChain(counted.chain, slotOf)
  // columns name slots, where the values are read
  for (let entry = 0; entry < chain.column.length; entry++) chain.column[entry] = slotOf[chain.column[entry]]
  const pick = (values: Float64Array) => Float64Array.from(slotOf, (slot) => values[slot])
  const stateChannels = new Int32Array(size * order)
  for (let state = 0; state < size; state++)
    stateChannels.set(
      counted.stateChannels.subarray(slotOf[state] * order, (slotOf[state] + 1) * order),
      state * order,
    )
  const group = new Int32Array(size)
  const previousGroup = new Int32Array(size)
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
    group[state] = stateChannels[at + length - 1]
    previousGroup[state] = length > 1 ? stateChannels[at + length - 2] : -1
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
  const start = pick(counted.start)
  const startStates = Int32Array.from({ length: size }, (_, state) => state).filter(
    (state) => start[state] > 0,
  )
  return {
    chain,
    slotOf,
    positionOfSlot,
    channelCount,
    rewardConversion: pick(counted.toConversion),
    rewardValue: pick(counted.toValue),
    startStates,
    startShares: Float64Array.from(startStates, (state) => start[state]),
    channelStart,
    channelStates,
    // first order has no coarse level (it is its own), nor is one cheap at thousands of channels
    coarse:
      order > 1 && channelCount <= COARSE_GROUP_LIMIT
        ? buildCoarseLevel(chain, positionOfSlot, pick(counted.visits), group, previousGroup, channelCount)
        : undefined,
    baseConversion: new Float64Array(size),
    baseValue: new Float64Array(size),
  }
}
