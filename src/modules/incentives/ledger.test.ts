import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../http/live-harness'
import type { Client, Harness } from '../../http/test-harness'
import { fixedClock } from '../../platform/clock'
import { listEvents } from '../../platform/events'
import { systemScope } from '../../platform/scope'
import { creditsModule } from '../credits'
import { incentivesModule } from '.'
import type { EntryView } from './incentives.contract'
import { syncPartners } from './ledger.service'
import { listBalances } from './ledger-read.service'
import { runSync } from './sync.service'

// Commission follows credit through the event flow: a touch → credit.changed under the paying model →
// a line in the ledger with its receipt; a second partner's touch halves the share (reversed and
// reposted); a lost deal claws back; replays post nothing; the ledger refuses edits.
describe('the commission ledger', () => {
  let live: LiveHarness
  let h: Harness
  let admin: Client
  let orgId: string
  let planId: string
  let first: string
  let second: string
  let dealId: string

  const entries = async (client: Client = admin, query = '') =>
    (await client.get(`/api/v1/incentives/entries?limit=200${query}`)).json().items as EntryView[]
  const count = async () =>
    (
      await h.testDb.database.query<{ n: number }>(
        'select count(*)::int as n from commission_entries where org_id = $1',
        [orgId],
      )
    ).rows[0]!.n
  const touch = async (partnerId: string, occurredAt: string) => {
    const res = await admin.post('/api/v1/touchpoints', {
      dealId,
      actor: { kind: 'partner', partnerId },
      activityType: 'referral',
      occurredAt,
    })
    expect(res.statusCode, res.body).toBe(201)
    await live.bus.drain()
  }

  beforeAll(async () => {
    live = await createLiveHarness('ledger', [creditsModule, incentivesModule])
    ;({ h, admin, orgId } = live)
    // the paying model splits evenly, so shares are easy to read
    const models = (await admin.get('/api/v1/attribution/models')).json().items
    const linear = models.find((m: { key: string }) => m.key === 'linear')
    await admin.patch(`/api/v1/attribution/models/${linear.id}`, { role: 'paying' })
    const plan = await admin.post('/api/v1/incentives/plans', {
      name: 'Resellers',
      currency: 'USD',
      effectiveFrom: '2026-01-01',
      terms: { holdDays: 30, rules: [{ id: 'all', label: 'Every deal', rate: '0.1' }] },
    })
    expect(plan.statusCode).toBe(201)
    planId = plan.json().id
    first = (
      await admin.post('/api/v1/partners', { name: 'First', type: 'reseller', currency: 'USD' })
    ).json().id
    second = (
      await admin.post('/api/v1/partners', { name: 'Second', type: 'agency', currency: 'USD' })
    ).json().id
    const deal = await admin.post('/api/v1/deals', {
      name: 'Won deal',
      amount: '1000.00',
      currency: 'USD',
      status: 'won',
      openedAt: '2026-04-01T12:00:00Z',
      closedAt: '2026-05-20T12:00:00Z',
    })
    expect(deal.statusCode, deal.body).toBe(201)
    dealId = deal.json().id
    await live.bus.drain()
  })
  afterAll(async () => live?.close())

  it('posts a line with its receipt when a partner’s credit appears under the paying model', async () => {
    await touch(first, '2026-05-01T00:00:00Z')
    const [line] = await entries(admin, `&partnerId=${first}`)
    expect(line).toMatchObject({
      kind: 'earned',
      amount: { amountMinor: '10000', currency: 'USD' },
      lineDate: '2026-05-20',
      status: 'pending',
      holdUntil: '2026-06-19T00:00:00.000Z',
      reason: 'Earned under Resellers v1, Every deal',
    })
    expect(line!.receipt).toMatchObject({
      deal: { id: dealId, amount: { amountMinor: '100000' } },
      credit: { share: '1.0000000000', amount: { amountMinor: '100000' } },
      plan: { id: planId, version: 1 },
      rule: { id: 'all' },
      result: { amountMinor: '10000' },
    })
    expect(line!.receipt!.steps.join('\n')).toContain('1000.00 USD × 10% = 100.00 USD')
  })

  it('reverses and reposts when a second partner halves the share, and says why', async () => {
    await touch(second, '2026-05-02T00:00:00Z')
    const mine = await entries(admin, `&partnerId=${first}`)
    expect(mine.map((e) => [e.kind, e.amount.amountMinor, e.status])).toEqual([
      ['earned', '5000', 'pending'],
      ['reversal', '-10000', 'reversed'],
      ['earned', '10000', 'reversed'],
    ])
    expect(mine[0]!.reason).toBe('Earned again under Resellers v1, Every deal: attribution share 100% → 50%')
    expect(mine[1]!.reversesId).toBe(mine[2]!.id)
    expect((await entries(admin, `&partnerId=${second}`)).map((e) => e.amount.amountMinor)).toEqual(['5000'])
  })

  it('posts nothing when every delivery is replayed, or the partners are synced again', async () => {
    const before = await count()
    for (const event of await listEvents(h.testDb.database.db, orgId, 'credit.changed'))
      await live.bus.deliver('incentives.sync-deal-partners', event.id)
    await h.testDb.database.db.transaction((tx) => syncPartners(tx, orgId, [first, second], h.clock))
    expect(await count()).toBe(before)
  })

  it('derives balances that reconcile with the entries', async () => {
    const { items } = (await admin.get('/api/v1/incentives/balances')).json()
    const byPartner = new Map(items.map((b: { partnerId: string }) => [b.partnerId, b]))
    expect(byPartner.get(first)).toMatchObject({
      partnerName: 'First',
      pending: { amountMinor: '5000' },
      approved: { amountMinor: '0' },
      reversed: { amountMinor: '10000' },
      total: { amountMinor: '5000' },
    })
    // once the hold is over the line is payable
    const later = () =>
      listBalances(
        h.testDb.database.db,
        systemScope(orgId),
        { partnerId: first },
        fixedClock('2026-06-20T00:00:00Z'),
      )
    // past its hold, a line waits for the partner's tax form, and is payable once one is approved
    expect((await later()).items).toMatchObject([
      { pending: { amountMinor: '0' }, held: { amountMinor: '5000' } },
    ])
    const form = await admin.post('/api/v1/incentives/tax/forms', {
      partnerId: first,
      kind: 'w9',
      legalName: 'First LLC',
      taxClassification: 'llc_c',
      country: 'US',
      addressLine1: '1 Main St',
      city: 'Portland',
      region: 'OR',
      postalCode: '97201',
      tinKind: 'ein',
      tin: '12-3456789',
      signerName: 'First Signer',
      signatureAttested: true,
    })
    expect(form.statusCode, form.body).toBe(201)
    await admin.post(`/api/v1/incentives/tax/forms/${form.json().id}/approve`)
    expect((await later()).items).toMatchObject([
      { held: { amountMinor: '0' }, approved: { amountMinor: '5000' } },
    ])
  })

  it('claws back when the deal is lost, with the reason, and restores when it is won again', async () => {
    await admin.patch(`/api/v1/deals/${dealId}`, { status: 'lost', closedAt: '2026-05-20T12:00:00Z' })
    await live.bus.drain()
    const [clawback] = await entries(admin, `&partnerId=${first}`)
    expect(clawback).toMatchObject({
      kind: 'reversal',
      amount: { amountMinor: '-5000' },
      reason: 'Clawed back: the deal was lost',
    })
    const balance = (await admin.get(`/api/v1/incentives/balances?partnerId=${first}`)).json().items[0]
    expect(balance.total.amountMinor).toBe('0')

    await admin.patch(`/api/v1/deals/${dealId}`, { status: 'won', closedAt: '2026-05-20T12:00:00Z' })
    await live.bus.drain()
    const [restored] = await entries(admin, `&partnerId=${first}`)
    expect(restored).toMatchObject({ kind: 'earned', amount: { amountMinor: '5000' } })
  })

  it('pays deals under the plan version in force on the day they closed', async () => {
    const changed = await admin.patch(`/api/v1/incentives/plans/${planId}`, {
      effectiveFrom: '2026-05-21',
      terms: { holdDays: 30, rules: [{ id: 'all', label: 'Every deal', rate: '0.2' }] },
    })
    expect(changed.json()).toMatchObject({ version: 2, versions: [{ version: 2 }, { version: 1 }] })
    const later = (
      await admin.post('/api/v1/deals', {
        name: 'Later deal',
        amount: '200.00',
        currency: 'USD',
        status: 'won',
        openedAt: '2026-04-01T12:00:00Z',
        closedAt: '2026-05-25T12:00:00Z',
      })
    ).json().id
    await live.bus.drain()
    await admin.post('/api/v1/touchpoints', {
      dealId: later,
      actor: { kind: 'partner', partnerId: first },
      activityType: 'referral',
      occurredAt: '2026-05-22T00:00:00Z',
    })
    await live.bus.drain()
    const jobs = (await admin.get('/api/v1/incentives/sync')).json().items
    for (const job of jobs) await runSync(h.testDb.database.db, orgId, job.id, h.clock)
    const lines = (await entries(admin, `&partnerId=${first}`)).filter(
      (e) => e.kind === 'earned' && e.status !== 'reversed',
    )
    expect(lines.map((e) => [e.dealId, e.amount.amountMinor, e.receipt?.plan.version])).toEqual([
      [later, '4000', 2],
      [dealId, '5000', 1],
    ])
  })

  it('posts each step once when many syncs of the same partners run at once', async () => {
    // new terms for every deal: each live line is reversed and reposted — once, however many run
    await admin.patch(`/api/v1/incentives/plans/${planId}`, {
      effectiveFrom: '2026-01-01',
      terms: { holdDays: 30, rules: [{ id: 'all', label: 'Every deal', rate: '0.3' }] },
    })
    const before = await count()
    const live = (
      await h.testDb.database.query<{ n: number }>(
        `select count(*)::int as n from commission_entries e where org_id = $1 and kind = 'earned'
           and not exists (select 1 from commission_entries r where r.org_id = e.org_id and r.reverses_id = e.id)`,
        [orgId],
      )
    ).rows[0]!.n
    expect(live).toBeGreaterThan(1)
    const db = h.testDb.database.db
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        db.transaction((tx) => syncPartners(tx, orgId, [first, second], h.clock)),
      ),
    )
    expect(results.reduce((sum, r) => sum + r.entries, 0)).toBe(2 * live)
    expect(await count()).toBe(before + 2 * live)
    const duplicates = await h.testDb.database.query(
      'select line_key, seq from commission_entries where org_id = $1 group by 1, 2 having count(*) > 1',
      [orgId],
    )
    expect(duplicates.rows).toEqual([])
  })

  it('shows a partner user only their own lines', async () => {
    const partnerUser = await h.signIn(orgId, 'partner_admin', { partnerId: second })
    const own = await entries(partnerUser)
    expect(own.length).toBeGreaterThan(0)
    expect(own.every((e) => e.partnerId === second)).toBe(true)
    expect((await partnerUser.get(`/api/v1/incentives/entries?partnerId=${first}`)).statusCode).toBe(404)
    expect((await partnerUser.get('/api/v1/incentives/plans')).statusCode).toBe(403)
  })

  it('refuses to change or delete an entry: corrections are reversing entries', async () => {
    await expect(
      h.testDb.database.query('update commission_entries set amount_minor = 0 where org_id = $1', [orgId]),
    ).rejects.toThrow(/append-only/)
    await expect(
      h.testDb.database.query('delete from commission_entries where org_id = $1', [orgId]),
    ).rejects.toThrow(/append-only/)
  })
})
