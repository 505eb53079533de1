import { existsSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'

// A real CRM export, quirks included (CRLF, blank values on open deals, blank accounts, `GTXPro` in
// the pipeline where the product list says `GTX Pro`, a sector misspelt `technolgy`).
const mavenDir = new URL('../../../../shared/data/maven-crm/', import.meta.url)
const mavenMapping = JSON.parse(
  readFileSync(new URL('../../../docs/examples/maven-crm-mapping.json', import.meta.url), 'utf8'),
) as Record<'accounts' | 'deals' | 'touches', { fields: Record<string, Record<string, unknown>> }>
const maven = (file: string) => readFileSync(new URL(file, mavenDir), 'utf8')
const hasMaven = existsSync(mavenDir)

async function sendFile(
  client: Client,
  importId: string,
  kind: string,
  csv: string,
  fileName = `${kind}.csv`,
) {
  return client.request('PUT', `/api/v1/imports/${importId}/files/${kind}?fileName=${fileName}`, csv, {
    'content-type': 'text/csv',
  })
}

async function saveMappings(client: Client, source: string, mapping: typeof mavenMapping) {
  for (const kind of ['accounts', 'deals', 'touches'] as const) {
    const saved = await client.request('PUT', `/api/v1/import-mappings/${source}/${kind}`, mapping[kind])
    expect(saved.statusCode, saved.body).toBe(200)
  }
}

async function stageMaven(client: Client, source: string) {
  const started = await client.post('/api/v1/imports', { source })
  expect(started.statusCode, started.body).toBe(201)
  const id = started.json().id as string
  for (const [kind, file] of [
    ['accounts', 'accounts.csv'],
    ['deals', 'sales_pipeline.csv'],
    ['touches', 'sales_pipeline.csv'],
  ] as const) {
    const sent = await sendFile(client, id, kind, maven(file), file)
    expect(sent.statusCode, sent.body).toBe(200)
  }
  return id
}

const count = async (h: Harness, orgId: string, table: string) =>
  (
    await h.testDb.database.query<{ n: number }>(
      `select count(*)::int as n from ${table} where org_id = $1`,
      [orgId],
    )
  ).rows[0]!.n

describe.runIf(hasMaven)('importing the Maven CRM export', () => {
  let h: Harness
  let staff: Client
  let orgId: string
  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('maven')
    staff = await h.signIn(orgId, 'admin')
    await saveMappings(staff, 'maven', mavenMapping)
  })
  afterAll(async () => h?.close())

  it('stages every file, reports what it could not take, and commits all of it at once', async () => {
    const id = await stageMaven(staff, 'maven')
    const staged = (await staff.get(`/api/v1/imports/${id}`)).json()
    expect(staged.status).toBe('staged')
    expect(staged.errorCount).toBe(0)
    expect(staged.files.accounts).toMatchObject({ fileName: 'accounts.csv', rows: 85, valid: 85, invalid: 0 })
    expect(staged.files.accounts.unmappedColumns).toEqual([
      'year_established',
      'revenue',
      'employees',
      'subsidiary_of',
    ])
    expect(staged.files.deals).toMatchObject({ rows: 8800, valid: 8800, invalid: 0 })
    expect(staged.files.touches).toMatchObject({ rows: 8800, valid: 8800, invalid: 0 })
    // nothing lands before the commit
    expect(await count(h, orgId, 'deals')).toBe(0)

    const committed = await staff.post(`/api/v1/imports/${id}/commit`, {})
    expect(committed.statusCode, committed.body).toBe(200)
    expect(committed.json()).toMatchObject({
      status: 'committed',
      result: {
        accounts: { inserted: 85, updated: 0 },
        deals: { inserted: 8800, updated: 0 },
        touches: { inserted: 8800, updated: 0 },
      },
    })
    expect(await count(h, orgId, 'deals')).toBe(8800)
    expect(await count(h, orgId, 'import_staged_deals')).toBe(0)

    const deals = await h.testDb.database.query<Record<string, unknown>>(
      `select d.external_id, d.name, d.amount_minor::text as amount, d.status, d.stage, d.closed_at, a.name as account,
         a.industry, a.country
       from deals d left join accounts a on a.org_id = d.org_id and a.id = d.account_id
       where d.org_id = $1 and d.external_id in ('1C1I7A6R', '6CWZFOHJ', '3LCLVRVV') order by d.external_id`,
      [orgId],
    )
    expect(deals.rows).toEqual([
      expect.objectContaining({
        external_id: '1C1I7A6R',
        amount: '105400',
        status: 'won',
        account: 'Cancity',
      }),
      // a prospect without an account; its value is the product's list price
      expect.objectContaining({ external_id: '3LCLVRVV', amount: '55000', status: 'open', account: null }),
      expect.objectContaining({
        external_id: '6CWZFOHJ',
        status: 'open',
        stage: 'Prospecting',
        account: 'Green-Plus',
      }),
    ])
    const sectors = await h.testDb.database.query<{ industry: string }>(
      `select distinct industry from accounts where org_id = $1 and industry like 'tech%'`,
      [orgId],
    )
    expect(sectors.rows).toEqual([{ industry: 'technology' }])
    // a GTXPro deal still open took the GTX Pro price
    const gtxPro = await h.testDb.database.query<{ amount: string }>(
      `select distinct amount_minor::text as amount from deals where org_id = $1 and name like 'GTXPro%' and status = 'open'`,
      [orgId],
    )
    expect(gtxPro.rows).toEqual([{ amount: '482100' }])
    const events = await h.testDb.database.query(
      `select payload from events where org_id = $1 and type = 'facts.bulk_loaded'`,
      [orgId],
    )
    expect(events.rows).toHaveLength(1)
  })

  it('changes nothing when the same export is imported again', async () => {
    const id = await stageMaven(staff, 'maven')
    const committed = (await staff.post(`/api/v1/imports/${id}/commit`, {})).json()
    expect(committed.result).toEqual({
      accounts: { inserted: 0, updated: 0 },
      deals: { inserted: 0, updated: 0 },
      touches: { inserted: 0, updated: 0 },
    })
    expect(await count(h, orgId, 'deals')).toBe(8800)
    expect(await count(h, orgId, 'touchpoints')).toBe(8800)
  })

  it('reports a product name the mapping does not know, row by row, and refuses to commit', async () => {
    const strictPrices = structuredClone(mavenMapping)
    const amount = strictPrices.deals.fields.amount as { whenBlank: { values: Record<string, string> } }
    delete amount.whenBlank.values.GTXPro
    await saveMappings(staff, 'maven-strict', strictPrices)
    const id = await stageMaven(staff, 'maven-strict')
    const view = (await staff.get(`/api/v1/imports/${id}`)).json()
    // open GTXPro deals have no close value and no list price under that name
    const openGtxPro = maven('sales_pipeline.csv')
      .split('\r\n')
      .filter((line) => /,GTXPro,.*,(Engaging|Prospecting),/.test(line) && line.endsWith(','))
    expect(openGtxPro.length).toBeGreaterThan(0)
    expect(view.files.deals.invalid).toBe(openGtxPro.length)
    // their touches name deals that are not staged
    expect(view.files.touches.invalid).toBe(openGtxPro.length)
    const problems = (await staff.get(`/api/v1/imports/${id}/problems?limit=200`)).json()
    expect(problems.total).toBe(openGtxPro.length * 2)
    expect(problems.items[0]).toMatchObject({
      kind: 'deals',
      severity: 'error',
      field: 'amount',
      column: 'product',
      value: 'GTXPro',
    })
    expect(problems.items[0].message).toContain('closest: "GTX Pro"')
    const firstLine = maven('sales_pipeline.csv').split('\r\n').indexOf(openGtxPro[0]!) + 1
    expect(problems.items[0].line).toBe(firstLine)

    const report = await staff.get(`/api/v1/imports/${id}/problems.csv`)
    expect(report.statusCode).toBe(200)
    expect(report.headers['content-type']).toContain('text/csv')
    const lines = report.body.trim().split('\n')
    expect(lines[0]).toBe('kind,line,severity,field,column,value,message')
    expect(lines).toHaveLength(openGtxPro.length * 2 + 1)
    expect(lines[1]).toContain(`"deals","${firstLine}","error","amount","product","GTXPro"`)

    const refused = await staff.post(`/api/v1/imports/${id}/commit`, {})
    expect(refused.statusCode).toBe(409)
    expect(refused.json().detail).toContain('errors')
    const partial = await staff.post(`/api/v1/imports/${id}/commit`, { skipInvalid: true })
    expect(partial.statusCode, partial.body).toBe(200)
    expect(partial.json().result.deals.inserted).toBe(8800 - openGtxPro.length)
  })
})

describe('importing CSV files', () => {
  let h: Harness
  let staff: Client
  let orgId: string
  const touchMapping = {
    fields: {
      deal: { column: 'deal' },
      actorKind: { column: 'who', values: { Partner: 'partner', Rep: 'direct' }, strict: true },
      partner: { column: 'name' },
      seller: { column: 'name' },
      activity: { column: 'activity' },
      occurredAt: { column: 'at' },
    },
  }
  const dealMapping = {
    fields: {
      externalId: { column: 'id' },
      name: { column: 'name' },
      amount: { column: 'amount' },
      currency: { constant: 'EUR' },
      status: { constant: 'open' },
      openedAt: { column: 'opened' },
    },
  }
  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('csv')
    staff = await h.signIn(orgId, 'admin')
    await staff.post('/api/v1/partners', { name: 'Harbor Partners', type: 'reseller' })
    for (const [kind, mapping] of [
      ['deals', dealMapping],
      ['touches', touchMapping],
    ] as const)
      expect((await staff.request('PUT', `/api/v1/import-mappings/crm/${kind}`, mapping)).statusCode).toBe(
        200,
      )
  })
  afterAll(async () => h?.close())

  const start = async () => (await staff.post('/api/v1/imports', { source: 'crm' })).json().id as string

  it("takes an open deal's expected close date, and reports one that is not a date", async () => {
    const mapping = { fields: { ...dealMapping.fields, expectedCloseAt: { column: 'expected' } } }
    expect((await staff.request('PUT', '/api/v1/import-mappings/pipeline/deals', mapping)).statusCode).toBe(
      200,
    )
    const id = (await staff.post('/api/v1/imports', { source: 'pipeline' })).json().id as string
    const sent = await sendFile(
      staff,
      id,
      'deals',
      'id,name,amount,opened,expected\nE1,Expected,100,2026-01-05,2026-03-31\nE2,Unknown,20,2026-02-01,\nE3,Bad,5,2026-02-01,next spring\n',
    )
    expect(sent.statusCode, sent.body).toBe(200)
    const report = (await staff.get(`/api/v1/imports/${id}/problems`)).json()
    expect(report.items.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
      [4, 'expectedCloseAt'],
    ])
    expect((await staff.post(`/api/v1/imports/${id}/commit`, { skipInvalid: true })).statusCode).toBe(200)
    const rows = await h.testDb.database.query<{ external_id: string; expected_close_at: Date | null }>(
      `select external_id, expected_close_at from deals where org_id = $1 and source = 'pipeline' order by external_id`,
      [orgId],
    )
    expect(rows.rows.map((r) => [r.external_id, r.expected_close_at?.toISOString() ?? null])).toEqual([
      ['E1', '2026-03-31T00:00:00.000Z'],
      ['E2', null],
    ])
  })

  it('resolves partners by name and reports the ones it cannot find, with the line', async () => {
    const id = await start()
    await sendFile(
      staff,
      id,
      'deals',
      'id,name,amount,opened\nD1,First,100.50,2026-01-05\nD2,Second,20,2026-02-01\n',
    )
    const sent = await sendFile(
      staff,
      id,
      'touches',
      [
        'deal,who,name,activity,at',
        'D1,Partner,harbor partners,referral,2026-01-06T10:00:00Z',
        'D1,Rep,ae@vendor.test,demo,2026-01-07',
        'D2,Partner,Nobody Inc,demo,2026-02-02',
        'D9,Rep,ae@vendor.test,demo,2026-02-02',
        'D2,Alien,x,demo,2026-02-02',
      ].join('\n'),
    )
    expect(sent.statusCode, sent.body).toBe(200)
    const problems = (await staff.get(`/api/v1/imports/${id}/problems`)).json().items
    expect(problems.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
      [4, 'partner'],
      [6, 'actorKind'],
      [5, 'deal'],
    ])
    const committed = await staff.post(`/api/v1/imports/${id}/commit`, { skipInvalid: true })
    expect(committed.json().result.touches).toEqual({ inserted: 2, updated: 0 })
    const touches = await h.testDb.database.query<{ actor_kind: string; partner_id: string | null }>(
      `select actor_kind, partner_id from touchpoints where org_id = $1 order by occurred_at`,
      [orgId],
    )
    expect(touches.rows[0]!.partner_id).toMatch(/^prt_/)
    expect(touches.rows[1]).toEqual({ actor_kind: 'direct', partner_id: null })
  })

  it('reports rows with the wrong number of values, text the database cannot hold, and bad amounts', async () => {
    const id = await start()
    const sent = await sendFile(
      staff,
      id,
      'deals',
      'id,name,amount,opened\r\nD3,Third,12.5,2026-01-05\r\nD4,Short\r\nD5,Bad\u0000Name,1,2026-01-05\r\nD6,Neg,-4,2026-01-05\r\nD7,Late,5,2026-13-45\r\n',
    )
    expect(sent.statusCode, sent.body).toBe(200)
    const problems = (await staff.get(`/api/v1/imports/${id}/problems`)).json().items
    expect(problems.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
      [3, 'row'],
      [4, 'name'],
      [5, 'amount'],
      [6, 'openedAt'],
    ])
    expect(sent.json().files.deals).toMatchObject({ rows: 5, valid: 1, invalid: 4 })
  })

  it('keeps every problem of a large file where every row is wrong', async () => {
    const id = await start()
    const lines = Array.from({ length: 25_000 }, (_, i) => `X${i},Row ${i},not-a-number,2026-01-05`)
    const sent = await sendFile(staff, id, 'deals', `id,name,amount,opened\n${lines.join('\n')}\n`)
    expect(sent.statusCode, sent.body).toBe(200)
    expect(sent.json().files.deals).toMatchObject({ rows: 25_000, valid: 0, invalid: 25_000 })
    const last = (await staff.get(`/api/v1/imports/${id}/problems?limit=1`)).json()
    expect(last.total).toBe(25_000)
    expect(last.items[0]).toMatchObject({ line: 2, field: 'amount', value: 'not-a-number' })
  })

  it('names the mapping field that does not fit the file, and the file that is not CSV', async () => {
    const id = await start()
    const misfit = await sendFile(staff, id, 'deals', 'id,title,amount,opened\nD1,x,1,2026-01-01\n')
    expect(misfit.statusCode).toBe(422)
    expect(misfit.json().errors).toEqual([
      expect.objectContaining({
        path: 'fields.name',
        message: expect.stringContaining('column name is not in the file'),
      }),
    ])
    const broken = await sendFile(staff, id, 'deals', 'id,name,amount,opened\nD1,"unclosed,1,2026-01-01\n')
    expect(broken.statusCode).toBe(422)
    expect(broken.json().errors[0].path).toBe('file')
    const noBody = await staff.request('PUT', `/api/v1/imports/${id}/files/deals`, { not: 'csv' })
    expect(noBody.statusCode).toBe(400)
    const unknownSource = await staff.post('/api/v1/imports', { source: 'nothing-saved' })
    const noMapping = await sendFile(staff, unknownSource.json().id, 'deals', 'id\n1\n')
    expect(noMapping.statusCode).toBe(422)
    expect(noMapping.json().errors[0].path).toBe('mapping')
  })

  it('commits an import once however many ask at once, and discards only staged imports', async () => {
    const id = await start()
    await sendFile(staff, id, 'deals', 'id,name,amount,opened\nC1,Once,1,2026-01-05\n')
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => staff.post(`/api/v1/imports/${id}/commit`, {})),
    )
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409, 409])
    expect((await staff.delete(`/api/v1/imports/${id}`)).statusCode).toBe(409)
    const other = await start()
    const discarded = await staff.delete(`/api/v1/imports/${other}`)
    expect(discarded.json().status).toBe('discarded')
  })

  it('merges a file larger than the table: new records in, changed ones updated, every index kept', async () => {
    const indexes = async () =>
      (
        await h.testDb.database.query<{ indexname: string; indexdef: string }>(
          `select indexname, indexdef from pg_indexes where tablename = 'deals' order by indexname`,
        )
      ).rows
    const before = await indexes()
    const file = (count: number, amount: (i: number) => number) =>
      `id,name,amount,opened\n${Array.from({ length: count }, (_, i) => `B${i},Bulk ${i},${amount(i)},2026-04-01`).join('\n')}\n`
    const first = await start()
    await sendFile(
      staff,
      first,
      'deals',
      file(1000, () => 10),
    )
    const once = await staff.post(`/api/v1/imports/${first}/commit`, {})
    expect(once.json().result.deals).toEqual({ inserted: 1000, updated: 0 })
    const second = await start()
    await sendFile(
      staff,
      second,
      'deals',
      file(2500, (i) => (i < 10 ? 99 : 10)),
    )
    const again = await staff.post(`/api/v1/imports/${second}/commit`, {})
    expect(again.json().result.deals).toEqual({ inserted: 1500, updated: 10 })
    const rows = await h.testDb.database.query<{ n: number; changed: number }>(
      `select count(*)::int as n, count(*) filter (where amount_minor = 9900)::int as changed
      from deals where org_id = $1 and external_id like 'B%'`,
      [orgId],
    )
    expect(rows.rows).toEqual([{ n: 2500, changed: 10 }])
    expect(await indexes()).toEqual(before)
  })

  it('merges separate imports of the same file sent at once into one set of records', async () => {
    const file = 'id,name,amount,opened\nP1,Parallel one,10,2026-03-01\nP2,Parallel two,20,2026-03-02\n'
    const ids = await Promise.all(Array.from({ length: 6 }, () => start()))
    await Promise.all(ids.map((id) => sendFile(staff, id, 'deals', file)))
    const answers = await Promise.all(ids.map((id) => staff.post(`/api/v1/imports/${id}/commit`, {})))
    expect(answers.map((a) => a.statusCode)).toEqual(ids.map(() => 200))
    const inserted = answers.map((a) => a.json().result.deals.inserted as number)
    expect(inserted.reduce((a, b) => a + b, 0)).toBe(2)
    const rows = await h.testDb.database.query<{ n: number }>(
      `select count(*)::int as n from deals where org_id = $1 and external_id in ('P1', 'P2')`,
      [orgId],
    )
    expect(rows.rows).toEqual([{ n: 2 }])
  })
})
