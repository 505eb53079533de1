import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from './test-db'

describe('test databases', () => {
  let first: TestDb
  let second: TestDb
  beforeAll(async () => {
    first = await createTestDb()
    second = await createTestDb()
  })
  afterAll(async () => {
    await first?.close()
    await second?.close()
  })

  it('are migrated', async () => {
    const { rows } = await first.database.query<{ n: number }>(
      "select count(*)::int as n from information_schema.tables where table_name in ('partners','deals','touchpoints','audit_log')",
    )
    expect(rows[0]!.n).toBe(4)
  })

  it('do not share rows with each other', async () => {
    await first.database.query(
      "insert into orgs (id, name, slug, created_at) values ('org_a', 'A', 'a', now())",
    )
    const { rows } = await second.database.query('select id from orgs')
    expect(rows).toEqual([])
  })

  it('refuse to change an audit row', async () => {
    await first.database.query(
      "insert into audit_log (org_id, seq, id, at, actor, action, entity_type, entity_id, prev_hash, hash) values ('org_a', 1, 'aud_1', now(), 'x', 'y', 'z', 'w', '', 'h')",
    )
    await expect(first.database.query("update audit_log set actor = 'evil'")).rejects.toThrow(/append-only/)
    await expect(first.database.query('delete from audit_log')).rejects.toThrow(/append-only/)
  })
})
