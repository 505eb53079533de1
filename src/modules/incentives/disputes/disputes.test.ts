import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../../http/live-harness'
import type { Client } from '../../../http/test-harness'
import { fixedClock } from '../../../platform/clock'
import { systemScope } from '../../../platform/scope'
import { creditsModule } from '../../credits'
import { incentivesModule } from '..'
import type { EntryView } from '../incentives.contract'
import { syncPartners } from '../ledger.service'
import { type PayableOrg, seedPayableOrg } from '../payouts/payouts.test-support'
import { listDisputes } from './disputes.service'

// A partner disputes a line with evidence; the line is held from payouts; finance answers on the
// thread and adjusts the ledger once, however often the answer is sent.
describe('commission disputes', () => {
  let live: LiveHarness
  let org: PayableOrg
  let acme: Client
  let finance: Client
  let line: EntryView
  let disputeId: string

  beforeAll(async () => {
    live = await createLiveHarness('disputes', [creditsModule, incentivesModule])
    org = await seedPayableOrg(live, {
      Acme: { amount: '1000.00', currency: 'USD', rail: 'stripe' },
      Globex: { amount: '500.00', currency: 'USD', rail: 'stripe' },
    })
    acme = await live.h.signIn(live.orgId, 'partner_admin', { partnerId: org.partners.Acme })
    finance = await live.h.signIn(live.orgId, 'finance')
    line = (await acme.get('/api/v1/incentives/entries')).json().items[0]
  })
  afterAll(async () => live?.close())

  it('lets a partner dispute their own line, with evidence, and holds the line', async () => {
    expect(line.status).toBe('approved')
    const res = await acme.post('/api/v1/incentives/disputes', {
      entryId: line.id,
      subject: 'My share should be higher',
      message: 'We ran the demo and the pilot.',
      evidence: ['https://mail.example.com/thread/42'],
    })
    expect(res.statusCode, res.body).toBe(201)
    const dispute = res.json()
    disputeId = dispute.id
    expect(dispute).toMatchObject({
      partnerId: org.partners.Acme,
      dealId: org.deals.Acme,
      status: 'open',
      isOverdue: false,
      dueAt: '2026-06-06T09:00:00.000Z',
      messages: [{ side: 'partner', evidence: ['https://mail.example.com/thread/42'] }],
    })
    const [held] = (await acme.get('/api/v1/incentives/entries')).json().items
    expect(held.status).toBe('held')
    const batch = (
      await finance.post('/api/v1/payout-batches', { periodTo: '2026-05-31', rail: 'stripe' })
    ).json()
    expect(batch.payouts.map((p: { partnerName: string }) => p.partnerName)).toEqual(['Globex'])
    expect(batch.heldBack).toEqual([
      expect.objectContaining({ partnerId: org.partners.Acme, reason: 'lines under an open dispute' }),
    ])
  })

  it('keeps partners to their own lines and disputes', async () => {
    const globexLine = (
      await finance.get(`/api/v1/incentives/entries?partnerId=${org.partners.Globex}`)
    ).json().items[0]
    const other = await acme.post('/api/v1/incentives/disputes', {
      entryId: globexLine.id,
      subject: 'x',
      message: 'y',
    })
    expect(other.statusCode).toBe(422)
    expect(other.json().errors[0].path).toBe('entryId')
    const globex = await live.h.signIn(live.orgId, 'partner_member', { partnerId: org.partners.Globex })
    expect((await globex.get(`/api/v1/incentives/disputes/${disputeId}`)).statusCode).toBe(404)
    expect((await globex.get('/api/v1/incentives/disputes')).json().items).toEqual([])
  })

  it('keeps a thread from both sides, and says when an answer is overdue', async () => {
    await finance.post(`/api/v1/incentives/disputes/${disputeId}/messages`, {
      message: 'Send the pilot notes?',
    })
    await acme.post(`/api/v1/incentives/disputes/${disputeId}/messages`, {
      message: 'Attached.',
      evidence: ['https://docs.example.com/pilot'],
    })
    const thread = (await finance.get(`/api/v1/incentives/disputes/${disputeId}`)).json()
    expect(thread.messages.map((m: { side: string }) => m.side)).toEqual(['partner', 'staff', 'partner'])
    const later = await listDisputes(
      live.h.testDb.database.db,
      systemScope(live.orgId),
      {},
      fixedClock('2026-06-07T00:00:00Z'),
    )
    expect(later.items[0]).toMatchObject({ id: disputeId, isOverdue: true })
  })

  it('adjusts the ledger once per Idempotency-Key, and no sync reverses the adjustment', async () => {
    const answer = (key: string, body: unknown) =>
      finance.request('POST', `/api/v1/incentives/disputes/${disputeId}/resolve`, body, {
        'idempotency-key': key,
      })
    const missing = await answer('answer-key-1', { outcome: 'adjusted', reason: 'Pilot confirmed' })
    expect(missing.statusCode).toBe(422)
    expect(missing.json().errors[0].path).toBe('adjustmentMinor')
    const body = { outcome: 'adjusted', reason: 'Pilot confirmed', adjustmentMinor: '2500' }
    const [first, replay] = await Promise.all([answer('answer-key-1', body), answer('answer-key-1', body)])
    expect(first.statusCode, first.body).toBe(200)
    expect(replay.statusCode, replay.body).toBe(200)
    expect(first.json()).toMatchObject({
      status: 'adjusted',
      adjustment: { amountMinor: '2500', currency: 'USD' },
    })
    expect((await answer('answer-key-2', body)).statusCode).toBe(409)
    const entries = async () => (await acme.get('/api/v1/incentives/entries')).json().items as EntryView[]
    const adjustments = (await entries()).filter((e) => e.lineKey === `adjustment:${disputeId}`)
    expect(adjustments).toHaveLength(1)
    expect(adjustments[0]).toMatchObject({
      status: 'approved',
      amount: { amountMinor: '2500' },
      reason: expect.stringContaining('Pilot confirmed'),
    })
    await live.h.testDb.database.db.transaction((tx) =>
      syncPartners(tx, live.orgId, [org.partners.Acme!], live.h.clock),
    )
    expect(await entries()).toHaveLength(2)
    // the dispute is closed: the line is payable again
    expect((await entries()).find((e) => e.id === line.id)?.status).toBe('approved')
  })
})
