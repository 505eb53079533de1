import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../db/test-db'
import { copyLine, copyLines } from './bulk-copy'

describe('copyLines', () => {
  let testDb: TestDb
  beforeAll(async () => {
    testDb = await createTestDb()
    await testDb.database.exec('create table copy_check (n int, a text, b text, at timestamptz, big bigint)')
  })
  afterAll(async () => testDb?.close())

  it('keeps every value as it was: tabs, line breaks, backslashes, the text \\N, blanks and NULLs', async () => {
    const values = [
      'tab\there',
      'line\nbreak\r\nand CR\r',
      'back\\slash \\N \\.',
      '\\N',
      '',
      ' ',
      'plain',
      '"quoted"',
    ]
    const at = new Date('2026-03-01T10:20:30.456Z')
    const lines = values.map((v, i) => copyLine([i, v, null, at, 9_007_199_254_740_993n])).join('')
    await copyLines(testDb.database.db, 'copy_check', ['n', 'a', 'b', 'at', 'big'], lines)
    const rows = await testDb.database.query<{ a: string; b: string | null; at: Date; big: string }>(
      'select a, b, at, big::text as big from copy_check order by n',
    )
    expect(rows.rows.map((r) => r.a)).toEqual(values)
    expect(rows.rows.every((r) => r.b === null)).toBe(true)
    expect(rows.rows.map((r) => new Date(r.at).toISOString())).toEqual(values.map(() => at.toISOString()))
    expect(rows.rows[0]!.big).toBe('9007199254740993')
  })
})
