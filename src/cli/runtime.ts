// What every command needs: settings, the database (migrated), the signing secret.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { type Database, migrateDatabase, openDatabase } from '../db/client'
import { type Env, readEnv } from '../platform/env'
import { type FileStorage, localFileStorage } from '../platform/storage'

export interface RuntimeOptions {
  dataDir?: string
}

export interface Runtime {
  env: Env
  database: Database
  dataDir: string
  secret: string
  /** Uploaded files: CREDENCE_FILES_DIR, or a `files` folder beside the embedded data. */
  files: FileStorage
  /** Where the embedded database lives, or the PostgreSQL host. */
  describe: string
}

/** The signing secret: CREDENCE_SECRET, or one generated once and kept beside the embedded data. */
function resolveSecret(env: Env, dataDir: string): string {
  if (env.CREDENCE_SECRET) return env.CREDENCE_SECRET
  if (env.NODE_ENV === 'production' && env.DATABASE_URL) {
    throw new Error('CREDENCE_SECRET must be set in production (at least 32 random characters)')
  }
  const file = join(dirname(dataDir), 'secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dirname(file), { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

export async function openRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const env = readEnv()
  const dataDir = resolve(options.dataDir ?? env.CREDENCE_DATA_DIR)
  const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir })
  await migrateDatabase(database)
  return {
    env,
    database,
    dataDir,
    secret: resolveSecret(env, dataDir),
    files: localFileStorage(resolve(env.CREDENCE_FILES_DIR ?? join(dirname(dataDir), 'files'))),
    describe: env.DATABASE_URL
      ? `PostgreSQL at ${new URL(env.DATABASE_URL).host}`
      : `embedded PostgreSQL (PGlite) in ${dataDir}`,
  }
}
