import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../db/test-db'
import { verifyAuditChain, writeAudit } from './audit'
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
