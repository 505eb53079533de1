import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness, testPassword } from './test-harness'

const login = (h: Harness, email: string, password: string) =>
  h.anonymous().post('/api/v1/auth/login', { email, password })

describe('security', () => {
  let h: Harness
  let orgId: string
  let owner: Client
  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('secure')
    owner = await h.signIn(orgId, 'owner')
  })
  afterAll(async () => h?.close())

  describe('an API key never becomes a person', () => {
    it('cannot read the dev mail view, where invitation links are', async () => {
      await owner.post('/api/v1/invitations', { email: 'new.admin@secure.test', role: 'admin' })
      const key = await h.apiKey(orgId, 'read_write')
      const res = await key.get('/api/v1/dev/mail')
      expect(res.statusCode).toBe(403)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.body).not.toContain('/invite/')
      expect((await owner.get('/api/v1/dev/mail')).body).toContain('/invite/')
    })

    it('never sees an invitation token: listing invitations shows no link', async () => {
      const created = (
        await owner.post('/api/v1/invitations', { email: 'listed@secure.test', role: 'analyst' })
      ).json()
      const token = created.link.split('/invite/')[1]
      expect(token.length).toBeGreaterThan(20)
      const key = await h.apiKey(orgId, 'read_write')
      for (const client of [key, owner]) {
        const res = await client.get('/api/v1/invitations')
        expect(res.statusCode).toBe(200)
        expect(res.body).not.toContain(token)
        expect(res.body).not.toContain('/invite/')
      }
    })
  })

  describe('lockout', () => {
    it('locks after five wrong passwords sent at once, as five in a row do', async () => {
      await h.signIn(orgId, 'analyst', { email: 'burst@secure.test' })
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => login(h, 'burst@secure.test', 'wrong password!')),
      )
      expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 401, 401, 401])
      const right = await login(h, 'burst@secure.test', testPassword)
      expect(right.statusCode).toBe(429)
    })

    it('answers an unknown email exactly as a known one, lock included', async () => {
      await h.signIn(orgId, 'analyst', { email: 'known@secure.test' })
      const answers: Record<string, { status: number[]; detail: string }> = {}
      for (const email of ['known@secure.test', 'unknown@secure.test']) {
        const status: number[] = []
        let detail = ''
        for (let i = 0; i < 6; i++) {
          const res = await login(h, email, 'wrong password!')
          status.push(res.statusCode)
          detail = res.json().detail
        }
        answers[email] = { status, detail }
      }
      expect(answers['known@secure.test']!.status).toEqual([401, 401, 401, 401, 401, 429])
      expect(answers['unknown@secure.test']).toEqual(answers['known@secure.test'])
    })
  })

  describe('malformed secrets answer 4xx, never 500', () => {
    it.each([
      ['multi-byte characters of the right length', 'é'.repeat(32)],
      ['a longer header', 'x'.repeat(500)],
      ['an empty header', ''],
    ])('a CSRF header of %s is refused with 403', async (_label, header) => {
      const admin = await h.signIn(orgId, 'admin')
      const res = await admin.request(
        'POST',
        '/api/v1/partners',
        { name: 'X', type: 'reseller' },
        {
          'x-csrf-token': header,
        },
      )
      expect(res.statusCode).toBe(403)
      expect(res.headers['content-type']).toContain('application/problem+json')
    })

    it.each([
      'e30.éééééééééééééééééééééééééééééééééééééééééé',
      'abc',
      'YWJj.',
      '.sig',
      '%F0%9F%92%A9.%F0%9F%92%A9',
    ])('an invitation token %s answers 404', async (token) => {
      const res = await h.anonymous().get(`/api/v1/auth/invitations/${token}`)
      expect(res.statusCode).toBe(404)
      const accept = await h
        .anonymous()
        .post('/api/v1/auth/accept-invitation', { token, name: 'Eve', password: 'long enough password' })
      expect([400, 404]).toContain(accept.statusCode)
    })
  })

  describe('partner users are pinned to their partner', () => {
    it('cannot learn which deals another partner touched through the partnerId filter', async () => {
      const mine = (await owner.post('/api/v1/partners', { name: 'Mine', type: 'reseller' })).json().id
      const theirs = (await owner.post('/api/v1/partners', { name: 'Theirs', type: 'reseller' })).json().id
      const deal = (
        await owner.post('/api/v1/deals', { name: 'Shared', amount: '10.00', currency: 'EUR' })
      ).json()
      for (const partnerId of [mine, theirs])
        await owner.post('/api/v1/touchpoints', {
          dealId: deal.id,
          actor: { kind: 'partner', partnerId },
          activityType: 'referral',
          occurredAt: '2026-05-01T00:00:00Z',
        })
      const partner = await h.signIn(orgId, 'partner_member', { partnerId: mine })
      for (const path of ['/api/v1/deals', '/api/v1/deals/summary']) {
        const refused = await partner.get(`${path}?partnerId=${theirs}`)
        expect(refused.statusCode).toBe(403)
        expect(refused.json().errors[0].path).toBe('query.partnerId')
        expect((await partner.get(`${path}?partnerId=${mine}`)).statusCode).toBe(200)
      }
      expect((await owner.get(`/api/v1/deals?partnerId=${theirs}`)).json().items).toHaveLength(1)
    })
  })

  describe('no account enumeration across tenants', () => {
    it('invites an email that has an account in another org without saying so', async () => {
      const other = await h.createOrg('other-tenant')
      await h.signIn(other, 'analyst', { email: 'elsewhere@other.test' })
      const res = await owner.post('/api/v1/invitations', { email: 'elsewhere@other.test', role: 'analyst' })
      expect(res.statusCode).toBe(201)
      expect(res.body).not.toMatch(/already/)
      const taken = await h.signIn(orgId, 'analyst', { email: 'here@secure.test' })
      expect(taken.email).toBe('here@secure.test')
      expect(
        (await owner.post('/api/v1/invitations', { email: 'here@secure.test', role: 'analyst' })).statusCode,
      ).toBe(409)
    })
  })

  describe('headers', () => {
    it('sets security headers on API, page and error responses', async () => {
      for (const path of ['/api/v1/me', '/healthz', '/api/v1/nothing-here', '/docs']) {
        const res = await owner.get(path)
        expect(res.headers['x-frame-options'], path).toBe('DENY')
        expect(res.headers['x-content-type-options'], path).toBe('nosniff')
        expect(res.headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin')
        expect(res.headers['content-security-policy'], path).toContain("frame-ancestors 'none'")
        expect(res.headers['strict-transport-security'], path).toBeUndefined()
      }
    })

    it('keeps API answers out of caches', async () => {
      for (const path of ['/api/v1/me', '/api/v1/partners', '/api/v1/nothing-here'])
        expect((await owner.get(path)).headers['cache-control'], path).toBe('no-store')
    })

    it('adds HSTS when the public URL is https', async () => {
      const secure = await createHarness({ publicUrl: 'https://partners.example.com' })
      try {
        const res = await secure.anonymous().get('/healthz')
        expect(res.headers['strict-transport-security']).toContain('max-age=31536000')
      } finally {
        await secure.close()
      }
    })
  })

  describe('logs', () => {
    it('redact SQL parameters, passwords, tokens and key secrets', async () => {
      const lines: string[] = []
      const logged = await createHarness({
        logLevel: 'info',
        logStream: { write: (line) => lines.push(line) },
      })
      try {
        const db = logged.testDb.database.db
        logged.app.get('/api/v1/failing-query', { config: { isPublic: true } }, async () =>
          db.execute(sql`select ${'hunter2-parameter'}::text as secret, 1 / 0 as boom`),
        )
        const res = await logged.anonymous().get('/api/v1/failing-query')
        expect(res.statusCode).toBe(500)
        const orgId2 = await logged.createOrg('logs')
        const keyClient = await logged.apiKey(orgId2, 'read')
        await keyClient.get('/api/v1/partners')
        await logged.anonymous({ authorization: 'Bearer crd_not-a-real-key-secret' }).get('/api/v1/partners')
        const text = lines.join('\n')
        expect(text).toContain('division by zero')
        expect(text).not.toContain('hunter2-parameter')
        expect(text).not.toContain('crd_not-a-real-key-secret')
        expect(text).not.toContain(testPassword)
        expect(text).not.toMatch(/\$argon2/)
      } finally {
        await logged.close()
      }
    })
  })
})
