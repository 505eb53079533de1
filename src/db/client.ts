// Opens the database: embedded PGlite (real Postgres in WASM) by default, PostgreSQL when a URL is given.
// The same Drizzle code and the same migrations run on both.
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { type SQL, sql } from 'drizzle-orm'
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres'
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'

/** The Drizzle handle services receive; a transaction has the same shape. */
export type Db = PgDatabase<PgQueryResultHKT>

export interface QueryResult<Row = Record<string, unknown>> {
  rows: Row[]
}

export interface Database {
  readonly kind: 'pglite' | 'postgres'
  readonly db: Db
  /** Parameterised SQL outside Drizzle (job queue, bulk loads). */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<Row>>
  /** Several statements at once, no parameters. */
  exec(text: string): Promise<void>
  close(): Promise<void>
  readonly pglite?: PGlite
  readonly pool?: pg.Pool
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

// bigint columns come back as strings by default; amounts are parsed into bigint by the services.
export interface OpenOptions {
  /** postgres://… selects PostgreSQL; otherwise PGlite. */
  url?: string
  /** PGlite data directory; omitted means in memory. */
  dataDir?: string
  /** A PGlite data-directory dump to start from (a migrated template). */
  loadDataDir?: Blob | File
  poolSize?: number
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10)
  return openPglite(options)
}

async function openPglite(options: OpenOptions): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true })
  const client = await PGlite.create(options.dataDir ?? 'memory://', {
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  })
  const db = drizzlePglite(client) as unknown as Db
  return {
    kind: 'pglite',
    db,
    pglite: client,
    query: async <Row>(text: string, params: unknown[] = []) => {
      const result = await client.query<Row>(text, params)
      return { rows: result.rows }
    },
    exec: async (text) => {
      await client.exec(text)
    },
    close: () => client.close(),
  }
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max })
  // an idle connection the server ends (a restart, a failover, a dropped database) must not crash
  // the process: the pool replaces it on the next query
  pool.on('error', (error) => console.error(`[db] idle connection ended: ${error.message}`))
  // fail fast with a clear message when the server is unreachable
  const probe = await pool.connect()
  probe.release()
  const db = drizzleNodePg(pool) as unknown as Db
  return {
    kind: 'postgres',
    db,
    pool,
    query: async <Row>(text: string, params: unknown[] = []) => {
      const result = await pool.query(text, params)
      return { rows: result.rows as Row[] }
    },
    exec: async (text) => {
      await pool.query(text)
    },
    close: () => pool.end(),
  }
}

/** Applies every pending migration; safe to run on each start. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(drizzlePglite(database.pglite!), { migrationsFolder })
  } else {
    await migrateNodePg(drizzleNodePg(database.pool!), { migrationsFolder })
  }
}

/**
 * Refreshes the planner's statistics of these tables: after a bulk load, or while a table grows from
 * empty, the planner would otherwise plan for the table it last saw (a scan of a million rows where
 * an index would read a thousand).
 */
export async function refreshStatistics(db: Db, tables: readonly string[]): Promise<void> {
  for (const table of tables) if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`)
  await db.execute(sql.raw(`analyze ${tables.join(', ')}`))
}

/** How many rows the planner believes a table has (-1 when it has never been analysed). */
export async function plannedRowCount(db: Db, table: string): Promise<number> {
  const [row] = await queryRows<{ rows: number }>(
    db,
    sql`select reltuples::float8 as rows from pg_class where oid = to_regclass(${table})`,
  )
  return row?.rows ?? -1
}

/** Whether the handle (not a transaction) is the embedded database: one session, one thread. */
export function isEmbedded(db: Db): boolean {
  return (db as unknown as { $client?: unknown }).$client instanceof PGlite
}

/** Rows of a raw SQL query through Drizzle (both drivers answer `{ rows }`). */
export async function queryRows<Row>(db: Db, query: SQL): Promise<Row[]> {
  return ((await db.execute(query)) as unknown as QueryResult<Row>).rows
}
