import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../../http/live-harness'
import type { Client } from '../../../http/test-harness'
import { listEvents } from '../../../platform/events'
import { creditsModule } from '../../credits'
import { integrationsModule } from '..'
import { type ConnectorDeps, connectorDepsOf } from './connections.service'
import type { ConnectionView, SyncRunView } from './connectors.contract'
import { HubSpotFake } from './hubspot/hubspot-fake.test-support'
import { hubspotSignature } from './hubspot/hubspot-webhooks'
import { runSync } from './sync-runs.service'

// HubSpot end to end against a local HubSpot: connect, dry-run, first load, a sync that finds nothing,
// changes and deletions, rate limits, an expired OAuth token, a revoked token, field mapping, and the
// signed change notifications that queue a sync.
describe('HubSpot connector', () => {
  let live: LiveHarness
  let admin: Client
  let fake: HubSpotFake
  let baseUrl: string
  let deps: ConnectorDeps
  const token = 'pat-na1-0123456789'
  const webhookSecret = 'hubspot-client-secret-1'
  const portalId = 4242
  const ids: Record<string, string> = {}

  const query = async <T>(text: string, values: unknown[] = []) =>
    (await live.h.testDb.database.query<T>(text, values)).rows
  const dealBy = async (externalId: string) =>
    (
      await query<{
        id: string
        name: string
        status: string
        stage: string
        amount_minor: string
        owner: string
      }>(
        `select id, name, status, stage, amount_minor::text, owner from deals where source = 'hubspot' and external_id = $1`,
        [externalId],
      )
    )[0]
  const touchesOf = (dealExternalId: string) =>
    query<{
      external_id: string
      actor_kind: string
      partner_id: string | null
      seller: string | null
      activity_type: string
    }>(
      `select t.external_id, t.actor_kind, t.partner_id, t.seller, t.activity_type from touchpoints t
       join deals d on d.org_id = t.org_id and d.id = t.deal_id
       where d.source = 'hubspot' and d.external_id = $1 order by t.external_id`,
      [dealExternalId],
    )

  /** Asks for a sync over the API and runs its job the way the worker does. */
  const sync = async (body: Record<string, unknown> = {}): Promise<SyncRunView> => {
    const res = await admin.post('/api/v1/connections/hubspot/syncs', body)
    expect(res.statusCode, res.body).toBe(202)
    await live.bus.drain()
    const run = await runSync(live.h.testDb.database.db, live.orgId, res.json().id, deps)
    await live.bus.drain()
    return run ?? (await admin.get(`/api/v1/syncs/${res.json().id}`)).json()
  }
  const connection = async (): Promise<ConnectionView> =>
    (await admin.get('/api/v1/connections/hubspot')).json()

  beforeAll(async () => {
    fake = new HubSpotFake(token)
    baseUrl = await fake.start()
    live = await createLiveHarness('hubspot', [creditsModule, integrationsModule])
    // HubSpot's clock is ours: what changes after a sync starts is newer than where it left off
    fake.now = () => live.h.clock.now()
    // pages of two, so every read pages
    fake.pageCap = 2
    admin = live.admin
    deps = {
      ...connectorDepsOf({
        clock: live.h.clock,
        secret: 'test-secret-test-secret-test-secret-42',
        publicUrl: 'http://credence.test',
        allowPrivateWebhookTargets: true,
      } as never),
    }
    for (const name of ['Acme Reseller', 'Northwind Partners']) {
      const res = await admin.post('/api/v1/partners', { name, type: 'reseller', currency: 'USD' })
      expect(res.statusCode, res.body).toBe(201)
      ids[name] = res.json().id
    }
    const owner = fake.addOwner('dana@vendor.example', 'Dana', 'Seller')
    const globex = fake.add('companies', {
      name: 'Globex',
      domain: 'globex.example',
      country: 'DE',
      industry: 'Manufacturing',
    })
    const northwind = fake.add('companies', { name: 'Northwind Partners', type: 'PARTNER' })
    ids.globex = globex.id
    // the malformed deal is older than the others (a sync reads its newest change again)
    const bad = fake.add('deals', {
      dealname: 'Broken',
      createdate: '2025-12-20T00:00:00Z',
      amount: 'twelve',
      dealstage: 'closedlost',
    })
    const won = fake.add(
      'deals',
      {
        dealname: 'Globex platform',
        createdate: '2025-12-01T00:00:00Z',
        amount: '12000.50',
        deal_currency_code: 'EUR',
        dealstage: 'closedwon',
        dealtype: 'newbusiness',
        closedate: '2026-02-01T00:00:00Z',
        hubspot_owner_id: owner.id,
        partner: 'Acme Reseller',
      },
      { companies: [globex.id] },
    )
    const open = fake.add(
      'deals',
      {
        dealname: 'Globex expansion',
        createdate: '2025-12-15T00:00:00Z',
        amount: '5000',
        dealstage: 'contractsent',
        dealtype: 'existingbusiness',
      },
      { companies: [globex.id] },
    )
    ids.won = won.id
    ids.open = open.id
    ids.bad = bad.id
    const meeting = fake.add(
      'meetings',
      { hs_meeting_title: 'Joint demo', hs_timestamp: '2026-01-10T10:00:00Z' },
      { deals: [won.id], companies: [globex.id, northwind.id] },
    )
    const call = fake.add(
      'calls',
      { hs_call_title: 'Discovery', hs_timestamp: '2026-01-05T10:00:00Z', hubspot_owner_id: owner.id },
      { deals: [won.id], companies: [globex.id] },
    )
    ids.meeting = meeting.id
    ids.call = call.id
  })
  afterAll(async () => {
    await live?.close()
    await fake?.stop()
  })

  it('refuses a token HubSpot refuses, naming credentials, and keeps nothing', async () => {
    const res = await admin.put('/api/v1/connections/hubspot', {
      credentials: { kind: 'private_app', accessToken: 'pat-wrong-token-000' },
      settings: { portalId },
      baseUrl,
    })
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().errors[0].path).toBe('credentials')
    expect(res.json().errors[0].message).toContain('HubSpot refused the credentials')
    expect((await admin.get('/api/v1/connections')).json().items).toEqual([])
  })

  it('connects with a good token, keeps it sealed and never shows it', async () => {
    const res = await admin.put('/api/v1/connections/hubspot', {
      credentials: { kind: 'private_app', accessToken: token, webhookSecret },
      settings: { portalId },
      baseUrl,
      startSync: false,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ status: 'connected', account: String(portalId), hasCredentials: true })
    expect(res.body).not.toContain(token)
    const [row] = await query<{ credentials_sealed: string }>(`select credentials_sealed from connections`)
    expect(row!.credentials_sealed).toMatch(/^v1\./)
    expect(row!.credentials_sealed).not.toContain(token)
    const audit = await query<{ after: unknown }>(
      `select after from audit_log where action = 'connection.connected'`,
    )
    expect(JSON.stringify(audit)).not.toContain(token)
  })

  it('dry-runs: reports what a first load would create and writes nothing', async () => {
    const run = await sync({ dryRun: true })
    expect(run.status, run.error ?? '').toBe('done')
    expect(run.mode).toBe('full')
    expect(run.result).toMatchObject({
      accounts: { inserted: 1, updated: 0 },
      deals: { inserted: 2, updated: 0 },
      touches: { inserted: 3, updated: 0 },
      problems: 1,
    })
    expect(await query(`select id from deals`)).toEqual([])
    expect((await connection()).cursor).toBeNull()
  })

  it('first load: companies, deals with their stage and owner, partner and seller touches', async () => {
    const run = await sync()
    expect(run.status, run.error ?? '').toBe('done')
    expect(run.percent).toBe(100)
    expect(run.fetched).toEqual({ accounts: 2, deals: 3, touches: 3 })
    expect(run.result).toMatchObject({ deals: { inserted: 2 }, touches: { inserted: 3 }, problems: 1 })
    // the partner company is not a customer account
    expect(await query(`select name, domain, country from accounts where source = 'hubspot'`)).toEqual([
      { name: 'Globex', domain: 'globex.example', country: 'DE' },
    ])
    expect(await dealBy(ids.won!)).toMatchObject({
      name: 'Globex platform',
      status: 'won',
      stage: 'Closed Won',
      amount_minor: '1200050',
      owner: 'dana@vendor.example',
    })
    expect(await dealBy(ids.open!)).toMatchObject({ status: 'open', stage: 'Contract Sent' })
    // the malformed deal is left out and named in the import's report
    expect(await dealBy(ids.bad!)).toBeUndefined()
    const problems = (await admin.get(`/api/v1/imports/${run.importId}/problems`)).json()
    expect(JSON.stringify(problems)).toContain('amount')
    expect(await touchesOf(ids.won!)).toEqual([
      {
        external_id: `calls:${ids.call}`,
        actor_kind: 'direct',
        partner_id: null,
        seller: 'dana@vendor.example',
        activity_type: 'co_sell_meeting',
      },
      {
        external_id: `deal-partner:${ids.won}`,
        actor_kind: 'partner',
        partner_id: ids['Acme Reseller'],
        seller: null,
        activity_type: 'referral',
      },
      {
        external_id: `meetings:${ids.meeting}`,
        actor_kind: 'partner',
        partner_id: ids['Northwind Partners'],
        seller: null,
        activity_type: 'co_sell_meeting',
      },
    ])
    // the deals it changed were credited at once, without an org-wide recompute
    const won = await dealBy(ids.won!)
    const changes = (await listEvents(live.h.testDb.database.db, live.orgId, 'credit.changed')).filter(
      (e) => e.entityId === won!.id,
    )
    expect(changes.length).toBeGreaterThan(0)
    const actors = (changes[0]!.payload as { after: { actor: string }[] }).after.map((a) => a.actor)
    expect(actors.sort()).toEqual([ids['Acme Reseller'], ids['Northwind Partners'], 'direct'].sort())
    const view = await connection()
    expect(view.held).toEqual({ accounts: 1, deals: 2, touches: 3 })
    expect(view.cursor?.deals).toBeTruthy()
    expect(view.lastSyncAt).not.toBeNull()
  })

  it('a sync that finds no change writes nothing and leaves no import', async () => {
    live.h.clock.advance(10 * 60_000)
    // the first reads again what changed in the last minute of the load (the bad deal still among it)
    const settle = await sync()
    expect(settle.status, settle.error ?? '').toBe('done')
    expect(settle.mode).toBe('incremental')
    expect(settle.result).toMatchObject({
      deals: { inserted: 0, updated: 0 },
      touches: { inserted: 0, updated: 0 },
      problems: 1,
    })
    const imports = (await query(`select id from imports`)).length
    const run = await sync()
    expect(run.status, run.error ?? '').toBe('done')
    expect(run.result).toMatchObject({ deals: { inserted: 0, updated: 0 }, problems: 0 })
    expect(run.importId).toBeNull()
    expect((await query(`select id from imports`)).length).toBe(imports)
  })

  it('incremental: a changed deal, a new activity, a deleted deal and a deleted activity', async () => {
    live.h.clock.advance(10 * 60_000)
    fake.update('deals', ids.open!, {
      amount: '7500',
      dealstage: 'closedwon',
      closedate: '2026-03-01T00:00:00Z',
    })
    const email = fake.add(
      'emails',
      { hs_email_subject: 'Proposal', hs_timestamp: '2026-02-10T10:00:00Z' },
      { deals: [ids.open!], companies: [ids.globex!] },
    )
    fake.archive('calls', ids.call!)
    fake.archive('deals', ids.won!)
    const run = await sync()
    expect(run.status, run.error ?? '').toBe('done')
    expect(run.result).toMatchObject({
      deals: { inserted: 0, updated: 1 },
      touches: { inserted: 1 },
      removed: { deals: 1 },
    })
    expect(await dealBy(ids.open!)).toMatchObject({ status: 'won', amount_minor: '750000' })
    expect(await touchesOf(ids.open!)).toEqual([
      expect.objectContaining({
        external_id: `emails:${email.id}`,
        actor_kind: 'direct',
        activity_type: 'content_share',
      }),
    ])
    // the deleted deal is closed as lost, labelled, and keeps no touch from HubSpot
    expect(await dealBy(ids.won!)).toMatchObject({ status: 'lost', stage: 'Deleted in HubSpot' })
    expect(await touchesOf(ids.won!)).toEqual([])
    const removed = await query(`select entity_id from audit_log where action = 'deal.removed_at_source'`)
    expect(removed).toHaveLength(1)
  })

  it('waits out HubSpot’s rate limit and carries on', async () => {
    fake.retryAfterSeconds = 0
    fake.rateLimitNext = 3
    fake.update('deals', ids.open!, { dealname: 'Globex expansion (signed)' })
    const run = await sync()
    expect(run.status, run.error ?? '').toBe('done')
    expect(fake.rateLimitNext).toBe(0)
    expect((await dealBy(ids.open!))?.name).toBe('Globex expansion (signed)')
  })

  it('field mapping: a column HubSpot does not offer is refused; a saved one applies to the next sync', async () => {
    const refused = await admin.put('/api/v1/connections/hubspot/mappings/deals', {
      fields: { externalId: { column: 'id' }, name: { column: 'nickname' } },
    })
    expect(refused.statusCode, refused.body).toBe(422)
    expect(refused.json().errors[0].path).toBe('fields.name')
    const mappings = (await admin.get('/api/v1/connections/hubspot/mappings')).json().items
    const deals = mappings.find((m: { kind: string }) => m.kind === 'deals')
    expect(deals.isDefault).toBe(true)
    const saved = await admin.put('/api/v1/connections/hubspot/mappings/deals', {
      fields: { ...deals.mapping.fields, name: { template: '{dealname} (HubSpot {id})' } },
    })
    expect(saved.statusCode, saved.body).toBe(200)
    const run = await sync({ full: true })
    expect(run.status, run.error ?? '').toBe('done')
    expect((await dealBy(ids.open!))?.name).toBe(`Globex expansion (signed) (HubSpot ${ids.open})`)
  })

  it('a revoked token stops the run and marks the connection failing', async () => {
    fake.accessTokens.delete(token)
    fake.update('deals', ids.open!, { amount: '8000' })
    const run = await sync()
    expect(run.status).toBe('failed')
    expect(run.error).toContain('HubSpot refused the credentials')
    const view = await connection()
    expect(view.status).toBe('failing')
    expect(view.lastError).toContain('connect again')
    fake.accessTokens.add(token)
  })

  it('OAuth: an expired access token is renewed with the refresh token and the new one kept', async () => {
    const install = fake.oauthInstall('client-id-1234', 'client-secret-1234')
    const res = await admin.put('/api/v1/connections/hubspot', {
      credentials: {
        kind: 'oauth',
        clientId: 'client-id-1234',
        clientSecret: 'client-secret-1234',
        refreshToken: install.refreshToken,
      },
      settings: { portalId },
      baseUrl,
      startSync: false,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().status).toBe('connected')
    const sealedBefore = (await query<{ c: string }>(`select credentials_sealed as c from connections`))[0]!.c
    // every access token HubSpot gave so far expires
    for (const t of [...fake.accessTokens]) if (t.startsWith('oauth-')) fake.accessTokens.delete(t)
    const run = await sync()
    expect(run.status, run.error ?? '').toBe('done')
    expect((await dealBy(ids.open!))?.amount_minor).toBe('800000')
    expect(fake.requests.filter((r) => r === 'POST /oauth/v1/token').length).toBeGreaterThanOrEqual(2)
    const sealedAfter = (await query<{ c: string }>(`select credentials_sealed as c from connections`))[0]!.c
    expect(sealedAfter).not.toBe(sealedBefore)
  })

  it('a provider that keeps failing is tried again later, and the retry carries on', async () => {
    fake.retryAfterSeconds = 0
    fake.rateLimitNext = 1000
    const res = await admin.post('/api/v1/connections/hubspot/syncs', {})
    expect(res.statusCode, res.body).toBe(202)
    await live.bus.drain()
    const db = live.h.testDb.database.db
    await expect(runSync(db, live.orgId, res.json().id, deps)).rejects.toThrow(/HubSpot answered 429/)
    const waiting = (await admin.get(`/api/v1/syncs/${res.json().id}`)).json()
    expect(waiting).toMatchObject({ status: 'queued', phase: expect.stringContaining('will try again') })
    fake.rateLimitNext = 0
    const run = await runSync(db, live.orgId, res.json().id, deps)
    expect(run?.status, run?.error ?? '').toBe('done')
  })

  describe('change notifications', () => {
    const body = (eventId: number) =>
      JSON.stringify([
        {
          eventId,
          subscriptionId: 7,
          portalId,
          occurredAt: 1,
          subscriptionType: 'deal.propertyChange',
          objectId: 1,
        },
      ])
    const send = (raw: string, options: { secret?: string; timestamp?: number } = {}) => {
      const timestamp = String(options.timestamp ?? live.h.clock.now().getTime())
      const uri = 'http://credence.test/api/v1/integrations/hubspot/webhooks'
      return live.h.anonymous().request('POST', '/api/v1/integrations/hubspot/webhooks', raw, {
        'content-type': 'application/json',
        'x-hubspot-request-timestamp': timestamp,
        'x-hubspot-signature-v3': hubspotSignature(
          options.secret ?? 'client-secret-1234',
          'POST',
          uri,
          raw,
          timestamp,
        ),
      })
    }
    const queued = async () =>
      (await query(`select id from sync_runs where status = 'queued' and reason = 'HubSpot webhook'`)).length

    it('refuses a wrong signature or a stale timestamp with 400 and queues nothing', async () => {
      const wrong = await send(body(1), { secret: 'not-the-secret' })
      expect(wrong.statusCode).toBe(400)
      expect(wrong.json().errors[0].path).toBe('x-hubspot-signature-v3')
      const stale = await send(body(1), { timestamp: live.h.clock.now().getTime() - 6 * 60_000 })
      expect(stale.statusCode).toBe(400)
      expect(stale.json().errors[0].path).toBe('x-hubspot-request-timestamp')
      expect(await queued()).toBe(0)
      expect(await query(`select event_id from inbound_events`)).toEqual([])
    })

    it('queues one sync for a signed batch; the same batch sent again at once changes nothing', async () => {
      const raw = body(99)
      const answers = await Promise.all(Array.from({ length: 8 }, () => send(raw)))
      expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(200))
      expect(answers.map((a) => a.json().accepted).reduce((a, b) => a + b, 0)).toBe(1)
      expect(await query(`select event_id from inbound_events`)).toEqual([{ event_id: '99' }])
      expect(await queued()).toBe(1)
    })
  })
})
