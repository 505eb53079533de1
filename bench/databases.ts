// Where database benches run: a fresh embedded database in a temporary folder, then a fresh database
// on the PostgreSQL server of TEST_DATABASE_URL (skipped when none answers), each dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type OpenOptions, openDatabase } from '../src/db/client'

export type DatabaseLabel = 'embedded' | 'PostgreSQL'

/** `measure` on each database in turn; answers its figures, or why PostgreSQL was skipped. */
export async function onEachDatabase(
  name: string,
  measure: (open: OpenOptions, label: DatabaseLabel) => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>[]> {
  const figures: Record<string, unknown>[] = []
  const dataDir = mkdtempSync(join(tmpdir(), `credence-${name}-bench-`))
  try {
    figures.push(await measure({ dataDir }, 'embedded'))
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const admin = await openDatabase({ url: base, poolSize: 1 }).catch(() => null)
  if (!admin) return [...figures, { run: 'PostgreSQL', skipped: `no server at ${new URL(base).host}` }]
  const database = `credence_${name}_bench_${process.pid}`
  const url = new URL(base)
  url.pathname = `/${database}`
  try {
    await admin.exec(`create database ${database}`)
    figures.push(await measure({ url: url.toString() }, 'PostgreSQL'))
  } finally {
    await admin.exec(`drop database if exists ${database} with (force)`)
    await admin.close()
  }
  return figures
}
