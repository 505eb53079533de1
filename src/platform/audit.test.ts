import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../db/test-db'
import { verifyAuditChain, writeAudit, writeAudits } from './audit'
import { fixedClock } from './clock'
import { systemScope } from './scope'

const clock = fixedClock('2026-03-01T12:00:00Z')

describe('audit log', () => {
  let testDb: TestDb
  beforeAll(async () => {
    testDb = await createTestDb()
  })
  afterAll(async () => testDb?.close())

  async function writeMany(orgId: string, n: number) {
    for (let i = 1; i <= n; i++) {
      await testDb.database.db.transaction((tx) =>
        writeAudit(
          tx,
          systemScope(orgId),
          {
            action: 'partner.updated',
            entityType: 'partner',
            entityId: `prt_${i}`,
            before: { n: i - 1 },
            after: { n: i, amountMinor: 10n ** 20n },
          },
          clock,
        ),
      )
    }
  }

  it('chains entries per org and verifies an untouched chain', async () => {
    await writeMany('org_a', 5)
    await writeMany('org_b', 2)
    expect(await verifyAuditChain(testDb.database.db, 'org_a')).toEqual({
      ok: true,
      orgId: 'org_a',
      checked: 5,
    })
    expect(await verifyAuditChain(testDb.database.db, 'org_b')).toEqual({
      ok: true,
      orgId: 'org_b',
      checked: 2,
    })
  })

  it('chains entries written in one call after those written one at a time, in their order', async () => {
    await writeMany('org_d', 2)
    await testDb.database.db.transaction((tx) =>
      writeAudits(
        tx,
        systemScope('org_d'),
        ['prt_x', 'prt_y', 'prt_z'].map((entityId) => ({
          action: 'tier.changed',
          entityType: 'partner',
          entityId,
        })),
        clock,
      ),
    )
    await writeMany('org_d', 1)
    expect(await verifyAuditChain(testDb.database.db, 'org_d')).toEqual({
      ok: true,
      orgId: 'org_d',
      checked: 6,
    })
    const rows = await testDb.database.query<{ seq: number; entity_id: string }>(
      `select seq::int, entity_id from audit_log where org_id = 'org_d' order by seq`,
    )
    expect(rows.rows.map((r) => `${r.seq}:${r.entity_id}`)).toEqual([
      '1:prt_1',
      '2:prt_2',
      '3:prt_x',
      '4:prt_y',
      '5:prt_z',
      '6:prt_1',
    ])
  })

  it('reports the first altered entry when someone bypasses the append-only guard', async () => {
    await writeMany('org_c', 4)
    const { database } = testDb
    await database.exec('alter table audit_log disable trigger audit_log_append_only')
    await database.query(`update audit_log set after = '{"n": 999}' where org_id = 'org_c' and seq = 3`)
    await database.exec('alter table audit_log enable trigger audit_log_append_only')
    const verdict = await verifyAuditChain(database.db, 'org_c')
    expect(verdict.ok).toBe(false)
    expect(verdict).toMatchObject({
      checked: 2,
      brokenAt: { seq: 3, reason: expect.stringMatching(/altered/) },
    })
  })

  it('reports a removed entry as a gap in the chain', async () => {
    await writeMany('org_d', 3)
    const { database } = testDb
    await database.exec('alter table audit_log disable trigger audit_log_append_only')
    await database.query(`delete from audit_log where org_id = 'org_d' and seq = 2`)
    await database.exec('alter table audit_log enable trigger audit_log_append_only')
    const verdict = await verifyAuditChain(database.db, 'org_d')
    expect(verdict).toMatchObject({ ok: false, brokenAt: { seq: 3, reason: expect.stringMatching(/jumps/) } })
  })
})
