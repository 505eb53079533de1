import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../http/live-harness'
import type { Client, Harness } from '../../http/test-harness'
import { listEvents } from '../../platform/events'
import { creditsModule } from '../credits'
import { incentivesModule } from '../incentives'
import { programsModule } from '.'
import { runEvaluation, runScheduledEvaluations } from './evaluations.service'
import type { TierStatusView } from './programs.contract'
import { evaluatePartners } from './tier-evaluation.service'
import { recordWonDeal } from './tiers.test-support'

// Tiers follow attributed revenue through the event flow: credit under the paying model → evaluation
// → tier on the partner, history, audit and `tier.changed` → commission rules that read the tier.
describe('tier evaluation', () => {
  let live: LiveHarness
  let h: Harness
  let admin: Client
  let orgId: string

  const day = 86_400_000
  const q = async <Row>(text: string, params: unknown[] = [orgId]) =>
    (await h.testDb.database.query<Row>(text, params)).rows
  const status = async (partnerId: string): Promise<TierStatusView> => {
    const res = await admin.get(`/api/v1/programs/partners/${partnerId}/tier`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }
  const history = (partnerId: string) =>
    q<{ from_tier: string | null; to_tier: string | null; explanation: string; actor: string }>(
      'select from_tier, to_tier, explanation, actor from tier_changes where org_id = $1 and partner_id = $2 order by at, id',
      [orgId, partnerId],
    )
  const partner = async (name: string, type = 'reseller') => {
    const res = await admin.post('/api/v1/partners', { name, type, currency: 'USD' })
    expect(res.statusCode, res.body).toBe(201)
    await live.bus.drain()
    return res.json().id as string
  }
  const wonDeal = (name: string, amount: string, partnerId: string) =>
    recordWonDeal(live, admin, name, amount, partnerId)
  const evaluateAll = async () => {
    for (const job of (await admin.get('/api/v1/programs/evaluations')).json().items)
      if (job.status === 'queued') await runEvaluation(h.testDb.database.db, orgId, job.id, h.clock)
    const requested = await admin.post('/api/v1/programs/evaluations')
    expect(requested.statusCode).toBe(202)
    return runEvaluation(h.testDb.database.db, orgId, requested.json().id, h.clock)
  }

  beforeAll(async () => {
    live = await createLiveHarness('tiers', [creditsModule, incentivesModule, programsModule])
    ;({ h, admin, orgId } = live)
    const models = (await admin.get('/api/v1/attribution/models')).json().items
    const linear = models.find((m: { key: string }) => m.key === 'linear')
    await admin.patch(`/api/v1/attribution/models/${linear.id}`, { role: 'paying' })
    const ladder = await admin.post('/api/v1/programs/ladders', {
      name: 'Resellers',
      definition: {
        mode: 'automatic',
        graceDays: 30,
        periodMonths: 12,
        currency: 'USD',
        audience: { '!=': [{ var: 'partner.type' }, 'agency'] },
        levels: [
          { key: 'bronze', name: 'Bronze', criteria: [] },
          { key: 'silver', name: 'Silver', criteria: [{ kind: 'attributed_revenue', minMinor: '100000' }] },
          {
            key: 'gold',
            name: 'Gold',
            criteria: [
              { kind: 'attributed_revenue', minMinor: '400000' },
              { kind: 'attributed_deals', min: 2 },
            ],
          },
        ],
      },
    })
    expect(ladder.statusCode, ladder.body).toBe(201)
    // agencies are placed by hand-checked proposals
    const review = await admin.post('/api/v1/programs/ladders', {
      name: 'Agencies',
      definition: {
        mode: 'review',
        graceDays: 0,
        audience: { '==': [{ var: 'partner.type' }, 'agency'] },
        levels: [
          { key: 'member', name: 'Member', criteria: [] },
          { key: 'premier', name: 'Premier', criteria: [{ kind: 'attributed_revenue', minMinor: '100000' }] },
        ],
      },
    })
    expect(review.statusCode, review.body).toBe(201)
    await live.bus.drain()
  })
  afterAll(async () => live?.close())

  let gold: string
  let lostDeal: string

  it('places a new partner at the entry level, with the reason on record', async () => {
    gold = await partner('Goldline')
    expect((await admin.get(`/api/v1/partners/${gold}`)).json().tier).toEqual({
      key: 'bronze',
      name: 'Bronze',
    })
    expect(await history(gold)).toEqual([
      {
        from_tier: null,
        to_tier: 'bronze',
        explanation: 'promoted to Bronze: the entry level, no criteria',
        actor: 'system:credence',
      },
    ])
  })

  it('promotes on attributed revenue under the paying model, explained with the numbers', async () => {
    lostDeal = await wonDeal('First deal', '3000.00', gold)
    expect((await status(gold)).tier?.key).toBe('silver')
    await wonDeal('Second deal', '2000.00', gold)
    const after = await status(gold)
    expect(after).toMatchObject({
      tier: { key: 'gold', name: 'Gold' },
      qualifies: { key: 'gold' },
      figures: { revenue: { amountMinor: '500000', currency: 'USD' }, deals: 2 },
      next: null,
      atRisk: null,
    })
    expect(after.history[0]).toMatchObject({
      from: { key: 'silver', name: 'Silver' },
      to: { key: 'gold', name: 'Gold' },
      direction: 'promotion',
      explanation:
        'promoted to Gold: $5,000 attributed revenue in the last 12 months ≥ $4,000; 2 attributed deals in the last 12 months ≥ 2',
    })
    const events = (await listEvents(h.testDb.database.db, orgId, 'tier.changed')).filter(
      (e) => e.entityId === gold,
    )
    expect(events.at(-1)!.payload).toEqual({
      partnerId: gold,
      from: 'silver',
      to: 'gold',
      reason: after.history[0]!.explanation,
    })
    const audit = await q<{ after: { tier: string; reason: string } }>(
      `select after from audit_log where org_id = $1 and action = 'tier.changed' and entity_id = $2 order by seq desc limit 1`,
      [orgId, gold],
    )
    expect(audit[0]!.after).toMatchObject({ tier: 'gold', reason: after.history[0]!.explanation })
  })

  it('writes nothing when evaluated again with nothing changed', async () => {
    const snapshot = () =>
      Promise.all([
        q<{ n: number }>('select count(*)::int as n from tier_changes where org_id = $1'),
        q<{ partner_id: string; updated_at: Date }>(
          'select partner_id, updated_at from partner_tier_states where org_id = $1 order by partner_id',
        ),
        q<{ n: number }>(
          `select count(*)::int as n from events where org_id = $1 and type in ('tier.changed', 'partner.changed', 'tier_proposal.changed')`,
        ),
        q<{ n: number }>('select count(*)::int as n from tier_proposals where org_id = $1'),
      ])
    const before = await snapshot()
    await h.testDb.database.db.transaction((tx) => evaluatePartners(tx, orgId, [gold], h.clock))
    const run = await evaluateAll()
    expect(run).toMatchObject({ status: 'done', changed: 0, proposed: 0 })
    for (const event of await listEvents(h.testDb.database.db, orgId, 'credit.changed'))
      await live.bus.deliver('programs.evaluate-deal-partners', event.id)
    expect(await snapshot()).toEqual(before)
  })

  it('keeps a partner that stops qualifying at risk through the grace, then demotes it', async () => {
    await admin.patch(`/api/v1/deals/${lostDeal}`, { status: 'lost', closedAt: '2026-05-20T12:00:00Z' })
    await live.bus.drain()
    const atRisk = await status(gold)
    expect(atRisk.tier?.key).toBe('gold')
    expect(atRisk.qualifies?.key).toBe('silver')
    expect(atRisk.atRisk).toEqual({
      since: '2026-06-01T09:00:00.000Z',
      until: '2026-07-01T09:00:00.000Z',
      text: 'at risk until 2026-07-01: $2,000 attributed revenue in the last 12 months < $4,000; 1 attributed deal in the last 12 months < 2 needed for Gold',
    })
    const listed = (await admin.get('/api/v1/programs/tiers?atRisk=true')).json()
    expect(listed.items.map((i: { partnerId: string }) => i.partnerId)).toEqual([gold])

    // sessions expire with the days: sign in again after moving the clock
    h.clock.advance(29 * day)
    admin = await h.signIn(orgId, 'admin')
    await evaluateAll()
    expect((await status(gold)).tier?.key).toBe('gold')

    h.clock.advance(1 * day)
    admin = await h.signIn(orgId, 'admin')
    expect(await evaluateAll()).toMatchObject({ changed: 1 })
    const demoted = await status(gold)
    expect(demoted).toMatchObject({ tier: { key: 'silver' }, atRisk: null })
    expect(demoted.history[0]!.explanation).toBe(
      'demoted to Silver: $2,000 attributed revenue in the last 12 months < $4,000; 1 attributed deal in the last 12 months < 2 needed for Gold; the 30-day grace ended on 2026-07-01',
    )
    expect(demoted.next).toMatchObject({
      key: 'gold',
      met: false,
      summary: '$2K of $4K; 1 of 2 attributed deals',
    })
  })

  it('makes a proposal on a review ladder, and approving it changes the tier', async () => {
    const agency = await partner('Bright Agency', 'agency')
    expect((await status(agency)).tier).toBeNull()
    const pending = (await admin.get('/api/v1/programs/proposals')).json().items
    const proposal = pending.find((p: { partnerId: string }) => p.partnerId === agency)
    expect(proposal).toMatchObject({
      status: 'pending',
      from: null,
      to: { key: 'member', name: 'Member' },
      explanation: 'promoted to Member: the entry level, no criteria',
    })
    // evaluating again keeps the one proposal
    await evaluateAll()
    expect(
      (await admin.get(`/api/v1/programs/proposals?partnerId=${agency}`))
        .json()
        .items.map((p: { id: string }) => p.id),
    ).toEqual([proposal.id])

    const approved = await admin.post(`/api/v1/programs/proposals/${proposal.id}/approve`, {
      note: 'welcome',
    })
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json()).toMatchObject({ status: 'approved', note: 'welcome' })
    const after = await status(agency)
    expect(after.tier).toEqual({ key: 'member', name: 'Member' })
    expect(after.history[0]).toMatchObject({
      proposalId: proposal.id,
      actor: expect.stringMatching(/^user:/),
    })
    expect(after.history[0]!.explanation).toMatch(
      /^promoted to Member: the entry level, no criteria \(approved by user:/,
    )
    const again = await admin.post(`/api/v1/programs/proposals/${proposal.id}/approve`, {})
    expect(again.statusCode).toBe(409)
  })

  it('does not propose a rejected change again while the figures still call for it', async () => {
    const agency = await partner('Second Agency', 'agency')
    const first = (await admin.get(`/api/v1/programs/proposals?partnerId=${agency}`)).json().items[0]
    await admin.post(`/api/v1/programs/proposals/${first.id}/approve`, {})
    await wonDeal('Agency deal', '1500.00', agency)
    const promotion = (await admin.get(`/api/v1/programs/proposals?partnerId=${agency}`)).json().items[0]
    expect(promotion).toMatchObject({ to: { key: 'premier' }, direction: 'promotion' })
    const rejected = await admin.post(`/api/v1/programs/proposals/${promotion.id}/reject`, {
      reason: 'next year',
    })
    expect(rejected.json()).toMatchObject({ status: 'rejected', note: 'next year' })
    await evaluateAll()
    expect((await admin.get(`/api/v1/programs/proposals?partnerId=${agency}`)).json().items).toEqual([])
    expect((await status(agency)).tier?.key).toBe('member')
  })

  it('changes the tier once and writes one history row when many evaluations run at once', async () => {
    // created without delivering its events: nothing has evaluated it yet
    const res = await admin.post('/api/v1/partners', { name: 'Raced', type: 'reseller', currency: 'USD' })
    const raced = res.json().id as string
    const db = h.testDb.database.db
    const results = await Promise.all(
      Array.from({ length: 6 }, () => db.transaction((tx) => evaluatePartners(tx, orgId, [raced], h.clock))),
    )
    expect(results.reduce((n, r) => n + r.changed, 0)).toBe(1)
    expect((await history(raced)).map((r) => r.to_tier)).toEqual(['bronze'])
    const events = await q<{ n: number }>(
      `select count(*)::int as n from events where org_id = $1 and type = 'tier.changed' and entity_id = $2`,
      [orgId, raced],
    )
    expect(events[0]!.n).toBe(1)
    await live.bus.drain()
    expect((await history(raced)).length).toBe(1)
  })

  it('evaluates every org with a ladder each night, writing nothing when nothing moved', async () => {
    const changes = async () =>
      (await q<{ n: number }>('select count(*)::int as n from tier_changes where org_id = $1'))[0]!.n
    const before = await changes()
    expect(await runScheduledEvaluations(h.testDb.database.db, h.clock)).toBeGreaterThanOrEqual(1)
    const [nightly] = (await admin.get('/api/v1/programs/evaluations')).json().items
    expect(nightly).toMatchObject({ reason: 'nightly', status: 'done', changed: 0, percent: 100 })
    expect(await changes()).toBe(before)
  })

  it('lets commission rules read the tier: a gold-only rule pays after a promotion', async () => {
    const plan = await admin.post('/api/v1/incentives/plans', {
      name: 'Gold bonus',
      currency: 'USD',
      effectiveFrom: '2026-01-01',
      terms: {
        rules: [
          {
            id: 'gold',
            label: 'Gold partners',
            when: { '==': [{ var: 'partner.tier' }, 'gold'] },
            rate: '0.1',
          },
        ],
      },
    })
    expect(plan.statusCode, plan.body).toBe(201)
    await live.bus.drain()
    const climber = await partner('Climber')
    const lines = async () =>
      (await admin.get(`/api/v1/incentives/entries?partnerId=${climber}&limit=200`))
        .json()
        .items.filter(
          (e: { kind: string; planId: string }) => e.kind === 'earned' && e.planId === plan.json().id,
        )
    await wonDeal('Climb one', '2500.00', climber)
    expect(await lines()).toEqual([])
    await wonDeal('Climb two', '2500.00', climber)
    expect((await status(climber)).tier?.key).toBe('gold')
    const paid = await lines()
    expect(paid.map((e: { amount: { amountMinor: string } }) => e.amount.amountMinor)).toEqual([
      '25000',
      '25000',
    ])
  })
})
