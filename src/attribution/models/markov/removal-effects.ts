// Removal effects from a counted chain: first order by one elimination (every channel from the same
// factors) or, past a few thousand channels, by iteration per channel; higher orders by the batched
// two-level solves of removal-solve.ts.
import { solveAbsorption } from './absorption-iteration'
import { solveFirstOrder } from './first-order-solve'
import { createRemovalJob, type RemovalJob } from './removal-job'
import { solveRemovals } from './removal-solve'
import { type CountedChain, flowOrder, predecessors, renumberChain } from './sparse-chain'

/** First order is solved by elimination up to this many channels, and by iteration beyond. */
const FIRST_ORDER_ELIMINATION_LIMIT = 4000

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
 * Shares the removal solves of a job with other threads (the engine starts none itself): `solve`
 * fills `out` as solveRemovals does, with the batches shared between this thread and others, each
 * running solveRemovals on the same job, and returns once every batch is solved.
 */
export interface RemovalThreads {
  solve(job: RemovalJob, channels: Int32Array, out: Float64Array): void
}

interface Removed {
  conversionProbability: number
  expectedValue: number
  conversion: Float64Array
  value: Float64Array
}

function eliminate(counted: CountedChain): Removed {
  const { chain, start, toConversion, toValue, channelCount } = counted
  // P(convert | c removed) = P(convert) − h(c)·B(c), h(c) = (s·N)(c) / N(c, c)
  const solution = solveFirstOrder(chain, start, toConversion, toValue)
  let conversionProbability = 0
  let expectedValue = 0
  for (let state = 0; state < chain.size; state++) {
    conversionProbability += start[state] * solution.absorbConversion[state]
    expectedValue += start[state] * solution.absorbValue[state]
  }
  const conversion = new Float64Array(channelCount)
  const value = new Float64Array(channelCount)
  for (let channel = 0; channel < chain.size; channel++) {
    const reach = solution.visits[channel] / solution.diagonal[channel]
    conversion[channel] = conversionProbability - reach * solution.absorbConversion[channel]
    value[channel] = expectedValue - reach * solution.absorbValue[channel]
  }
  return { conversionProbability, expectedValue, conversion, value }
}

/** First order beyond elimination: per channel, sweeps over only the states that can reach it. */
function iterateFirstOrder(counted: CountedChain): Removed {
  const size = counted.chain.size
  const sweep = flowOrder(counted.chain)
  const flow = renumberChain(counted.chain, sweep)
  const flowStart = Float64Array.from(sweep, (state) => counted.start[state])
  const flowConversion = Float64Array.from(sweep, (state) => counted.toConversion[state])
  const flowValue = Float64Array.from(sweep, (state) => counted.toValue[state])
  const baseConversion = new Float64Array(size)
  const baseValue = new Float64Array(size)
  solveAbsorption(flow, flowConversion, flowValue, baseConversion, baseValue)
  let conversionProbability = 0
  let expectedValue = 0
  for (let state = 0; state < size; state++) {
    conversionProbability += flowStart[state] * baseConversion[state]
    expectedValue += flowStart[state] * baseValue[state]
  }
  const incoming = predecessors(flow)
  const blocked = new Uint8Array(size)
  const reaches = new Uint8Array(size)
  const queue = new Int32Array(size)
  const workConversion = new Float64Array(size)
  const workValue = new Float64Array(size)
  const conversion = new Float64Array(size)
  const value = new Float64Array(size)
  for (let position = 0; position < size; position++) {
    // only states that can reach the removed one change; the rest keep the full chain's values
    const channel = sweep[position]
    blocked[position] = 1
    reaches[position] = 1
    queue[0] = position
    let queued = 1
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
    solveAbsorption(flow, flowConversion, flowValue, workConversion, workValue, blocked, queue, activeCount)
    for (let state = 0; state < size; state++) {
      conversion[channel] += flowStart[state] * workConversion[state]
      value[channel] += flowStart[state] * workValue[state]
    }
    blocked[position] = 0
    reaches.fill(0)
  }
  return { conversionProbability, expectedValue, conversion, value }
}

function iterateHigherOrder(counted: CountedChain, threads?: RemovalThreads): Removed {
  const job = createRemovalJob(counted)
  let conversionProbability = 0
  let expectedValue = 0
  for (let state = 0; state < counted.chain.size; state++) {
    conversionProbability += job.visits[state] * job.rewardConversion[state]
    expectedValue += job.visits[state] * job.rewardValue[state]
  }
  const channels = Int32Array.from({ length: counted.channelCount }, (_, channel) => channel)
  const out = new Float64Array(channels.length * 2)
  if (threads) threads.solve(job, channels, out)
  else solveRemovals(job, channels, out)
  const conversion = Float64Array.from(channels, (channel) => out[channel * 2])
  const value = Float64Array.from(channels, (channel) => out[channel * 2 + 1])
  return { conversionProbability, expectedValue, conversion, value }
}

/** Exact removal effects of every channel. */
export function solveRemovalEffects(counted: CountedChain, threads?: RemovalThreads): RemovalEffects {
  const removed =
    counted.order > 1
      ? iterateHigherOrder(counted, threads)
      : counted.chain.size <= FIRST_ORDER_ELIMINATION_LIMIT
        ? eliminate(counted)
        : iterateFirstOrder(counted)
  const { conversionProbability, expectedValue } = removed
  const conversion = new Float64Array(counted.channelCount)
  const value = new Float64Array(counted.channelCount)
  for (let channel = 0; channel < counted.channelCount; channel++) {
    conversion[channel] =
      conversionProbability > 0 ? Math.max(0, 1 - removed.conversion[channel] / conversionProbability) : 0
    value[channel] = expectedValue > 0 ? Math.max(0, 1 - removed.value[channel] / expectedValue) : 0
  }
  return {
    conversionProbability,
    expectedValue,
    conversion,
    value,
    states: counted.chain.size,
    paths: counted.paths,
  }
}
