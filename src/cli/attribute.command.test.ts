import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command, CommanderError } from 'commander'
import { afterAll, describe, expect, it } from 'vitest'
import { registerAttributeCommands } from './attribute.command'

const directory = mkdtempSync(join(tmpdir(), 'credence-attribute-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

function file(name: string, content: unknown): string {
  const path = join(directory, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

async function run(args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
  let out = ''
  let err = ''
  const program = new Command().exitOverride().configureOutput({
    writeOut: (text) => {
      out += text
    },
    writeErr: (text) => {
      err += text
    },
  })
  registerAttributeCommands(program)
  try {
    await program.parseAsync(args, { from: 'user' })
    return { out, err, exitCode: 0 }
  } catch (error) {
    if (error instanceof CommanderError) return { out, err, exitCode: error.exitCode }
    throw error
  }
}

const journeys = {
  journeys: [
    {
      id: 'deal-1',
      amount: '1000.00',
      currency: 'USD',
      outcome: 'won',
      createdAt: '2025-01-01',
      closedAt: '2025-03-01T00:00:00Z',
      touches: [
        { actor: 'acme', actorKind: 'reseller', activity: 'demo', at: '2025-02-22T00:00:00Z' },
        { actor: 'globex', actorKind: 'referral', activity: 'referral', at: '2025-02-15T00:00:00Z' },
      ],
    },
    {
      id: 'deal-2',
      amountMinor: 50_001,
      currency: 'USD',
      outcome: 'lost',
      createdAt: '2025-01-05',
      closedAt: '2025-04-01',
      touches: [{ actor: 'acme', actorKind: 'reseller', activity: 'email', at: '2025-03-20' }],
    },
    {
      id: 'deal-3',
      amount: '300',
      currency: 'USD',
      outcome: 'won',
      createdAt: '2025-02-01',
      closedAt: '2025-05-01',
      touches: [{ actor: 'globex', actorKind: 'referral', activity: 'demo', at: '2025-04-20' }],
    },
  ],
}

describe('credence attribute', () => {
  const input = file('journeys.json', journeys)

  it('writes credits with explanations and totals as JSON', async () => {
    const { out, exitCode } = await run(['attribute', '--model', 'time_decay', '--input', input])
    expect(exitCode).toBe(0)
    const result = JSON.parse(out)
    expect(result.format).toBe('credence.credits/2')
    expect(result.model).toBe('time_decay')
    expect(result.params).toEqual({ halfLifeDays: 7 })
    const credits = result.journeys[0].credits
    // 7 and 14 days before close: 2 : 1
    expect(
      credits.map((credit: { actor: string; amountMinor: string }) => [credit.actor, credit.amountMinor]),
    ).toEqual([
      ['globex', '33333'],
      ['acme', '66667'],
    ])
    expect(credits[1].share).toBe('0.6666666667')
    expect(credits[1]).toMatchObject({ kind: 'reseller', amount: '666.67' })
    expect(credits[1].text).toMatch(/^Time decay, half-life 7 days: your demo 7 days before close/)
    // the touch in time order, its activity, time and raw weight: 2^(−7/7)
    expect(credits[1].touches).toEqual([
      [1, 'demo', Date.parse('2025-02-22T00:00:00Z'), expect.closeTo(0.5, 12)],
    ])
    expect(result.journeys[0].referenceTime).toBe(Date.parse('2025-03-01T00:00:00Z'))
    expect(result.totals[0]).toMatchObject({ actor: 'acme', value: '666.67' })
    expect(result.totals[1]).toMatchObject({
      actor: 'globex',
      value: '633.33',
      conversions: expect.closeTo(4 / 3, 9),
    })
  })

  it('passes model parameters and writes a table', async () => {
    const { out } = await run([
      'attribute',
      '--model',
      'position',
      '--params',
      '{"first":0.7,"last":0.3}',
      '--input',
      input,
      '--output',
      'table',
    ])
    expect(out.split('\n')[0]).toMatch(/^actor\s+kind\s+conversions\s+won value/)
    expect(out).toMatch(/globex\s+referral\s+1\.700\s+1000\.00/)
  })

  it('writes CSV to a file only when complete', async () => {
    const target = join(directory, 'credits.csv')
    const { out } = await run(['attribute', '--input', input, '--output', 'csv', '--out', target])
    expect(out).toBe('')
    expect(readFileSync(target, 'utf8').split('\n')[0]).toBe(
      'journey_id,actor,actor_kind,share,amount,currency,explanation',
    )
  })

  it('attributes a path-aggregated CSV per channel, detecting the separator', async () => {
    const paths = file(
      'paths.csv',
      'path;total_conversions;total_conversion_value;total_null\nA > B;1;10;0\nA;0;0;1\nB;1;30;0\n',
    )
    const { out } = await run(['attribute', '--model', 'markov', '--format', 'paths', '--input', paths])
    const result = JSON.parse(out)
    expect(result.totals).toEqual([
      { actor: 'B', conversions: expect.closeTo(4 / 3, 9), value: expect.closeTo(80 / 3, 9) },
      { actor: 'A', conversions: expect.closeTo(2 / 3, 9), value: expect.closeTo(40 / 3, 9) },
    ])
  })

  it.each([
    [
      {
        journeys: [{ ...journeys.journeys[0], touches: [{ actor: 'a', activity: 'demo', at: 'yesterday' }] }],
      },
      'journeys[0].touches[0].at: not a date',
    ],
    [
      { journeys: [{ ...journeys.journeys[0], amount: '1.234' }] },
      'journeys[0].amount: "1.234" has 3 decimals but USD has 2',
    ],
    [
      { journeys: [{ ...journeys.journeys[0], outcome: 'maybe' }] },
      'journeys[0].outcome: must be one of won, lost, open',
    ],
    [{ rows: [] }, 'journeys: expected an object with a "journeys" array'],
  ])('stops with exit code 2 naming the record and field (%#)', async (document, message) => {
    const target = join(directory, 'never.json')
    const { out, err, exitCode } = await run([
      'attribute',
      '--input',
      file('bad.json', document),
      '--out',
      target,
    ])
    expect(exitCode).toBe(2)
    expect(err).toContain(message)
    expect(out).toBe('')
    expect(existsSync(target)).toBe(false)
  })

  // journeys are read in order, so the ones around the broken one are complete and valid
  const valid = (id: string) =>
    `{"id":"${id}","amountMinor":100,"currency":"USD","outcome":"won","createdAt":"2025-01-01T00:00:00Z"}`
  it.each([
    ['{"journeys":[A , {"id": b}, C]}', 'journeys[1]: not valid JSON'],
    ['{"journeys":[{"id":"a"', 'journeys[0]: not valid JSON'],
    ['{"journeys":[A B]}', 'journeys[0]: not valid JSON'],
    ['{"journeys":[A, {"id":"b", "touches": [}]}', 'journeys[1]: not valid JSON'],
  ])('names the journey that is not valid JSON in %s', async (text, message) => {
    const path = join(directory, 'broken.json')
    writeFileSync(path, text.replace('A', valid('a')).replace('B', valid('b')).replace('C', valid('c')))
    const { err, exitCode } = await run(['attribute', '--model', 'linear', '--input', path])
    expect(exitCode).toBe(2)
    expect(err).toContain(message)
  })

  it('rejects bad parameters with exit code 2', async () => {
    const { err, exitCode } = await run([
      'attribute',
      '--model',
      'time_decay',
      '--params',
      '{"halfLifeDays":-1}',
      '--input',
      input,
    ])
    expect(exitCode).toBe(2)
    expect(err).toContain('params.halfLifeDays: must be > 0')
  })

  it('compares models side by side', async () => {
    const { out, err, exitCode } = await run([
      'attribute',
      'compare',
      '--models',
      'first_touch,last_touch',
      '--input',
      input,
      '--output',
      'csv',
    ])
    expect(err).toBe('')
    expect(exitCode).toBe(0)
    expect(out.split('\n').slice(0, 3)).toEqual([
      'actor,currency,first_touch,last_touch,last_touch vs first_touch',
      'globex,USD,1300.00,300.00,-1000.00',
      'acme,USD,0.00,1000.00,1000.00',
    ])
  })

  it('recommends a model with its scores', async () => {
    const { out, exitCode } = await run([
      'attribute',
      'recommend',
      '--models',
      'linear,last_touch',
      '--input',
      input,
    ])
    expect(exitCode).toBe(0)
    const result = JSON.parse(out)
    expect(result.scores.map((score: { id: string }) => score.id).sort()).toEqual(['last_touch', 'linear'])
    expect(result.explanation).toMatch(/best predicts/)
  })
})
