import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../../http/live-harness'
import type { Client } from '../../../http/test-harness'
import { pdfText } from '../../../platform/pdf-text.test-support'
import { creditsModule } from '../../credits'
import { incentivesModule } from '..'
import type { EntryView } from '../incentives.contract'
import { railsFor } from './payout-jobs'
import { processBatch } from './payout-worker.service'
import type { BatchView } from './payouts.contract'
import { type PayableOrg, seedPayableOrg } from './payouts.test-support'
import { type StripeFake, startStripeFake } from './rails/stripe-fake'

// Payable lines become a batch (once per Idempotency-Key, however many ask at once), approved by a
// second person from finance, sent through Stripe once each, and settled in the ledger.
describe('payout batches', () => {
  let live: LiveHarness
  let stripe: StripeFake
  let org: PayableOrg
  let finance: Client
  let secondFinance: Client
  let stripeBatch: BatchView

  const create = (client: Client, body: unknown, key?: string) =>
    client.request('POST', '/api/v1/payout-batches', body, key ? { 'idempotency-key': key } : {})
  const process = (batchId: string) =>
    processBatch(live.h.testDb.database.db, live.orgId, batchId, live.h.clock, {
      rails: railsFor({ stripe: { apiKey: stripe.apiKey, url: stripe.url } }),
    })

  beforeAll(async () => {
    stripe = await startStripeFake()
    live = await createLiveHarness('payouts', [creditsModule, incentivesModule])
    org = await seedPayableOrg(live, {
      Acme: { amount: '1000.00', currency: 'USD', rail: 'stripe' },
      Globex: { amount: '500.00', currency: 'EUR', rail: 'stripe' },
      Initech: { amount: '20.00', currency: 'USD', rail: 'stripe' },
      Umbrella: { amount: '800.00', currency: 'USD', rail: null },
      Hooli: { amount: '300.00', currency: 'EUR', rail: 'bank_file' },
      Soylent: { amount: '900.00', currency: 'USD', rail: 'stripe', taxForm: false },
    })
    finance = await live.h.signIn(live.orgId, 'finance', { email: 'fin1@example.com' })
    secondFinance = await live.h.signIn(live.orgId, 'finance', { email: 'fin2@example.com' })
  })
  afterAll(async () => {
    await live?.close()
    await stripe?.close()
  })

  it('gathers payable lines per partner and currency, and holds back who cannot be paid, with why', async () => {
    const res = await create(
      finance,
      { periodTo: '2026-05-31', rail: 'stripe', minimums: { USD: '500' } },
      'batch-stripe-1',
    )
    expect(res.statusCode, res.body).toBe(201)
    stripeBatch = res.json()
    expect(stripeBatch.status).toBe('pending')
    expect(
      stripeBatch.payouts.map((p) => [p.partnerName, p.amount.amountMinor, p.amount.currency, p.entries]),
    ).toEqual(
      expect.arrayContaining([
        ['Acme', '10000', 'USD', 1],
        ['Globex', '5000', 'EUR', 1],
      ]),
    )
    expect(stripeBatch.payouts).toHaveLength(2)
    const held = new Map(stripeBatch.heldBack.map((h) => [h.partnerId, h.reason]))
    expect(held.get(org.partners.Initech!)).toBe('below the USD minimum payout')
    expect(held.get(org.partners.Umbrella!)).toBe('no payout account for Stripe')
    expect(held.get(org.partners.Hooli!)).toBe('no payout account for Stripe')
    expect(held.get(org.partners.Soylent!)).toBe('no valid tax form on file (W-9, or W-8BEN / W-8BEN-E)')
    const soylent = (
      await finance.get(`/api/v1/incentives/balances?partnerId=${org.partners.Soylent}`)
    ).json()
    expect(soylent.items[0]).toMatchObject({ held: { amountMinor: '9000' }, approved: { amountMinor: '0' } })
    expect(stripeBatch.totals).toEqual(
      expect.arrayContaining([expect.objectContaining({ amountMinor: '10000', currency: 'USD' })]),
    )
  })

  it('answers the same Idempotency-Key with the same batch, and never puts a line in two batches', async () => {
    const again = await Promise.all(
      Array.from({ length: 5 }, () =>
        create(finance, { periodTo: '2026-05-31', rail: 'stripe' }, 'batch-stripe-1'),
      ),
    )
    expect(new Set(again.map((r) => r.json().id))).toEqual(new Set([stripeBatch.id]))
    const other = (await create(finance, { periodTo: '2026-05-31', rail: 'stripe' }, 'batch-stripe-2')).json()
    // Acme and Globex are in the first batch already; Initech has no minimum this time
    expect(other.payouts.map((p: { partnerName: string }) => p.partnerName)).toEqual(['Initech'])
    const batches = (await finance.get('/api/v1/payout-batches')).json().items
    expect(batches.filter((b: { id: string }) => b.id === stripeBatch.id)).toHaveLength(1)
  })

  it('is approved by finance only, and with four-eyes never by its creator', async () => {
    const analyst = await live.h.signIn(live.orgId, 'analyst')
    expect((await analyst.post(`/api/v1/payout-batches/${stripeBatch.id}/approve`)).statusCode).toBe(403)
    expect((await analyst.get('/api/v1/payout-batches')).statusCode).toBe(403)
    const own = await finance.post(`/api/v1/payout-batches/${stripeBatch.id}/approve`)
    expect(own.statusCode).toBe(403)
    expect(own.json().detail).toContain('second approver')
    // not yet approved: it cannot be sent
    expect((await secondFinance.post(`/api/v1/payout-batches/${stripeBatch.id}/execute`)).statusCode).toBe(
      409,
    )
    const approved = await secondFinance.post(`/api/v1/payout-batches/${stripeBatch.id}/approve`)
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json()).toMatchObject({
      status: 'approved',
      approvedBy: expect.stringContaining('user:'),
    })
  })

  it('sends each payout once with its key, marks it paid, and settles its lines', async () => {
    const executed = await finance.post(`/api/v1/payout-batches/${stripeBatch.id}/execute`)
    expect(executed.statusCode, executed.body).toBe(202)
    expect(executed.json().status).toBe('processing')
    await live.bus.drain()
    expect(await process(stripeBatch.id)).toEqual({ paid: 2, sent: 0, failed: 0 })
    // a second delivery of the job, or the resume sweep, sends nothing more
    expect(await process(stripeBatch.id)).toEqual({ paid: 0, sent: 0, failed: 0 })
    expect(stripe.transfers).toHaveLength(2)
    const acme = stripe.transfers.find((t) => t.destination === 'acct_Acme0001')!
    expect(acme).toMatchObject({ amount: 10000, currency: 'usd' })
    const batch = (await finance.get(`/api/v1/payout-batches/${stripeBatch.id}`)).json() as BatchView
    expect(batch.status).toBe('paid')
    expect(batch.payouts.every((p) => p.status === 'paid' && p.providerRef?.startsWith('tr_'))).toBe(true)
    const lines = (await finance.get(`/api/v1/incentives/entries?partnerId=${org.partners.Acme}`)).json()
      .items as EntryView[]
    expect(lines.map((l) => l.status)).toEqual(['paid'])
    const balance = (await finance.get(`/api/v1/incentives/balances?partnerId=${org.partners.Acme}`)).json()
      .items[0]
    expect(balance).toMatchObject({ paid: { amountMinor: '10000' }, approved: { amountMinor: '0' } })
  })

  it('states a partner’s period as a PDF: their lines, what was paid, what is owed', async () => {
    const url = `/api/v1/incentives/statements/${org.partners.Acme}.pdf?from=2026-01-01&to=2026-06-30`
    const res = await finance.get(url)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    const text = pdfText(res.rawPayload)
    expect(text).toContain('Commission statement')
    expect(text).toContain("Acme's deal")
    expect(text).toContain('Every deal v1: Every deal')
    expect(text).toMatch(/Paid in the period\n100\.00 USD/)
    expect(text).toMatch(/Owed now: pending, approved and held\n0\.00 USD/)
    const acme = await live.h.signIn(live.orgId, 'partner_member', { partnerId: org.partners.Acme })
    expect((await acme.get(url)).statusCode).toBe(200)
    expect((await acme.get(`/api/v1/incentives/statements/${org.partners.Globex}.pdf`)).statusCode).toBe(404)
  })

  it('claws back a paid line as a payable reversal that nets off the next batch', async () => {
    await live.admin.patch(`/api/v1/deals/${org.deals.Acme}`, {
      status: 'lost',
      closedAt: '2026-01-10T12:00:00Z',
    })
    await live.bus.drain()
    const lines = (await finance.get(`/api/v1/incentives/entries?partnerId=${org.partners.Acme}`)).json()
      .items as EntryView[]
    expect(lines.map((l) => [l.kind, l.amount.amountMinor, l.status])).toEqual([
      ['reversal', '-10000', 'approved'],
      ['earned', '10000', 'paid'],
    ])
    const balance = (await finance.get(`/api/v1/incentives/balances?partnerId=${org.partners.Acme}`)).json()
      .items[0]
    expect(balance).toMatchObject({
      paid: { amountMinor: '10000' },
      approved: { amountMinor: '-10000' },
      total: { amountMinor: '0' },
    })
    const next = (
      await create(finance, { periodTo: '2026-05-31', rail: 'stripe' }, 'batch-stripe-3')
    ).json() as BatchView
    expect(next.heldBack).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          partnerId: org.partners.Acme,
          reason: 'nothing owed: reversals exceed what is payable',
        }),
      ]),
    )
  })

  it('pays a bank-file batch when finance marks it paid, after the file is downloaded', async () => {
    const batch = (
      await create(finance, { periodTo: '2026-05-31', rail: 'bank_file', requiresSecondApprover: false })
    ).json() as BatchView
    expect(batch.payouts.map((p) => [p.partnerName, p.amount.amountMinor])).toEqual([['Hooli', '3000']])
    await finance.post(`/api/v1/payout-batches/${batch.id}/approve`)
    await finance.post(`/api/v1/payout-batches/${batch.id}/execute`)
    expect(await process(batch.id)).toEqual({ paid: 0, sent: 1, failed: 0 })
    const file = await finance.get(`/api/v1/payout-batches/${batch.id}/file`)
    expect(file.headers['content-type']).toContain('text/csv')
    expect(file.body).toContain('DE89370400440532013000')
    expect(file.body).toContain('30.00')
    const paid = await finance.post(`/api/v1/payout-batches/${batch.id}/paid`, {})
    expect(paid.json()).toMatchObject({ status: 'paid', payouts: [{ status: 'paid' }] })
  })

  it('refuses a bad payout account on its field and shows bank details only by their last four', async () => {
    const bad = await finance.put(`/api/v1/partners/${org.partners.Umbrella}/payout-account`, {
      rail: 'bank_file',
      payeeName: 'Umbrella',
      iban: 'DE00 3704 0044 0532 0130 00',
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'iban' })])
    const account = (await finance.get(`/api/v1/partners/${org.partners.Hooli}/payout-account`)).json()
    expect(account.iban).toBe('••••3000')
    const partnerUser = await live.h.signIn(live.orgId, 'partner_member', { partnerId: org.partners.Hooli })
    expect(
      (
        await partnerUser.put(`/api/v1/partners/${org.partners.Hooli}/payout-account`, {
          rail: 'stripe',
          payeeName: 'Hooli',
          stripeAccountId: 'acct_Hooli0001',
        })
      ).statusCode,
    ).toBe(403)
    expect((await partnerUser.get(`/api/v1/partners/${org.partners.Acme}/payout-account`)).statusCode).toBe(
      404,
    )
  })
})
