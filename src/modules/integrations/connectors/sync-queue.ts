// Queueing a sync run: the run's row and the announcement its worker takes, written in the caller's
// transaction; and a run as the API shows it.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { orgJobs, orgJobView } from '../../../platform/org-jobs'
import { actorLabel, type Scope } from '../../../platform/scope'
import type { Provider, SyncResult, SyncRunView } from './connectors.contract'
import { connectorEvents } from './connectors.events'
import { connectorIds, syncRuns } from './connectors.tables'

export const syncJob = 'integrations.sync'
/** How many times a run is tried in all before it stays failed. */
export const syncAttempts = 3

type RunRow = typeof syncRuns.$inferSelect
const jobs = orgJobs(syncRuns)

export const toRunView = (row: RunRow): SyncRunView => {
  const { total: _total, done: _done, ...job } = orgJobView(row)
  return {
    ...job,
    provider: row.provider,
    mode: row.mode,
    dryRun: row.dryRun,
    phase: row.phase,
    fetched: row.fetched as Record<string, number>,
    importId: row.importId,
    result: row.result as SyncResult | null,
    requestedBy: row.requestedBy,
  }
}

/**
 * Queues a run in the caller's transaction; its job is sent once the announcement commits. One queued
 * run of a kind is enough (it reads every change made before it starts), so asking again answers it.
 */
export async function queueSync(
  tx: Db,
  scope: Scope,
  connection: { orgId: string; id: string; provider: Provider; cursor: unknown },
  options: { dryRun: boolean; full: boolean },
  clock: Clock,
  reason = 'requested',
): Promise<string> {
  const mode = options.full || !connection.cursor ? 'full' : 'incremental'
  const [queued] = await tx
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(
      and(
        eq(syncRuns.orgId, connection.orgId),
        eq(syncRuns.connectionId, connection.id),
        eq(syncRuns.status, 'queued'),
        eq(syncRuns.dryRun, options.dryRun),
        eq(syncRuns.mode, mode),
      ),
    )
    .limit(1)
  if (queued) return queued.id
  const id = connectorIds.syncRun()
  await tx.insert(syncRuns).values(
    jobs.queued(connection.orgId, id, reason, clock, {
      connectionId: connection.id,
      provider: connection.provider,
      mode,
      dryRun: options.dryRun,
      phase: null,
      fetched: {},
      importId: null,
      result: null,
      requestedBy: actorLabel(scope.actor),
    }),
  )
  await publish(
    tx,
    scope,
    connectorEvents.event('connection.sync_requested', id, { runId: id, provider: connection.provider }),
    clock,
  )
  return id
}
