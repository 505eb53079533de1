import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../../http/live-harness'
import type { Client } from '../../../http/test-harness'
import { creditsModule } from '../../credits'
import { incentivesModule } from '..'
import type { EntryView } from '../incentives.contract'
import { railsFor } from './payout-jobs'
import { processBatch } from './payout-worker.service'
import type { BatchView } from './payouts.contract'
import { type PayableOrg, seedPayableOrg } from './payouts.test-support'
import { type StripeFake, startStripeFake } from './rails/stripe-fake'

// A payout Stripe refuses for good (the connected account cannot take transfers) leaves its batch
// failed. Finance releases it with a reason: the batch closes, the payout is released, and its lines
// are payable again, in the next batch once the partner's details are put right.
describe('releasing failed payouts', () => {
  let live: LiveHarness
  let stripe: StripeFake
  let org: PayableOrg
  let finance: Client
  let batch: BatchView

  const process = (batchId: string) =>
    processBatch(live.h.testDb.database.db, live.orgId, batchId, live.h.clock, {
      rails: railsFor({ stripe: { apiKey: stripe.apiKey, url: stripe.url } }),
    })
  const lines = async (partner: string) =>
    (await finance.get(`/api/v1/incentives/entries?partnerId=${org.partners[partner]}`)).json()
      .items as EntryView[]

  beforeAll(async () => {
    stripe = await startStripeFake()
    live = await createLiveHarness('payout-release', [creditsModule, incentivesModule])
    org = await seedPayableOrg(live, { Acme: { amount: '1000.00', currency: 'USD', rail: 'stripe' } })
    finance = await live.h.signIn(live.orgId, 'finance')
    const created = await finance.post('/api/v1/payout-batches', {
      periodTo: '2026-05-31',
      rail: 'stripe',
      requiresSecondApprover: false,
    })
    expect(created.statusCode, created.body).toBe(201)
    batch = created.json()
    await finance.post(`/api/v1/payout-batches/${batch.id}/approve`)
  })
  afterAll(async () => {
    await live?.close()
    await stripe?.close()
  })

  it('leaves a batch failed, its lines held in the payout, when Stripe refuses the account', async () => {
    expect(
      (await finance.post(`/api/v1/payout-batches/${batch.id}/release-failed`, { reason: 'Too early' }))
        .statusCode,
    ).toBe(409)
    await finance.post(`/api/v1/payout-batches/${batch.id}/execute`)
    await live.bus.drain()
    stripe.failNext('account_invalid')
    expect(await process(batch.id)).toEqual({ paid: 0, sent: 0, failed: 1 })
    const failed = (await finance.get(`/api/v1/payout-batches/${batch.id}`)).json() as BatchView
    expect(failed).toMatchObject({ status: 'failed', payouts: [{ status: 'failed', entries: 1 }] })
    expect(failed.payouts[0]!.failureReason).toContain('cannot receive transfers')
    // its line is in a payout still, so no other batch takes it
    const next = await finance.post('/api/v1/payout-batches', { periodTo: '2026-05-31', rail: 'stripe' })
    expect(next.json().payouts).toEqual([])
  })

  it('is finance’s to do, with a reason', async () => {
    const admin = await live.h.signIn(live.orgId, 'partner_manager')
    expect(
      (await admin.post(`/api/v1/payout-batches/${batch.id}/release-failed`, { reason: 'Closed' }))
        .statusCode,
    ).toBe(403)
    const noReason = await finance.post(`/api/v1/payout-batches/${batch.id}/release-failed`, {})
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().errors[0].path).toBe('reason')
  })

  it('closes the batch, releases the payout with the reason in the audit log, and frees its lines', async () => {
    const released = await finance.post(`/api/v1/payout-batches/${batch.id}/release-failed`, {
      reason: 'The connected account was closed',
    })
    expect(released.statusCode, released.body).toBe(200)
    expect(released.json()).toMatchObject({ status: 'closed', payouts: [{ status: 'released' }] })
    const again = await finance.post(`/api/v1/payout-batches/${batch.id}/release-failed`, { reason: 'Twice' })
    expect(again.statusCode).toBe(409)
    const audit = await live.h.testDb.database.query<{ after: { reason: string; payouts: string[] } }>(
      `select after from audit_log where org_id = $1 and action = 'payout.released'`,
      [live.orgId],
    )
    expect(audit.rows.map((r) => r.after.reason)).toEqual(['The connected account was closed'])
    expect((await lines('Acme')).map((l) => l.status)).toEqual(['approved'])

    // the partner's details put right, the next batch pays the line, once
    await finance.put(`/api/v1/partners/${org.partners.Acme}/payout-account`, {
      rail: 'stripe',
      payeeName: 'Acme',
      stripeAccountId: 'acct_AcmeNew01',
    })
    const next = (
      await finance.post('/api/v1/payout-batches', {
        periodTo: '2026-05-31',
        rail: 'stripe',
        requiresSecondApprover: false,
      })
    ).json() as BatchView
    expect(next.payouts.map((p) => [p.partnerName, p.amount.amountMinor])).toEqual([['Acme', '10000']])
    await finance.post(`/api/v1/payout-batches/${next.id}/approve`)
    await finance.post(`/api/v1/payout-batches/${next.id}/execute`)
    await live.bus.drain()
    expect(await process(next.id)).toEqual({ paid: 1, sent: 0, failed: 0 })
    expect(stripe.transfers.map((t) => [t.destination, t.amount])).toEqual([['acct_AcmeNew01', 10000]])
    expect((await lines('Acme')).map((l) => l.status)).toEqual(['paid'])
  })
})
