import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../../http/live-harness'
import type { Client } from '../../../http/test-harness'
import { creditsModule } from '../../credits'
import { integrationsModule } from '..'

// Stripe's billing events end to end: signed events become renewal deals, refunds and churn on the
// customer's account; bad signatures, stale timestamps and replays write nothing more.
describe('Stripe billing events', () => {
  let live: LiveHarness
  let admin: Client
  let webhookPath: string
  const secret = 'whsec_test_0123456789abcdef'
  let dealId: string

  const query = async <T>(text: string, values: unknown[] = []) =>
    (await live.h.testDb.database.query<T>(text, values)).rows
  const now = () => Math.floor(live.h.clock.now().getTime() / 1000)
  const event = (id: string, type: string, object: Record<string, unknown>) =>
    JSON.stringify({ id, object: 'event', type, created: now(), api_version: '2025-01-27', data: { object } })
  const send = (payload: string, options: { secret?: string; timestamp?: number } = {}) =>
    live.h.anonymous().request('POST', webhookPath, payload, {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: options.secret ?? secret,
        timestamp: options.timestamp ?? now(),
      }),
    })
  const renewal = (eventId: string, invoiceId: string, email: string, amountPaid = 120_000) =>
    event(eventId, 'invoice.paid', {
      id: invoiceId,
      object: 'invoice',
      customer: 'cus_globex',
      customer_email: email,
      customer_name: 'Globex GmbH',
      amount_paid: amountPaid,
      currency: 'eur',
      billing_reason: 'subscription_cycle',
      created: Date.parse('2026-05-01T00:00:00Z') / 1000,
      status_transitions: { paid_at: Date.parse('2026-05-02T00:00:00Z') / 1000 },
      metadata: {},
    })

  beforeAll(async () => {
    live = await createLiveHarness('stripe', [creditsModule, integrationsModule])
    admin = live.admin
    const account = await admin.post('/api/v1/accounts', { name: 'Globex', domain: 'globex.example' })
    expect(account.statusCode, account.body).toBe(201)
    const deal = await admin.post('/api/v1/deals', {
      name: 'Globex platform',
      accountId: account.json().id,
      amount: '1000.00',
      currency: 'EUR',
      status: 'won',
      openedAt: '2025-10-01T00:00:00Z',
      closedAt: '2026-01-15T00:00:00Z',
    })
    expect(deal.statusCode, deal.body).toBe(201)
    dealId = deal.json().id
  })
  afterAll(async () => live?.close())

  it('connects with the endpoint’s signing secret, refusing anything else by name', async () => {
    const bad = await admin.put('/api/v1/connections/stripe', {
      credentials: { webhookSecret: 'sk_live_nope' },
    })
    expect(bad.statusCode, bad.body).toBe(400)
    expect(bad.json().errors[0].path).toBe('credentials.webhookSecret')
    const res = await admin.put('/api/v1/connections/stripe', { credentials: { webhookSecret: secret } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ provider: 'stripe', status: 'connected', hasCredentials: true })
    expect(res.body).not.toContain(secret)
    webhookPath = new URL(res.json().webhookUrl).pathname
    expect(webhookPath).toBe(`/api/v1/integrations/stripe/webhooks/${res.json().id}`)
    const sync = await admin.post('/api/v1/connections/stripe/syncs', {})
    expect(sync.statusCode).toBe(409)
  })

  it('refuses a wrong signature or a stale timestamp with 400 and writes nothing', async () => {
    const payload = renewal('evt_bad', 'in_bad', 'billing@globex.example')
    const wrong = await send(payload, { secret: 'whsec_someone_else_000' })
    expect(wrong.statusCode, wrong.body).toBe(400)
    expect(wrong.json().errors[0].path).toBe('stripe-signature')
    const stale = await send(payload, { timestamp: now() - 600 })
    expect(stale.statusCode, stale.body).toBe(400)
    const unknown = await live.h
      .anonymous()
      .request('POST', '/api/v1/integrations/stripe/webhooks/conn_unknown', payload, {
        'content-type': 'application/json',
        'stripe-signature': 't=1,v1=00',
      })
    expect(unknown.statusCode).toBe(400)
    expect(await query(`select event_id from inbound_events`)).toEqual([])
    expect(await query(`select id from deals where source = 'stripe'`)).toEqual([])
  })

  it('a paid renewal invoice becomes a won renewal grown from the account’s deal, once however often it comes', async () => {
    const payload = renewal('evt_renewal', 'in_renewal', 'billing@globex.example')
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(payload)))
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(200))
    expect(answers.filter((a) => !a.json().duplicate).length).toBeGreaterThanOrEqual(1)
    const deals = await query<{ type: string; status: string; amount_minor: string; parent_deal_id: string }>(
      `select type, status, amount_minor::text, parent_deal_id from deals where source = 'stripe' and external_id = 'in_renewal'`,
    )
    expect(deals).toEqual([
      { type: 'renewal', status: 'won', amount_minor: '120000', parent_deal_id: dealId },
    ])
    expect(await query(`select outcome from inbound_events where event_id = 'evt_renewal'`)).toEqual([
      { outcome: 'applied' },
    ])
    expect(await query(`select matched_by from billing_customers where customer_id = 'cus_globex'`)).toEqual([
      { matched_by: 'domain' },
    ])
  })

  it('refunds land on the deal the invoice made, each refund once', async () => {
    const charge = (eventId: string, refunds: { id: string; amount: number }[]) =>
      event(eventId, 'charge.refunded', {
        id: 'ch_1',
        object: 'charge',
        customer: 'cus_globex',
        invoice: 'in_renewal',
        currency: 'eur',
        amount_refunded: refunds.reduce((n, r) => n + r.amount, 0),
        billing_details: { email: null, name: null },
        metadata: {},
        refunds: { object: 'list', data: refunds.map((r) => ({ ...r, object: 'refund', created: now() })) },
      })
    const first = await send(charge('evt_refund_1', [{ id: 're_1', amount: 20_000 }]))
    expect(first.json(), first.body).toMatchObject({ outcome: 'applied' })
    const second = await send(
      charge('evt_refund_2', [
        { id: 're_1', amount: 20_000 },
        { id: 're_2', amount: 10_000 },
      ]),
    )
    expect(second.json().detail).toContain('100.00')
    const refunds = await query<{ amount_minor: string; external_id: string }>(
      `select r.amount_minor::text, r.external_id from deal_revenue_events r join deals d on d.org_id = r.org_id and d.id = r.deal_id
       where d.external_id = 'in_renewal' and r.kind = 'refund' order by r.external_id`,
    )
    expect(refunds).toEqual([
      { amount_minor: '20000', external_id: 'ch_1:re_1' },
      { amount_minor: '10000', external_id: 'ch_1:re_2' },
    ])
  })

  it('a cancelled subscription churns the account’s latest won deal; a stranger’s invoice is unmatched', async () => {
    const cancelled = await send(
      event('evt_cancel', 'customer.subscription.deleted', {
        id: 'sub_1',
        object: 'subscription',
        customer: 'cus_globex',
        status: 'canceled',
        canceled_at: now(),
        ended_at: now(),
        metadata: {},
      }),
    )
    expect(cancelled.json(), cancelled.body).toMatchObject({ outcome: 'applied' })
    const churn = await query<{ external_id: string }>(
      `select d.external_id from deal_revenue_events r join deals d on d.org_id = r.org_id and d.id = r.deal_id where r.kind = 'churn'`,
    )
    expect(churn).toEqual([{ external_id: 'in_renewal' }])
    const stranger = await send(
      renewal('evt_stranger', 'in_stranger', 'ap@unknown.example').replace(/cus_globex/g, 'cus_other'),
    )
    expect(stranger.statusCode).toBe(200)
    expect(stranger.json()).toMatchObject({ outcome: 'unmatched' })
    const log = (await admin.get('/api/v1/connections/stripe/events')).json().items
    expect(log.map((e: { eventId: string; outcome: string }) => `${e.eventId}:${e.outcome}`).sort()).toEqual(
      [
        'evt_cancel:applied',
        'evt_refund_1:applied',
        'evt_refund_2:applied',
        'evt_renewal:applied',
        'evt_stranger:unmatched',
      ].sort(),
    )
  })
})
