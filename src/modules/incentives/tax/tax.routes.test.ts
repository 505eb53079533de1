import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../../http/test-harness'
import { pdfText } from '../../../platform/pdf-text.test-support'
import { createSealer } from '../../../platform/sealed'
import { payouts } from '../payouts/payouts.tables'
import type { Form1099Report } from './tax.contract'
import { partnersWithValidTaxForm, tinContext } from './tax.service'
import { taxForms } from './tax.tables'

const secret = 'test-secret-test-secret-test-secret-42'

const w9 = (overrides: Record<string, unknown> = {}) => ({
  kind: 'w9',
  legalName: 'Bluefin Consulting',
  taxClassification: 'individual',
  country: 'US',
  addressLine1: '12 Main Street',
  city: 'Portland',
  region: 'OR',
  postalCode: '97201',
  tinKind: 'ssn',
  tin: '536-90-4172',
  signerName: 'Jo Reed',
  signatureAttested: true,
  ...overrides,
})

const w8bene = (overrides: Record<string, unknown> = {}) => ({
  kind: 'w8bene',
  legalName: 'Harbor Systems B.V.',
  taxClassification: 'corporation',
  country: 'NL',
  addressLine1: 'Keizersgracht 1',
  city: 'Amsterdam',
  postalCode: '1015 CJ',
  foreignTin: 'NL8231.94.017B01',
  treatyCountry: 'NL',
  treatyArticle: '7',
  treatyRatePercent: '0',
  signerName: 'Ines de Vries',
  signatureAttested: true,
  ...overrides,
})

describe('tax forms API', () => {
  let h: Harness
  let orgId: string
  let owner: Client
  let finance: Client
  const logLines: string[] = []
  const partner = async (name: string, country: string | null = 'US') =>
    (await owner.post('/api/v1/partners', { name, type: 'referral', ...(country ? { country } : {}) })).json()
      .id as string
  const partnerUser = (partnerId: string) => h.signIn(orgId, 'partner_admin', { partnerId })
  const auditRows = async (entityId: string) =>
    (
      await h.testDb.database.query<{ action: string; after: Record<string, unknown> }>(
        'select action, after from audit_log where org_id = $1 and entity_id = $2 order by seq',
        [orgId, entityId],
      )
    ).rows

  beforeAll(async () => {
    h = await createHarness({ logLevel: 'trace', logStream: { write: (line) => logLines.push(line) } })
    orgId = await h.createOrg('tax')
    owner = await h.signIn(orgId, 'owner')
    finance = await h.signIn(orgId, 'finance')
  })
  afterAll(async () => h?.close())

  it('takes a partner’s own W-9, shows its tax id masked, and staff approve it', async () => {
    const partnerId = await partner('Bluefin')
    const me = await partnerUser(partnerId)
    const res = await me.post('/api/v1/incentives/tax/forms', w9({ tin: '536904172' }))
    expect(res.statusCode, res.body).toBe(201)
    const form = res.json()
    expect(form).toMatchObject({
      partnerId,
      partnerName: 'Bluefin',
      kind: 'w9',
      status: 'submitted',
      tinKind: 'ssn',
      tinMasked: '•••-••-4172',
      tinLast4: '4172',
      expiresOn: null,
      isValid: false,
      signedFromIp: '127.0.0.1',
    })
    expect(form.id).toMatch(/^txf_/)
    expect(await partnersWithValidTaxForm(h.testDb.database.db, orgId, [partnerId])).toEqual(new Set())

    const approved = await finance.post(`/api/v1/incentives/tax/forms/${form.id}/approve`)
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json()).toMatchObject({ status: 'approved', isValid: true })
    expect(approved.json().reviewedBy).toMatch(/^user:/)
    expect(await partnersWithValidTaxForm(h.testDb.database.db, orgId, [partnerId, 'prt_other'])).toEqual(
      new Set([partnerId]),
    )
    expect((await me.get(`/api/v1/incentives/tax/forms/${form.id}`)).json().status).toBe('approved')
    expect((await auditRows(form.id)).map((r) => r.action)).toEqual([
      'tax_form.submitted',
      'tax_form.approved',
    ])
  })

  it('stores the tax id sealed to its form, with only the last 4 in clear', async () => {
    const partnerId = await partner('Sealed Co')
    const form = (
      await owner.post('/api/v1/incentives/tax/forms', w9({ partnerId, tin: '536-90-4172' }))
    ).json()
    const [row] = (
      await h.testDb.database.query<{ tin_sealed: string; tin_last4: string }>(
        'select tin_sealed, tin_last4 from tax_forms where org_id = $1 and id = $2',
        [orgId, form.id],
      )
    ).rows
    expect(row!.tin_last4).toBe('4172')
    expect(row!.tin_sealed).not.toContain('536')
    const sealer = createSealer(secret, 'tax-form-tin')
    expect(sealer.open(row!.tin_sealed, tinContext(orgId, form.id, 'tin'))).toBe('536-90-4172')
    expect(() => sealer.open(row!.tin_sealed, tinContext(orgId, 'txf_another', 'tin'))).toThrow()
  })

  it.each([
    [{ tin: '000-12-3456' }, 'tin'],
    [{ tin: '666-12-3456' }, 'tin'],
    [{ tin: '912-12-3456' }, 'tin'],
    [{ tin: '123-00-4567' }, 'tin'],
    [{ tin: '123-45-0000' }, 'tin'],
    [{ tin: '12345' }, 'tin'],
    [{ tinKind: 'ein', tin: '07-1234567', taxClassification: 'c_corporation' }, 'tin'],
    [{ tinKind: 'itin', tin: '912-49-1234' }, 'tin'],
    [{ tinKind: 'ssn', taxClassification: 'c_corporation' }, 'tinKind'],
    [{ tin: undefined, tinKind: undefined }, 'tin'],
    [{ country: 'NL' }, 'country'],
    [{ signatureAttested: false }, 'signatureAttested'],
    [{ legalName: '   ' }, 'legalName'],
    [{ signerName: '' }, 'signerName'],
    [{ foreignTin: 'NL123456789B01' }, 'foreignTin'],
    [{ treatyCountry: 'NL', treatyArticle: '7', treatyRatePercent: '0' }, 'treatyCountry'],
    [{ taxClassification: 'corporation' }, 'taxClassification'],
  ])('refuses a W-9 with %j naming %s, and writes nothing', async (overrides, path) => {
    const partnerId = await partner('Refused Co')
    const res = await owner.post('/api/v1/incentives/tax/forms', w9({ partnerId, ...overrides }))
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
    expect((await owner.get(`/api/v1/incentives/tax/forms?partnerId=${partnerId}`)).json().total).toBe(0)
  })

  it.each([
    [{ country: 'US' }, 'country'],
    [{ foreignTin: undefined }, 'foreignTin'],
    [{ foreignTin: '12' }, 'foreignTin'],
    [{ taxClassification: 'individual' }, 'taxClassification'],
    [{ treatyRatePercent: '45' }, 'treatyRatePercent'],
    [{ treatyArticle: undefined }, 'treatyArticle'],
    [{ tinKind: 'ssn', tin: '536-90-4172' }, 'tinKind'],
  ])('refuses a W-8BEN-E with %j naming %s', async (overrides, path) => {
    const partnerId = await partner('Abroad', 'NL')
    const res = await owner.post('/api/v1/incentives/tax/forms', w8bene({ partnerId, ...overrides }))
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
  })

  it('keeps a W-8BEN-E valid until the end of the third calendar year after signing', async () => {
    const partnerId = await partner('Harbor', 'NL')
    const form = (await owner.post('/api/v1/incentives/tax/forms', w8bene({ partnerId }))).json()
    expect(form).toMatchObject({
      kind: 'w8bene',
      expiresOn: '2029-12-31',
      foreignTinMasked: '••••7B01',
      treaty: { country: 'NL', article: '7', ratePercent: '0' },
      tinMasked: null,
    })
    await finance.post(`/api/v1/incentives/tax/forms/${form.id}/approve`)
    const db = h.testDb.database.db
    expect(await partnersWithValidTaxForm(db, orgId, [partnerId], new Date('2029-12-31T23:00:00Z'))).toEqual(
      new Set([partnerId]),
    )
    expect(await partnersWithValidTaxForm(db, orgId, [partnerId], new Date('2030-01-01T00:00:00Z'))).toEqual(
      new Set(),
    )
  })

  it('takes a W-8BEN from an individual abroad', async () => {
    const partnerId = await partner('Solo', 'DE')
    const res = await owner.post(
      '/api/v1/incentives/tax/forms',
      w8bene({
        partnerId,
        kind: 'w8ben',
        taxClassification: 'individual',
        country: 'DE',
        foreignTin: '12 345 678 901',
        treatyCountry: undefined,
        treatyArticle: undefined,
        treatyRatePercent: undefined,
      }),
    )
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ kind: 'w8ben', foreignTinMasked: '••••8901', treaty: null })
  })

  it('supersedes the earlier forms with a new submission, and audits each step', async () => {
    const partnerId = await partner('Changer')
    const first = (await owner.post('/api/v1/incentives/tax/forms', w9({ partnerId }))).json()
    await finance.post(`/api/v1/incentives/tax/forms/${first.id}/approve`)
    const second = (
      await owner.post('/api/v1/incentives/tax/forms', w9({ partnerId, tinKind: 'itin', tin: '912-70-1234' }))
    ).json()
    const forms = (await owner.get(`/api/v1/incentives/tax/forms?partnerId=${partnerId}`)).json().items
    expect(forms.map((f: { id: string; status: string }) => [f.id, f.status])).toEqual([
      [second.id, 'submitted'],
      [first.id, 'superseded'],
    ])
    expect(await partnersWithValidTaxForm(h.testDb.database.db, orgId, [partnerId])).toEqual(new Set())
    expect((await auditRows(first.id)).map((r) => r.action)).toEqual([
      'tax_form.submitted',
      'tax_form.approved',
      'tax_form.superseded',
    ])
    const submitted = (await auditRows(second.id))[0]!
    expect(submitted.after).toMatchObject({ tinLast4: '1234', supersedes: [first.id] })
    expect(JSON.stringify(submitted.after)).not.toContain('912-70')
  })

  it('rejects with a reason, and reviews a submitted form only once', async () => {
    const partnerId = await partner('Rejected')
    const form = (await owner.post('/api/v1/incentives/tax/forms', w9({ partnerId }))).json()
    const url = `/api/v1/incentives/tax/forms/${form.id}`
    expect((await finance.post(`${url}/reject`, { reason: '  ' })).json().errors[0].path).toBe('reason')
    const rejected = await finance.post(`${url}/reject`, { reason: 'The name does not match the IRS record' })
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      rejectionReason: 'The name does not match the IRS record',
    })
    expect((await finance.post(`${url}/approve`)).statusCode).toBe(409)
    expect((await auditRows(form.id)).at(-1)).toMatchObject({
      action: 'tax_form.rejected',
      after: { rejectionReason: 'The name does not match the IRS record' },
    })
  })

  it('shows a partner user only their own forms, and lets only staff review', async () => {
    const mine = await partner('Mine')
    const theirs = await partner('Theirs')
    const me = await partnerUser(mine)
    const own = (await me.post('/api/v1/incentives/tax/forms', w9())).json()
    const other = (await owner.post('/api/v1/incentives/tax/forms', w9({ partnerId: theirs }))).json()
    expect(
      (await me.get('/api/v1/incentives/tax/forms')).json().items.map((f: { id: string }) => f.id),
    ).toEqual([own.id])
    expect((await me.get(`/api/v1/incentives/tax/forms/${other.id}`)).statusCode).toBe(404)
    expect((await me.post('/api/v1/incentives/tax/forms', w9({ partnerId: theirs }))).statusCode).toBe(404)
    expect((await me.post(`/api/v1/incentives/tax/forms/${own.id}/approve`)).statusCode).toBe(403)
    expect((await me.get('/api/v1/incentives/tax/1099?year=2025')).statusCode).toBe(403)
    const analyst = await h.signIn(orgId, 'analyst')
    expect((await analyst.get('/api/v1/incentives/tax/forms')).statusCode).toBe(403)
  })

  it('asks staff which partner a form is for', async () => {
    const res = await owner.post('/api/v1/incentives/tax/forms', w9())
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0].path).toBe('partnerId')
  })

  describe('the 1099-NEC report', () => {
    let reportOrg: string
    let staff: Client
    const ids: Record<string, string> = {}
    const paid = async (
      partnerId: string,
      amountMinor: bigint,
      currency: string,
      paidAt: string,
      status = 'paid',
    ) => {
      const id = `pay_${Math.random().toString(36).slice(2, 12).padEnd(26, '0')}`
      await h.testDb.database.db.insert(payouts).values({
        orgId: reportOrg,
        id,
        batchId: 'pob_fixture',
        partnerId,
        amountMinor,
        currency,
        status: status as 'paid',
        idempotencyKey: id,
        paidAt: status === 'paid' ? new Date(paidAt) : null,
        updatedAt: new Date(paidAt),
      })
      return id
    }

    beforeAll(async () => {
      reportOrg = await h.createOrg('tax-report')
      staff = await h.signIn(reportOrg, 'owner')
      const make = async (key: string, name: string, country?: string) => {
        ids[key] = (
          await staff.post('/api/v1/partners', { name, type: 'referral', ...(country ? { country } : {}) })
        ).json().id
      }
      await make('reportable', 'Acme Referrals', 'US')
      await make('below', 'Small Referrals', 'US')
      await make('noW9', 'Unfiled Referrals', 'US')
      await make('euro', 'Euro Referrals', 'US')
      await make('abroad', 'Harbor Systems', 'NL')
      await make('formula', '=HYPERLINK("http://x")', 'US')
      const file = async (key: string, body: Record<string, unknown>) => {
        const form = (
          await staff.post('/api/v1/incentives/tax/forms', { ...body, partnerId: ids[key] })
        ).json()
        await staff.post(`/api/v1/incentives/tax/forms/${form.id}/approve`)
      }
      await file('reportable', w9({ tinKind: 'ein', tin: '12-3456789', taxClassification: 'llc_c' }))
      await file('below', w9())
      await file('euro', w9({ tin: '536-90-4173' }))
      await file('formula', w9({ tin: '536-90-4174' }))
      await file('abroad', w8bene())
      // EUR → USD at 1.0825 per euro on 2025-03-03 (the ECB publishes USD per EUR)
      await staff.request('PUT', '/api/v1/fx-rates/ecb', 'Date,USD,\n2025-03-03,1.0825,\n', {
        'content-type': 'text/csv',
      })
      await paid(ids.reportable!, 40_000n, 'USD', '2025-01-15T10:00:00Z')
      await paid(ids.reportable!, 20_000n, 'USD', '2025-12-31T23:59:59Z')
      await paid(ids.reportable!, 99_999n, 'USD', '2026-01-01T00:00:00Z')
      await paid(ids.reportable!, 99_999n, 'USD', '2024-12-31T23:59:59Z')
      await paid(ids.reportable!, 99_999n, 'USD', '2025-06-01T00:00:00Z', 'pending')
      await paid(ids.below!, 59_999n, 'USD', '2025-05-01T00:00:00Z')
      await paid(ids.noW9!, 100_000n, 'USD', '2025-05-01T00:00:00Z')
      await paid(ids.euro!, 100_000n, 'EUR', '2025-03-05T12:00:00Z')
      ids.unconverted = await paid(ids.euro!, 50_000n, 'GBP', '2025-03-05T12:00:00Z')
      await paid(ids.abroad!, 500_000n, 'USD', '2025-04-01T00:00:00Z')
      await paid(ids.formula!, 70_000n, 'USD', '2025-04-01T00:00:00Z')
    })

    const rowOf = (report: Form1099Report, key: string) => report.rows.find((r) => r.partnerId === ids[key])!

    it('totals payouts paid in the calendar year against the threshold and the W-9', async () => {
      const res = await staff.get('/api/v1/incentives/tax/1099?year=2025')
      expect(res.statusCode, res.body).toBe(200)
      const report = res.json()
      expect(report.threshold).toMatchObject({
        year: 2025,
        source: 'irs',
        threshold: { amountMinor: '60000' },
      })
      expect(rowOf(report, 'reportable')).toMatchObject({
        legalName: 'Bluefin Consulting',
        tinMasked: '••-•••6789',
        paid: { amountMinor: '60000', currency: 'USD', amount: '600.00' },
        payouts: 2,
        isReportable: true,
        warnings: [],
      })
      expect(rowOf(report, 'below')).toMatchObject({ paid: { amountMinor: '59999' }, isReportable: false })
      expect(rowOf(report, 'noW9')).toMatchObject({ isReportable: false, tinMasked: null })
      expect(rowOf(report, 'noW9').warnings).toContain('US partner without a W-9')
      expect(rowOf(report, 'abroad')).toMatchObject({ isReportable: false, formKind: 'w8bene' })
      expect(report.rows.filter((r: { isReportable: boolean }) => r.isReportable)).toHaveLength(3)
      expect(report.reportable).toBe(3)
      expect(report.reportableTotal.amountMinor).toBe(String(60_000 + 108_250 + 70_000))
      expect(report.payer.name).toBe('Org tax-report')
    })

    it('converts other currencies at the payment day’s rates and names a payout it cannot convert', async () => {
      const row = rowOf((await staff.get('/api/v1/incentives/tax/1099?year=2025')).json(), 'euro')
      // 1,000.00 EUR × 1.0825 = 1,082.50 USD; the GBP payout has no rate and stays out
      expect(row.paid.amountMinor).toBe('108250')
      expect(row.isReportable).toBe(true)
      expect(row.warnings).toHaveLength(1)
      expect(row.warnings[0]).toContain(ids.unconverted)
      expect(row.warnings[0]).toContain('GBP')
    })

    it('uses the $2,000 threshold after 2025, or the org’s own', async () => {
      await paid(ids.reportable!, 150_000n, 'USD', '2026-03-01T00:00:00Z')
      let report = (await staff.get('/api/v1/incentives/tax/1099?year=2026')).json()
      expect(report.threshold.threshold.amountMinor).toBe('200000')
      expect(rowOf(report, 'reportable')).toMatchObject({
        paid: { amountMinor: '249999' },
        isReportable: true,
      })
      const set = await staff.put('/api/v1/incentives/tax/thresholds', { year: 2026, amountMinor: '300000' })
      expect(set.json()).toMatchObject({ year: 2026, source: 'org', threshold: { amount: '3000.00' } })
      report = (await staff.get('/api/v1/incentives/tax/1099?year=2026')).json()
      expect(rowOf(report, 'reportable').isReportable).toBe(false)
      const thresholds = (await staff.get('/api/v1/incentives/tax/thresholds')).json().items
      expect(thresholds.find((t: { year: number }) => t.year === 2025).threshold.amountMinor).toBe('60000')
    })

    it('downloads the report as a CSV file that no spreadsheet runs as a formula', async () => {
      const res = await staff.get('/api/v1/incentives/tax/1099.csv?year=2025')
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toContain('text/csv')
      expect(res.headers['content-disposition']).toContain('1099-nec-2025.csv')
      const lines = res.body.trim().split('\r\n')
      expect(lines[0]).toContain('"Box 1 nonemployee compensation (USD)"')
      expect(lines).toHaveLength(7)
      expect(res.body).toContain(`"'=HYPERLINK(""http://x"")"`)
      expect(lines.find((l) => l.includes(ids.reportable!))).toContain('"600.00","600.00","yes"')
    })

    it('draws one partner’s 1099-NEC as a PDF with the tax id masked', async () => {
      const res = await staff.get(`/api/v1/incentives/tax/1099/${ids.reportable}.pdf?year=2025`)
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
      expect(res.headers['content-type']).toBe('application/pdf')
      const pdf = res.rawPayload
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
      const text = pdfText(pdf)
      expect(text).toContain('Form 1099-NEC')
      expect(text).toContain('Calendar year 2025')
      expect(text).toContain('Org tax-report')
      expect(text).toContain('Bluefin Consulting')
      expect(text).toContain('$ 600.00')
      expect(text).toContain('\x95\x95-\x95\x95\x956789')
      expect(text).not.toContain('3456789')
      const again = await staff.get(`/api/v1/incentives/tax/1099/${ids.reportable}.pdf?year=2025`)
      expect(again.rawPayload.equals(pdf)).toBe(true)
    })

    it('answers 404 for a partner of another org and refuses a bad year', async () => {
      expect((await owner.get(`/api/v1/incentives/tax/1099/${ids.reportable}.pdf`)).statusCode).toBe(404)
      const bad = await staff.get('/api/v1/incentives/tax/1099?year=twenty')
      expect(bad.statusCode).toBe(400)
      expect(bad.json().errors[0].path).toBe('query.year')
    })
  })

  it('never shows a tax id in full: not in any answer, audit row or log line', async () => {
    const digits = ['536904175', '987654321', 'NL8231940171']
    const shown = ['536-90-4175', '98-7654321', ...digits]
    const partnerId = await partner('Leak Check')
    const entity = await partner('Leak Check Entity')
    const abroad = await partner('Leak Check Abroad', 'NL')
    const me = await partnerUser(partnerId)
    const answers: string[] = []
    const call = async (client: Client, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => {
      const res = await client.request(method, url, body)
      expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 300)}`).toBeLessThan(500)
      answers.push(
        res.headers['content-type']?.toString().includes('pdf') ? pdfText(res.rawPayload) : res.body,
      )
      return res
    }
    // refused submissions carrying the tax id, then accepted ones
    await call(
      me,
      'POST',
      '/api/v1/incentives/tax/forms',
      w9({ tin: '536-90-4175', signatureAttested: false }),
    )
    await call(me, 'POST', '/api/v1/incentives/tax/forms', w9({ tin: '536-90-4175', country: 'CA' }))
    await call(me, 'POST', '/api/v1/incentives/tax/forms', w9({ tinKind: 'ein', tin: '536-90-4175' }))
    const form = (await call(me, 'POST', '/api/v1/incentives/tax/forms', w9({ tin: '536-90-4175' }))).json()
    const entityForm = (
      await call(
        owner,
        'POST',
        '/api/v1/incentives/tax/forms',
        w9({ partnerId: entity, tinKind: 'ein', tin: '98-7654321', taxClassification: 's_corporation' }),
      )
    ).json()
    const abroadForm = (
      await call(
        owner,
        'POST',
        '/api/v1/incentives/tax/forms',
        w8bene({ partnerId: abroad, foreignTin: 'NL8231.94.0171' }),
      )
    ).json()
    await call(owner, 'POST', `/api/v1/incentives/tax/forms/${form.id}/approve`)
    await call(owner, 'POST', `/api/v1/incentives/tax/forms/${entityForm.id}/reject`, {
      reason: 'Wrong name',
    })
    await call(owner, 'POST', `/api/v1/incentives/tax/forms/${abroadForm.id}/approve`)
    await h.testDb.database.db.insert(payouts).values({
      orgId,
      id: 'pay_leakcheck',
      batchId: 'pob_leakcheck',
      partnerId,
      amountMinor: 90_000n,
      currency: 'USD',
      status: 'paid',
      idempotencyKey: 'pay_leakcheck',
      paidAt: new Date('2025-05-01T00:00:00Z'),
      updatedAt: new Date('2025-05-01T00:00:00Z'),
    })
    for (const client of [owner, me]) {
      await call(client, 'GET', '/api/v1/incentives/tax/forms')
      for (const id of [form.id, entityForm.id, abroadForm.id])
        await call(client, 'GET', `/api/v1/incentives/tax/forms/${id}`)
    }
    await call(owner, 'GET', '/api/v1/incentives/tax/thresholds')
    await call(owner, 'PUT', '/api/v1/incentives/tax/thresholds', { year: 2024, amountMinor: '60000' })
    await call(owner, 'GET', '/api/v1/incentives/tax/1099?year=2025')
    await call(owner, 'GET', '/api/v1/incentives/tax/1099.csv?year=2025')
    for (const id of [partnerId, entity, abroad])
      await call(owner, 'GET', `/api/v1/incentives/tax/1099/${id}.pdf?year=2025`)
    expect(answers.join('\n')).toContain('•••-••-4175')
    expect(answers.some((a) => a.includes('\x95\x95\x95-\x95\x95-4175'))).toBe(true)

    const audit = (
      await h.testDb.database.query<Record<string, unknown>>('select * from audit_log where org_id = $1', [
        orgId,
      ])
    ).rows
    expect(JSON.stringify(audit)).toContain('4175')
    const stored = (
      await h.testDb.database.query<Record<string, unknown>>('select * from tax_forms where org_id = $1', [
        orgId,
      ])
    ).rows
    expect(logLines.length).toBeGreaterThan(10)
    const haystacks = {
      answers: answers.join('\n'),
      audit: JSON.stringify(audit),
      logs: logLines.join('\n'),
      'stored forms': JSON.stringify(stored),
    }
    for (const [where, text] of Object.entries(haystacks)) {
      const compact = text.replace(/[\s.-]/g, '')
      for (const tin of shown) expect(text, `${tin} in ${where}`).not.toContain(tin)
      for (const tin of digits) expect(compact, `${tin} in ${where}`).not.toContain(tin)
    }
    expect((await h.testDb.database.db.select({ id: taxForms.id }).from(taxForms)).length).toBeGreaterThan(3)
  })
})
