import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../../http/live-harness'
import { creditsModule } from '../../credits'
import { incentivesModule } from '..'
import type { BatchView } from './payouts.contract'
import { seedPayableOrg } from './payouts.test-support'
import { type StripeFake, startStripeFake } from './rails/stripe-fake'

const worker = fileURLToPath(new URL('./crash-worker.test-support.ts', import.meta.url))

/** Runs the payout worker as a process; resolves with how it ended. */
function runWorker(args: string[]): Promise<{ code: number | null; signal: string | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve({ code, signal, output }))
  })
}

// The worker dies at each step of a payout — after reserving it, after Stripe made the transfer but
// before it was recorded, and after recording — and is started again: every partner is paid once.
// A worker process of its own needs a database it can reach too: this suite runs on PostgreSQL (the
// embedded database belongs to the one process that opened it).
describe.runIf(process.env.CREDENCE_TEST_DB === 'postgres')(
  'payouts when the worker is killed at each step',
  () => {
    let live: LiveHarness
    let stripe: StripeFake
    let batch: BatchView
    let url: string

    beforeAll(async () => {
      stripe = await startStripeFake()
      live = await createLiveHarness('payout-crash', [creditsModule, incentivesModule])
      url = (live.h.testDb.database.pool as pg.Pool & { options: { connectionString: string } }).options
        .connectionString
      const partners = Object.fromEntries(
        Array.from({ length: 7 }, (_, i) => [
          `Partner${i + 1}`,
          { amount: `${(i + 1) * 100}.00`, currency: 'USD', rail: 'stripe' as const },
        ]),
      )
      await seedPayableOrg(live, partners)
      const finance = await live.h.signIn(live.orgId, 'finance')
      batch = (
        await finance.post('/api/v1/payout-batches', {
          periodTo: '2026-05-31',
          rail: 'stripe',
          requiresSecondApprover: false,
        })
      ).json()
      expect(batch.payouts).toHaveLength(7)
      expect((await finance.post(`/api/v1/payout-batches/${batch.id}/approve`)).statusCode).toBe(200)
      expect((await finance.post(`/api/v1/payout-batches/${batch.id}/execute`)).statusCode).toBe(202)
    })
    afterAll(async () => {
      await live?.close()
      await stripe?.close()
    })

    it('pays every partner exactly once across crashes after reserve, after the provider call, and after recording', async () => {
      const ids = batch.payouts.map((p) => p.id).sort()
      const args = (step: string, payout: string) => [
        url,
        live.orgId,
        batch.id,
        stripe.url,
        stripe.apiKey,
        step,
        payout,
      ]
      for (const [step, payout] of [
        ['reserved', ids[1]!],
        ['sent', ids[3]!],
        ['recorded', ids[5]!],
      ] as const) {
        const crashed = await runWorker(args(step, payout))
        expect(crashed.signal, crashed.output).toBe('SIGKILL')
      }
      const finished = await runWorker(args('-', '-'))
      expect(finished.code, finished.output).toBe(0)

      const paid = (await live.admin.get(`/api/v1/payout-batches/${batch.id}`)).json() as BatchView
      expect(paid.status).toBe('paid')
      // one transfer a payout, each for its amount, each recorded on its payout
      expect(stripe.transfers).toHaveLength(7)
      for (const payout of paid.payouts) {
        const transfers = stripe.transfers.filter((t) => t.metadata.payout_id === payout.id)
        expect(transfers, payout.id).toHaveLength(1)
        expect(transfers[0]).toMatchObject({
          id: payout.providerRef,
          amount: Number(payout.amount.amountMinor),
        })
        expect(payout.status).toBe('paid')
      }
      // the payout killed after Stripe answered was sent twice with one key, and Stripe replayed it
      const replays = stripe.requests.filter((r) => r.replayed)
      expect(replays.map((r) => r.idempotencyKey)).toEqual([ids[3]])
    })
  },
)
