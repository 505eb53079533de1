// The `credence` command end to end, on a fresh embedded database in a temp folder.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../db/client'

const run = promisify(execFile)
const bin = new URL('../../bin/credence.js', import.meta.url).pathname

async function credence(dir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      'node',
      [bin, ...args, ...(args[0] === '--help' ? [] : ['--data-dir', dir])],
      {
        env: { ...process.env, DATABASE_URL: '' },
      },
    )
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('credence CLI', () => {
  let dir: string
  beforeAll(async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'credence-cli-')), 'data')
    const migrated = await credence(dir, 'migrate')
    expect(migrated.stdout).toContain('Migrated embedded PostgreSQL')
  })
  afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }))

  it('lists its commands in --help', async () => {
    const { stdout } = await credence(dir, '--help')
    for (const command of ['serve', 'worker', 'migrate', 'seed', 'users', 'audit', 'attribute'])
      expect(stdout).toContain(command)
  })

  it('creates the first owner and their org on a fresh install, and audit verify finds the chain intact', async () => {
    const withoutOrg = await credence(
      dir,
      'users',
      'create',
      '--org',
      'cli',
      '--email',
      'o@cli.test',
      '--name',
      'O',
      '--password',
      'long enough password',
    )
    expect(withoutOrg.stderr).toContain('No org with slug cli; pass --org-name to create it')
    const created = await credence(
      dir,
      'users',
      'create',
      '--org',
      'cli',
      '--org-name',
      'Cli Org',
      '--email',
      'owner@cli.test',
      '--name',
      'Owner',
      '--password',
      'long enough password',
    )
    expect(created.stdout).toMatch(/Created owner owner@cli\.test/)
    const verified = await credence(dir, 'audit', 'verify')
    expect(verified.code).toBe(0)
    expect(verified.stdout).toContain('✓ cli: 1 entries, chain intact')
  })

  it('refuses a short password with a clear message', async () => {
    const res = await credence(
      dir,
      'users',
      'create',
      '--org',
      'cli',
      '--email',
      'x@cli.test',
      '--name',
      'X',
      '--password',
      'short',
    )
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('password: must be at least 10 characters')
  })

  it('reports the first broken link and exits 1 when the log was altered', async () => {
    await credence(
      dir,
      'users',
      'create',
      '--org',
      'cli',
      '--email',
      'second@cli.test',
      '--name',
      'Second',
      '--password',
      'long enough password',
      '--role',
      'analyst',
    )
    const database = await openDatabase({ dataDir: dir })
    await database.exec('alter table audit_log disable trigger audit_log_append_only')
    await database.exec(`update audit_log set actor = 'someone:else' where seq = 1`)
    await database.exec('alter table audit_log enable trigger audit_log_append_only')
    await database.close()
    const res = await credence(dir, 'audit', 'verify', '--org', 'cli')
    expect(res.code).toBe(1)
    expect(res.stdout).toMatch(/✗ cli: broken at entry #1 .*altered/)
  })
})
