import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../../http/live-harness'
import { answerOf, type Client } from '../../../http/test-harness'
import { systemScope } from '../../../platform/scope'
import { partnersModule } from '../../partners'
import { integrationsModule } from '..'
import {
  backoffMs,
  deliverDueWebhooks,
  maxAttempts,
  pruneDeliveries,
  sendDueDeliveries,
} from './webhook-deliveries.service'
import { verifySignature } from './webhook-signature'
import type { DeliveryView, EndpointView } from './webhooks.contract'
import { createEndpoint, type WebhookDeps } from './webhooks.service'

interface Received {
  body: string
  headers: Record<string, string | string[] | undefined>
}

// Outbound webhooks end to end: an event → one delivery per subscribed endpoint → a signed POST to a
// real local receiver → retried with backoff while it fails → replayed on request.
describe('webhooks', () => {
  let live: LiveHarness
  let admin: Client
  let receiver: Server
  let url: string
  const received: Received[] = []
  /** What the receiver answers next (then 200 again). */
  let answers: number[] = []
  let deps: WebhookDeps

  const subscribe = async (eventTypes: string[], path = '/hook'): Promise<EndpointView> => {
    const res = await admin.post('/api/v1/webhooks/endpoints', { url: `${url}${path}`, eventTypes })
    expect(res.statusCode, res.body).toBe(201)
    return res.json()
  }
  const newPartner = async (name: string) => {
    const res = await admin.post('/api/v1/partners', { name, type: 'reseller', currency: 'USD' })
    expect(res.statusCode, res.body).toBe(201)
    await live.bus.drain()
    return res.json().id as string
  }
  const deliveries = async (query = ''): Promise<DeliveryView[]> =>
    (await admin.get(`/api/v1/webhooks/deliveries?${query}`)).json().items
  const now = () => Math.floor(live.h.clock.now().getTime() / 1000)

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      req.on('end', () => {
        received.push({ body, headers: req.headers })
        const status = answers.shift() ?? 200
        res
          .writeHead(status, { 'content-type': 'text/plain' })
          .end(status === 200 ? 'ok' : 'receiver is down')
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
    live = await createLiveHarness('hooks', [partnersModule, integrationsModule])
    admin = live.admin
    deps = {
      clock: live.h.clock,
      secret: 'test-secret-test-secret-test-secret-42',
      allowPrivateTargets: true,
    }
  })
  afterAll(async () => {
    await live?.close()
    await new Promise((resolve) => receiver.close(resolve))
  })
  beforeEach(() => {
    received.length = 0
    answers = []
  })

  let endpoint: EndpointView
  let secret: string

  it('shows the signing secret once and keeps it sealed', async () => {
    endpoint = await subscribe(['partner.created'])
    secret = endpoint.secret!
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/)
    const listed = (await admin.get('/api/v1/webhooks/endpoints')).json().items
    expect(listed.find((e: EndpointView) => e.id === endpoint.id)).not.toHaveProperty('secret')
    const stored = await live.h.testDb.database.query<{ secret_sealed: string }>(
      'select secret_sealed from webhook_endpoints where id = $1',
      [endpoint.id],
    )
    expect(stored.rows[0]!.secret_sealed).not.toContain(secret.slice(6))
  })

  it('delivers a subscribed event once, signed, with the event in the envelope', async () => {
    const other = await subscribe(['deal.created'], '/deals-only')
    const partnerId = await newPartner('Hooked Partner')
    expect(await deliverDueWebhooks(live.h.testDb.database.db, deps)).toBe(1)
    expect(received).toHaveLength(1)
    const [got] = received
    const envelope = JSON.parse(got!.body)
    expect(envelope).toMatchObject({
      type: 'partner.created',
      apiVersion: '2026-11-30',
      entityId: partnerId,
      data: { partnerId, type: 'reseller', status: expect.any(String) },
    })
    expect(got!.headers['credence-event-id']).toBe(envelope.id)
    expect(verifySignature(got!.body, got!.headers['credence-signature'] as string, secret, now())).toEqual({
      ok: true,
    })
    expect(
      verifySignature(`${got!.body} `, got!.headers['credence-signature'] as string, secret, now()).ok,
    ).toBe(false)
    expect(
      verifySignature(got!.body, got!.headers['credence-signature'] as string, secret, now() + 600),
    ).toEqual({
      ok: false,
      reason: 'the timestamp is too old or too new',
    })
    const [delivery] = await deliveries(`endpointId=${endpoint.id}`)
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      nextAttemptAt: null,
    })
    expect(await deliveries(`endpointId=${other.id}`)).toEqual([])
    // the same event handed to the subscriber again makes no second delivery
    await live.bus.deliver('integrations.webhooks', envelope.id)
    expect(await deliverDueWebhooks(live.h.testDb.database.db, deps)).toBe(0)
  })

  it('retries a failing receiver with backoff until it answers, keeping each answer', async () => {
    answers = [500, 503]
    await newPartner('Flaky Partner')
    await deliverDueWebhooks(live.h.testDb.database.db, deps)
    let [delivery] = await deliveries(`endpointId=${endpoint.id}&status=retrying`)
    expect(delivery).toMatchObject({
      attempts: 1,
      lastStatusCode: 500,
      lastResponse: 'receiver is down',
      lastError: 'the receiver answered 500',
    })
    expect(new Date(delivery!.nextAttemptAt!).getTime()).toBe(live.h.clock.now().getTime() + backoffMs(1))
    // not due yet: nothing is sent
    expect(await deliverDueWebhooks(live.h.testDb.database.db, deps)).toBe(0)
    live.h.clock.advance(backoffMs(1))
    await deliverDueWebhooks(live.h.testDb.database.db, deps)
    live.h.clock.advance(backoffMs(2))
    await deliverDueWebhooks(live.h.testDb.database.db, deps)
    ;[delivery] = await deliveries(`endpointId=${endpoint.id}`)
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200 })
    expect(received.map((r) => JSON.parse(r.body).id)).toEqual(Array(3).fill(delivery!.eventId))
  })

  it('gives up after the last attempt, and a replay sends the same event again', async () => {
    answers = Array(maxAttempts).fill(500)
    await newPartner('Down Partner')
    for (let i = 1; i <= maxAttempts; i++) {
      await deliverDueWebhooks(live.h.testDb.database.db, deps)
      live.h.clock.advance(backoffMs(i))
    }
    const [failed] = await deliveries(`endpointId=${endpoint.id}&status=failed`)
    expect(failed).toMatchObject({ attempts: maxAttempts, lastStatusCode: 500, nextAttemptAt: null })
    expect(await deliverDueWebhooks(live.h.testDb.database.db, deps)).toBe(0)

    const replay = await admin.post(`/api/v1/webhooks/deliveries/${failed!.id}/replay`)
    expect(replay.statusCode, replay.body).toBe(200)
    expect(replay.json()).toMatchObject({ status: 'pending', attempts: 0 })
    await deliverDueWebhooks(live.h.testDb.database.db, deps)
    expect(received.at(-1)!.body).toBe(failed!.body)
    expect((await admin.get(`/api/v1/webhooks/deliveries/${failed!.id}`)).json().status).toBe('delivered')
    const audit = await live.h.testDb.database.query<{ action: string }>(
      `select action from audit_log where entity_id = $1`,
      [failed!.id],
    )
    expect(audit.rows.map((r) => r.action)).toEqual(['webhook_delivery.replayed'])
  })

  it('signs with the old secret beside the new one for a day after a rotation', async () => {
    const rotated = await admin.post(`/api/v1/webhooks/endpoints/${endpoint.id}/rotate-secret`)
    expect(rotated.statusCode, rotated.body).toBe(200)
    const fresh = rotated.json().secret as string
    expect(fresh).not.toBe(secret)
    const ping = await admin.post(`/api/v1/webhooks/endpoints/${endpoint.id}/ping`)
    expect(ping.statusCode, ping.body).toBe(202)
    await deliverDueWebhooks(live.h.testDb.database.db, deps)
    const header = received.at(-1)!.headers['credence-signature'] as string
    expect(header.match(/v1=/g)).toHaveLength(2)
    expect(verifySignature(received.at(-1)!.body, header, secret, now()).ok).toBe(true)
    expect(verifySignature(received.at(-1)!.body, header, fresh, now()).ok).toBe(true)
    expect(JSON.parse(received.at(-1)!.body)).toMatchObject({
      type: 'webhook.ping',
      data: { endpointId: endpoint.id },
    })

    live.h.clock.advance(86_400_000 + 1000)
    await admin.post(`/api/v1/webhooks/endpoints/${endpoint.id}/ping`)
    await deliverDueWebhooks(live.h.testDb.database.db, deps)
    const later = received.at(-1)!.headers['credence-signature'] as string
    expect(later.match(/v1=/g)).toHaveLength(1)
    expect(verifySignature(received.at(-1)!.body, later, secret, now()).ok).toBe(false)
    expect(verifySignature(received.at(-1)!.body, later, fresh, now()).ok).toBe(true)
    secret = fresh
  })

  it('sends nothing to an endpoint switched off, and fails what was waiting for it', async () => {
    answers = [500]
    const waitingFor = await newPartner('Before the switch')
    await deliverDueWebhooks(live.h.testDb.database.db, deps)
    const off = await admin.patch(`/api/v1/webhooks/endpoints/${endpoint.id}`, { isActive: false })
    expect(off.statusCode, off.body).toBe(200)
    await newPartner('After the switch')
    live.h.clock.advance(backoffMs(1))
    const before = received.length
    await deliverDueWebhooks(live.h.testDb.database.db, deps)
    expect(received.length).toBe(before)
    const [waiting] = await deliveries(`endpointId=${endpoint.id}`)
    expect(waiting).toMatchObject({ status: 'failed', lastError: 'the endpoint is switched off' })
    expect(JSON.parse(waiting!.body).entityId).toBe(waitingFor)
    const ping = await admin.post(`/api/v1/webhooks/endpoints/${endpoint.id}/ping`)
    expect(ping.statusCode).toBe(409)
    await admin.patch(`/api/v1/webhooks/endpoints/${endpoint.id}`, { isActive: true })
  })

  it('hands the subscriber no events of an org without an endpoint', async () => {
    const otherOrg = await live.h.createOrg('no-hooks')
    const owner = await live.h.signIn(otherOrg, 'owner')
    expect(
      (await owner.post('/api/v1/partners', { name: 'Quiet', type: 'reseller', currency: 'USD' })).statusCode,
    ).toBe(201)
    await live.bus.drain()
    const handled = await live.h.testDb.database.query<{ n: number }>(
      `select count(*)::int as n from event_deliveries where subscriber = 'integrations.webhooks' and org_id = $1`,
      [otherOrg],
    )
    expect(handled.rows[0]!.n).toBe(0)
    expect((await owner.get('/api/v1/webhooks/deliveries')).json().total).toBe(0)
  })

  it('sends each due delivery once when two workers run at once', async () => {
    for (let i = 0; i < 20; i++)
      await admin.post('/api/v1/partners', { name: `Burst ${i}`, type: 'reseller', currency: 'USD' })
    await live.bus.drain()
    const before = received.length
    const db = live.h.testDb.database.db
    const [a, b] = await Promise.all([
      sendDueDeliveries(db, deps, { limit: 15 }),
      sendDueDeliveries(db, deps, { limit: 15 }),
    ])
    await deliverDueWebhooks(db, deps)
    expect(a + b).toBeGreaterThanOrEqual(15)
    const ids = received.slice(before).map((r) => JSON.parse(r.body).id as string)
    expect(ids).toHaveLength(20)
    expect(new Set(ids).size).toBe(20)
  })

  it('refuses internal targets, unknown events and partner users, naming the field', async () => {
    const scope = systemScope(live.orgId)
    const strict = { ...deps, allowPrivateTargets: false }
    const owner = { ...scope, actor: { ...scope.actor, role: 'owner' as const } }
    for (const [target, reason] of [
      ['http://127.0.0.1:8080/x', 'is an internal address (127.0.0.1), not a public one'],
      ['http://10.1.2.3/x', 'is an internal address (10.1.2.3), not a public one'],
      ['http://[::1]/x', 'is an internal address (::1), not a public one'],
      ['http://localhost/x', 'names this machine (localhost)'],
    ] as const)
      await expect(
        createEndpoint(live.h.testDb.database.db, owner, { url: target, eventTypes: ['*'] }, strict),
      ).rejects.toMatchObject({
        errors: [{ path: 'url', message: reason }],
      })
    const unknown = await admin.post('/api/v1/webhooks/endpoints', {
      url: `${url}/x`,
      eventTypes: ['partner.created', 'partner.exploded'],
    })
    expect(unknown.statusCode).toBe(422)
    expect(unknown.json().errors[0]).toMatchObject({ path: 'eventTypes[1]' })
    const userinfo = await admin.post('/api/v1/webhooks/endpoints', {
      url: 'https://me:pw@hooks.example/x',
      eventTypes: ['*'],
    })
    expect(userinfo.statusCode).toBe(400)
    const partnerId = await newPartner('Outsider')
    const partner = await live.h.signIn(live.orgId, 'partner_admin', { partnerId })
    await answerOf(partner.get('/api/v1/webhooks/endpoints'), 403)
    await answerOf(partner.post('/api/v1/webhooks/endpoints', { url: `${url}/x`, eventTypes: ['*'] }), 403)
  })

  it('keeps finished deliveries 30 days, and waiting ones until they finish', async () => {
    answers = [500]
    await newPartner('Still waiting')
    await deliverDueWebhooks(live.h.testDb.database.db, deps)
    const all = (await admin.get('/api/v1/webhooks/deliveries?limit=200')).json().items as DeliveryView[]
    const waiting = await deliveries('status=retrying')
    expect(waiting).toHaveLength(1)
    // the oldest finished one is 29 days old: nothing goes yet
    const oldest = Math.min(...all.map((d) => new Date(d.createdAt).getTime()))
    expect(await pruneDeliveries(live.h.testDb.database.db, new Date(oldest + 29 * 86_400_000))).toBe(0)
    const gone = await pruneDeliveries(
      live.h.testDb.database.db,
      new Date(live.h.clock.now().getTime() + 31 * 86_400_000),
    )
    expect(gone).toBe(all.length - 1)
    expect((await deliveries()).map((d) => d.id)).toEqual([waiting[0]!.id])
  })

  it('documents every event type with the schema of its payload', async () => {
    const res = await admin.get('/api/v1/webhooks/event-types')
    expect(res.statusCode).toBe(200)
    const types = res.json().items as { type: string; schema: { properties: Record<string, unknown> } }[]
    expect(types.find((t) => t.type === 'credit.changed')?.schema.properties).toHaveProperty('dealId')
    expect(types.map((t) => t.type)).not.toContain('tier.evaluation_requested')
  })
})
