import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'

// Retried imports and webhooks arrive at once: N identical requests must make one row and N successes.
describe('identical imports sent at once', () => {
  const n = 20
  let h: Harness
  let staff: Client
  let partnerId: string
  beforeAll(async () => {
    h = await createHarness()
    const orgId = await h.createOrg('imports')
    staff = await h.signIn(orgId, 'admin')
    partnerId = (await staff.post('/api/v1/partners', { name: 'Harbor', type: 'reseller' })).json().id
  })
  afterAll(async () => h?.close())

  const countRows = async (table: string, externalId: string) => {
    const result = await h.testDb.database.query<{ n: number }>(
      `select count(*)::int as n from ${table} where source = 'crm' and external_id = $1`,
      [externalId],
    )
    return result.rows[0]!.n
  }

  const sendAtOnce = async (url: string, body: unknown) => {
    const answers = await Promise.all(Array.from({ length: n }, () => staff.post(url, body)))
    const statuses = answers.map((a) => a.statusCode)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 200)).toHaveLength(n - 1)
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1)
    return answers[0]!.json()
  }

  it('accounts: one row, one 201 and the rest 200', async () => {
    await sendAtOnce('/api/v1/accounts', { name: 'Globex', source: 'crm', externalId: 'acct-1' })
    expect(await countRows('accounts', 'acct-1')).toBe(1)
  })

  it('deals: one row, one 201 and the rest 200', async () => {
    await sendAtOnce('/api/v1/deals', {
      name: 'Globex renewal',
      amount: '1200.00',
      currency: 'EUR',
      source: 'crm',
      externalId: 'deal-1',
    })
    expect(await countRows('deals', 'deal-1')).toBe(1)
  })

  it('touchpoints: one row, one 201 and the rest 200, announced once', async () => {
    const deal = (
      await staff.post('/api/v1/deals', { name: 'Touched', amount: '1.00', currency: 'EUR' })
    ).json()
    const touch = await sendAtOnce('/api/v1/touchpoints', {
      dealId: deal.id,
      actor: { kind: 'partner', partnerId },
      activityType: 'referral',
      occurredAt: '2026-05-01T10:00:00Z',
      source: 'crm',
      externalId: 'touch-1',
    })
    expect(await countRows('touchpoints', 'touch-1')).toBe(1)
    const events = await h.testDb.database.query(
      `select count(*)::int as n from events where type = 'touchpoint.recorded' and entity_id = $1`,
      [touch.id],
    )
    expect(events.rows).toEqual([{ n: 1 }])
  })
})
