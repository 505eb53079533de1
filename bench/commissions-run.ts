// Commissions as the worker works them out, timed in a process of its own on an org loaded by
// `commissions.bench.ts`: the org-wide sync that posts every partner's lines from their credit under
// the paying model, the same sync again with nothing changed, and a payout batch for thousands of
// partners from creation to paid. Prints the figures as JSON.
import { type OpenOptions, openDatabase } from '../src/db/client'
import { processBatch } from '../src/modules/incentives/payouts/payout-worker.service'
import {
  approveBatch,
  createBatch,
  executeBatch,
  markBatchPaid,
} from '../src/modules/incentives/payouts/payouts.service'
import { createBankFileRail } from '../src/modules/incentives/payouts/rails'
import { queueSync, runSync } from '../src/modules/incentives/sync.service'
import { systemClock } from '../src/platform/clock'
import type { Scope } from '../src/platform/scope'
import { peakRssMb } from './timing'

const { orgId, payoutOrgId, ...open } = JSON.parse(process.argv[2] ?? '{}') as OpenOptions & {
  orgId: string
  payoutOrgId: string
}
const database = await openDatabase(open)
const { db } = database
const clock = systemClock
const seconds = (started: number) => Math.round((performance.now() - started) / 10) / 100

const entries = async (org: string) =>
  (
    await database.query<{ n: number }>(
      'select count(*)::int as n from commission_entries where org_id = $1',
      [org],
    )
  ).rows[0]!.n

const sync = async () => {
  const started = performance.now()
  const id = await queueSync(db, orgId, 'benchmark', clock)
  const view = await runSync(db, orgId, id, clock)
  if (view?.status !== 'done') throw new Error(`sync ended ${view?.status}`)
  return { seconds: seconds(started), partners: view.total, posted: view.posted }
}

const first = await sync()
const lines = await entries(orgId)
const again = await sync()

// a payout batch for every partner of the payout org, created, approved by a second person, sent
// as a bank file and marked paid
const staff = (id: string): Scope => ({ orgId: payoutOrgId, actor: { type: 'user', id, role: 'finance' } })
const started = performance.now()
const batch = await createBatch(
  db,
  staff('creator'),
  { periodTo: '2026-12-31', rail: 'bank_file', requiresSecondApprover: true, minimums: {} },
  'bench-batch',
  clock,
)
const created = seconds(started)
await approveBatch(db, staff('approver'), batch.id, clock)
await executeBatch(db, staff('approver'), batch.id, clock)
const processed = await processBatch(db, payoutOrgId, batch.id, clock, {
  rails: { bank_file: createBankFileRail() },
})
const paid = await markBatchPaid(db, staff('approver'), batch.id, clock)
const batchSeconds = seconds(started)
await database.close()

process.stdout.write(
  JSON.stringify({
    sync: { ...first, entries: lines, unchangedSeconds: again.seconds, unchangedPosted: again.posted },
    payoutBatch: {
      seconds: batchSeconds,
      createSeconds: created,
      payouts: paid.payouts.length,
      sent: processed.sent,
      status: paid.status,
      heldBack: paid.heldBack.length,
    },
    peakMb: peakRssMb(),
  }),
)
