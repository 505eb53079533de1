import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../../http/test-harness'

describe('account overlap', () => {
  let h: Harness
  let orgId: string
  let admin: Client
  let harbor: string
  let quill: string
  let harborUser: Client
  const account: Record<string, string> = {}

  const upload = (client: Client, partnerId: string, csv: string) =>
    client.request('PUT', `/api/v1/overlap/${partnerId}/accounts`, csv, { 'content-type': 'text/csv' })

  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('overlap')
    admin = await h.signIn(orgId, 'admin')
    harbor = (await admin.post('/api/v1/partners', { name: 'Harbor Resellers', type: 'reseller' })).json().id
    quill = (await admin.post('/api/v1/partners', { name: 'Quill Referrals', type: 'referral' })).json().id
    harborUser = await h.signIn(orgId, 'partner_admin', { partnerId: harbor })
    const add = async (name: string, domain: string | null) => {
      account[name] = (
        await admin.post('/api/v1/accounts', { name, ...(domain ? { domain } : {}) })
      ).json().id
    }
    await add('Globex Corporation', 'globex.example')
    await add('Initech', 'initech.example')
    await add('Müller & Söhne GmbH', null)
    await add('Umbrella Health', 'umbrella.example')
    // Globex is a customer, Initech has an open deal, the others are prospects
    await admin.post('/api/v1/deals', {
      name: 'Globex platform',
      accountId: account['Globex Corporation'],
      amount: '100',
      currency: 'USD',
      status: 'won',
      stage: 'closed_won',
      openedAt: '2026-01-01T00:00:00Z',
      closedAt: '2026-02-01T00:00:00Z',
    })
    await admin.post('/api/v1/deals', {
      name: 'Initech pilot',
      accountId: account.Initech,
      amount: '100',
      currency: 'USD',
    })
  })
  afterAll(async () => h?.close())

  it('matches a partner’s list on normalised domains and names, and keeps none of its names', async () => {
    const csv = [
      'Name,Domain,Status',
      // the same company as the org's, written another way
      'GLOBEX CORP.,https://www.globex.example/about,customer',
      '"Initech, Inc.",,open',
      'Muller & Sohne,,prospect',
      'Wayne Enterprises,wayne.example,customer',
    ].join('\n')
    const res = await upload(harborUser, harbor, csv)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ partnerId: harbor, rows: 4, overlap: 3 })
    const stored = await h.testDb.database.query<Record<string, unknown>>(
      'select * from overlap_entries where org_id = $1',
      [orgId],
    )
    expect(stored.rows).toHaveLength(4)
    const text = JSON.stringify(stored.rows).toLowerCase()
    for (const word of ['globex', 'initech', 'muller', 'wayne']) expect(text).not.toContain(word)

    const overlap = (await harborUser.get(`/api/v1/overlap/${harbor}`)).json()
    expect(overlap.total).toBe(3)
    expect(
      overlap.items.map((i: { name: string; ours: string; theirs: string; matchedOn: string }) => [
        i.name,
        i.ours,
        i.theirs,
        i.matchedOn,
      ]),
    ).toEqual([
      ['Globex Corporation', 'customer', 'customer', 'domain'],
      ['Initech', 'open', 'open', 'name'],
      ['Müller & Söhne GmbH', 'prospect', 'prospect', 'name'],
    ])
    // the partner's own account the org does not have is nowhere in the answer
    expect(JSON.stringify(overlap)).not.toContain('Wayne')
    expect(overlap.counts).toEqual([
      { ours: 'customer', theirs: 'customer', accounts: 1 },
      { ours: 'open', theirs: 'open', accounts: 1 },
      { ours: 'prospect', theirs: 'prospect', accounts: 1 },
    ])
    const customers = (await admin.get(`/api/v1/overlap/${harbor}?ours=customer`)).json()
    expect(customers.items.map((i: { name: string }) => i.name)).toEqual(['Globex Corporation'])
  })

  it('summarises every partner’s overlap for staff, and replaces a list when it is sent again', async () => {
    expect((await upload(admin, quill, 'name\nUmbrella Health Ltd\n')).json()).toMatchObject({ overlap: 1 })
    const summary = (await admin.get('/api/v1/overlap')).json()
    expect(
      summary.items.map((i: { name: string; overlap: number; customers: number; prospects: number }) => [
        i.name,
        i.overlap,
        i.customers,
        i.prospects,
      ]),
    ).toEqual([
      ['Harbor Resellers', 3, 1, 1],
      ['Quill Referrals', 1, 0, 1],
    ])
    expect((await upload(admin, quill, 'name,domain\nSomeone Else,else.example\n')).json()).toMatchObject({
      rows: 1,
      overlap: 0,
    })
    const withdrawn = await admin.delete(`/api/v1/overlap/${quill}/accounts`)
    expect(withdrawn.statusCode).toBe(204)
    expect((await admin.get(`/api/v1/overlap/${quill}`)).json()).toMatchObject({ list: null, total: 0 })
  })

  it('keeps a partner user to their own partner’s list', async () => {
    expect((await harborUser.get(`/api/v1/overlap/${quill}`)).statusCode).toBe(404)
    expect((await upload(harborUser, quill, 'name\nAnything\n')).statusCode).toBe(404)
    expect((await harborUser.get('/api/v1/overlap')).statusCode).toBe(403)
  })

  it('refuses a list with unreadable rows, naming their lines, and keeps the list before it', async () => {
    const res = await upload(admin, harbor, 'name,status\nGood Co,customer\n,open\nOther Co,partner\n')
    expect(res.statusCode).toBe(422)
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['line 3.name', 'line 4.status'])
    expect((await upload(admin, harbor, 'domain\nacme.example\n')).json().errors[0].path).toBe('body')
    expect((await admin.request('PUT', `/api/v1/overlap/${harbor}/accounts`, { name: 'x' })).statusCode).toBe(
      400,
    )
    expect((await admin.get(`/api/v1/overlap/${harbor}`)).json().total).toBe(3)
  })
})
