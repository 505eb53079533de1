// Org-wide background work with progress (a recompute, a commission sync, a tier evaluation): each
// module keeps its own table with these columns and runs its own work; this is what they share —
// queueing, claiming every queued one at once, progress as a percent, the end, and the sweep for
// jobs whose message was lost between commit and send.
import { and, asc, eq, inArray, lt, type SQL } from 'drizzle-orm'
import { integer, type PgColumn, type PgTable, text } from 'drizzle-orm/pg-core'
import type { Db } from '../db/client'
import type { Clock } from './clock'
import { timestamptz } from './columns'
import { databaseErrorReason } from './database-error'

export const orgJobStatuses = ['queued', 'running', 'done', 'failed'] as const
export type OrgJobStatus = (typeof orgJobStatuses)[number]

/** The columns every org job table has; a module adds its own counters beside them. */
export const orgJobColumns = () => ({
  orgId: text('org_id').notNull(),
  id: text('id').notNull(),
  reason: text('reason').notNull(),
  status: text('status', { enum: orgJobStatuses }).notNull(),
  total: integer('total').notNull(),
  done: integer('done').notNull(),
  error: text('error'),
  createdAt: timestamptz('created_at').notNull(),
  finishedAt: timestamptz('finished_at'),
})

type OrgJobTable = PgTable & {
  [K in keyof ReturnType<typeof orgJobColumns>]: PgColumn
}

export interface OrgJobRow {
  id: string
  reason: string
  status: OrgJobStatus
  total: number
  done: number
  error: string | null
  createdAt: Date
  finishedAt: Date | null
}

/** What every job view shows: its state, how far it got (a whole percent) and when. */
export const orgJobView = (row: OrgJobRow) => ({
  id: row.id,
  reason: row.reason,
  status: row.status,
  total: row.total,
  done: row.done,
  percent: row.total === 0 ? (row.status === 'done' ? 100 : 0) : Math.floor((row.done / row.total) * 100),
  error: row.error,
  createdAt: row.createdAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
})

/** A claim: the ids of every job the org had queued, and the condition that picks them out. */
export interface OrgJobClaim {
  ids: string[]
  these: SQL
}

/** Queueing, claiming, ending and sweeping the jobs of one table. */
export function orgJobs<T extends OrgJobTable>(table: T) {
  return {
    /** The new job's row: queued, nothing done; `extra` fills the table's own counters. */
    queued(orgId: string, id: string, reason: string, clock: Clock, extra: Record<string, unknown> = {}) {
      return {
        orgId,
        id,
        reason,
        status: 'queued' as const,
        total: 0,
        done: 0,
        error: null,
        createdAt: clock.now(),
        finishedAt: null,
        ...extra,
      } as T['$inferInsert']
    },

    /**
     * Takes every job the org has queued, in one statement: their changes committed before it, so one
     * pass over the current facts answers them all, and a job delivered twice is claimed once.
     */
    async claim(db: Db, orgId: string): Promise<OrgJobClaim> {
      const claimed = (await db
        .update(table)
        .set({ status: 'running' } as never)
        .where(and(eq(table.orgId, orgId), eq(table.status, 'queued')))
        .returning({ id: table.id })) as { id: string }[]
      const ids = claimed.map((c) => c.id)
      return { ids, these: and(eq(table.orgId, orgId), inArray(table.id, ids))! }
    },

    /**
     * Runs `work` for the claimed jobs and records how it ended; `announce` says so in the same
     * transaction that marks them done. A failure is kept with its reason and thrown again.
     */
    async run<R>(
      db: Db,
      claim: OrgJobClaim,
      clock: Clock,
      work: () => Promise<R>,
      announce?: (tx: Db, result: R) => Promise<unknown>,
    ): Promise<R> {
      try {
        const result = await work()
        await db.transaction(async (tx) => {
          await tx
            .update(table)
            .set({ status: 'done', finishedAt: clock.now() } as never)
            .where(claim.these)
          await announce?.(tx, result)
        })
        return result
      } catch (error) {
        await db
          .update(table)
          .set({
            status: 'failed',
            error: databaseErrorReason(error).slice(0, 1000),
            finishedAt: clock.now(),
          } as never)
          .where(claim.these)
        throw error
      }
    },

    /** Jobs still queued a minute after they were (their message was lost between commit and send). */
    async stale(db: Db, clock: Clock): Promise<{ orgId: string; id: string }[]> {
      return (await db
        .select({ orgId: table.orgId, id: table.id })
        .from(table as PgTable)
        .where(and(eq(table.status, 'queued'), lt(table.createdAt, new Date(clock.now().getTime() - 60_000))))
        .orderBy(asc(table.createdAt))
        .limit(10)) as { orgId: string; id: string }[]
    },
  }
}
