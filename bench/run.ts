// `npm run bench`: runs every benchmark (or those named on the command line) and prints JSON.
import { runAiBench } from './ai.bench'
import { runE2eBench } from './e2e.bench'
import { runHeuristicsBench } from './heuristics.bench'
import { runMarkovBench } from './markov.bench'
import { peakRssMb } from './timing'

const BENCHMARKS: Record<string, () => unknown> = {
  heuristics: () => runHeuristicsBench(),
  markov: () => runMarkovBench(),
  ai: () => runAiBench(),
  // whole-process runs of the CLI; `npm run bench -- e2e` runs only these, and words after it pick
  // runs by name (`npm run bench -- e2e "third order"`)
  e2e: () => runE2eBench(1, words),
}

const words = process.argv.slice(2).filter((name) => !(name in BENCHMARKS))
const selected = process.argv.slice(2).filter((name) => name in BENCHMARKS)
const names = selected.length > 0 ? selected : Object.keys(BENCHMARKS)
const results: Record<string, unknown> = {}
for (const name of names) results[name] = BENCHMARKS[name]?.()
process.stdout.write(
  `${JSON.stringify({ node: process.version, threads: 1, results, peakRssMb: peakRssMb() }, null, 2)}\n`,
)
