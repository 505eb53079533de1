import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { renderMail } from '../../platform/mail'
import type { BrandingView, PublicBrandingView } from './branding.contract'
import { mailBrand } from './branding.service'
import { fixtureLogo } from './identity.fixtures'

// White label through the API: admins set the program's name, colour, portal domain and logo (checked
// by its bytes and size); everyone signed in reads them; the portal domain's sign-in page reads them
// without a session; the logo is served by its content; mail is sent in the org's brand.
describe('org branding', () => {
  let h: Harness
  let orgId: string
  let admin: Client
  let other: Client

  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('northwind')
    admin = await h.signIn(orgId, 'admin')
    other = await h.signIn(await h.createOrg('contoso'), 'admin')
  })
  afterAll(async () => h?.close())

  const brand = {
    programName: 'Northwind Partner Network',
    primaryColor: '#0B7285',
    portalDomain: 'Partners.Northwind.Example',
  }

  it('is Credence’s own until an admin sets it, then shows the program’s name, colour and domain', async () => {
    expect((await admin.get('/api/v1/org/branding')).json()).toEqual({
      programName: null,
      primaryColor: null,
      portalDomain: null,
      logoUrl: null,
      updatedAt: null,
    })
    const saved = await admin.put('/api/v1/org/branding', brand)
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json()).toMatchObject({
      programName: 'Northwind Partner Network',
      primaryColor: '#0b7285',
      portalDomain: 'partners.northwind.example',
    })
    const partnerId = (await admin.post('/api/v1/partners', { name: 'Bluefin', type: 'reseller' })).json().id
    const partner = await h.signIn(orgId, 'partner_member', { partnerId })
    expect((await partner.get('/api/v1/org/branding')).json<BrandingView>().programName).toBe(
      'Northwind Partner Network',
    )
    const refused = await partner.put('/api/v1/org/branding', brand)
    expect(refused.statusCode).toBe(403)
    const audit = await h.testDb.database.query<{ action: string }>(
      `select action from audit_log where org_id = $1 and action like 'org.%'`,
      [orgId],
    )
    expect(audit.rows.map((r) => r.action)).toEqual(['org.branding_changed'])
  })

  it('refuses a colour that is not #rrggbb and a portal domain another org uses, naming the field', async () => {
    const color = await admin.put('/api/v1/org/branding', { ...brand, primaryColor: 'teal' })
    expect(color.statusCode).toBe(400)
    expect(color.json().errors[0].path).toBe('primaryColor')
    const taken = await other.put('/api/v1/org/branding', { ...brand, programName: 'Contoso Partners' })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().errors[0].path).toBe('portalDomain')
    expect((await other.get('/api/v1/org/branding')).json<BrandingView>().programName).toBeNull()
  })

  it('takes a logo whose bytes are of its type, under 256 KB, and serves it by its content', async () => {
    const wrongType = await admin.put('/api/v1/org/branding/logo', {
      ...fixtureLogo,
      contentType: 'image/jpeg',
    })
    expect(wrongType.statusCode).toBe(422)
    expect(wrongType.json().errors[0]).toEqual({ path: 'dataBase64', message: 'is not a JPEG image' })
    const big = Buffer.concat([Buffer.from(fixtureLogo.dataBase64, 'base64'), Buffer.alloc(300 * 1024)])
    const tooBig = await admin.put('/api/v1/org/branding/logo', {
      contentType: 'image/png',
      dataBase64: big.toString('base64'),
    })
    expect(tooBig.statusCode).toBe(400)
    expect(tooBig.json().errors[0].path).toBe('dataBase64')

    const saved = (await admin.put('/api/v1/org/branding/logo', fixtureLogo)).json<BrandingView>()
    expect(saved.logoUrl).toMatch(/^\/api\/v1\/branding\/logos\/[0-9a-f]{64}$/)
    const logo = await h.anonymous().get(saved.logoUrl!)
    expect(logo.statusCode).toBe(200)
    expect(logo.headers['content-type']).toBe('image/png')
    expect(logo.headers['cache-control']).toContain('immutable')
    expect(logo.rawPayload.equals(Buffer.from(fixtureLogo.dataBase64, 'base64'))).toBe(true)
    const removed = (await admin.delete('/api/v1/org/branding/logo')).json<BrandingView>()
    expect(removed.logoUrl).toBeNull()
    expect((await h.anonymous().get(saved.logoUrl!)).statusCode).toBe(404)
    await admin.put('/api/v1/org/branding/logo', fixtureLogo)
  })

  it('shows the sign-in page on the portal domain the org’s brand, and nothing on any other', async () => {
    const onPortal = await h.anonymous({ host: 'partners.northwind.example:443' }).get('/api/v1/branding')
    expect(onPortal.json<PublicBrandingView>()).toMatchObject({
      orgName: 'Org northwind',
      programName: 'Northwind Partner Network',
      primaryColor: '#0b7285',
      logoUrl: expect.stringMatching(/^\/api\/v1\/branding\/logos\//),
    })
    const elsewhere = await h.anonymous({ host: 'credence.example' }).get('/api/v1/branding')
    expect(elsewhere.json<PublicBrandingView>()).toMatchObject({
      orgName: null,
      programName: null,
      logoUrl: null,
    })
  })

  it('sends mail in the org’s brand: its name as sender, its portal’s links, its logo and colour', async () => {
    const dressed = await mailBrand(h.testDb.database.db, orgId, 'https://credence.example')
    const sent = renderMail(
      {
        to: 'ada@partner.example',
        subject: 'Your registration was approved',
        text: 'See it at https://credence.example/portal/registrations <now> & later',
      },
      'Credence <no-reply@credence.example>',
      dressed,
    )
    expect(sent.from).toBe('"Northwind Partner Network" <no-reply@credence.example>')
    expect(sent.text).toBe('See it at https://partners.northwind.example/portal/registrations <now> & later')
    expect(sent.html).toContain('border-top:4px solid #0b7285')
    expect(sent.html).toMatch(
      /<img src="https:\/\/credence\.example\/api\/v1\/branding\/logos\/[0-9a-f]{64}"/,
    )
    expect(sent.html).toContain(
      '<a href="https://partners.northwind.example/portal/registrations" style="color:#0b7285">',
    )
    expect(sent.html).toContain('&#60;now&#62; &#38; later')
    // an org without branding is sent as before
    const plain = renderMail({ to: 'x@y.example', subject: 's', text: 't' }, 'Credence <a@b.example>', null)
    expect(plain).toEqual({ from: 'Credence <a@b.example>', to: 'x@y.example', subject: 's', text: 't' })
  })
})
