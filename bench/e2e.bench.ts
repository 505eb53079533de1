import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  computeActorTotals,
  computeTouchWeights,
  learnMarkovFromTable,
  readFromBytes,
  readJourneyColumns,
  readPathsCsv,
} from '../src/attribution'
import { writeJourneys, writePathsCsv } from './e2e-files'
import { findReference, runReference } from './reference/channel-attribution'

// The CLI as a user runs it: a separate `node bin/credence.js` process on generated files, timed
// with /usr/bin/time (wall seconds and the child's peak RSS), each figure beside its target and
// beside the engine's own time on the same input (the kernel), so a regression in reading,
// writing or start-up shows even when the models stay fast. Build first: `npm run build:cli`.
// Markov runs are also timed with ChannelAttribution, the reference tool, on the same file when it
// can be imported (see bench/reference/). Words after `e2e` pick runs by name:
// `npm run bench -- e2e "second order"`.

const bin = fileURLToPath(new URL('../bin/credence.js', import.meta.url))

interface Measured {
  seconds: number
  peakMb: number
}

function runCli(args: string[]): Measured {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', 'node', bin, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  })
  const last = result.stderr.trim().split('\n').at(-1) ?? ''
  const [seconds, kilobytes] = last.split(' ').map(Number)
  if (result.status !== 0 || seconds === undefined || kilobytes === undefined)
    throw new Error(`credence ${args.join(' ')} failed: ${result.stderr.slice(-500)}`)
  return { seconds, peakMb: Math.round(kilobytes / 1024) }
}

function kernelSeconds(task: () => void): number {
  const started = performance.now()
  task()
  return Math.round(performance.now() - started) / 1000
}

function figure(
  name: string,
  measured: Measured,
  target: { seconds: number; peakMb: number },
  kernel?: number,
) {
  return {
    run: name,
    seconds: measured.seconds,
    targetSeconds: target.seconds,
    peakMb: measured.peakMb,
    targetPeakMb: target.peakMb,
    isWithinTarget: measured.seconds <= target.seconds && measured.peakMb <= target.peakMb,
    ...(kernel !== undefined
      ? {
          kernelSeconds: kernel,
          ratioToKernel: Math.round((measured.seconds / Math.max(kernel, 0.001)) * 10) / 10,
        }
      : {}),
  }
}

function markovKernel(path: string, order: number): number {
  const table = readPathsCsv(readFromBytes(readFileSync(path)))
  return kernelSeconds(() => learnMarkovFromTable(table, { order, by: 'actor' }))
}

/** The same run by the reference tool, beside Credence's figure: ratio > 1 means Credence is faster. */
function compareWithReference(file: string, order: number, credence: Measured) {
  const reference = findReference()
  if (!reference) return {}
  const measured = runReference(reference, file, order)
  if (!measured) return { reference: { isTimedOut: true } }
  return {
    reference: {
      seconds: measured.seconds,
      peakMb: measured.peakMb,
      ratio: Math.round((measured.seconds / Math.max(credence.seconds, 0.001)) * 10) / 10,
    },
  }
}

export function runE2eBench(scale = 1, only: string[] = []) {
  const rows = Math.round(1_000_000 * scale)
  const isPicked = (name: string) => only.length === 0 || only.some((word) => name.includes(word))
  const results: object[] = []
  if (isPicked('credence --help'))
    results.push(figure('credence --help', runCli(['--help']), { seconds: 0.2, peakMb: 400 }))
  // name, rows, channels, popularity, order, target seconds, whether the kernel is timed too (the
  // higher-order solves are the kernel: timing it again in this process would double the bench)
  const paths: [string, number, number, 'uniform' | 'zipf', number, number, boolean][] = [
    ['markov, 50 channels, first order', rows, 50, 'uniform', 1, 1.5, true],
    ['markov, 500 channels, first order', rows, 500, 'uniform', 1, 2.5, true],
    ['markov, 50 channels, second order', rows, 50, 'uniform', 2, 3, true],
    ['markov, 2,000 channels (uniform), 200k rows', Math.round(rows / 5), 2000, 'uniform', 1, 5, true],
    ['markov, 2,000 channels (zipf), 200k rows', Math.round(rows / 5), 2000, 'zipf', 1, 5, true],
    ['markov, 50 channels, third order', rows, 50, 'uniform', 3, 60, false],
    ['markov, 500 channels, second order', rows, 500, 'uniform', 2, 60, false],
  ]
  for (const [name, count, channels, popularity, order, seconds, isKernelTimed] of paths) {
    if (!isPicked(name)) continue
    const file = writePathsCsv({ rows: count, channels, popularity, seed: 7 })
    const measured = runCli([
      'attribute',
      '--model',
      'markov',
      '--params',
      JSON.stringify({ order }),
      '--format',
      'paths',
      '--input',
      file,
      '--output',
      'table',
    ])
    results.push({
      ...figure(
        name,
        measured,
        { seconds, peakMb: 400 },
        isKernelTimed ? markovKernel(file, order) : undefined,
      ),
      ...compareWithReference(file, order, measured),
    })
  }
  const journeyRuns: [string, string[], number, number][] = [
    [
      'linear, 1M journeys × 5 touches, table',
      ['attribute', '--model', 'linear', '--output', 'table'],
      5,
      1000,
    ],
    [
      'compare heuristics, 1M journeys, table',
      [
        'attribute',
        'compare',
        '--models',
        'linear,equal,first_touch,last_touch,time_decay,position,role',
        '--output',
        'table',
      ],
      8,
      1000,
    ],
    [
      'linear, 1M journeys, JSON with explanations',
      ['attribute', '--model', 'linear', '--output', 'json'],
      20,
      1024,
    ],
    [
      'linear, 1M journeys, CSV with explanations',
      ['attribute', '--model', 'linear', '--output', 'csv'],
      20,
      1024,
    ],
  ]
  if (!journeyRuns.some(([name]) => isPicked(name))) return results
  const journeys = writeJourneys({ journeys: rows, touches: 5, actors: 500, format: 'json', seed: 11 })
  // the kernel: the same journeys read into columns in this process, then linear totals on them
  const columns = readJourneyColumns(readFromBytes(readFileSync(journeys)))
  const linearKernel = kernelSeconds(() =>
    computeActorTotals(columns, computeTouchWeights(columns, { key: 'linear' })),
  )
  for (const [name, args, seconds, peakMb] of journeyRuns) {
    if (!isPicked(name)) continue
    results.push(figure(name, runCli([...args, '--input', journeys]), { seconds, peakMb }, linearKernel))
  }
  return results
}
