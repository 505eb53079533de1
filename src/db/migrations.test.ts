// Migrations that move data keep it: a database at an earlier migration, with rows in it, is
// migrated to the latest and read back.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrationsFolder } from './client'

/** A copy of the migrations up to and including `last` (its number). */
function migrationsUpTo(last: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'credence-migrations-'))
  cpSync(migrationsFolder, dir, { recursive: true })
  const journalPath = join(dir, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] }
  journal.entries = journal.entries.filter((e) => e.idx <= last)
  writeFileSync(journalPath, JSON.stringify(journal))
  return dir
}

describe('credits move into their runs (migrations 0010 and 0011)', () => {
  let pg: PGlite
  let earlier: string
  beforeAll(async () => {
    earlier = migrationsUpTo(9)
    pg = new PGlite()
    await migrate(drizzle(pg), { migrationsFolder: earlier })
    await pg.exec(`
      insert into attribution_runs (org_id, id, deal_id, model_id, model_version, input_hash, currency,
        amount_minor, outcome, opened_at, deal_at, notes, created_at)
      values ('org_a', 'run_a', 'deal_a', 'mdl_a', 1, 'hash_a', 'USD', 1000, 'won', now(), now(), '[]', now());
      insert into credits (org_id, run_id, actor, actor_kind, share, amount_minor, explanation) values
        ('org_a', 'run_a', 'prt_small', 'reseller', '0.2500000000', 250, '{"text":"small"}'),
        ('org_a', 'run_a', 'prt_big', 'reseller', '0.7500000000', 750, '{"text":"big"}');`)
    await migrate(drizzle(pg), { migrationsFolder })
  })
  afterAll(async () => {
    await pg?.close()
    rmSync(earlier, { recursive: true, force: true })
  })

  it('keeps every credit, largest first, with the explanation it was written with', async () => {
    const { rows } = await pg.query<Record<string, unknown>>(
      `select actors, actor_kinds, shares, amounts::text[], explanations::text, input_id from attribution_runs`,
    )
    expect(rows).toEqual([
      {
        actors: ['prt_big', 'prt_small'],
        actor_kinds: ['reseller', 'reseller'],
        shares: ['0.7500000000', '0.2500000000'],
        amounts: ['750', '250'],
        explanations: '[{"text":"big"}, {"text":"small"}]',
        input_id: null,
      },
    ])
  })

  it('reads them one row an actor through the credits view', async () => {
    const { rows } = await pg.query<Record<string, unknown>>(
      `select run_id, actor, share, amount_minor::text, position::int from credits order by position`,
    )
    expect(rows).toEqual([
      { run_id: 'run_a', actor: 'prt_big', share: '0.7500000000', amount_minor: '750', position: 1 },
      { run_id: 'run_a', actor: 'prt_small', share: '0.2500000000', amount_minor: '250', position: 2 },
    ])
  })
})
