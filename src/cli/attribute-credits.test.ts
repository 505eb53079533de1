import { describe, expect, it } from 'vitest'
import {
  attributeJourneys,
  computeBatchCredits,
  computeTouchWeights,
  createBatchExplainer,
  generateJourneys,
  type Journey,
  learnModel,
  type ModelKey,
  type ModelSpec,
  prepareJourney,
  toColumns,
} from '../attribution'
import { formatAmount } from '../money'
import {
  CSV_HEADER,
  journeyResultJson,
  writeBatchJourneysCsv,
  writeBatchJourneysJson,
} from './attribute-credits'
import { openOutput, writeCsvRow } from './attribute-output'

const generated = generateJourneys({ count: 250, seed: 9, maxActors: 4, maxTouches: 7, openFraction: 0.15 })
// touch ids are kept only by the per-journey path; the batch names a touch by its place in the journey
const journeys: Journey[] = generated.map((journey) => ({
  ...journey,
  touches: journey.touches.map(({ id: _id, ...touch }) => touch),
}))
const columns = toColumns(journeys)

function batchLines(spec: ModelSpec, activityLabels?: Record<string, string>): string[] {
  const weights = computeTouchWeights(columns, spec)
  const credits = computeBatchCredits(columns, weights)
  let text = ''
  const sink = openOutput(undefined, (chunk) => {
    text += chunk
  })
  writeBatchJourneysJson(
    sink,
    columns,
    credits,
    createBatchExplainer(columns, spec, weights, credits, activityLabels),
    () => sink.write('\n'),
  )
  sink.finish()
  return text.slice(1).split('\n')
}

const keys: ModelKey[] = [
  'equal',
  'linear',
  'first_touch',
  'last_touch',
  'time_decay',
  'position',
  'role',
  'markov',
]

describe('credits output', () => {
  it.each(keys)(
    'writes the same %s JSON line per journey from the batch as from per-journey results',
    (key) => {
      const learned = key === 'markov' ? learnModel(journeys, { key }) : undefined
      const spec: ModelSpec = { key, ...(learned ? { learned } : {}) }
      const expected = attributeJourneys(journeys, spec).journeys.map((result, index) => {
        const journey = journeys[index] as Journey
        return journeyResultJson(result, journey, prepareJourney(journey).referenceTime)
      })
      expect(batchLines(spec).map((line) => JSON.parse(line))).toEqual(
        expected.map((line) => JSON.parse(line)),
      )
    },
  )

  it('writes refunds and currencies without minor units as formatAmount does', () => {
    const mixed: Journey[] = journeys.slice(0, 60).map((journey, index) => ({
      ...journey,
      amountMinor: index % 2 === 0 ? -journey.amountMinor : journey.amountMinor / 7n,
      currency: index % 3 === 0 ? 'JPY' : index % 3 === 1 ? 'KWD' : 'EUR',
    }))
    const mixedColumns = toColumns(mixed)
    const spec: ModelSpec = { key: 'linear' }
    const weights = computeTouchWeights(mixedColumns, spec)
    const credits = computeBatchCredits(mixedColumns, weights)
    let text = ''
    const sink = openOutput(undefined, (chunk) => {
      text += chunk
    })
    writeBatchJourneysJson(
      sink,
      mixedColumns,
      credits,
      createBatchExplainer(mixedColumns, spec, weights, credits),
      () => sink.write('\n'),
    )
    sink.finish()
    const expected = attributeJourneys(mixed, spec).journeys.map((result, index) => {
      const journey = mixed[index] as Journey
      return JSON.parse(journeyResultJson(result, journey, prepareJourney(journey).referenceTime))
    })
    expect(
      text
        .slice(1)
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(expected)
    expect(expected[0].credits[0].amount).toMatch(/^-\d+$/)
  })

  it('credits a journey the options emptied to direct, as the per-journey path does', () => {
    const options = { lookbackDays: 3 }
    const filtered = toColumns(journeys, options)
    const spec: ModelSpec = { key: 'time_decay' }
    const weights = computeTouchWeights(filtered, spec)
    const credits = computeBatchCredits(filtered, weights)
    let text = ''
    const sink = openOutput(undefined, (chunk) => {
      text += chunk
    })
    writeBatchJourneysJson(
      sink,
      filtered,
      credits,
      createBatchExplainer(filtered, spec, weights, credits),
      () => sink.write('\n'),
    )
    sink.finish()
    const expected = attributeJourneys(journeys, spec, options).journeys.map((result, index) => {
      const journey = journeys[index] as Journey
      return JSON.parse(journeyResultJson(result, journey, prepareJourney(journey, options).referenceTime))
    })
    const lines = text
      .slice(1)
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines).toEqual(expected)
    expect(lines.some((line) => line.credits.length === 1 && line.credits[0].actor === 'direct')).toBe(true)
  })

  it('explains an all-zero journey as an even split, as the per-journey path does', () => {
    const spec: ModelSpec = { key: 'role', params: { activityWeights: {}, defaultWeight: 0 } }
    const line = JSON.parse(batchLines(spec)[0] ?? '{}')
    expect(line.notes).toContain('Every touch weighed zero under this model, so the touches share equally.')
    expect(line.totalWeight).toBe(columns.touchStart[1])
  })

  it('reads activities by their labels, lower-cased unless an acronym, as the per-journey path does', () => {
    const [first, ...rest] = columns.activities
    const activityLabels = Object.fromEntries([
      [first ?? '', 'QBR review'],
      ...rest.map((activity) => [activity, `Labelled ${activity}`]),
    ])
    const spec: ModelSpec = { key: 'time_decay' }
    const expected = attributeJourneys(journeys, spec, { activityLabels }).journeys.map((result, index) => {
      const journey = journeys[index] as Journey
      return JSON.parse(journeyResultJson(result, journey, prepareJourney(journey).referenceTime))
    })
    const lines = batchLines(spec, activityLabels).map((line) => JSON.parse(line))
    expect(lines).toEqual(expected)
    const texts = lines.map((line) => JSON.stringify(line))
    expect(texts.some((text) => text.includes('your QBR review '))).toBe(true)
    expect(texts.some((text) => /your labelled \w/.test(text))).toBe(true)
    expect(texts.some((text) => text.includes(`your ${first} `))).toBe(false)
  })

  it('writes one CSV row per credit with its explanation', () => {
    let text = ''
    const sink = openOutput(undefined, (chunk) => {
      text += chunk
    })
    const spec: ModelSpec = { key: 'linear' }
    const weights = computeTouchWeights(columns, spec)
    const credits = computeBatchCredits(columns, weights)
    writeCsvRow(sink, CSV_HEADER)
    writeBatchJourneysCsv(sink, columns, credits, createBatchExplainer(columns, spec, weights, credits))
    sink.finish()
    let expected = ''
    const expectedSink = openOutput(undefined, (chunk) => {
      expected += chunk
    })
    writeCsvRow(expectedSink, CSV_HEADER)
    for (const result of attributeJourneys(journeys, spec).journeys)
      for (const credit of result.credits)
        writeCsvRow(expectedSink, [
          result.journeyId,
          credit.actor,
          credit.actorKind,
          credit.shareDecimal,
          formatAmount(credit.amountMinor, result.currency),
          result.currency,
          credit.explanation.text,
        ])
    expectedSink.finish()
    expect(text.split('\n')).toEqual(expected.split('\n'))
    expect(text.split('\n')).toHaveLength(2 + credits.creditActor.length)
  })
})
