import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../http/live-harness'
import type { Client, Harness } from '../../http/test-harness'
import { creditsModule } from '../credits'
import { incentivesModule } from '.'
import type { EntryView } from './incentives.contract'

// Refunds and churn recorded on a won deal claw commission back through the event flow: a refund in
// proportion, churn in full inside the plan's clawback window, nothing outside it; each entry says why.
// A replayed request records nothing, and requests at once never refund more than the deal.
describe('clawbacks from refunds and churn', () => {
  let live: LiveHarness
  let h: Harness
  let admin: Client
  let orgId: string
  let partnerId: string

  const entries = async (dealId: string) =>
    (
      (await admin.get(`/api/v1/incentives/entries?limit=200&partnerId=${partnerId}`)).json()
        .items as EntryView[]
    ).filter((e) => e.dealId === dealId)
  const record = (dealId: string, body: Record<string, unknown>, key?: string) =>
    admin.request(
      'POST',
      `/api/v1/deals/${dealId}/revenue-events`,
      body,
      key ? { 'idempotency-key': key } : {},
    )
  const wonDeal = async (name: string) => {
    const deal = await admin.post('/api/v1/deals', {
      name,
      amount: '1000.00',
      currency: 'USD',
      status: 'won',
      openedAt: '2026-04-01T12:00:00Z',
      closedAt: '2026-05-20T12:00:00Z',
    })
    expect(deal.statusCode, deal.body).toBe(201)
    const dealId = deal.json().id as string
    const touch = await admin.post('/api/v1/touchpoints', {
      dealId,
      actor: { kind: 'partner', partnerId },
      activityType: 'referral',
      occurredAt: '2026-05-01T00:00:00Z',
    })
    expect(touch.statusCode, touch.body).toBe(201)
    await live.bus.drain()
    return dealId
  }
  const eventRows = async (dealId: string) =>
    (
      await h.testDb.database.query<{ n: number; total: string }>(
        'select count(*)::int as n, coalesce(sum(amount_minor), 0)::text as total from deal_revenue_events where org_id = $1 and deal_id = $2',
        [orgId, dealId],
      )
    ).rows[0]!

  beforeAll(async () => {
    live = await createLiveHarness('clawbacks', [creditsModule, incentivesModule])
    ;({ h, admin, orgId } = live)
    const models = (await admin.get('/api/v1/attribution/models')).json().items
    const linear = models.find((m: { key: string }) => m.key === 'linear')
    await admin.patch(`/api/v1/attribution/models/${linear.id}`, { role: 'paying' })
    const plan = await admin.post('/api/v1/incentives/plans', {
      name: 'Referrals',
      currency: 'USD',
      effectiveFrom: '2026-01-01',
      terms: {
        holdDays: 0,
        clawback: { days: 90 },
        rules: [{ id: 'all', label: 'Every deal', rate: '0.1' }],
      },
    })
    expect(plan.statusCode, plan.body).toBe(201)
    partnerId = (
      await admin.post('/api/v1/partners', { name: 'Referrer', type: 'referral', currency: 'USD' })
    ).json().id
  })
  afterAll(async () => live?.close())

  it('claws a refund back in proportion, says why on the entry and the receipt, and records a replay once', async () => {
    const dealId = await wonDeal('Refunded deal')
    expect((await entries(dealId)).map((e) => e.amount.amountMinor)).toEqual(['10000'])

    const body = {
      kind: 'refund',
      amount: '200.00',
      occurredAt: '2026-06-01T09:00:00Z',
      reason: 'Two seats returned',
    }
    const first = await record(dealId, body, 'refund-key-0001')
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json()).toMatchObject({ kind: 'refund', amount: { amountMinor: '20000', currency: 'USD' } })
    await live.bus.drain()

    const lines = await entries(dealId)
    expect(lines.map((e) => [e.kind, e.amount.amountMinor])).toEqual([
      ['earned', '8000'],
      ['reversal', '-10000'],
      ['earned', '10000'],
    ])
    expect(lines[0]!.reason).toBe('Earned again under Referrals v1, Every deal: refunds 0 → 200.00 USD')
    expect(lines[0]!.receipt!.revenue).toEqual({
      refunded: { amountMinor: '20000', currency: 'USD', amount: '200.00' },
      churnedOn: null,
    })
    const steps = lines[0]!.receipt!.steps.join('\n')
    expect(steps).toContain(
      'Refund of 200.00 USD on 2026-06-01 (Two seats returned), 12 days after the close: inside the plan’s 90-day clawback window',
    )
    expect(steps).toContain('Commission is earned on the 800.00 USD kept of 1000.00 USD (80%)')

    const again = await record(dealId, body, 'refund-key-0001')
    expect(again.statusCode).toBe(200)
    expect(again.json().id).toBe(first.json().id)
    await live.bus.drain()
    expect(await entries(dealId)).toHaveLength(3)
    expect(await eventRows(dealId)).toEqual({ n: 1, total: '20000' })

    const listed = (await admin.get(`/api/v1/deals/${dealId}/revenue-events`)).json()
    expect(listed).toMatchObject({
      items: [{ id: first.json().id, reason: 'Two seats returned' }],
      refunded: { amountMinor: '20000' },
      net: { amountMinor: '80000' },
    })
  })

  it('claws back churn in full inside the window, with the reason', async () => {
    const dealId = await wonDeal('Churned deal')
    const churn = await record(dealId, { kind: 'churn', occurredAt: '2026-06-19T00:00:00Z' })
    expect(churn.statusCode, churn.body).toBe(201)
    await live.bus.drain()
    const [clawback, earned] = await entries(dealId)
    expect(clawback).toMatchObject({ kind: 'reversal', amount: { amountMinor: '-10000' } })
    expect(clawback!.reason).toBe(
      'Now earns nothing: customer churned on 2026-06-19, inside the clawback window',
    )
    expect(earned).toMatchObject({ kind: 'earned', amount: { amountMinor: '10000' }, status: 'reversed' })
    const again = await record(dealId, { kind: 'churn', occurredAt: '2026-06-20T00:00:00Z' })
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toContain('already churned')
  })

  it('leaves commission alone for churn after the clawback window', async () => {
    const dealId = await wonDeal('Late churn')
    const churn = await record(dealId, { kind: 'churn', occurredAt: '2026-09-01T00:00:00Z' })
    expect(churn.statusCode, churn.body).toBe(201)
    await live.bus.drain()
    expect((await entries(dealId)).map((e) => [e.kind, e.amount.amountMinor])).toEqual([['earned', '10000']])
  })

  it('refuses what cannot have happened, naming the field', async () => {
    const dealId = await wonDeal('Checked deal')
    const tooMuch = await record(dealId, {
      kind: 'refund',
      amount: '1000.01',
      occurredAt: '2026-06-01T00:00:00Z',
    })
    expect(tooMuch.statusCode).toBe(422)
    expect(tooMuch.json().errors).toEqual([
      {
        path: 'amount',
        message: "refunds would come to more than the deal's 1000.00 USD (0.00 refunded already)",
      },
    ])
    const early = await record(dealId, { kind: 'refund', amount: '1.00', occurredAt: '2026-05-01T00:00:00Z' })
    expect(early.statusCode).toBe(422)
    expect(early.json().errors[0].path).toBe('occurredAt')
    const noAmount = await record(dealId, { kind: 'refund', occurredAt: '2026-06-01T00:00:00Z' })
    expect(noAmount.json().errors[0]).toMatchObject({ path: 'amount', message: 'is required for a refund' })
    const churnAmount = await record(dealId, {
      kind: 'churn',
      amount: '5.00',
      occurredAt: '2026-06-01T00:00:00Z',
    })
    expect(churnAmount.json().errors[0].path).toBe('amount')

    const open = await admin.post('/api/v1/deals', { name: 'Open', amount: '10.00', currency: 'USD' })
    const refundOpen = await record(open.json().id, {
      kind: 'refund',
      amount: '1.00',
      occurredAt: '2026-06-01T00:00:00Z',
    })
    expect(refundOpen.statusCode).toBe(409)
    expect(
      (await record('deal_nope', { kind: 'churn', occurredAt: '2026-06-01T00:00:00Z' })).statusCode,
    ).toBe(404)
    const partnerUser = await h.signIn(orgId, 'partner_admin', { partnerId })
    const refused = await partnerUser.post(`/api/v1/deals/${dealId}/revenue-events`, {
      kind: 'refund',
      amount: '1.00',
      occurredAt: '2026-06-01T00:00:00Z',
    })
    expect(refused.statusCode).toBe(403)
    expect(await eventRows(dealId)).toEqual({ n: 0, total: '0' })
  })

  it('records identical requests sent at once as one event, and never refunds more than the deal', async () => {
    const dealId = await wonDeal('Raced deal')
    const body = { kind: 'refund', amount: '300.00', occurredAt: '2026-06-02T00:00:00Z' }
    const same = await Promise.all(Array.from({ length: 8 }, () => record(dealId, body, 'raced-key-0001')))
    expect(same.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201])
    expect(new Set(same.map((r) => r.json().id)).size).toBe(1)
    // eight different refunds of 300.00 on a deal of 1000.00: two more fit beside the first
    const different = await Promise.all(
      Array.from({ length: 8 }, (_, i) => record(dealId, body, `raced-key-1${String(i).padStart(3, '0')}`)),
    )
    expect(different.filter((r) => r.statusCode === 201)).toHaveLength(2)
    expect(different.filter((r) => r.statusCode === 422)).toHaveLength(6)
    expect(await eventRows(dealId)).toEqual({ n: 3, total: '90000' })
    await live.bus.drain()
    const [line] = await entries(dealId)
    expect(line).toMatchObject({ kind: 'earned', amount: { amountMinor: '1000' } })
  })
})
