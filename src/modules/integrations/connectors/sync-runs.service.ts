// Sync runs: a run is asked for (by staff, on connecting, by the schedule or by a provider's webhook),
// queued, and taken by the worker: the connector reads what changed, each kind is staged as a file of
// an import through the org's field mapping, and the import is committed with what was deleted at the
// source — or, for a dry run, rehearsed and discarded. The connection's cursor moves only after a
// commit, so a failed run is read again in full by the next. Progress is written as it goes.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, notFound } from '../../../platform/app-error'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { orgJobs } from '../../../platform/org-jobs'
import { type Scope, systemScope } from '../../../platform/scope'
import {
  commitStaged,
  discardImport,
  forgetImport,
  getImport,
  type ImportKind,
  rehearseImport,
  savedMapping,
  stageRecords,
  startImport,
} from '../../journeys'
import { partnerReferences } from '../../partners'
import { integrationsPermissions } from '../integrations.permissions'
import {
  type ConnectionRow,
  type ConnectorDeps,
  connectorOf,
  loadConnection,
  openCredentials,
  requireConnection,
  sealCredentials,
  settingsOf,
} from './connections.service'
import { ConnectorError, type Cursor } from './connector'
import type { Provider, SyncResult, SyncRunView } from './connectors.contract'
import { connectorEvents } from './connectors.events'
import { connections, syncRuns } from './connectors.tables'
import { queueSync, syncAttempts, toRunView } from './sync-queue'

export const scheduledSyncJob = 'integrations.sync-schedule'

type RunRow = typeof syncRuns.$inferSelect
const jobs = orgJobs(syncRuns)

async function runRow(db: Db, orgId: string, id: string): Promise<RunRow> {
  const [row] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.orgId, orgId), eq(syncRuns.id, id)))
  if (!row) throw notFound('Sync run', id)
  return row
}

export async function getRun(db: Db, scope: Scope, id: string): Promise<SyncRunView> {
  integrationsPermissions.require(scope, 'connectors.read')
  return toRunView(await runRow(db, scope.orgId, id))
}

/** Staff ask for a sync (or a dry run) of a connected provider. */
export async function requestSync(
  db: Db,
  scope: Scope,
  provider: Provider,
  options: { dryRun: boolean; full: boolean },
  clock: Clock,
): Promise<SyncRunView> {
  integrationsPermissions.require(scope, 'connectors.manage')
  connectorOf(provider)
  const connection = await loadConnection(db, scope.orgId, provider)
  if (!connection) throw new AppError('NOT_FOUND', `Connection ${provider} was not found`)
  if (connection.status === 'disconnected')
    throw new AppError('CONFLICT', `${connectorOf(provider).label} is disconnected; connect it again first`)
  const id = await db.transaction((tx) => queueSync(tx, scope, connection, options, clock))
  return toRunView(await runRow(db, scope.orgId, id))
}

const emptyResult = (): SyncResult => ({
  accounts: { inserted: 0, updated: 0 },
  deals: { inserted: 0, updated: 0 },
  touches: { inserted: 0, updated: 0 },
  removed: { deals: 0, touches: 0 },
  problems: 0,
})

/**
 * Runs one queued sync (a second delivery finds it claimed). A provider failure the user must act on
 * (a refused token) marks the connection failing; any failure is kept on the run and the connection.
 */
export async function runSync(
  db: Db,
  orgId: string,
  id: string,
  deps: ConnectorDeps,
): Promise<SyncRunView | null> {
  const [run] = await db
    .update(syncRuns)
    .set({ status: 'running', phase: 'starting', attempts: sql`${syncRuns.attempts} + 1` })
    .where(and(eq(syncRuns.orgId, orgId), eq(syncRuns.id, id), eq(syncRuns.status, 'queued')))
    .returning()
  if (!run) return null
  const these = and(eq(syncRuns.orgId, orgId), eq(syncRuns.id, id))!
  const scope = systemScope(orgId)
  const clock = deps.clock
  const [connection] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.orgId, orgId), eq(connections.id, run.connectionId)))
  let importId: string | null = null
  try {
    const result = await jobs.run(
      db,
      { ids: [id], these },
      clock,
      async () => {
        if (!connection) throw new ConnectorError('the connection was removed')
        const outcome = await readAndLoad(db, scope, run, connection, deps, (staged) => {
          importId = staged
        })
        return outcome
      },
      async (tx, outcome) => {
        await tx
          .update(syncRuns)
          .set({ phase: null, result: outcome.result, importId: outcome.importId })
          .where(these)
        if (!run.dryRun)
          await tx
            .update(connections)
            .set({ cursor: outcome.cursor, lastSyncAt: clock.now(), status: 'connected', lastError: null })
            .where(and(eq(connections.orgId, orgId), eq(connections.id, run.connectionId)))
        await announce(tx, scope, run, outcome.result, null, clock)
      },
    )
    return { ...toRunView(await runRow(db, orgId, id)), result: result.result }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (importId) await discardImport(db, scope, importId, clock).catch(() => undefined)
    // a passing cause (the provider down or limiting, a lost database connection) is tried again later
    // by the job's retry; refused credentials, refused input and answers that will not change are not
    const passing = error instanceof ConnectorError ? error.transient : !(error instanceof AppError)
    if (passing && run.attempts + 1 < syncAttempts) {
      await db
        .update(syncRuns)
        .set({
          status: 'queued',
          phase: `will try again: ${message}`.slice(0, 500),
          error: null,
          finishedAt: null,
        })
        .where(these)
      throw error
    }
    await db.transaction(async (tx) => {
      await tx.update(syncRuns).set({ phase: null }).where(these)
      if (connection)
        await tx
          .update(connections)
          .set({
            lastError: message.slice(0, 1000),
            ...(error instanceof ConnectorError && error.reconnect ? { status: 'failing' as const } : {}),
          })
          .where(and(eq(connections.orgId, orgId), eq(connections.id, connection.id)))
      await announce(tx, scope, run, null, message, clock)
    })
    return toRunView(await runRow(db, orgId, id))
  }
}

async function announce(
  tx: Db,
  scope: Scope,
  run: RunRow,
  result: SyncResult | null,
  error: string | null,
  clock: Clock,
): Promise<void> {
  const sum = (key: 'inserted' | 'updated') =>
    result ? result.accounts[key] + result.deals[key] + result.touches[key] : 0
  await publish(
    tx,
    scope,
    connectorEvents.event('connection.synced', run.id, {
      runId: run.id,
      provider: run.provider,
      dryRun: run.dryRun,
      status: error ? 'failed' : 'done',
      inserted: sum('inserted'),
      updated: sum('updated'),
      removed: result ? result.removed.deals + result.removed.touches : 0,
      error,
    }),
    clock,
  )
}

/** Reads the provider and stages, then commits (or rehearses) the import; answers the outcome. */
async function readAndLoad(
  db: Db,
  scope: Scope,
  run: RunRow,
  connection: ConnectionRow,
  deps: ConnectorDeps,
  onImport: (id: string) => void,
): Promise<{ result: SyncResult; cursor: Cursor; importId: string | null }> {
  const { clock } = deps
  const these = and(eq(syncRuns.orgId, run.orgId), eq(syncRuns.id, run.id))!
  const connector = connectorOf(connection.provider)
  const credentials = openCredentials(connection, deps.secret)
  const settings = settingsOf(connection)
  const partnerRef = await partnerReferences(db, run.orgId, connection.provider)
  const fetched: Partial<Record<ImportKind, number>> = {}
  let written = 0
  const reader = connector.read(
    {
      credentials,
      settings,
      ...((connection.settings as { baseUrl?: string }).baseUrl
        ? { baseUrl: (connection.settings as { baseUrl: string }).baseUrl }
        : {}),
      cursor: run.mode === 'full' ? null : ((connection.cursor as Cursor | null) ?? null),
      isPartner: ({ id, name }) => 'id' in partnerRef(id) || (name !== null && 'id' in partnerRef(name)),
      renewCredentials: async (next) => {
        await db
          .update(connections)
          .set({ credentialsSealed: sealCredentials(connection, next, deps.secret) })
          .where(and(eq(connections.orgId, connection.orgId), eq(connections.id, connection.id)))
      },
      onFetched: (kind, n) => {
        fetched[kind] = n
        // progress at most twice a second
        if (Date.now() - written < 500) return
        written = Date.now()
        void db
          .update(syncRuns)
          .set({ fetched })
          .where(these)
          .catch(() => undefined)
      },
    },
    clock.now(),
  )
  await db
    .update(syncRuns)
    .set({ total: reader.files.length + 2 })
    .where(these)
  const staged = await startImport(db, scope, connection.provider, clock)
  onImport(staged.id)
  await db.update(syncRuns).set({ importId: staged.id }).where(these)
  const step = async (phase: string) =>
    db
      .update(syncRuns)
      .set({ phase, fetched, done: sql`least(${syncRuns.done} + 1, ${syncRuns.total})` })
      .where(these)
  await db
    .update(syncRuns)
    .set({ phase: `reading ${reader.files[0]?.label ?? ''}` })
    .where(these)
  for (const [i, file] of reader.files.entries()) {
    const mapping =
      (await savedMapping(db, scope, connection.provider, file.kind)) ?? connector.mappings[file.kind]
    await stageRecords(
      db,
      scope,
      staged.id,
      file.kind,
      { columns: file.columns, rows: nullsAsBlank(file.rows) },
      { fileName: file.label, mapping, clock },
    )
    await step(reader.files[i + 1] ? `reading ${reader.files[i + 1]!.label}` : 'reading deletions')
  }
  const removals = await reader.removals()
  await step(run.dryRun ? 'checking what would change' : 'saving')
  const report = await getImport(db, scope, staged.id)
  const rows = Object.values(report.files).reduce((n, f) => n + f.rows, 0)
  const removing = (removals.deals?.length ?? 0) + (removals.touches?.length ?? 0)
  const options = { skipInvalid: true, clock, removals }
  const result = emptyResult()
  if (rows > 0 || removing > 0) {
    const outcome = run.dryRun
      ? await rehearseImport(db, scope, staged.id, options)
      : await commitStaged(db, scope, staged.id, options)
    Object.assign(result, outcome.result, { removed: outcome.removed, problems: report.errorCount })
    if (run.dryRun) await discardImport(db, scope, staged.id, clock)
  }
  // a run that changed nothing and found nothing wrong leaves no import behind
  const changed =
    result.problems > 0 ||
    result.removed.deals + result.removed.touches > 0 ||
    [result.accounts, result.deals, result.touches].some((c) => c.inserted + c.updated > 0)
  if (!changed) await forgetImport(db, run.orgId, staged.id)
  await db
    .update(syncRuns)
    .set({ fetched, done: sql`${syncRuns.total}` })
    .where(these)
  return { result, cursor: reader.cursor(), importId: changed ? staged.id : null }
}

/** The staging reads blanks as empty strings; a connector's null is a blank. */
async function* nullsAsBlank(rows: AsyncIterable<(string | null)[]>): AsyncGenerator<string[]> {
  for await (const row of rows) yield row.map((v) => v ?? '')
}

/** Runs syncs still queued after a minute (their job was lost between commit and send). */
export async function runStaleSyncs(db: Db, deps: ConnectorDeps): Promise<number> {
  const stale = await jobs.stale(db, deps.clock)
  for (const run of stale) await runSync(db, run.orgId, run.id, deps)
  return stale.length
}

/** The schedule: an incremental sync of every connected provider that has had a first load. */
export async function queueScheduledSyncs(db: Db, clock: Clock): Promise<number> {
  const due = await db
    .select()
    .from(connections)
    .where(and(eq(connections.status, 'connected'), sql`${connections.cursor} is not null`))
    .orderBy(asc(connections.orgId))
  let queued = 0
  for (const connection of due) {
    const [busy] = await db
      .select({ id: syncRuns.id })
      .from(syncRuns)
      .where(
        and(
          eq(syncRuns.orgId, connection.orgId),
          eq(syncRuns.connectionId, connection.id),
          inArray(syncRuns.status, ['queued', 'running']),
        ),
      )
      .limit(1)
    if (busy) continue
    await db.transaction((tx) =>
      queueSync(
        tx,
        systemScope(connection.orgId),
        connection,
        { dryRun: false, full: false },
        clock,
        'schedule',
      ),
    )
    queued++
  }
  return queued
}

/** The runs of one connection, newest first (the last 50). */
export async function listRuns(db: Db, scope: Scope, provider: Provider): Promise<{ items: SyncRunView[] }> {
  integrationsPermissions.require(scope, 'connectors.read')
  const row = await requireConnection(db, scope, provider)
  const rows = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.orgId, scope.orgId), eq(syncRuns.connectionId, row.id)))
    .orderBy(desc(syncRuns.createdAt))
    .limit(50)
  return { items: rows.map(toRunView) }
}
