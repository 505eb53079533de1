import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../../http/test-harness'
import { auditLog } from '../../../platform/platform.tables'
import { attributeDeals } from '../../credits'

// The harness's clock stands at 2026-06-01: this quarter is 2026-Q2.
describe('partner forecast and pipeline', () => {
  let h: Harness
  let orgId: string
  let admin: Client
  let harbor: string
  let quill: string
  const deal: Record<string, string> = {}

  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('forecast')
    admin = await h.signIn(orgId, 'admin')
    harbor = (await admin.post('/api/v1/partners', { name: 'Harbor Resellers', type: 'reseller' })).json().id
    quill = (await admin.post('/api/v1/partners', { name: 'Quill Referrals', type: 'referral' })).json().id
    const add = async (
      key: string,
      body: Record<string, unknown>,
      touches: [partner: string | null, occurredAt: string][],
    ) => {
      const res = await admin.post('/api/v1/deals', { name: `Deal ${key}`, currency: 'USD', ...body })
      expect(res.statusCode, res.body).toBe(201)
      deal[key] = res.json().id
      for (const [partnerId, occurredAt] of touches) {
        const actor = partnerId
          ? { kind: 'partner', partnerId }
          : { kind: 'direct', seller: 'ae@vendor.example' }
        const touch = await admin.post('/api/v1/touchpoints', {
          dealId: deal[key],
          actor,
          activityType: 'demo',
          occurredAt,
        })
        expect(touch.statusCode, touch.body).toBe(201)
      }
    }
    const closed = (status: string, openedAt: string, closedAt: string, amount: string) => ({
      status,
      stage: status === 'won' ? 'closed_won' : 'closed_lost',
      openedAt,
      closedAt,
      amount,
    })
    // history: won 2025-09-15 (45 days), lost 2025-11-01, won 2026-01-31 (61 days), won 2026-03-03
    // (52 days), lost 2026-04-15 — today a 60% win rate and a median of 52 days to win
    await add('W0', closed('won', '2025-08-01T00:00:00Z', '2025-09-15T00:00:00Z', '4000'), [
      [harbor, '2025-08-02T00:00:00Z'],
    ])
    await add('L0', closed('lost', '2025-09-01T00:00:00Z', '2025-11-01T00:00:00Z', '3000'), [
      [quill, '2025-09-02T00:00:00Z'],
    ])
    await add('W1', closed('won', '2025-12-01T00:00:00Z', '2026-01-31T00:00:00Z', '10000'), [
      [harbor, '2025-12-02T00:00:00Z'],
    ])
    await add('W2', closed('won', '2026-01-10T00:00:00Z', '2026-03-03T00:00:00Z', '6000'), [
      [harbor, '2026-01-11T00:00:00Z'],
    ])
    await add('L1', closed('lost', '2026-02-01T00:00:00Z', '2026-04-15T00:00:00Z', '1000'), [
      [quill, '2026-02-02T00:00:00Z'],
    ])
    // open: A expected this quarter, B next, C without a date (placed by the median), D overdue, E direct
    await add(
      'A',
      {
        amount: '10000',
        stage: 'proposal',
        openedAt: '2026-04-01T00:00:00Z',
        expectedCloseAt: '2026-06-20T00:00:00Z',
      },
      [[harbor, '2026-04-02T00:00:00Z']],
    )
    await add(
      'B',
      {
        amount: '5000',
        stage: 'negotiation',
        openedAt: '2026-04-01T00:00:00Z',
        expectedCloseAt: '2026-08-15T00:00:00Z',
      },
      [
        [null, '2026-04-02T00:00:00Z'],
        [quill, '2026-05-10T00:00:00Z'],
      ],
    )
    await add('C', { amount: '2000', stage: 'qualification', openedAt: '2026-04-01T00:00:00Z' }, [
      [harbor, '2026-04-03T00:00:00Z'],
    ])
    await add(
      'D',
      {
        amount: '1000',
        stage: 'qualification',
        openedAt: '2026-03-01T00:00:00Z',
        expectedCloseAt: '2026-05-01T00:00:00Z',
      },
      [[harbor, '2026-03-02T00:00:00Z']],
    )
    await add('E', { amount: '7000', stage: 'proposal', openedAt: '2026-04-01T00:00:00Z' }, [
      [null, '2026-04-02T00:00:00Z'],
    ])
    await h.testDb.database.db.transaction((tx) => attributeDeals(tx, orgId, Object.values(deal), h.clock))
  })
  afterAll(async () => h?.close())

  const partnerCreditOf = async (key: string) => {
    const { credits } = (await admin.get(`/api/v1/deals/${deal[key]}/attribution`)).json()
    return (credits as { actorKind: string; amount: { amountMinor: string } }[])
      .filter((c) => c.actorKind !== 'direct')
      .reduce((sum, c) => sum + BigInt(c.amount.amountMinor), 0n)
  }

  it('places each open deal in its quarter, weighs its partner credit by the win rate, and splits sourced from influenced', async () => {
    const res = await admin.get('/api/v1/forecast')
    expect(res.statusCode, res.body).toBe(200)
    const forecast = res.json()
    expect(forecast.probability.source).toBe('win-rate')
    expect(forecast.probability.label).toContain('60% over 5 closed deals')
    expect(forecast.periods.map((p: { key: string }) => p.key)).toEqual([
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
      '2027-Q1',
    ])
    const [q2, q3] = forecast.periods
    // A, C (its opening plus 52 days has passed) and D (overdue) are Harbor's from the first touch: 13,000 × 0.6
    expect(q2.deals).toBe(3)
    expect(q2.sourced.likely.amountMinor).toBe('780000')
    expect(q2.influenced.likely.amountMinor).toBe('0')
    expect(BigInt(q2.sourced.worst.amountMinor)).toBeLessThan(780000n)
    expect(BigInt(q2.sourced.best.amountMinor)).toBeGreaterThan(780000n)
    expect(BigInt(q2.sourced.best.amountMinor)).toBeLessThanOrEqual(1300000n)
    // B: a seller opened it, Quill joined; only Quill's share of it counts
    const quillOnB = await partnerCreditOf('B')
    expect(quillOnB).toBeGreaterThan(0n)
    expect(quillOnB).toBeLessThan(500000n)
    expect(q3.deals).toBe(1)
    expect(q3.partnerPipeline.amountMinor).toBe(quillOnB.toString())
    expect(q3.influenced.likely.amountMinor).toBe(((quillOnB * 6n + 5n) / 10n).toString())
    expect(q3.sourced.likely.amountMinor).toBe('0')
    expect(forecast.placement).toEqual({ expected: 2, overdue: 1, estimated: 1 })
    expect(forecast.partners[0]).toMatchObject({ partnerId: harbor, name: 'Harbor Resellers', deals: 3 })
    expect(forecast.partners[0].likely.amountMinor).toBe('780000')
    // E has no partner credit: it is in no period and among no deals
    expect(forecast.deals.map((d: { dealId: string }) => d.dealId)).not.toContain(deal.E)
    expect(forecast.deals.find((d: { dealId: string }) => d.dealId === deal.D)).toMatchObject({
      placement: 'overdue',
      period: '2026-Q2',
      probability: 0.6,
    })
  })

  it('backtests the last four quarters with the win rate and time to win known at each start', async () => {
    const { backtest } = (await admin.get('/api/v1/forecast')).json()
    expect(backtest.map((q: { key: string }) => q.key)).toEqual(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1'])
    const [, , q4, q1] = backtest
    // at 2025-10-01 one deal had closed, won: L0 (open, placed 45 days after opening) counted in full
    expect(q4).toMatchObject({ winRate: 1, deals: 1, error: null })
    expect(q4.forecast.amountMinor).toBe('300000')
    expect(q4.actual.amountMinor).toBe('0')
    // at 2026-01-01: one won, one lost; W1 was open and expected in the quarter; W1 and W2 were won in it
    expect(q1).toMatchObject({ winRate: 0.5, deals: 1 })
    expect(q1.forecast.amountMinor).toBe('500000')
    expect(q1.actual.amountMinor).toBe('1600000')
    expect(q1.error).toBeCloseTo(-0.6875, 2)
  })

  it('uses the stage probabilities the org sets, the win rate for stages without one, and audits the change', async () => {
    const set = await admin.put('/api/v1/forecast/stage-probabilities', {
      items: [{ stage: 'proposal', probability: '0.5' }],
    })
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json().items).toEqual([
      { stage: 'negotiation', probability: null, openDeals: 1 },
      { stage: 'proposal', probability: '0.5', openDeals: 2 },
      { stage: 'qualification', probability: null, openDeals: 2 },
    ])
    const forecast = (await admin.get('/api/v1/forecast')).json()
    expect(forecast.probability.source).toBe('stages')
    // A at 0.5, C and D at the win rate: 5,000 + 1,800
    expect(forecast.periods[0].sourced.likely.amountMinor).toBe('680000')
    const monthly = (
      await admin.get('/api/v1/forecast?granularity=month&periods=3&probabilities=win-rate')
    ).json()
    expect(monthly.periods.map((p: { key: string }) => p.key)).toEqual(['2026-06', '2026-07', '2026-08'])
    expect(monthly.periods[0].sourced.likely.amountMinor).toBe('780000')
    expect(monthly.periods[2].influenced.likely.amountMinor).toBe(
      forecast.periods[1].influenced.likely.amountMinor,
    )
    const audit = await h.testDb.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, 'stage_probabilities.changed')))
    expect(audit.map((a) => [a.before, a.after])).toEqual([[{}, { proposal: '0.5' }]])
  })

  it.each([
    ['PUT', { items: [{ stage: 'proposal', probability: '1.5' }] }, 400, 'items.0.probability'],
    [
      'PUT',
      {
        items: [
          { stage: 'proposal', probability: '0.5' },
          { stage: 'proposal', probability: '0.4' },
        ],
      },
      422,
      'items.1.stage',
    ],
  ])('refuses stage probabilities %#, naming the field', async (_method, body, status, path) => {
    const res = await admin.put('/api/v1/forecast/stage-probabilities', body)
    expect(res.statusCode).toBe(status)
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path)
  })

  it('refuses the AI source while the org has trained no model, naming the parameter', async () => {
    const res = await admin.get('/api/v1/forecast?probabilities=ai')
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0].path).toBe('probabilities')
  })

  it('groups the pipeline by source and by partner, tagged against attributed against weighted', async () => {
    const bySource = (await admin.get('/api/v1/pipeline?by=source')).json()
    const group = (key: string) => bySource.groups.find((g: { key: string }) => g.key === key)
    expect(group('partner-sourced')).toMatchObject({ deals: 3 })
    expect(group('partner-sourced').amount.amountMinor).toBe('1300000')
    expect(group('partner-sourced').partnerCredit.amountMinor).toBe('1300000')
    expect(group('partner-influenced')).toMatchObject({ deals: 1 })
    expect(group('partner-influenced').amount.amountMinor).toBe('500000')
    expect(group('direct')).toMatchObject({ deals: 1 })
    expect(group('direct').partnerCredit.amountMinor).toBe('0')
    const byPartner = (await admin.get('/api/v1/pipeline?by=partner')).json()
    expect(byPartner.groups.map((g: { label: string }) => g.label)).toEqual([
      'Harbor Resellers',
      'Quill Referrals',
    ])
    const byStage = (await admin.get('/api/v1/pipeline?by=stage')).json()
    expect(byStage.groups.find((g: { key: string }) => g.key === 'proposal').deals).toBe(2)
  })

  it('is for staff: a partner user is refused', async () => {
    const partnerUser = await h.signIn(orgId, 'partner_admin', { partnerId: harbor })
    expect((await partnerUser.get('/api/v1/forecast')).statusCode).toBe(403)
    expect((await partnerUser.get('/api/v1/pipeline')).statusCode).toBe(403)
  })
})
