import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../../http/live-harness'
import { answerOf, type Client, type Harness } from '../../../http/test-harness'
import { pdfText } from '../../../platform/pdf-text.test-support'
import { creditsModule } from '../../credits'
import { incentivesModule } from '../../incentives'
import { programsModule } from '..'
import { recordDeal, recordTouch } from '../tiers.test-support'
import type { QbrPage, QbrRunView, QbrView } from './qbr.contract'
import { generateScheduledQbrs, runQbrRun } from './qbr-runs.service'

// Business reviews through the API on a small org worked out by hand (clock 2026-06-01, linear model
// paying). Alpha in 2026-Q2: D1 $1,000 alone, D2 $600 shared with Beta (linear: $300 each; Alpha touched
// first); in 2026-Q1: D3 $800 alone; open: D4 $2,000. A 10% plan: in Q2 $100 (paid) and $30 (unpaid);
// $80 in Q1. One certificate earned in Q2.
describe('quarterly business reviews', () => {
  let live: LiveHarness
  let h: Harness
  let admin: Client
  let orgId: string
  const ids: Record<string, string> = {}

  const ok = answerOf
  const q = async <Row>(text: string, params: unknown[] = [orgId]) =>
    (await h.testDb.database.query<Row>(text, params)).rows
  const partner = async (name: string, status: string) => {
    const created = await ok<{ id: string }>(
      admin.post('/api/v1/partners', { name, type: 'reseller', status }),
      201,
    )
    await live.bus.drain()
    return created.id
  }
  const deal = (name: string, status: 'won' | 'open', amount: string, closedAt?: string, openedAt?: string) =>
    recordDeal(live, admin, { name, status, amount, closedAt, openedAt })
  const touch = (dealId: string, partnerId: string, occurredAt: string) =>
    recordTouch(live, admin, dealId, partnerId, occurredAt)
  const generate = (quarter: string, body: Record<string, unknown> = {}) =>
    ok<QbrView>(admin.post(`/api/v1/programs/partners/${ids.alpha}/qbrs`, { quarter, ...body }), 201)
  const model = (view: QbrView, key: string) => view.figures.models.find((m) => m.modelKey === key)

  beforeAll(async () => {
    live = await createLiveHarness('qbr', [creditsModule, incentivesModule, programsModule])
    ;({ h, admin, orgId } = live)
    const models = (await admin.get('/api/v1/attribution/models')).json().items
    const linear = models.find((m: { key: string }) => m.key === 'linear')
    await ok(admin.patch(`/api/v1/attribution/models/${linear.id}`, { role: 'paying' }))
    await live.bus.drain()
    await ok(
      admin.post('/api/v1/programs/ladders', {
        name: 'Partner tiers',
        definition: {
          levels: [
            { key: 'member', name: 'Member', criteria: [] },
            { key: 'gold', name: 'Gold', criteria: [{ kind: 'attributed_revenue', minMinor: '500000' }] },
          ],
        },
      }),
      201,
    )
    await live.bus.drain()
    await ok(
      admin.post('/api/v1/incentives/plans', {
        name: 'Ten percent',
        currency: 'USD',
        effectiveFrom: '2020-01-01',
        terms: { rules: [{ id: 'all', label: 'Every deal', rate: '0.1' }] },
      }),
      201,
    )
    await live.bus.drain()

    ids.alpha = await partner('Alpha Resellers', 'active')
    ids.beta = await partner('Beta Partners', 'active')
    ids.gamma = await partner('Gamma Onboarding', 'onboarding')

    const d1 = await deal('D1 Northwind', 'won', '1000.00', '2026-05-10T12:00:00Z')
    await touch(d1, ids.alpha, '2026-05-01T00:00:00Z')
    const d2 = await deal('D2 Contoso', 'won', '600.00', '2026-04-20T12:00:00Z')
    await touch(d2, ids.alpha, '2026-04-01T00:00:00Z')
    await touch(d2, ids.beta, '2026-04-10T00:00:00Z')
    const d3 = await deal('D3 Fabrikam', 'won', '800.00', '2026-02-10T12:00:00Z')
    await touch(d3, ids.alpha, '2026-02-01T00:00:00Z')
    const d4 = await deal('D4 Litware', 'open', '2000.00')
    await touch(d4, ids.alpha, '2026-05-15T00:00:00Z')

    // the plan's lines: D1 $100 (paid below), D2 $30 (unpaid), D3 $80 (the quarter before)
    const [paidLine] = await q<{ id: string }>(
      'select id from commission_entries where org_id = $1 and partner_id = $2 and deal_id = $3',
      [orgId, ids.alpha, d1],
    )
    await q(
      `insert into payouts (org_id, id, batch_id, partner_id, amount_minor, currency, status, idempotency_key,
         paid_at, updated_at)
       values ($1, 'pay_x', 'pbt_x', $2, 10000, 'USD', 'paid', 'key_x', now(), now())`,
      [orgId, ids.alpha],
    )
    await q(`insert into payout_items (org_id, payout_id, entry_id) values ($1, 'pay_x', $2)`, [
      orgId,
      paidLine!.id,
    ])
    await q(
      `insert into certificates (org_id, id, course_id, user_id, partner_id, name, attempt_id, issued_at,
         expires_at, renewals, first_issued_at)
       values ($1, 'crt_alpha', 'crs_x', 'usr_alpha', $2, 'Certified Seller', 'qza_x', '2026-04-15T00:00:00Z',
         null, 0, '2026-04-15T00:00:00Z')`,
      [orgId, ids.alpha],
    )
    await ok(admin.post(`/api/v1/programs/partners/${ids.alpha}/tier/evaluate`, {}))
    await ok(admin.post('/api/v1/programs/health/recompute'))
  })
  afterAll(async () => live?.close())

  it('a review’s figures match the hand-worked credits, commissions, tier, health and certificates', async () => {
    const view = await generate('2026-Q2')
    expect(view.version).toBe(1)
    expect(view.source).toBe('on_demand')
    const f = view.figures
    expect(f.previousQuarter).toBe('2026-Q1')
    expect(f.models[0]!.modelKey).toBe('linear')
    expect(f.models[0]!.role).toBe('paying')
    expect(f.models.slice(1).every((m) => m.role === 'shadow')).toBe(true)
    expect(model(view, 'linear')!.revenue).toEqual([
      {
        current: { amountMinor: '130000', currency: 'USD', amount: '1300.00' },
        previous: { amountMinor: '80000', currency: 'USD', amount: '800.00' },
        changePercent: 63,
      },
    ])
    expect(model(view, 'first_touch')!.revenue[0]!.current.amount).toBe('1600.00')
    expect(model(view, 'last_touch')!.revenue[0]!.current.amount).toBe('1000.00')
    expect(model(view, 'linear')!.pipeline).toEqual([
      { amount: { amountMinor: '200000', currency: 'USD', amount: '2000.00' }, deals: 1 },
    ])
    expect(f.wonDeals).toBe(2)
    expect(
      f.topDeals.map((d) => [d.dealName, d.credit.amount, d.share, d.shareOfRevenue, d.modelName]),
    ).toEqual([
      ['D1 Northwind', '1000.00', '1.0000000000', '0.7692', 'Linear'],
      ['D2 Contoso', '300.00', '0.5000000000', '0.2308', 'Linear'],
    ])
    expect(f.commissions).toEqual([
      {
        earned: { amountMinor: '13000', currency: 'USD', amount: '130.00' },
        paid: { amountMinor: '10000', currency: 'USD', amount: '100.00' },
        pending: { amountMinor: '3000', currency: 'USD', amount: '30.00' },
      },
    ])
    expect(f.tier.current?.key).toBe('member')
    expect(f.tier.next).toMatchObject({ key: 'gold', met: false })
    expect(f.health?.reasons.length).toBeGreaterThan(0)
    expect(f.certifications).toEqual({ valid: 1, earnedInQuarter: 1, names: ['Certified Seller'] })
    expect(view.goals).toEqual([
      {
        text: 'Grow attributed revenue by 10% in 2026-Q3',
        metric: 'attributed_revenue',
        currency: 'USD',
        targetMinor: '143000',
      },
    ])
  })

  it('regenerating adds a version and the earlier one stays as it was', async () => {
    const first = await generate('2025-Q2')
    await ok(
      admin.put(`/api/v1/programs/qbrs/${first.id}/goals`, {
        goals: [{ text: 'Two joint webinars' }],
      }),
    )
    const late = await deal('D5 Late entry', 'won', '400.00', '2025-05-01T12:00:00Z', '2025-03-01T12:00:00Z')
    await touch(late, ids.alpha, '2025-04-01T00:00:00Z')
    const second = await generate('2025-Q2')
    expect(second.version).toBe(2)
    expect(second.goals).toEqual([
      { text: 'Two joint webinars', metric: 'other', currency: null, targetMinor: null },
    ])
    expect(model(second, 'linear')!.revenue[0]!.current.amount).toBe('400.00')
    expect(second.versions.map((v) => v.version)).toEqual([2, 1])
    const again = await ok<QbrView>(admin.get(`/api/v1/programs/qbrs/${first.id}`))
    expect(model(again, 'linear')!.revenue).toEqual([])
    const list = await ok<QbrPage>(admin.get(`/api/v1/programs/qbrs?quarter=2025-Q2`))
    expect(list.items.map((i) => [i.partnerName, i.version])).toEqual([['Alpha Resellers', 2]])
    const audits = await q<{ action: string }>(
      `select action from audit_log where org_id = $1 and entity_type = 'qbr' and entity_id = $2 order by seq`,
      [orgId, first.id],
    )
    expect(audits.map((a) => a.action)).toEqual(['qbr.generated', 'qbr.goals_changed'])
  })

  it.each([
    ['2026-Q5', 400],
    ['2026Q2', 400],
    ['2026-Q4', 422],
  ])('quarter %s is refused naming the field', async (quarter, status) => {
    const res = await admin.post(`/api/v1/programs/partners/${ids.alpha}/qbrs`, { quarter })
    expect(res.statusCode, res.body).toBe(status)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('quarter')
  })

  it('a goal without text is refused naming the field', async () => {
    const res = await admin.post(`/api/v1/programs/partners/${ids.alpha}/qbrs`, {
      quarter: '2026-Q2',
      goals: [{ text: '', targetMinor: '100' }],
    })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().errors[0].path).toMatch(/^goals.*0.*text$/)
  })

  it('a partner sees only its own shared reviews, and sharing mails its admins', async () => {
    const review = await generate('2026-Q1')
    const alphaUser = await h.signIn(orgId, 'partner_admin', {
      partnerId: ids.alpha!,
      email: 'admin@alpha.example',
    })
    const betaUser = await h.signIn(orgId, 'partner_member', { partnerId: ids.beta! })
    expect((await alphaUser.get(`/api/v1/programs/qbrs/${review.id}`)).statusCode).toBe(404)
    expect((await alphaUser.get(`/api/v1/programs/qbrs/${review.id}/pdf`)).statusCode).toBe(404)
    expect((await ok<QbrPage>(alphaUser.get('/api/v1/programs/qbrs'))).total).toBe(0)

    const shared = await ok<QbrView>(
      admin.put(`/api/v1/programs/qbrs/${review.id}/share`, { isShared: true }),
    )
    expect(shared.isShared).toBe(true)
    await live.bus.drain()
    const mine = await ok<QbrView>(alphaUser.get(`/api/v1/programs/qbrs/${review.id}`))
    expect(mine.figures.partnerName).toBe('Alpha Resellers')
    expect(mine.versions.map((v) => v.id)).toEqual([review.id])
    const list = await ok<QbrPage>(alphaUser.get('/api/v1/programs/qbrs'))
    expect(list.items.map((i) => i.id)).toEqual([review.id])
    expect((await alphaUser.get(`/api/v1/programs/qbrs/${review.id}/pdf`)).statusCode).toBe(200)
    expect((await betaUser.get(`/api/v1/programs/qbrs/${review.id}`)).statusCode).toBe(404)
    expect((await ok<QbrPage>(betaUser.get('/api/v1/programs/qbrs'))).total).toBe(0)
    expect(
      (await alphaUser.put(`/api/v1/programs/qbrs/${review.id}/share`, { isShared: false })).statusCode,
    ).toBe(403)
    expect(
      (await alphaUser.post(`/api/v1/programs/partners/${ids.alpha}/qbrs`, { quarter: '2026-Q1' }))
        .statusCode,
    ).toBe(403)
    const mails = await q<{ to: string; subject: string; text: string }>(
      `select "to", subject, text from mail_outbox where org_id = $1 and subject like '%business review%'`,
    )
    expect(mails.map((m) => [m.to, m.subject])).toEqual([
      ['admin@alpha.example', 'Your business review for 2026-Q1 is ready'],
    ])
    expect(mails[0]!.text).toContain(`/portal/business-reviews/${review.id}`)

    await ok(admin.put(`/api/v1/programs/qbrs/${review.id}/share`, { isShared: false }))
    expect((await alphaUser.get(`/api/v1/programs/qbrs/${review.id}`)).statusCode).toBe(404)
    const audits = await q<{ action: string }>(
      `select action from audit_log where org_id = $1 and entity_id = $2 order by seq`,
      [orgId, review.id],
    )
    expect(audits.map((a) => a.action)).toEqual(['qbr.generated', 'qbr.shared', 'qbr.unshared'])
  })

  it('the PDF shows the review’s figures, chart legend, top deals, commissions and goals', async () => {
    const view = await generate('2026-Q2', {
      goals: [
        {
          text: 'Close the Litware deal',
          metric: 'attributed_revenue',
          currency: 'USD',
          targetMinor: '200000',
        },
      ],
    })
    const res = await admin.get(`/api/v1/programs/qbrs/${view.id}/pdf`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('application/pdf')
    expect(res.headers['content-disposition']).toContain('qbr-2026-Q2-Alpha-Resellers-v')
    const text = pdfText(res.rawPayload)
    for (const expected of [
      'Quarterly business review',
      'Alpha Resellers · 2026-Q2',
      'Linear (paying)',
      '1,300.00 USD',
      '800.00 USD',
      '+63%',
      'In USD: 2026-Q2',
      'Linear: 2,000.00 USD on 1 open deal(s)',
      'D1 Northwind (Linear)',
      '76.9%',
      'Earned 130.00 USD · paid 100.00 USD · pending 30.00 USD',
      'Tier: Member (Partner tiers)',
      '1 valid at the end of the quarter; 1 earned in it',
      'Goals for 2026-Q3',
      '- Close the Litware deal, target 2,000.00 USD',
    ])
      expect(text).toContain(expected)
  })

  it('an org-wide generation reviews every active partner once, with progress, however often delivered', async () => {
    const run = await ok<QbrRunView>(admin.post('/api/v1/programs/qbr-runs', { quarter: '2025-Q4' }), 202)
    expect(run.status).toBe('queued')
    const db = h.testDb.database.db
    const [done, again] = await Promise.all([
      runQbrRun(db, orgId, run.id, h.clock),
      runQbrRun(db, orgId, run.id, h.clock),
    ])
    const finished = done ?? again
    expect(finished).toMatchObject({ status: 'done', total: 2, done: 2, generated: 2, percent: 100 })
    expect(await runQbrRun(db, orgId, run.id, h.clock)).toBeNull()
    const list = await ok<QbrPage>(admin.get('/api/v1/programs/qbrs?quarter=2025-Q4'))
    expect(list.items.map((i) => [i.partnerName, i.source]).sort()).toEqual([
      ['Alpha Resellers', 'batch'],
      ['Beta Partners', 'batch'],
    ])
    const polled = await ok<QbrRunView>(admin.get(`/api/v1/programs/qbr-runs/${run.id}`))
    expect(polled.percent).toBe(100)
  })

  it('the schedule reviews the quarter just ended once per active partner, even when runs meet', async () => {
    await q(`delete from qbr_reviews where org_id = $1 and quarter = '2026-Q1'`)
    const db = h.testDb.database.db
    const written = await Promise.all([1, 2, 3, 4].map(() => generateScheduledQbrs(db, h.clock)))
    expect(written.reduce((a, b) => a + b, 0)).toBe(2)
    const rows = await q<{ partner_id: string; version: number; source: string }>(
      `select partner_id, version, source from qbr_reviews where org_id = $1 and quarter = '2026-Q1'
        order by partner_id`,
    )
    expect(rows.map((r) => [r.partner_id, r.version, r.source]).sort()).toEqual(
      [
        [ids.alpha, 1, 'scheduled'],
        [ids.beta, 1, 'scheduled'],
      ].sort(),
    )
    expect(await generateScheduledQbrs(db, h.clock)).toBe(0)
  })
})
