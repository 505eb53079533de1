// `npm run bench`: runs every benchmark (or those named on the command line) and prints JSON.
import { runAiBench } from './ai.bench'
import { runCommissionsBench } from './commissions.bench'
import { runConnectorsBench } from './connectors.bench'
import { runDashboardBench } from './dashboard.bench'
import { runE2eBench } from './e2e.bench'
import { runHeuristicsBench } from './heuristics.bench'
import { runImportBench } from './import.bench'
import { runLiveBench } from './live.bench'
import { runMarkovBench } from './markov.bench'
import { runOverlapBench } from './overlap.bench'
import { runQbrBench } from './qbr.bench'
import { runReattributeBench } from './reattribute.bench'
import { runRevenueBench } from './revenue.bench'
import { runTiersBench } from './tiers.bench'
import { peakRssMb } from './timing'
import { runWebhooksBench } from './webhooks.bench'

const BENCHMARKS: Record<string, () => unknown> = {
  heuristics: () => runHeuristicsBench(),
  markov: () => runMarkovBench(),
  ai: () => runAiBench(),
  // whole-process runs of the CLI; `npm run bench -- e2e` runs only these, and words after it pick
  // runs by name (`npm run bench -- e2e "third order"`)
  e2e: () => runE2eBench(1, words),
  // `credence import` of a generated org (100k deals, 1M touches) on both databases
  import: () => runImportBench(),
  // a touch through the API of a running server → its credit.changed on the live stream
  live: () => runLiveBench(),
  // the dashboard API at 20 concurrent clients
  dashboard: () => runDashboardBench(),
  // a full re-attribution of the generated org (100k deals, 1M touches) under six models, both databases
  reattribute: () => runReattributeBench(),
  // forecast, pipeline and waterfall over the 100k-deal org, computed cold
  revenue: () => runRevenueBench(),
  // a partner's 100k-account list met with the org's 100k accounts
  overlap: () => runOverlapBench(),
  // the org-wide commission sync of the generated org's credit, and a payout batch for 5,000 partners
  commissions: () => runCommissionsBench(),
  // tier evaluation of 5,000 partners over 1M credits (programs) on both databases
  tiers: () => runTiersBench(),
  // one partner's quarterly business review (figures, version, PDF) among 1,000 partners, both databases
  qbr: () => runQbrBench(),
  // webhook fan-out: 5,000 events through the outbox, the subscriber and signed POSTs, both databases
  webhooks: () => runWebhooksBench(),
  // a HubSpot first load (100k deals, 1M activities) and an incremental sync of 1,000 changes through
  // a server process, both databases
  connectors: () => runConnectorsBench(),
}

const words = process.argv.slice(2).filter((name) => !(name in BENCHMARKS))
const selected = process.argv.slice(2).filter((name) => name in BENCHMARKS)
const names = selected.length > 0 ? selected : Object.keys(BENCHMARKS)
const results: Record<string, unknown> = {}
for (const name of names) results[name] = await BENCHMARKS[name]?.()
process.stdout.write(
  `${JSON.stringify({ node: process.version, threads: 1, results, peakRssMb: peakRssMb() }, null, 2)}\n`,
)
