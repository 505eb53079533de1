import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createModuleDeps } from '../../http/deps'
import { createHarness, type Harness } from '../../http/test-harness'
import { importCommand } from './import.command'

const maven = fileURLToPath(new URL('../../../../shared/data/maven-crm/', import.meta.url))
const mapping = fileURLToPath(new URL('../../../docs/examples/maven-crm-mapping.json', import.meta.url))

describe.runIf(existsSync(maven))('credence import', () => {
  let h: Harness
  let orgId: string
  const dir = mkdtempSync(join(tmpdir(), 'credence-import-'))
  const run = (options: Record<string, string>) =>
    importCommand.run(
      createModuleDeps(h.testDb.database.db, {
        clock: h.clock,
        secret: 'x'.repeat(40),
        publicUrl: 'http://credence.test',
        isDevMail: true,
        signInRateLimit: 10,
      }),
      { org: 'cli-import', source: 'maven', ...options },
    )
  const deals = async () =>
    (
      await h.testDb.database.query<{ n: number }>('select count(*)::int as n from deals where org_id = $1', [
        orgId,
      ])
    ).rows[0]!.n
  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('cli-import')
  })
  afterAll(async () => {
    await h?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('checks the Maven export in a dry run, writes the report, and changes nothing', async () => {
    const report = join(dir, 'problems.csv')
    const out = await run({
      mapping,
      accounts: join(maven, 'accounts.csv'),
      deals: join(maven, 'sales_pipeline.csv'),
      dryRun: 'true',
      report,
    })
    expect(out).toContain('accounts  accounts.csv: 85 rows, 85 valid, 0 invalid, 0 with warnings')
    expect(out).toContain('deals     sales_pipeline.csv: 8800 rows, 8800 valid, 0 invalid')
    expect(out).toContain('Dry run: nothing was imported.')
    expect(readFileSync(report, 'utf8')).toBe('kind,line,severity,field,column,value,message\n')
    expect(await deals()).toBe(0)
  })

  it('imports it, then finds nothing new the second time', async () => {
    const files = {
      accounts: join(maven, 'accounts.csv'),
      deals: join(maven, 'sales_pipeline.csv'),
      touches: join(maven, 'sales_pipeline.csv'),
    }
    const first = await run({ mapping, ...files })
    expect(first).toContain('deals     8800 new, 0 updated')
    expect(first).toContain('touches   8800 new, 0 updated')
    const again = await run(files)
    expect(again).toContain('deals     0 new, 0 updated')
    expect(await deals()).toBe(8800)
  })

  it('refuses a file with errors unless told to skip them, naming the line', async () => {
    const bad = join(dir, 'bad-deals.csv')
    const lines = readFileSync(join(maven, 'sales_pipeline.csv'), 'utf8').split('\r\n').slice(0, 4)
    lines.push('BROKEN01,Moses Frase,GTX Basic,Cancity,Won,2016-10-20,2016-01-01,100')
    writeFileSync(bad, `${lines.join('\r\n')}\r\n`)
    await expect(run({ source: 'maven', deals: bad })).rejects.toThrow(/line 5 error closedAt/)
    const skipped = await run({ deals: bad, skipInvalid: 'true' })
    expect(skipped).toContain('4 rows, 3 valid, 1 invalid')
  })
})
