import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { attributeDeals } from './attribute.service'

// A live event and a recompute may attribute the same deal at once: both succeed, and the deal ends
// with one run per model, pointed at by its current run.
describe('attributing one deal twice at once', () => {
  let h: Harness
  let orgId: string
  let staff: Client
  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('concurrent-credit')
    staff = await h.signIn(orgId, 'admin')
  })
  afterAll(async () => h?.close())

  it('keeps one run per model and no stray credits', async () => {
    const partnerId = (await staff.post('/api/v1/partners', { name: 'Twice', type: 'reseller' })).json().id
    const dealId = (
      await staff.post('/api/v1/deals', { name: 'Raced', amount: '90.00', currency: 'EUR' })
    ).json().id
    await staff.post('/api/v1/touchpoints', {
      dealId,
      actor: { kind: 'partner', partnerId },
      activityType: 'demo',
      occurredAt: '2026-05-01T00:00:00Z',
    })
    await staff.get('/api/v1/attribution/models')
    const db = h.testDb.database.db
    const attributeOnce = () => db.transaction((tx) => attributeDeals(tx, orgId, [dealId], h.clock))
    await Promise.all([attributeOnce(), attributeOnce(), attributeOnce()])
    const { query } = h.testDb.database
    const runs = await query<{ n: number; models: number }>(
      'select count(*)::int as n, count(distinct model_id)::int as models from attribution_runs where org_id = $1 and deal_id = $2',
      [orgId, dealId],
    )
    expect(runs.rows[0]!.n).toBe(runs.rows[0]!.models)
    const stray = await query<{ n: number }>(
      // three writers at once: every run keeps the facts it saw, stored once
      'select count(*)::int as n from attribution_runs r where r.org_id = $1 and not exists (select 1 from attribution_inputs i where i.org_id = r.org_id and i.id = r.input_id)',
      [orgId],
    )
    expect(stray.rows[0]!.n).toBe(0)
    const heads = await query<{ n: number }>(
      'select count(*)::int as n from current_runs h join attribution_runs r on r.org_id = h.org_id and r.id = h.run_id where h.org_id = $1 and h.deal_id = $2',
      [orgId, dealId],
    )
    expect(heads.rows[0]!.n).toBe(runs.rows[0]!.models)
  })
})
