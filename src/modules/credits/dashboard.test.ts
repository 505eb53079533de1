import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { queueRecompute, runRecompute } from './recompute.service'

describe('attribution dashboard', () => {
  let h: Harness
  let admin: Client
  let partner: Client
  let orgId: string
  let partnerId: string
  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('dashboard')
    admin = await h.signIn(orgId, 'admin')
    partnerId = (await admin.post('/api/v1/partners', { name: 'Harbor', type: 'reseller' })).json().id
    partner = await h.signIn(orgId, 'partner_member', { partnerId })
    const deal = async (
      name: string,
      status: string,
      openedAt: string,
      closedAt: string | null,
      amount: string,
    ) =>
      (
        await admin.post('/api/v1/deals', {
          name,
          amount,
          currency: 'USD',
          status,
          openedAt,
          ...(closedAt ? { closedAt } : {}),
        })
      ).json().id
    const touch = (dealId: string, actor: unknown, occurredAt: string) =>
      admin.post('/api/v1/touchpoints', { dealId, actor, activityType: 'demo', occurredAt })
    const viaPartner = { kind: 'partner', partnerId }
    const direct = { kind: 'direct', seller: 'ae@vendor.test' }
    const wonWithPartner = await deal(
      'Won with partner',
      'won',
      '2026-01-01T00:00:00Z',
      '2026-01-31T00:00:00Z',
      '300.00',
    )
    await touch(wonWithPartner, viaPartner, '2026-01-10T00:00:00Z')
    const wonDirect = await deal('Won direct', 'won', '2026-02-01T00:00:00Z', '2026-02-11T00:00:00Z', '50.00')
    await touch(wonDirect, direct, '2026-02-05T00:00:00Z')
    const lostWithPartner = await deal(
      'Lost with partner',
      'lost',
      '2026-01-05T00:00:00Z',
      '2026-03-01T00:00:00Z',
      '70.00',
    )
    await touch(lostWithPartner, viaPartner, '2026-01-20T00:00:00Z')
    const open = await deal('Open with partner', 'open', '2026-04-01T00:00:00Z', null, '20.00')
    await touch(open, viaPartner, '2026-04-02T00:00:00Z')
    const db = h.testDb.database.db
    const jobId = await db.transaction((tx) => queueRecompute(tx, orgId, 'test', h.clock))
    await runRecompute(db, orgId, jobId, h.clock)
  })
  afterAll(async () => h?.close())

  it('splits value, win rate and cycle time by whether partners earned credit', async () => {
    const res = await admin.get('/api/v1/attribution/dashboard')
    expect(res.statusCode).toBe(200)
    const view = res.json()
    expect(view.currencies).toEqual([
      {
        currency: 'USD',
        partnerWon: { amountMinor: '30000', currency: 'USD', amount: '300.00' },
        directWon: { amountMinor: '5000', currency: 'USD', amount: '50.00' },
        partnerPipeline: { amountMinor: '2000', currency: 'USD', amount: '20.00' },
        directPipeline: { amountMinor: '0', currency: 'USD', amount: '0.00' },
      },
    ])
    expect(view.withPartners).toEqual({ deals: 2, won: 1, winRate: 0.5, averageCycleDays: 30 })
    expect(view.withoutPartners).toEqual({ deals: 1, won: 1, winRate: 1, averageCycleDays: 10 })
    expect(view.trend).toEqual([
      { month: '2026-01', currency: 'USD', partnerWonMinor: '30000', directWonMinor: '0' },
      { month: '2026-02', currency: 'USD', partnerWonMinor: '0', directWonMinor: '5000' },
    ])
  })

  it('limits to the period asked for', async () => {
    const view = (await admin.get('/api/v1/attribution/dashboard?from=2026-02-01T00:00:00Z')).json()
    expect(view.currencies[0].partnerWon.amountMinor).toBe('0')
    expect(view.withPartners.deals).toBe(1)
  })

  it('converts into a reporting currency at the ECB rates in force, and labels them', async () => {
    const none = (await admin.get('/api/v1/attribution/dashboard?currency=EUR')).json()
    expect(none.converted).toMatchObject({ currency: 'EUR', ratesAsOf: null, leftOut: ['USD'] })
    // the published file: a trailing empty column, N/A for a retired currency, no weekend rows
    const rates = 'Date,USD,CYP,GBP,\r\n2026-05-04,1.2500,N/A,0.8000,\r\n2026-05-01,1.1000,N/A,0.8500,\r\n'
    const loaded = await admin.request('PUT', '/api/v1/fx-rates/ecb', rates, { 'content-type': 'text/csv' })
    expect(loaded.statusCode, loaded.body).toBe(200)
    expect(loaded.json()).toMatchObject({
      days: 2,
      from: '2026-05-01',
      to: '2026-05-04',
      currencies: ['GBP', 'USD'],
    })
    // asked again after the rates came: loading them made the cached answer stale
    const again = (await admin.get('/api/v1/attribution/dashboard?currency=EUR')).json()
    expect(again.converted.ratesAsOf).toBe('2026-05-04')
    // Sunday 3 May: Friday's rates; 300.00 USD at 1.10 USD per EUR
    const view = (
      await admin.get('/api/v1/attribution/dashboard?currency=EUR&to=2026-05-03T12:00:00Z')
    ).json()
    expect(view.converted).toEqual({
      currency: 'EUR',
      ratesAsOf: '2026-05-01',
      source: 'ECB euro reference rates',
      partnerWon: { amountMinor: '27273', currency: 'EUR', amount: '272.73' },
      directWon: { amountMinor: '4545', currency: 'EUR', amount: '45.45' },
      partnerPipeline: { amountMinor: '1818', currency: 'EUR', amount: '18.18' },
      directPipeline: { amountMinor: '0', currency: 'EUR', amount: '0.00' },
      // no rates were loaded for January and February: those months say so
      trend: [
        {
          month: '2026-01',
          ratesAsOf: null,
          partnerWonMinor: '0',
          directWonMinor: '0',
          leftOut: ['USD'],
        },
        {
          month: '2026-02',
          ratesAsOf: null,
          partnerWonMinor: '0',
          directWonMinor: '0',
          leftOut: ['USD'],
        },
      ],
      leftOut: [],
    })
    // through the euro: 300.00 USD / 1.25 × 0.80 on the 4th
    const gbp = (await admin.get('/api/v1/attribution/dashboard?currency=GBP')).json()
    expect(gbp.converted.partnerWon).toEqual({ amountMinor: '19200', currency: 'GBP', amount: '192.00' })
    const refused = await admin.request('PUT', '/api/v1/fx-rates/ecb', 'day,USD\n', {
      'content-type': 'text/csv',
    })
    expect(refused.statusCode).toBe(422)
    expect(
      (await partner.request('PUT', '/api/v1/fx-rates/ecb', rates, { 'content-type': 'text/csv' }))
        .statusCode,
    ).toBe(403)
  })

  it('converts into the org’s reporting currency when none is asked for, each month at its own rates', async () => {
    const january = 'Date,USD,GBP,\r\n2026-01-30,1.2000,0.8000,\r\n'
    expect(
      (await admin.request('PUT', '/api/v1/fx-rates/ecb', january, { 'content-type': 'text/csv' }))
        .statusCode,
    ).toBe(200)
    expect((await admin.get('/api/v1/attribution/dashboard')).json().converted).toBeNull()
    const refused = await admin.patch('/api/v1/org', { reportingCurrency: 'EURO' })
    expect(refused.statusCode, refused.body).toBe(400)
    expect(refused.json().errors[0].path).toBe('reportingCurrency')
    expect((await partner.patch('/api/v1/org', { reportingCurrency: 'EUR' })).statusCode).toBe(403)
    const changed = await admin.patch('/api/v1/org', { reportingCurrency: 'EUR' })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json().reportingCurrency).toBe('EUR')
    expect((await admin.get('/api/v1/org')).json().reportingCurrency).toBe('EUR')

    const view = (await admin.get('/api/v1/attribution/dashboard')).json()
    expect(view.converted.currency).toBe('EUR')
    // January at the rate of its last rated day (1.20): 300.00 USD → 250.00 EUR; February too
    expect(view.converted.trend).toEqual([
      {
        month: '2026-01',
        ratesAsOf: '2026-01-30',
        partnerWonMinor: '25000',
        directWonMinor: '0',
        leftOut: [],
      },
      {
        month: '2026-02',
        ratesAsOf: '2026-01-30',
        partnerWonMinor: '0',
        directWonMinor: '4167',
        leftOut: [],
      },
    ])
    // a currency asked for by name still wins
    expect((await admin.get('/api/v1/attribution/dashboard?currency=GBP')).json().converted.currency).toBe(
      'GBP',
    )
    await admin.patch('/api/v1/org', { reportingCurrency: null })
    expect((await admin.get('/api/v1/attribution/dashboard')).json().converted).toBeNull()
  })

  it('is for staff: a partner user is refused', async () => {
    expect((await partner.get('/api/v1/attribution/dashboard')).statusCode).toBe(403)
  })

  it('gives a partner’s credit by month under each model, and a partner user only their own under the paying model', async () => {
    const staffView = (await admin.get(`/api/v1/attribution/partners/${partnerId}/history`)).json()
    const models = staffView.models as { id: string; role: string }[]
    expect(models.length).toBeGreaterThan(1)
    const paying = models.find((m) => m.role === 'paying')!
    const underPaying = staffView.months.filter((m: { modelId: string }) => m.modelId === paying.id)
    expect(
      underPaying.map(
        (m: { month: string; won: { amountMinor: string }; pipeline: { amountMinor: string } }) => [
          m.month,
          m.won.amountMinor,
          m.pipeline.amountMinor,
        ],
      ),
    ).toEqual([
      ['2026-01', '30000', '0'],
      ['2026-03', '0', '0'],
      ['2026-04', '0', '2000'],
    ])
    // every enabled model has its own line
    expect(new Set(staffView.months.map((m: { modelId: string }) => m.modelId)).size).toBe(models.length)
    const ownView = await partner.get(
      `/api/v1/attribution/partners/${partnerId}/history?from=2026-02-01T00:00:00Z`,
    )
    expect(ownView.statusCode).toBe(200)
    expect(ownView.json().models.map((m: { id: string }) => m.id)).toEqual([paying.id])
    expect(ownView.json().months.map((m: { month: string }) => m.month)).toEqual(['2026-03', '2026-04'])
    const other = (await admin.post('/api/v1/partners', { name: 'Elsewhere', type: 'agency' })).json().id
    expect((await partner.get(`/api/v1/attribution/partners/${other}/history`)).statusCode).toBe(404)
    expect((await admin.get('/api/v1/attribution/partners/prt_nosuchpartner/history')).statusCode).toBe(404)
  })

  it('filters by partner type, and opens the deals behind every figure', async () => {
    const agency = (await admin.post('/api/v1/partners', { name: 'Studio', type: 'agency' })).json().id
    const dealId = (
      await admin.post('/api/v1/deals', {
        name: 'Won with agency',
        amount: '90.00',
        currency: 'USD',
        status: 'won',
        openedAt: '2026-01-02T00:00:00Z',
        closedAt: '2026-01-22T00:00:00Z',
      })
    ).json().id
    await admin.post('/api/v1/touchpoints', {
      dealId,
      actor: { kind: 'partner', partnerId: agency },
      activityType: 'referral',
      occurredAt: '2026-01-05T00:00:00Z',
    })
    const db = h.testDb.database.db
    const jobId = await db.transaction((tx) => queueRecompute(tx, orgId, 'test', h.clock))
    await runRecompute(db, orgId, jobId, h.clock)

    const all = (await admin.get('/api/v1/attribution/dashboard')).json()
    expect(all.currencies[0].partnerWon.amountMinor).toBe('39000')
    const resellersRes = await admin.get('/api/v1/attribution/dashboard?partnerType=reseller')
    expect(resellersRes.statusCode, resellersRes.body).toBe(200)
    const resellers = resellersRes.json()
    expect(resellers.currencies[0].partnerWon.amountMinor).toBe('30000')
    // the agency's deal is one "without resellers"
    expect(resellers.withoutPartners).toMatchObject({ deals: 2, won: 2 })
    const agencies = (await admin.get('/api/v1/attribution/dashboard?partnerType=agency,referral')).json()
    expect(agencies.currencies[0].partnerWon.amountMinor).toBe('9000')
    const badType = await admin.get('/api/v1/attribution/dashboard?partnerType=Resellers;drop')
    expect(badType.statusCode).toBe(400)
    expect(badType.json().errors[0].path).toBe('query.partnerType')

    // each figure opens its deals, and they sum to it
    const figures: [string, string, string[]][] = [
      ['credited=partners&outcome=won', '39000', ['Won with agency', 'Won with partner']],
      ['credited=partners&outcome=won&partnerType=reseller', '30000', ['Won with partner']],
      ['credited=direct&outcome=won', '5000', ['Won direct']],
      ['credited=partners&outcome=open', '2000', ['Open with partner']],
      ['credited=no-partner&outcome=closed', '5000', ['Won direct']],
      [`credited=${agency}`, '9000', ['Won with agency']],
    ]
    for (const [filter, sum, names] of figures) {
      const res = await admin.get(`/api/v1/attribution/deals?${filter}&sort=-amount`)
      expect(res.statusCode, res.body).toBe(200)
      const list = res.json()
      expect(list.sums, filter).toEqual([
        {
          currency: 'USD',
          deals: names.length,
          credited: { amountMinor: sum, currency: 'USD', amount: expect.any(String) },
        },
      ])
      expect(list.items.map((d: { name: string }) => d.name).sort(), filter).toEqual(names)
    }
    // with partners and closed: the win-rate figure's deals, paged one at a time without repeats
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const res = await admin.get(
        `/api/v1/attribution/deals?credited=partners&outcome=closed&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      )
      const list = res.json()
      expect(list.total).toBe(3)
      seen.push(...list.items.map((d: { dealId: string }) => d.dealId))
      cursor = list.nextCursor
    } while (cursor)
    expect(new Set(seen).size).toBe(3)
    const won = (
      await admin.get('/api/v1/attribution/deals?credited=partners&outcome=won&sort=-credited')
    ).json()
    expect(won.items[0]).toMatchObject({ name: 'Won with partner', share: '1.000000', outcome: 'won' })

    // a partner user gets only the deals they earned credit on, whatever they ask for
    const own = (await partner.get('/api/v1/attribution/deals?credited=partners')).json()
    expect(own.items.map((d: { name: string }) => d.name).sort()).toEqual([
      'Lost with partner',
      'Open with partner',
      'Won with partner',
    ])
    expect(
      own.items.every((d: { credited: { amountMinor: string } }) => d.credited.amountMinor !== '0'),
    ).toBe(true)
  })
})
