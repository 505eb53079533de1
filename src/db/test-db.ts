// A fresh, migrated database per test file: a clone of a migrated template, on PGlite or PostgreSQL.
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readEnv } from '../platform/env'
import { type Database, migrateDatabase, openDatabase } from './client'

let pgliteTemplate: Promise<Blob> | undefined

async function buildPgliteTemplate(): Promise<Blob> {
  const database = await openDatabase()
  await migrateDatabase(database)
  const dump = await database.pglite!.dumpDataDir('none')
  await database.close()
  return dump
}

async function withAdmin<T>(url: string, run: (admin: Database) => Promise<T>): Promise<T> {
  const admin = await openDatabase({ url, poolSize: 1 })
  try {
    return await run(admin)
  } finally {
    await admin.close()
  }
}

// named by the migration set, so checkouts with different migrations never share (or drop) one
const templateName = `credence_test_template_${createHash('sha256')
  .update(readFileSync(new URL('./migrations/meta/_journal.json', import.meta.url)))
  .digest('hex')
  .slice(0, 12)}`

/** Creates (once per machine and migration set) a migrated template database and clones it. */
async function createPostgresTestDb(
  baseUrl: string,
): Promise<{ database: Database; drop: () => Promise<void> }> {
  const name = `credence_test_${randomBytes(6).toString('hex')}`
  await withAdmin(baseUrl, async (admin) => {
    // one creator at a time across parallel test workers
    await admin.query('select pg_advisory_lock(4242)')
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [templateName])
      if (exists.rows.length === 0) await admin.exec(`create database ${templateName}`)
      const template = await openDatabase({ url: withDatabase(baseUrl, templateName), poolSize: 1 })
      await migrateDatabase(template)
      await template.close()
      await admin.exec(`create database ${name} template ${templateName}`)
    } finally {
      await admin.query('select pg_advisory_unlock(4242)')
    }
  })
  const database = await openDatabase({ url: withDatabase(baseUrl, name), poolSize: 4 })
  return {
    database,
    drop: () => withAdmin(baseUrl, (admin) => admin.exec(`drop database if exists ${name} with (force)`)),
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

/** Removes the template (and so leaves the server as the run found it). */
export async function dropPostgresTemplate(): Promise<void> {
  const url = readEnv().TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  await withAdmin(url, (admin) => admin.exec(`drop database if exists ${templateName} with (force)`))
}

export interface TestDb {
  database: Database
  close(): Promise<void>
}

/** Opens a migrated database for one test file; call close() in afterAll. */
export async function createTestDb(): Promise<TestDb> {
  const env = readEnv()
  if (env.CREDENCE_TEST_DB === 'postgres') {
    const url = env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
    const { database, drop } = await createPostgresTestDb(url)
    return {
      database,
      close: async () => {
        await database.close()
        await drop()
      },
    }
  }
  pgliteTemplate ??= buildPgliteTemplate()
  const database = await openDatabase({ loadDataDir: await pgliteTemplate })
  return { database, close: () => database.close() }
}
