import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness, testPassword } from '../../http/test-harness'

describe('identity API', () => {
  let h: Harness
  let orgId: string
  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('acme')
  })
  afterAll(async () => h?.close())

  describe('sign-in', () => {
    it('signs in with email and password, sets an httpOnly SameSite cookie and answers /me', async () => {
      const admin = await h.signIn(orgId, 'admin', { email: 'Ada@Acme.test' })
      const login = await h
        .anonymous()
        .post('/api/v1/auth/login', { email: 'ada@acme.test', password: testPassword })
      expect(login.statusCode).toBe(200)
      const cookie = login.cookies.find((c) => c.name === 'credence_session')!
      expect(cookie.httpOnly).toBe(true)
      expect(cookie.sameSite).toBe('Lax')
      const me = await admin.get('/api/v1/me')
      expect(me.statusCode).toBe(200)
      expect(me.json()).toMatchObject({
        user: { email: 'ada@acme.test', role: 'admin' },
        org: { id: orgId },
        partner: null,
      })
    })

    it('answers 401 problem+json for a wrong password without saying which part was wrong', async () => {
      await h.signIn(orgId, 'analyst', { email: 'bob@acme.test' })
      for (const email of ['bob@acme.test', 'nobody@acme.test']) {
        const res = await h.anonymous().post('/api/v1/auth/login', { email, password: 'wrong password' })
        expect(res.statusCode).toBe(401)
        expect(res.headers['content-type']).toContain('application/problem+json')
        expect(res.json().detail).toBe('Email or password is not correct')
      }
    })

    it('locks an account after five failed attempts, even for the right password, until the lock ends', async () => {
      await h.signIn(orgId, 'finance', { email: 'carol@acme.test' })
      for (let i = 0; i < 5; i++)
        await h
          .anonymous()
          .post('/api/v1/auth/login', { email: 'carol@acme.test', password: 'nope nope nope' })
      const locked = await h
        .anonymous()
        .post('/api/v1/auth/login', { email: 'carol@acme.test', password: testPassword })
      expect(locked.statusCode).toBe(429)
      expect(locked.json().detail).toMatch(/Too many failed sign-in attempts/)
      h.clock.advance(16 * 60_000)
      const after = await h
        .anonymous()
        .post('/api/v1/auth/login', { email: 'carol@acme.test', password: testPassword })
      expect(after.statusCode).toBe(200)
    })

    it('signs out: the cookie stops working', async () => {
      const user = await h.signIn(orgId, 'analyst')
      expect((await user.post('/api/v1/auth/logout')).statusCode).toBe(204)
      expect((await user.get('/api/v1/me')).statusCode).toBe(401)
    })

    it('refuses a cookie-authenticated write without the CSRF token', async () => {
      const admin = await h.signIn(orgId, 'admin')
      const res = await admin.request(
        'POST',
        '/api/v1/partners',
        { name: 'X', type: 'referral' },
        { 'x-csrf-token': 'forged' },
      )
      expect(res.statusCode).toBe(403)
      expect(res.json().detail).toMatch(/csrf/i)
    })

    it('answers 401 to anonymous calls of private routes', async () => {
      const res = await h.anonymous().get('/api/v1/partners')
      expect(res.statusCode).toBe(401)
      expect(res.json()).toMatchObject({ status: 401, title: 'Unauthenticated' })
    })
  })

  describe('roles', () => {
    it('lets an analyst read partners but not create them', async () => {
      const analyst = await h.signIn(orgId, 'analyst')
      expect((await analyst.get('/api/v1/partners')).statusCode).toBe(200)
      const res = await analyst.post('/api/v1/partners', { name: 'Nope', type: 'referral' })
      expect(res.statusCode).toBe(403)
      expect(res.json().detail).toMatch(/analyst/)
    })

    it('lets an admin change a role (audited) and disabling a user signs them out', async () => {
      const admin = await h.signIn(orgId, 'admin')
      const victim = await h.signIn(orgId, 'analyst')
      const me = (await victim.get('/api/v1/me')).json()
      const res = await admin.patch(`/api/v1/users/${me.user.id}`, { role: 'finance' })
      expect(res.json().role).toBe('finance')
      await admin.patch(`/api/v1/users/${me.user.id}`, { status: 'disabled' })
      expect((await victim.get('/api/v1/me')).statusCode).toBe(401)
      const { rows } = await h.testDb.database.query<{ action: string }>(
        'select action from audit_log where org_id = $1 and entity_id = $2 order by seq',
        [orgId, me.user.id],
      )
      expect(rows.map((r) => r.action)).toEqual(['user.created', 'user.updated', 'user.updated'])
    })

    it('does not let an admin make someone owner', async () => {
      const admin = await h.signIn(orgId, 'admin')
      const other = await h.signIn(orgId, 'analyst')
      const id = (await other.get('/api/v1/me')).json().user.id
      expect((await admin.patch(`/api/v1/users/${id}`, { role: 'owner' })).statusCode).toBe(403)
    })
  })

  describe('invitations', () => {
    it('mails a signed link; the invitee sets a password, is signed in, and the link then stops working', async () => {
      const owner = await h.signIn(orgId, 'owner')
      const created = await owner.post('/api/v1/invitations', {
        email: 'new.hire@acme.test',
        role: 'partner_manager',
      })
      expect(created.statusCode).toBe(201)
      const { link } = created.json()
      const mail = (await owner.get('/api/v1/dev/mail'))
        .json()
        .items.find((m: { to: string }) => m.to === 'new.hire@acme.test')
      expect(mail.text).toContain(link)
      const token = link.split('/invite/')[1]
      const preview = await h.anonymous().get(`/api/v1/auth/invitations/${token}`)
      expect(preview.json()).toMatchObject({
        email: 'new.hire@acme.test',
        orgName: 'Org acme',
        role: 'partner_manager',
      })
      const accepted = await h
        .anonymous()
        .post('/api/v1/auth/accept-invitation', { token, name: 'New Hire', password: 'a long new password' })
      expect(accepted.statusCode).toBe(200)
      expect(accepted.json().user).toMatchObject({ email: 'new.hire@acme.test', role: 'partner_manager' })
      expect(accepted.cookies.some((c) => c.name === 'credence_session')).toBe(true)
      const again = await h
        .anonymous()
        .post('/api/v1/auth/accept-invitation', { token, name: 'Twice', password: 'a long new password' })
      expect(again.statusCode).toBe(410)
    })

    it('accepts an invitation for a partner user, who then sees their own partner', async () => {
      const owner = await h.signIn(orgId, 'owner')
      const partner = (
        await owner.post('/api/v1/partners', { name: 'Invited Partner', type: 'agency' })
      ).json()
      const { link } = (
        await owner.post('/api/v1/invitations', {
          email: 'rep@agency.test',
          role: 'partner_member',
          partnerId: partner.id,
        })
      ).json()
      const token = link.split('/invite/')[1]
      const preview = await h.anonymous().get(`/api/v1/auth/invitations/${token}`)
      expect(preview.json().partnerName).toBe('Invited Partner')
      const accepted = await h
        .anonymous()
        .post('/api/v1/auth/accept-invitation', { token, name: 'Rep', password: 'a long new password' })
      expect(accepted.statusCode).toBe(200)
      expect(accepted.json()).toMatchObject({
        user: { role: 'partner_member', partnerId: partner.id },
        partner: { name: 'Invited Partner' },
      })
    })

    it('rejects a tampered link and an expired one', async () => {
      const owner = await h.signIn(orgId, 'owner')
      const { link } = (
        await owner.post('/api/v1/invitations', { email: 'late@acme.test', role: 'analyst' })
      ).json()
      const token: string = link.split('/invite/')[1]
      const tampered = `${token.slice(0, -2)}xx`
      expect((await h.anonymous().get(`/api/v1/auth/invitations/${tampered}`)).statusCode).toBe(404)
      h.clock.advance(8 * 24 * 3600_000)
      const expired = await h.anonymous().get(`/api/v1/auth/invitations/${token}`)
      expect(expired.statusCode).toBe(410)
      expect(expired.json().detail).toMatch(/expired/)
    })

    it('requires a partner for partner roles, naming the field', async () => {
      const owner = await h.signIn(orgId, 'owner')
      const res = await owner.post('/api/v1/invitations', { email: 'p@partner.test', role: 'partner_member' })
      expect(res.statusCode).toBe(422)
      expect(res.json().errors).toEqual([
        { path: 'partnerId', message: 'is required for the partner role partner_member' },
      ])
    })
  })

  describe('API keys', () => {
    it('shows the secret once, stores only a hash, authenticates as bearer, and stops on revoke', async () => {
      const owner = await h.signIn(orgId, 'owner')
      const created = await owner.post('/api/v1/api-keys', { name: 'CRM sync', scope: 'read_write' })
      expect(created.statusCode).toBe(201)
      const { id, secret } = created.json()
      expect(secret).toMatch(/^crd_/)
      const listed = (await owner.get('/api/v1/api-keys'))
        .json()
        .items.find((k: { id: string }) => k.id === id)
      expect(listed).not.toHaveProperty('secret')
      const { rows } = await h.testDb.database.query<{ key_hash: string }>(
        'select key_hash from api_keys where id = $1',
        [id],
      )
      expect(rows[0]!.key_hash).not.toContain(secret)

      const bearer = h.anonymous({ authorization: `Bearer ${secret}` })
      const made = await bearer.post('/api/v1/partners', { name: 'Via API', type: 'technology' })
      expect(made.statusCode).toBe(201)
      expect((await owner.delete(`/api/v1/api-keys/${id}`)).statusCode).toBe(204)
      expect((await bearer.get('/api/v1/partners')).statusCode).toBe(401)
    })

    it('lets a read-only key read but not write, and no key may mint keys', async () => {
      const owner = await h.signIn(orgId, 'owner')
      const { secret } = (await owner.post('/api/v1/api-keys', { name: 'BI export', scope: 'read' })).json()
      const readOnly = h.anonymous({ authorization: `Bearer ${secret}` })
      expect((await readOnly.get('/api/v1/deals')).statusCode).toBe(200)
      expect((await readOnly.post('/api/v1/partners', { name: 'No', type: 'referral' })).statusCode).toBe(403)
      const rw = (await owner.post('/api/v1/api-keys', { name: 'rw', scope: 'read_write' })).json().secret
      const res = await h
        .anonymous({ authorization: `Bearer ${rw}` })
        .post('/api/v1/api-keys', { name: 'child', scope: 'read' })
      expect(res.statusCode).toBe(403)
    })

    it('answers 401 for an unknown key', async () => {
      const res = await h.anonymous({ authorization: 'Bearer crd_not-a-real-key' }).get('/api/v1/deals')
      expect(res.statusCode).toBe(401)
    })
  })
})

describe('sign-in rate limit', () => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness({ signInRateLimit: 3 })
  })
  afterAll(async () => h?.close())

  it('answers 429 problem+json once a client passes the per-minute limit', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (await h.anonymous().post('/api/v1/auth/login', { email: 'x@y.test', password: 'whatever it is' }))
          .statusCode,
      )
    }
    expect(statuses).toEqual([401, 401, 401, 429])
  })
})
