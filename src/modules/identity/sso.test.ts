import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { createSealer } from '../../platform/sealed'
import type { SsoSettingsView } from './sso.contract'
import { signInAtProvider, startTestProvider, type TestProvider } from './sso.test-support'

// Single sign-on against a real OpenID Connect provider on 127.0.0.1: admins set the provider up (its
// issuer proven by discovery, the secret sealed and never shown), the sign-in page learns which emails
// use it, and the code flow signs people in — new staff with the default role, existing users of the
// org as themselves — while anything that does not add up lands on the sign-in page, signed out.
describe('single sign-on', () => {
  let h: Harness
  let provider: TestProvider
  let orgId: string
  let otherOrgId: string
  let admin: Client
  const secret = 'test-secret-test-secret-test-secret-42'
  const publicUrl = 'http://credence.test'

  const connection = () => ({
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    domains: ['Northwind.Example'],
    defaultRole: 'analyst',
    allowPartnerUsers: false,
    enabled: true,
  })

  const addAccount = (email: string, extra: { name?: string; email_verified?: boolean } = {}) =>
    provider.accounts.set(email, { email, email_verified: true, name: 'Ada Lovelace', ...extra })

  /** Starts at the app, signs in at the provider, and brings its answer back to the app's callback. */
  async function signInThroughProvider(email: string, login = email): Promise<LightMyRequestResponse> {
    const start = await h.anonymous().get(`/api/v1/sso/start?email=${encodeURIComponent(email)}`)
    expect(start.statusCode, start.body).toBe(302)
    const state = start.cookies.find((c) => c.name === 'credence_sso_state')
    expect(state?.httpOnly).toBe(true)
    const back = await signInAtProvider(String(start.headers.location), login)
    expect(back.origin).toBe(publicUrl)
    return h.anonymous({ cookie: `credence_sso_state=${state!.value}` }).get(`${back.pathname}${back.search}`)
  }

  const sessionOf = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'credence_session')
  const ssoErrorOf = (res: LightMyRequestResponse) =>
    new URL(String(res.headers.location), publicUrl).searchParams.get('sso_error')
  const meWith = (res: LightMyRequestResponse) =>
    h.anonymous({ cookie: `credence_session=${sessionOf(res)!.value}` }).get('/api/v1/me')
  const countUsers = async () =>
    (await h.testDb.database.query<{ n: string }>('select count(*)::text as n from users')).rows[0]!.n

  beforeAll(async () => {
    h = await createHarness({ publicUrl })
    provider = await startTestProvider({ redirectUris: [`${publicUrl}/api/v1/sso/callback`] })
    orgId = await h.createOrg('northwind')
    otherOrgId = await h.createOrg('contoso')
    admin = await h.signIn(orgId, 'admin')
  })
  afterAll(async () => {
    await h?.close()
    await provider?.close()
  })

  it('shows the callback URL to register before anything is set up, and no provider', async () => {
    const settings = await admin.get('/api/v1/sso/connection')
    expect(settings.statusCode, settings.body).toBe(200)
    expect(settings.json()).toEqual({ callbackUrl: `${publicUrl}/api/v1/sso/callback`, connection: null })
    expect((await h.anonymous().get('/api/v1/sso/discover?email=ada@northwind.example')).json()).toEqual({
      sso: false,
    })
  })

  it('refuses an issuer whose discovery fails, naming the field, and stores nothing', async () => {
    const res = await admin.put('/api/v1/sso/connection', { ...connection(), issuer: 'http://127.0.0.1:9' })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['issuer'])
    const remote = await admin.put('/api/v1/sso/connection', {
      ...connection(),
      issuer: 'http://login.example.com',
    })
    expect(remote.statusCode).toBe(422)
    expect(remote.json().errors).toEqual([{ path: 'issuer', message: 'must be an https URL' }])
    expect((await admin.get('/api/v1/sso/connection')).json().connection).toBeNull()
  })

  it('asks for the client secret the first time', async () => {
    const { clientSecret: _, ...withoutSecret } = connection()
    const res = await admin.put('/api/v1/sso/connection', withoutSecret)
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0].path).toBe('clientSecret')
  })

  it('sets the provider up, shows it without its secret, and keeps the secret sealed to the org', async () => {
    const res = await admin.put('/api/v1/sso/connection', connection())
    expect(res.statusCode, res.body).toBe(200)
    const settings = res.json<SsoSettingsView>()
    expect(settings.connection).toMatchObject({
      issuer: provider.issuer,
      clientId: 'credence',
      hasClientSecret: true,
      domains: ['northwind.example'],
      defaultRole: 'analyst',
      enabled: true,
    })
    const read = await admin.get('/api/v1/sso/connection')
    expect(read.body).not.toContain(provider.clientSecret)
    expect(read.json()).toEqual(settings)

    const { rows } = await h.testDb.database.query<{ sealed: string }>(
      'select client_secret_sealed as sealed from sso_connections where org_id = $1',
      [orgId],
    )
    expect(rows[0]!.sealed).not.toContain(provider.clientSecret)
    const sealer = createSealer(secret, 'sso-client-secret')
    expect(sealer.open(rows[0]!.sealed, orgId)).toBe(provider.clientSecret)
    expect(() => sealer.open(rows[0]!.sealed, otherOrgId)).toThrow()

    const audit = await h.testDb.database.query<{ action: string; after: string }>(
      `select action, after::text as after from audit_log where org_id = $1 and action like 'sso.%'`,
      [orgId],
    )
    expect(audit.rows.map((r) => r.action)).toEqual(['sso.connection_changed'])
    expect(audit.rows[0]!.after).not.toContain(provider.clientSecret)
  })

  it('answers the sign-in page by the email’s domain, and says nothing of the org', async () => {
    const found = (await h.anonymous().get('/api/v1/sso/discover?email=Ada@Northwind.Example')).json()
    expect(found).toEqual({
      sso: true,
      startUrl: `${publicUrl}/api/v1/sso/start?email=Ada%40Northwind.Example`,
    })
    expect(JSON.stringify(found)).not.toContain('Org northwind')
    for (const email of ['ada@contoso.example', 'not an email', 'ada@sub.northwind.example'])
      expect(
        (await h.anonymous().get(`/api/v1/sso/discover?email=${encodeURIComponent(email)}`)).json(),
      ).toEqual({ sso: false })
  })

  it('keeps the stored secret when a change leaves it out, and refuses a domain another org has', async () => {
    const { clientSecret: _, ...withoutSecret } = connection()
    const kept = await admin.put('/api/v1/sso/connection', {
      ...withoutSecret,
      defaultRole: 'partner_manager',
    })
    expect(kept.statusCode, kept.body).toBe(200)
    expect(kept.json().connection.hasClientSecret).toBe(true)
    const other = await h.signIn(otherOrgId, 'owner')
    const taken = await other.put('/api/v1/sso/connection', connection())
    expect(taken.statusCode).toBe(409)
    expect(taken.json().errors[0].path).toBe('domains')
    await admin.put('/api/v1/sso/connection', withoutSecret)
  })

  it('lets only admins in a session manage it', async () => {
    const analyst = await h.signIn(orgId, 'analyst')
    expect((await analyst.get('/api/v1/sso/connection')).statusCode).toBe(403)
    expect((await analyst.put('/api/v1/sso/connection', connection())).statusCode).toBe(403)
    const key = await h.apiKey(orgId, 'read_write')
    expect((await key.get('/api/v1/sso/connection')).statusCode).toBe(403)
    const noOwners = await admin.put('/api/v1/sso/connection', { ...connection(), defaultRole: 'owner' })
    expect(noOwners.statusCode).toBe(400)
  })

  it('signs a new person in as staff with the default role and a working session', async () => {
    addAccount('ada@northwind.example')
    const res = await signInThroughProvider('ada@northwind.example')
    expect(res.statusCode, res.body).toBe(302)
    expect(res.headers.location).toBe('/')
    const session = sessionOf(res)
    expect(session?.httpOnly).toBe(true)
    const me = await meWith(res)
    expect(me.statusCode, me.body).toBe(200)
    expect(me.json().user).toMatchObject({
      email: 'ada@northwind.example',
      name: 'Ada Lovelace',
      role: 'analyst',
      partnerId: null,
    })
    expect(me.json().org.id).toBe(orgId)
    const audit = await h.testDb.database.query<{ action: string }>(
      `select action from audit_log where org_id = $1 and action = 'user.created_sso'`,
      [orgId],
    )
    expect(audit.rows).toHaveLength(1)
  })

  it('brings the person back to the page they asked for, when it is a page of this site', async () => {
    const cases = [
      ['/deals?status=open', '/deals?status=open'],
      ['//evil.example/phish', '/'],
      ['https://evil.example/', '/'],
      ['/api/v1/me', '/'],
    ] as const
    for (const [returnTo, landing] of cases) {
      const start = await h
        .anonymous()
        .get(`/api/v1/sso/start?email=ada@northwind.example&returnTo=${encodeURIComponent(returnTo)}`)
      const state = start.cookies.find((c) => c.name === 'credence_sso_state')!.value
      const back = await signInAtProvider(String(start.headers.location), 'ada@northwind.example')
      const res = await h
        .anonymous({ cookie: `credence_sso_state=${state}` })
        .get(`${back.pathname}${back.search}`)
      expect(res.headers.location, returnTo).toBe(landing)
    }
  })

  it('signs the same person in as the same user the second time', async () => {
    const before = await countUsers()
    const first = (await meWith(await signInThroughProvider('ada@northwind.example'))).json().user.id
    const second = await signInThroughProvider('ada@northwind.example')
    expect((await meWith(second)).json().user.id).toBe(first)
    expect(await countUsers()).toBe(before)
    const audit = await h.testDb.database.query<{ n: string }>(
      `select count(*)::text as n from audit_log where org_id = $1 and action = 'user.signed_in_sso'`,
      [orgId],
    )
    expect(Number(audit.rows[0]!.n)).toBeGreaterThanOrEqual(2)
  })

  it('refuses a user of another org with the same email', async () => {
    await h.signIn(otherOrgId, 'analyst', { email: 'grace@northwind.example' })
    addAccount('grace@northwind.example', { name: 'Grace Hopper' })
    const res = await signInThroughProvider('grace@northwind.example')
    expect(res.statusCode).toBe(302)
    expect(String(res.headers.location)).toMatch(/^\/login\?sso_error=/)
    expect(ssoErrorOf(res)).toBe('This account cannot sign in through this provider')
    expect(sessionOf(res)).toBeUndefined()
  })

  it('refuses a callback whose state is not the one this browser started, creating nothing', async () => {
    addAccount('linus@northwind.example')
    const before = await countUsers()
    const start = await h.anonymous().get('/api/v1/sso/start?email=linus@northwind.example')
    const back = await signInAtProvider(String(start.headers.location), 'linus@northwind.example')
    const forged = await h
      .anonymous({ cookie: 'credence_sso_state=another-state' })
      .get(`${back.pathname}${back.search}`)
    expect(forged.statusCode).toBe(302)
    expect(ssoErrorOf(forged)).toMatch(/did not start in this browser/)
    expect(sessionOf(forged)).toBeUndefined()
    const cookieless = await h.anonymous().get(`${back.pathname}${back.search}`)
    expect(ssoErrorOf(cookieless)).toMatch(/did not start in this browser/)
    expect(await countUsers()).toBe(before)
  })

  it('takes each started sign-in once: a replayed callback is refused', async () => {
    const start = await h.anonymous().get('/api/v1/sso/start?email=ada@northwind.example')
    const state = start.cookies.find((c) => c.name === 'credence_sso_state')!.value
    const back = await signInAtProvider(String(start.headers.location), 'ada@northwind.example')
    const browser = h.anonymous({ cookie: `credence_sso_state=${state}` })
    expect(sessionOf(await browser.get(`${back.pathname}${back.search}`))).toBeDefined()
    const replay = await browser.get(`${back.pathname}${back.search}`)
    expect(ssoErrorOf(replay)).toMatch(/expired or was already used/)
    expect(sessionOf(replay)).toBeUndefined()
  })

  it('refuses an address the provider has not verified, and reports the provider’s own refusal', async () => {
    addAccount('eve@northwind.example', { email_verified: false })
    const unverified = await signInThroughProvider('eve@northwind.example')
    expect(ssoErrorOf(unverified)).toBe('The provider has not verified this email address')
    const denied = await h
      .anonymous()
      .get('/api/v1/sso/callback?error=access_denied&error_description=End-User%20aborted%20interaction')
    expect(denied.statusCode).toBe(302)
    expect(ssoErrorOf(denied)).toBe('The provider did not sign you in: End-User aborted interaction')
  })

  it('lands a start for a domain without a provider on the sign-in page', async () => {
    const res = await h.anonymous().get('/api/v1/sso/start?email=ada@contoso.example')
    expect(res.statusCode).toBe(302)
    expect(ssoErrorOf(res)).toMatch(/not set up for this email/)
  })

  it('lets partner users in only when the connection allows them, and then creates nobody', async () => {
    const partnerId = (await admin.post('/api/v1/partners', { name: 'Bluefin', type: 'reseller' })).json().id
    await h.signIn(orgId, 'partner_member', { partnerId, email: 'pat@northwind.example' })
    addAccount('pat@northwind.example', { name: 'Pat' })
    expect(ssoErrorOf(await signInThroughProvider('pat@northwind.example'))).toMatch(/Partner users/)

    const { clientSecret: _, ...withoutSecret } = connection()
    await admin.put('/api/v1/sso/connection', { ...withoutSecret, allowPartnerUsers: true })
    const partner = await signInThroughProvider('pat@northwind.example')
    expect((await meWith(partner)).json().user.partnerId).toBe(partnerId)
    addAccount('newcomer@northwind.example')
    const before = await countUsers()
    const unknown = await signInThroughProvider('newcomer@northwind.example')
    expect(ssoErrorOf(unknown)).toMatch(/ask an admin of the org for an invitation/)
    expect(await countUsers()).toBe(before)
  })

  it('stops offering the provider once it is disabled or removed', async () => {
    const { clientSecret: _, ...withoutSecret } = connection()
    await admin.put('/api/v1/sso/connection', { ...withoutSecret, enabled: false })
    expect((await h.anonymous().get('/api/v1/sso/discover?email=ada@northwind.example')).json().sso).toBe(
      false,
    )
    expect((await admin.delete('/api/v1/sso/connection')).statusCode).toBe(204)
    expect((await admin.get('/api/v1/sso/connection')).json().connection).toBeNull()
    expect((await admin.delete('/api/v1/sso/connection')).statusCode).toBe(404)
  })
})
