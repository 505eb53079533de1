import { describe, expect, it } from 'vitest'
import { createRandom } from '../../random'
import { DenseReferenceChain } from './dense-reference'
import { ChainBuilder } from './markov-chain'
import { createRemovalJob } from './removal-job'
import { countRemovalBatches, solveRemovals } from './removal-solve'

/** Random paths over `channels` channels, some popular and some rare, with loops and repeats. */
function randomPaths(channels: number, count: number, seed: number) {
  const random = createRandom(seed)
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(random() * 7)
    const path = Int32Array.from({ length }, () => Math.floor(channels * random() * random()))
    const conversions = random() < 0.4 ? 1 + Math.floor(random() * 3) : 0
    return {
      path,
      conversions,
      nulls: conversions === 0 ? 1 : Math.floor(random() * 2),
      value: conversions * 25,
    }
  })
}

describe('sparse markov solver', () => {
  it.each([
    [1, 13, 2_000],
    [1, 40, 5_000],
    [2, 9, 3_000],
    [3, 6, 3_000],
    [2, 30, 20_000],
    [3, 10, 20_000],
  ])('matches the dense reference within 1e-9 (order %i, %i channels)', (order, channels, count) => {
    const sparse = new ChainBuilder(channels, order)
    const dense = new DenseReferenceChain(channels, order)
    for (const row of randomPaths(channels, count, order * 100 + channels)) {
      sparse.addPath(row.path, 0, row.path.length, row.conversions, row.nulls, row.value)
      dense.addPath(row.path, 0, row.path.length, row.conversions, row.nulls, row.value)
    }
    const got = sparse.solve()
    const want = dense.solve()
    expect(got.states).toBe(want.states)
    expect(got.conversionProbability).toBeCloseTo(want.conversionProbability, 12)
    for (let channel = 0; channel < channels; channel++) {
      expect(Math.abs(got.conversion[channel] - want.conversion[channel])).toBeLessThan(1e-9)
      expect(Math.abs(got.value[channel] - want.value[channel])).toBeLessThan(1e-9)
    }
  })
})

describe('removal solves shared between threads', () => {
  it('give the same answers whichever thread takes which batch', () => {
    const channels = 30
    const builder = new ChainBuilder(channels, 2)
    for (const row of randomPaths(channels, 6_000, 5))
      builder.addPath(row.path, 0, row.path.length, row.conversions, row.nulls, row.value)
    const job = createRemovalJob(builder.count())
    const list = Int32Array.from({ length: channels }, (_, channel) => channel)
    const alone = new Float64Array(channels * 2)
    solveRemovals(job, list, alone)
    const shared = new Float64Array(channels * 2)
    const batches = countRemovalBatches(channels)
    // one "thread" takes the even batches, the other the odd ones
    for (const parity of [0, 1]) {
      let next = parity
      const solved: number[] = []
      solveRemovals(
        job,
        list,
        shared,
        () => {
          const batch = next
          next += 2
          return Math.min(batch, batches)
        },
        (batch) => solved.push(batch),
      )
      expect(solved.every((batch) => batch % 2 === parity)).toBe(true)
    }
    expect(shared).toEqual(alone)
  })
})
