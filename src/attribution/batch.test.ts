import { describe, expect, it } from 'vitest'
import { computeActorTotals, computeTouchWeights } from './batch'
import { computeBatchCredits, learnMarkovColumns } from './batch-credits'
import { toColumns } from './columnar'
import { attributeJourneys, learnModel } from './engine'
import { generateJourneys } from './synthetic'
import type { ModelKey, ModelSpec } from './types'

const journeys = generateJourneys({ count: 300, seed: 5, maxActors: 4, maxTouches: 7, openFraction: 0.1 })
const columns = toColumns(journeys)

function creditsByJourney(spec: ModelSpec) {
  const credits = computeBatchCredits(columns, computeTouchWeights(columns, spec))
  return journeys.map((_, journey) => {
    const entries: Array<[string, number, number]> = []
    for (
      let slot = credits.creditStart[journey] ?? 0;
      slot < (credits.creditStart[journey + 1] ?? 0);
      slot++
    ) {
      entries.push([
        columns.actors[credits.creditActor[slot] ?? 0] ?? 'direct',
        credits.creditShare[slot] ?? 0,
        credits.creditAmountMinor[slot] ?? 0,
      ])
    }
    return entries
  })
}

describe('columnar batch path', () => {
  const keys: ModelKey[] = [
    'equal',
    'linear',
    'first_touch',
    'last_touch',
    'time_decay',
    'position',
    'role',
    'shapley',
    'ai',
  ]

  it.each(keys)('gives %s the same shares and minor units as the per-journey path', (key) => {
    const learned = key === 'shapley' || key === 'ai' ? learnModel(journeys, { key }) : undefined
    const spec: ModelSpec = { key, ...(learned ? { learned } : {}) }
    const expected = attributeJourneys(journeys, spec).journeys
    const actual = creditsByJourney(spec)
    expected.forEach((result, journey) => {
      const row = actual[journey] ?? []
      expect(row.map(([actor]) => actor)).toEqual(result.credits.map((credit) => credit.actor))
      row.forEach(([, share, amount], index) => {
        expect(share).toBe(result.credits[index]?.share)
        expect(amount).toBe(Number(result.credits[index]?.amountMinor))
      })
    })
  })

  it('learns the same markov model from columns as from journeys', () => {
    const fromColumns = learnMarkovColumns(columns)
    const fromJourneys = learnModel(journeys, { key: 'markov' })
    if (fromColumns.key !== 'markov' || fromJourneys.key !== 'markov')
      throw new Error('expected markov models')
    const effectOf = (data: typeof fromColumns.data, channel: string) =>
      data.removalEffects[data.channels.indexOf(channel)]
    for (const channel of fromJourneys.data.channels) {
      expect(effectOf(fromColumns.data, channel)).toBeCloseTo(effectOf(fromJourneys.data, channel) ?? -1, 10)
    }
    expect(learnMarkovColumns(columns).version).toBe(fromColumns.version)
  })

  it('sums won value per actor like the per-journey totals', () => {
    const totals = computeActorTotals(columns, computeTouchWeights(columns, { key: 'time_decay' }))
    for (const total of attributeJourneys(journeys, { key: 'time_decay' }).totals) {
      const actor = columns.actors.indexOf(total.actor)
      expect(Math.abs((totals.valueMinor[actor] ?? 0) - Number(total.valueMinor))).toBeLessThan(
        total.journeys,
      )
      expect(totals.conversions[actor]).toBeCloseTo(total.conversions, 9)
    }
  })

  it('keeps exact sums for negative and odd amounts', () => {
    const refunds = toColumns(
      journeys.map((journey, index) => ({ ...journey, amountMinor: -BigInt(index * 7 + 1) })),
    )
    const credits = computeBatchCredits(refunds, computeTouchWeights(refunds, { key: 'time_decay' }))
    for (let journey = 0; journey < refunds.journeyCount; journey++) {
      let sum = 0
      for (
        let slot = credits.creditStart[journey] ?? 0;
        slot < (credits.creditStart[journey + 1] ?? 0);
        slot++
      ) {
        sum += credits.creditAmountMinor[slot] ?? 0
      }
      expect(sum).toBe(refunds.amountMinor[journey])
    }
  })
})
