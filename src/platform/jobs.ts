// The durable job queue (pg-boss) on whichever database Credence runs: PostgreSQL or embedded PGlite.
import PgBoss from 'pg-boss'
import type { Database } from '../db/client'

export type JobQueue = PgBoss

/**
 * pg-boss talks to the database through an adapter: parameterless SQL may hold several statements
 * (its migrations do), which only the simple protocol accepts.
 */
function adapterFor(database: Database): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (!values || values.length === 0) {
        if (database.pglite) {
          const results = await database.pglite.exec(text)
          return { rows: results.at(-1)?.rows ?? [] }
        }
        return { rows: (await database.pool!.query(text)).rows }
      }
      return database.query(text, values)
    },
  }
}

export interface JobQueueOptions {
  /** Run cron schedules and queue maintenance (the server and workers do; tests need not). */
  supervise?: boolean
}

export async function startJobQueue(database: Database, options: JobQueueOptions = {}): Promise<JobQueue> {
  const boss = new PgBoss({
    db: adapterFor(database),
    schema: 'pgboss',
    supervise: options.supervise ?? false,
    schedule: options.supervise ?? false,
    migrate: true,
  })
  boss.on('error', (error) => {
    // pg-boss reports background failures here; they are retried, so a log line is enough
    console.error('[jobs]', error.message)
  })
  await boss.start()
  return boss
}
