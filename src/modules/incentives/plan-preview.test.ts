import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLiveHarness, type LiveHarness } from '../../http/live-harness'
import { creditsModule } from '../credits'
import { incentivesModule } from '.'
import { type PayableOrg, seedPayableOrg } from './payouts/payouts.test-support'
import { lastQuarter } from './plan-preview.service'

// A draft is tried on last quarter's deals beside the plans in force, and nothing is saved.
describe('plan preview', () => {
  let live: LiveHarness
  let org: PayableOrg
  const draft = (rate: string) => ({
    currency: 'USD',
    terms: { rules: [{ id: 'all', label: 'Every deal', rate }] },
  })

  beforeAll(async () => {
    live = await createLiveHarness('plan-preview', [creditsModule, incentivesModule])
    org = await seedPayableOrg(live, {
      Acme: { amount: '1000.00', currency: 'USD', rail: null },
      Globex: { amount: '300.00', currency: 'EUR', rail: null },
    })
  })
  afterAll(async () => live?.close())

  it('shows what last quarter would have paid under the draft in place of the plan', async () => {
    const res = await live.admin.post('/api/v1/incentives/plans/preview', {
      ...draft('0.15'),
      planId: org.planId,
    })
    expect(res.statusCode, res.body).toBe(200)
    const preview = res.json()
    // the harness's day is 2026-06-01: last quarter is 2026 Q1, which holds the deals of 2026-01-10
    expect(preview).toMatchObject({ from: '2026-01-01', to: '2026-03-31' })
    expect(
      preview.partners.map(
        (p: { partnerName: string; current: { amount: string }; draft: { amount: string } }) => [
          p.partnerName,
          p.current.amount,
          p.draft.amount,
        ],
      ),
    ).toEqual([
      ['Acme', '100.00', '150.00'],
      ['Globex', '30.00', '45.00'],
    ])
    expect(preview.totals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          current: expect.objectContaining({ amountMinor: '10000', currency: 'USD' }),
          difference: expect.objectContaining({ amountMinor: '5000' }),
        }),
      ]),
    )
    const stored = await live.h.testDb.database.query<{ n: number }>(
      'select count(*)::int as n from commission_plans where org_id = $1',
      [live.orgId],
    )
    expect(stored.rows[0]!.n).toBe(1)
  })

  it('adds a new plan’s lines to those in force, and answers a period without deals with nothing', async () => {
    const added = (await live.admin.post('/api/v1/incentives/plans/preview', draft('0.05'))).json()
    expect(added.partners[0]).toMatchObject({
      partnerName: 'Acme',
      current: { amount: '100.00' },
      draft: { amount: '150.00' },
    })
    const empty = (
      await live.admin.post('/api/v1/incentives/plans/preview', {
        ...draft('0.05'),
        from: '2025-01-01',
        to: '2025-03-31',
      })
    ).json()
    expect(empty.partners).toEqual([])
  })

  it('refuses a draft the engine could not run, on its field', async () => {
    const res = await live.admin.post('/api/v1/incentives/plans/preview', {
      currency: 'USD',
      terms: { rules: [{ id: 'x', label: 'x', rate: '0.1', when: { nonsense: [1] } }] },
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0].path).toMatch(/^terms\.rules\[0\]\.when/)
  })

  it('takes the quarter before the one a day falls in', () => {
    expect(lastQuarter(new Date('2026-01-15T00:00:00Z'))).toEqual({ from: '2025-10-01', to: '2025-12-31' })
    expect(lastQuarter(new Date('2026-11-30T00:00:00Z'))).toEqual({ from: '2026-07-01', to: '2026-09-30' })
  })
})
