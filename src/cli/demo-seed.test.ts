import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../db/test-db'
import { seedDemo } from './demo-seed'

const asOf = new Date('2026-11-01T00:00:00Z')

describe('demo seed', () => {
  let first: TestDb
  let second: TestDb
  beforeAll(async () => {
    first = await createTestDb()
    second = await createTestDb()
    await seedDemo(first.database, { asOf, seed: 7 })
    await seedDemo(second.database, { asOf, seed: 7 })
  })
  afterAll(async () => {
    await first?.close()
    await second?.close()
  })

  const q = <Row>(t: TestDb, sql: string) => t.database.query<Row>(sql).then((r) => r.rows)

  it('builds a SaaS vendor with ~60 partners of every type, and a distributor with resellers', async () => {
    const types = await q<{ type: string; n: number }>(
      first,
      'select type, count(*)::int as n from partners group by type order by type',
    )
    expect(types.map((t) => t.type)).toEqual([
      'affiliate',
      'agency',
      'alliance',
      'distributor',
      'marketplace_app',
      'referral',
      'reseller',
      'technology',
    ])
    expect(types.reduce((s, t) => s + t.n, 0)).toBe(60)
    const [chain] = await q<{ n: number }>(
      first,
      "select count(*)::int as n from partners c join partners p on p.org_id = c.org_id and p.id = c.parent_id where p.type = 'distributor' and c.type = 'reseller'",
    )
    expect(chain!.n).toBeGreaterThanOrEqual(5)
  })

  it('has ~3,000 deals over two years: won, lost and open; new, renewals and expansions', async () => {
    const [deals] = await q<{ n: number; span: number }>(
      first,
      'select count(*)::int as n, extract(day from max(opened_at) - min(opened_at))::int as span from deals',
    )
    expect(deals!.n).toBe(3000)
    expect(deals!.span).toBeGreaterThan(600)
    const statuses = await q<{ status: string }>(first, 'select distinct status from deals order by status')
    expect(statuses.map((s) => s.status)).toEqual(['lost', 'open', 'won'])
    const kinds = await q<{ type: string; parented: number; n: number }>(
      first,
      'select type, count(parent_deal_id)::int as parented, count(*)::int as n from deals group by type order by type',
    )
    expect(kinds.map((k) => k.type)).toEqual(['expansion', 'new', 'renewal'])
    for (const k of kinds) expect(k.parented).toBe(k.type === 'new' ? 0 : k.n)
  })

  it('gives every deal 1–8 touches from partners and internal sellers', async () => {
    const [range] = await q<{ lo: number; hi: number }>(
      first,
      'select min(n)::int as lo, max(n)::int as hi from (select d.id, count(t.id) as n from deals d left join touchpoints t on t.org_id = d.org_id and t.deal_id = d.id group by d.id) x',
    )
    expect(range).toEqual({ lo: 1, hi: 8 })
    const kinds = await q<{ actor_kind: string }>(
      first,
      'select distinct actor_kind from touchpoints order by 1',
    )
    expect(kinds.map((k) => k.actor_kind)).toEqual(['direct', 'partner'])
  })

  it('gives the demo partner user a reseller with deals of its own', async () => {
    const [row] = await q<{ type: string; deals: number }>(
      first,
      "select p.type, (select count(distinct deal_id)::int from touchpoints t where t.partner_id = p.id) as deals from users u join partners p on p.id = u.partner_id where u.email = 'partner@demo.credence.dev'",
    )
    expect(row!.type).toBe('reseller')
    expect(row!.deals).toBeGreaterThan(20)
  })

  it('is deterministic: the same seed gives the same deals and touches', async () => {
    const digest = (t: TestDb) =>
      q<{ d: string }>(
        t,
        "select md5(string_agg(external_id || ':' || amount_minor || ':' || status || ':' || opened_at, ',' order by external_id)) as d from deals",
      ).then((r) => r[0]!.d)
    expect(await digest(first)).toBe(await digest(second))
    const touches = (t: TestDb) =>
      q<{ d: string }>(
        t,
        "select md5(string_agg(external_id || ':' || activity_type || ':' || occurred_at, ',' order by external_id)) as d from touchpoints",
      ).then((r) => r[0]!.d)
    expect(await touches(first)).toBe(await touches(second))
  })

  it('does nothing when the demo org exists', async () => {
    expect(await seedDemo(first.database, { asOf, seed: 7 })).toBeNull()
  })
})
