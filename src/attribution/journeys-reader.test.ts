import { describe, expect, it } from 'vitest'
import { toColumns } from './columnar'
import { readJourneysDocument } from './journey-input'
import { type ReadJourneysOptions, readJourneyColumns } from './journeys-reader'
import { readFromBytes } from './path-csv'
import { generateJourneys } from './synthetic'
import type { AttributionOptions, Journey } from './types'

const encoder = new TextEncoder()

/** Journeys as a CRM export writes them: ISO times, decimal amounts, unsorted touches, some odd records. */
function exportJourneys(journeys: readonly Journey[]): unknown[] {
  return journeys.map((journey, index) => ({
    id: index % 17 === 3 ? `deal "${journey.id}"` : journey.id,
    ...(index % 7 === 0
      ? { amount: String(journey.amountMinor), currency: 'JPY' }
      : index % 5 === 0
        ? { amountMinor: Number(journey.amountMinor), currency: 'USD' }
        : { amount: (Number(journey.amountMinor) / 100).toFixed(2), currency: 'EUR' }),
    outcome: journey.outcome,
    createdAt: index % 11 === 0 ? journey.createdAt : new Date(journey.createdAt).toISOString(),
    ...(journey.closedAt === undefined
      ? index % 3 === 0
        ? { closedAt: null }
        : {}
      : { closedAt: new Date(journey.closedAt).toISOString() }),
    ...(index % 13 === 0 ? { kind: 'renewal', parentId: 'x', fields: { region: 'EMEA' } } : {}),
    touches: [...journey.touches].reverse().map((touch, row) => ({
      actor: row === 1 && index % 19 === 0 ? 'Zoë' : touch.actor,
      ...(touch.actor === 'direct' && row % 2 === 0 ? {} : { actorKind: touch.actorKind }),
      activity: touch.activity,
      at:
        row === 0 && index % 23 === 0
          ? new Date(touch.at).toISOString().slice(0, 10)
          : new Date(touch.at).toISOString(),
      ...(row === 0 ? { id: `t-${index}` } : {}),
    })),
  }))
}

function read(text: string, options: AttributionOptions = {}, readOptions: ReadJourneysOptions = {}) {
  return readJourneyColumns(readFromBytes(encoder.encode(text)), options, readOptions)
}

function errorOf(task: () => unknown): string {
  try {
    task()
  } catch (error) {
    return (error as Error).message
  }
  return 'no error'
}

const records = exportJourneys(generateJourneys({ count: 400, seed: 5, maxTouches: 7 }))
const documentText = JSON.stringify({ source: 'crm', journeys: records }, null, 1)
const ndjsonText = `${records.map((record) => JSON.stringify(record)).join('\n')}\n\n`

describe('readJourneyColumns', () => {
  it.each<[string, AttributionOptions]>([
    ['no options', {}],
    ['a lookback window and as-of', { lookbackDays: 20, asOf: Date.UTC(2025, 0, 1) }],
    ['exclusions and consecutive de-duplication', { excludeActivities: ['email'], dedupe: 'consecutive' }],
    ['de-duplication of every repeat', { dedupe: 'all' }],
  ])('gives the columns readJourneysDocument and toColumns give, with %s', (_name, options) => {
    const expected = toColumns(readJourneysDocument(JSON.parse(documentText)), options)
    expect(read(documentText, options)).toEqual(expected)
    expect(read(ndjsonText, options, { format: 'ndjson' })).toEqual(expected)
  })

  it('reads the same when every chunk is smaller than one journey', () => {
    const expected = read(documentText)
    expect(read(documentText, {}, { chunkBytes: 7 })).toEqual(expected)
    expect(read(ndjsonText, {}, { format: 'ndjson', chunkBytes: 5 })).toEqual(expected)
  })

  it('reports bytes read, ending at the whole input', () => {
    const seen: number[] = []
    read(documentText, {}, { chunkBytes: 4096, onProgress: (bytes) => seen.push(bytes) })
    expect(seen.at(-1)).toBe(encoder.encode(documentText).length)
  })

  const good = {
    id: 'a',
    amount: '10.00',
    currency: 'USD',
    outcome: 'won',
    createdAt: '2025-01-01T00:00:00Z',
    touches: [{ actor: 'p', activity: 'demo', at: '2025-01-02T00:00:00Z' }],
  }
  const bad = { ...good, id: 'b' }
  it.each<[string, unknown]>([
    ['a blank id', { ...bad, id: ' ' }],
    ['an unknown currency', { ...bad, currency: 'XYZ' }],
    ['too many decimals', { ...bad, amount: '1.001' }],
    ['a fractional amountMinor', { ...bad, amountMinor: 1.5 }],
    ['a null amountMinor', { ...bad, amountMinor: null }],
    ['no amount', { ...bad, amount: undefined }],
    ['an unknown outcome', { ...bad, outcome: 'maybe' }],
    ['a null kind', { ...bad, kind: null }],
    ['a bad date', { ...bad, createdAt: 'soon' }],
    ['touches that are not an array', { ...bad, touches: {} }],
    ['a touch without an actor', { ...bad, touches: [{ activity: 'demo', at: 0 }] }],
    ['a blank activity', { ...bad, touches: [{ actor: 'p', activity: '\u00a0', at: 0 }] }],
    ['a touch time that is not a date', { ...bad, touches: [{ actor: 'p', activity: 'demo', at: true }] }],
    ['a blank touch id', { ...bad, touches: [{ actor: 'p', activity: 'demo', at: 0, id: '' }] }],
    ['a field that is an object', { ...bad, fields: { nested: {} } }],
    ['a number where a journey belongs', 42],
    ['an amount past 2^53 minor units', { ...bad, amount: '123456789012345678.00' }],
  ])('stops on %s with the message readJourneysDocument gives', (_name, journey) => {
    const text = JSON.stringify({ journeys: [good, journey] })
    const expected = errorOf(() => toColumns(readJourneysDocument(JSON.parse(text))))
    expect(expected).toMatch(/^journeys\[1\]/)
    expect(errorOf(() => read(text))).toBe(expected)
  })

  it('names a duplicate id', () => {
    const text = JSON.stringify({ journeys: [good, { ...good, amount: '3.00' }] })
    expect(errorOf(() => read(text))).toBe('journeys[1].id: duplicate id "a"')
  })

  it.each([
    ['{"journeys":[{"id":"a"', 'journeys[0]: not valid JSON'],
    ['{"rows":[]}', 'journeys: expected an object with a "journeys" array'],
    ['[]', 'journeys: expected an object with a "journeys" array'],
  ])('names what is wrong with the document %s', (text, message) => {
    expect(errorOf(() => read(text))).toBe(message)
  })

  it('names the NDJSON line that is not valid JSON', () => {
    const text = `${JSON.stringify(good)}\n\n{"id": b}\n`
    expect(errorOf(() => read(text, {}, { format: 'ndjson' }))).toBe('line 3: not valid JSON')
  })
})
