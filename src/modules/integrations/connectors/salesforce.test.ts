import { generateKeyPairSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../../http/live-harness'
import type { Client } from '../../../http/test-harness'
import { creditsModule } from '../../credits'
import { integrationsModule } from '..'
import { type ConnectorDeps, connectorDepsOf } from './connections.service'
import type { ConnectionView, SyncRunView } from './connectors.contract'
import { SalesforceFake } from './salesforce/salesforce-fake.test-support'
import { seedOrg } from './salesforce/salesforce-org.test-support'
import { runSync } from './sync-runs.service'

// Salesforce end to end against a local Salesforce: refused and accepted sign-ins (JWT bearer and
// username-password), dry run, a first load through Bulk API 2.0, a sync that finds nothing, changes and
// deletions, rate limits, a session that expires mid-run, the daily request limit, and field mapping.
describe('Salesforce connector', () => {
  let live: LiveHarness
  let admin: Client
  let fake: SalesforceFake
  let baseUrl: string
  let deps: ConnectorDeps
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
  const otherKey = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey
  const jwtApp = '3MVG9-jwt-consumer-key'
  const passwordApp = '3MVG9-password-consumer-key'
  const jwtCredentials = (privateKey = keys.privateKey) => ({
    kind: 'jwt',
    loginUrl: 'https://login.salesforce.com',
    clientId: jwtApp,
    username: 'integration@vendor.example',
    privateKey,
  })
  const settings = { partnerField: 'Partner_Account__c' }
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
        type: string
        amount_minor: string
        currency: string
        owner: string | null
        closed_at: Date | null
      }>(
        `select id, name, status, stage, type, amount_minor::text, currency, owner, closed_at from deals where source = 'salesforce' and external_id = $1`,
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
       where d.source = 'salesforce' and d.external_id = $1 order by t.external_id`,
      [dealExternalId],
    )

  /** Asks for a sync over the API and runs its job the way the worker does. */
  const sync = async (body: Record<string, unknown> = {}): Promise<SyncRunView> => {
    const res = await admin.post('/api/v1/connections/salesforce/syncs', body)
    expect(res.statusCode, res.body).toBe(202)
    await live.bus.drain()
    const run = await runSync(live.h.testDb.database.db, live.orgId, res.json().id, deps)
    await live.bus.drain()
    return run ?? (await admin.get(`/api/v1/syncs/${res.json().id}`)).json()
  }
  const connection = async (): Promise<ConnectionView> =>
    (await admin.get('/api/v1/connections/salesforce')).json()
  const tokenRequests = () => fake.requests.filter((r) => r === 'POST /services/oauth2/token').length

  beforeAll(async () => {
    fake = new SalesforceFake()
    baseUrl = await fake.start()
    live = await createLiveHarness('salesforce', [creditsModule, integrationsModule])
    // Salesforce's clock is ours: what changes after a sync starts is newer than where it left off
    fake.now = () => live.h.clock.now()
    // small pages, so query paging (nextRecordsUrl) and bulk paging (Sforce-Locator) are both crossed
    fake.pageSize = 2
    fake.customFields.Opportunity = ['Partner_Account__c']
    admin = live.admin
    deps = connectorDepsOf({
      clock: live.h.clock,
      secret: 'test-secret-test-secret-test-secret-42',
      publicUrl: 'http://credence.test',
      allowPrivateWebhookTargets: true,
    } as never)
    for (const name of ['Acme Reseller', 'Northwind Partners']) {
      const res = await admin.post('/api/v1/partners', { name, type: 'reseller', currency: 'USD' })
      expect(res.statusCode, res.body).toBe(201)
      ids[name] = res.json().id
    }
    fake.addApp(jwtApp, { clientSecret: 'jwt-app-secret', publicKey: keys.publicKey })
    fake.addApp(passwordApp, { clientSecret: 'password-app-secret' })
    fake.addUser('integration@vendor.example', 'S3cret!pwTOKEN123')
    Object.assign(
      ids,
      seedOrg(fake, () => live.h.clock.advance(2000)),
    )
  })
  afterAll(async () => {
    await live?.close()
    await fake?.stop()
  })

  it('refuses credentials Salesforce refuses, naming credentials, and keeps nothing', async () => {
    const res = await admin.put('/api/v1/connections/salesforce', {
      credentials: jwtCredentials(otherKey),
      settings,
      baseUrl,
    })
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().errors[0].path).toBe('credentials')
    expect(res.json().errors[0].message).toContain('Salesforce refused the credentials')
    expect((await admin.get('/api/v1/connections')).json().items).toEqual([])
  })

  it('refuses a partner field the org’s opportunities do not have, naming it', async () => {
    const res = await admin.put('/api/v1/connections/salesforce', {
      credentials: jwtCredentials(),
      settings: { partnerField: 'Referring_Partner__c' },
      baseUrl,
    })
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().errors[0]).toMatchObject({ path: 'settings.partnerField' })
    expect((await admin.get('/api/v1/connections')).json().items).toEqual([])
  })

  it('connects through the JWT bearer flow; the key is sealed and never shown; the account is the org id', async () => {
    const res = await admin.put('/api/v1/connections/salesforce', {
      credentials: jwtCredentials(),
      settings,
      baseUrl,
      startSync: false,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({
      status: 'connected',
      account: fake.orgId,
      hasCredentials: true,
      webhookUrl: null,
    })
    const keyBody = keys.privateKey.split('\n')[1]!
    expect(res.body).not.toContain(keyBody)
    const [row] = await query<{ credentials_sealed: string }>(`select credentials_sealed from connections`)
    expect(row!.credentials_sealed).toMatch(/^v1\./)
    expect(row!.credentials_sealed).not.toContain(keyBody)
    const audit = await query<{ after: unknown }>(
      `select after from audit_log where action = 'connection.connected'`,
    )
    expect(JSON.stringify(audit)).not.toContain(keyBody)
  })

  it('dry-runs: reports what a first load would create and writes nothing', async () => {
    const run = await sync({ dryRun: true })
    expect(run.status, run.error ?? '').toBe('done')
    expect(run.mode).toBe('full')
    expect(run.result).toMatchObject({
      accounts: { inserted: 1, updated: 0 },
      deals: { inserted: 2, updated: 0 },
      touches: { inserted: 7, updated: 0 },
      problems: 1,
    })
    expect(await query(`select id from deals`)).toEqual([])
    expect((await connection()).cursor).toBeNull()
  })

  it('first load through Bulk API 2.0: accounts, opportunities, partner and seller touches', async () => {
    fake.requests.length = 0
    const run = await sync()
    expect(run.status, run.error ?? '').toBe('done')
    expect(run.percent).toBe(100)
    expect(fake.requests.filter((r) => r === 'POST /services/data/v59.0/jobs/query')).toHaveLength(4)
    expect(fake.requests.filter((r) => r.endsWith('/results')).length).toBeGreaterThan(4)
    expect(run.fetched).toEqual({ accounts: 3, deals: 3, touches: 8 })
    expect(run.result).toMatchObject({
      accounts: { inserted: 1 },
      deals: { inserted: 2 },
      touches: { inserted: 7 },
      problems: 1,
    })
    // the partner accounts are not customer accounts; the website reads as a domain
    expect(
      await query(
        `select external_id, name, domain, country, industry from accounts where source = 'salesforce'`,
      ),
    ).toEqual([
      {
        external_id: ids.globex,
        name: 'Globex',
        domain: 'globex.example',
        country: 'DE',
        industry: 'Manufacturing',
      },
    ])
    expect(await dealBy(ids.won!)).toMatchObject({
      name: 'Globex platform',
      status: 'won',
      stage: 'Closed Won',
      type: 'new',
      amount_minor: '1200050',
      currency: 'EUR',
      owner: 'dana@vendor.example',
    })
    expect((await dealBy(ids.won!))?.closed_at?.toISOString()).toBe('2026-02-01T00:00:00.000Z')
    expect(await dealBy(ids.open!)).toMatchObject({
      status: 'open',
      stage: 'Negotiation/Review',
      type: 'expansion',
      amount_minor: '500000',
      currency: 'USD',
      owner: null,
      closed_at: null,
    })
    // the malformed opportunity is left out and named in the import's report
    expect(await dealBy(ids.bad!)).toBeUndefined()
    const problems = (await admin.get(`/api/v1/imports/${run.importId}/problems`)).json()
    expect(JSON.stringify(problems)).toContain('amount')
    const northwind = ids['Northwind Partners']
    expect(await touchesOf(ids.won!)).toEqual([
      {
        external_id: `event:${ids.meeting}`,
        actor_kind: 'partner',
        partner_id: northwind,
        seller: null,
        activity_type: 'co_sell_meeting',
      },
      {
        external_id: `ocr:${ids.partnerRole}`,
        actor_kind: 'partner',
        partner_id: northwind,
        seller: null,
        activity_type: 'co_sell_meeting',
      },
      {
        external_id: `opp-field:${ids.won}`,
        actor_kind: 'partner',
        partner_id: ids['Acme Reseller'],
        seller: null,
        activity_type: 'referral',
      },
      {
        external_id: `opp-partner:${ids.partnerRow}`,
        actor_kind: 'partner',
        partner_id: northwind,
        seller: null,
        activity_type: 'referral',
      },
      {
        external_id: `task:${ids.call}`,
        actor_kind: 'direct',
        partner_id: null,
        seller: 'dana@vendor.example',
        activity_type: 'co_sell_meeting',
      },
    ])
    const view = await connection()
    expect(await touchesOf(ids.open!)).toEqual([
      expect.objectContaining({
        external_id: `opp-partner:${ids.openPartnerRow}`,
        partner_id: ids['Acme Reseller'],
      }),
      expect.objectContaining({ external_id: `task:${ids.followUp}`, actor_kind: 'direct' }),
    ])
    expect(view.held).toEqual({ accounts: 1, deals: 2, touches: 7 })
    expect(view.cursor?.Opportunity).toBeTruthy()
    expect(view.cursor?.['deleted:Opportunity']).toBeTruthy()
  })

  it('a sync that finds no change writes nothing and leaves no import', async () => {
    live.h.clock.advance(10 * 60_000)
    // the first reads again what changed in the last minute of the load (the bad opportunity among it)
    fake.requests.length = 0
    const settle = await sync()
    expect(settle.status, settle.error ?? '').toBe('done')
    expect(settle.mode).toBe('incremental')
    expect(settle.result).toMatchObject({
      deals: { inserted: 0, updated: 0 },
      touches: { inserted: 0, updated: 0 },
      problems: 1,
    })
    // incremental reads go through SOQL queries, a page of two at a time
    expect(fake.requests.some((r) => r.startsWith('POST /services/data/v59.0/jobs'))).toBe(false)
    expect(fake.requests.some((r) => /\/query\/01g/.test(r))).toBe(true)
    const imports = (await query(`select id from imports`)).length
    const run = await sync()
    expect(run.status, run.error ?? '').toBe('done')
    expect(run.result).toMatchObject({
      deals: { inserted: 0, updated: 0 },
      touches: { inserted: 0, updated: 0 },
      problems: 0,
    })
    expect(run.importId).toBeNull()
    expect((await query(`select id from imports`)).length).toBe(imports)
  })

  it('incremental: a changed opportunity, a new task, a deleted opportunity, task and partner row', async () => {
    live.h.clock.advance(10 * 60_000)
    fake.update('Opportunity', ids.open!, {
      Amount: 7500,
      StageName: 'Closed Won',
      IsClosed: true,
      IsWon: true,
      CloseDate: '2026-03-01',
    })
    const email = fake.insert('Task', {
      Subject: 'Proposal',
      WhatId: ids.open!,
      AccountId: ids.globex!,
      TaskSubtype: 'Email',
      ActivityDate: '2026-02-10',
    })
    fake.remove('Task', ids.followUp!)
    fake.remove('OpportunityPartner', ids.openPartnerRow!)
    fake.remove('Opportunity', ids.won!)
    // Salesforce answers getDeleted to the minute: the sync runs a little later
    live.h.clock.advance(2 * 60_000)
    const run = await sync()
    expect(run.status, run.error ?? '').toBe('done')
    expect(run.result).toMatchObject({
      deals: { inserted: 0, updated: 1 },
      touches: { inserted: 1 },
      removed: { deals: 1 },
    })
    expect(await dealBy(ids.open!)).toMatchObject({ status: 'won', amount_minor: '750000' })
    expect(await touchesOf(ids.open!)).toEqual([
      {
        external_id: `task:${email.Id}`,
        actor_kind: 'direct',
        partner_id: null,
        seller: 'Salesforce',
        activity_type: 'content_share',
      },
    ])
    // the deleted opportunity is closed as lost, labelled, and keeps no touch from Salesforce
    expect(await dealBy(ids.won!)).toMatchObject({ status: 'lost', stage: 'Deleted in Salesforce' })
    expect(await touchesOf(ids.won!)).toEqual([])
    expect(
      await query(`select entity_id from audit_log where action = 'deal.removed_at_source'`),
    ).toHaveLength(1)
  })

  it('waits out 429 and 503 answers as long as Retry-After says, and carries on', async () => {
    fake.failNext.push(
      { status: 429, retryAfter: 0 },
      { status: 503, retryAfter: 0 },
      { status: 429, retryAfter: 0 },
    )
    fake.update('Opportunity', ids.open!, { Name: 'Globex expansion (signed)' })
    const run = await sync()
    expect(run.status, run.error ?? '').toBe('done')
    expect(fake.failNext).toEqual([])
    expect((await dealBy(ids.open!))?.name).toBe('Globex expansion (signed)')
  })

  it('signs in again when the session expires mid-run', async () => {
    fake.update('Opportunity', ids.open!, { Amount: 8000 })
    const before = tokenRequests()
    fake.expireSessionsAfter = 3
    const run = await sync()
    expect(run.status, run.error ?? '').toBe('done')
    expect(tokenRequests() - before).toBe(2)
    expect((await dealBy(ids.open!))?.amount_minor).toBe('800000')
  })

  it('stops with a clear message when the org’s daily request limit is used up', async () => {
    fake.limitExceeded = true
    const run = await sync()
    fake.limitExceeded = false
    expect(run.status).toBe('failed')
    expect(run.error).toContain('daily API request limit')
    expect((await connection()).status).toBe('connected')
  })

  it('field mapping: a column Salesforce does not offer is refused; a saved one applies to the next sync', async () => {
    const refused = await admin.put('/api/v1/connections/salesforce/mappings/deals', {
      fields: { externalId: { column: 'id' }, name: { column: 'nickname' } },
    })
    expect(refused.statusCode, refused.body).toBe(422)
    expect(refused.json().errors[0].path).toBe('fields.name')
    const mappings = (await admin.get('/api/v1/connections/salesforce/mappings')).json().items
    const deals = mappings.find((m: { kind: string }) => m.kind === 'deals')
    expect(deals.isDefault).toBe(true)
    const saved = await admin.put('/api/v1/connections/salesforce/mappings/deals', {
      fields: { ...deals.mapping.fields, name: { template: '{name} (Salesforce {id})' } },
    })
    expect(saved.statusCode, saved.body).toBe(200)
    const run = await sync({ full: true })
    expect(run.status, run.error ?? '').toBe('done')
    expect((await dealBy(ids.open!))?.name).toBe(`Globex expansion (signed) (Salesforce ${ids.open})`)
  })

  it('connects a sandbox through the username-password flow and syncs with it', async () => {
    const res = await admin.put('/api/v1/connections/salesforce', {
      credentials: {
        kind: 'password',
        loginUrl: 'https://test.salesforce.com',
        clientId: passwordApp,
        clientSecret: 'password-app-secret',
        username: 'integration@vendor.example',
        password: 'S3cret!pw',
        securityToken: 'TOKEN123',
      },
      settings,
      baseUrl,
      startSync: false,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ status: 'connected', account: fake.orgId })
    // the same org: syncs carry on where they stopped
    expect(res.json().cursor?.Opportunity).toBeTruthy()
    expect(JSON.stringify(await query(`select credentials_sealed from connections`))).not.toContain('S3cret')
    fake.update('Opportunity', ids.open!, { StageName: 'Closed Won - Signed' })
    const run = await sync()
    expect(run.status, run.error ?? '').toBe('done')
    expect((await dealBy(ids.open!))?.stage).toBe('Closed Won - Signed')
  })
})
