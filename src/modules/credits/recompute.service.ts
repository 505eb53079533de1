// Org-wide recompute: after a model change, a bulk load or on request, every deal is re-attributed in
// chunks, each in its own transaction, with progress recorded so the API can show how far it got.
import { and, desc, eq } from 'drizzle-orm'
import { type Db, plannedRowCount, refreshStatistics } from '../../db/client'
import { notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import { type OrgJobClaim, orgJobs, orgJobView } from '../../platform/org-jobs'
import { type Scope, systemScope } from '../../platform/scope'
import { countJourneys, readJourneyFactsPage } from '../journeys'
import { prepareAttribution, readActiveModels, storeAttribution } from './attribute.service'
import type { RecomputeView } from './credits.contract'
import { creditEvents } from './credits.events'
import { creditsPermissions } from './credits.permissions'
import { creditIds, recomputeJobs } from './credits.tables'

export const recomputeJob = 'credits.recompute-org'
// deals a page: a page's runs, heads and progress are written in one transaction
const pageSize = 1000
// the tables a recompute looks runs up in while it may be filling them: each time the deals done
// double, their statistics are refreshed if the planner believes in fewer heads than deals done, so a
// lookup an index answers is not planned as a scan of a table the planner last saw empty
const runTables = ['attribution_inputs', 'attribution_runs', 'current_runs']

type JobRow = typeof recomputeJobs.$inferSelect
const jobs = orgJobs(recomputeJobs)
const toView = (row: JobRow): RecomputeView => orgJobView(row)

/** Records a queued recompute in the caller's transaction; the job that runs it is sent after commit. */
export async function queueRecompute(tx: Db, orgId: string, reason: string, clock: Clock): Promise<string> {
  const id = creditIds.recompute()
  await tx.insert(recomputeJobs).values(jobs.queued(orgId, id, reason, clock))
  return id
}

/** A recompute asked for through the API: queued now, run by the worker the event reaches. */
export async function requestRecompute(db: Db, scope: Scope, clock: Clock): Promise<RecomputeView> {
  creditsPermissions.require(scope, 'credits.settings')
  const id = await db.transaction(async (tx) => {
    const jobId = await queueRecompute(tx, scope.orgId, 'requested', clock)
    await publish(tx, scope, creditEvents.event('attribution.recompute_requested', jobId, { jobId }), clock)
    return jobId
  })
  return toView(await getRecomputeRow(db, scope.orgId, id))
}

/**
 * Runs a queued recompute to the end. Claiming it is one statement, so when the job is delivered
 * twice (a retry, the sweep) only one runner works on it. The claim takes every recompute the org
 * has queued: their changes committed before it, so one pass over the current facts and models
 * answers them all (a burst of model edits is one recompute, not one each).
 */
export async function runRecompute(
  db: Db,
  orgId: string,
  id: string,
  clock: Clock,
): Promise<RecomputeView | null> {
  const claim = await jobs.claim(db, orgId)
  // another job's runner may reach this one's first: it runs what was claimed on its behalf
  if (claim.ids.length > 0) await runClaimed(db, orgId, claim, clock)
  return claim.ids.includes(id) ? getRecomputeRow(db, orgId, id).then(toView) : null
}

async function runClaimed(db: Db, orgId: string, claim: OrgJobClaim, clock: Clock): Promise<void> {
  const { ids, these } = claim
  await jobs.run(
    db,
    claim,
    clock,
    async () => {
      let total = await countJourneys(db, orgId)
      await db.update(recomputeJobs).set({ total }).where(these)
      // keyset over deal ids: a deal added while the recompute runs is met when its id comes up
      let after: string | null = null
      let done = 0
      let refreshAt = 0
      // each page is read and attributed while the page before is written, in a transaction of its own
      // (on PostgreSQL the two overlap: the server writes one page while this process works out the next)
      let writing: Promise<Error | null> = Promise.resolve(null)
      for (let isLast = false; !isLast; ) {
        if (done >= refreshAt) {
          if ((await plannedRowCount(db, 'current_runs')) < done) await refreshStatistics(db, runTables)
          refreshAt = Math.max(pageSize, done * 2)
        }
        const journeys = await readJourneyFactsPage(db, orgId, { after, limit: pageSize })
        const models = await readActiveModels(db, orgId, clock)
        const prepared = await prepareAttribution(db, orgId, journeys, models)
        const failed = await writing
        if (failed) throw failed
        isLast = journeys.length < pageSize
        if (journeys.length === 0) break
        after = journeys.at(-1)!.id
        done += journeys.length
        total = Math.max(total, done)
        const progress = { done, total }
        writing = db
          .transaction(async (tx) => {
            await storeAttribution(tx, orgId, prepared, clock)
            await tx.update(recomputeJobs).set(progress).where(these)
          })
          // held until the next page has been worked out, then thrown
          .then(
            () => null,
            (error: Error) => error,
          )
      }
      const failed = await writing
      if (failed) throw failed
      return done
    },
    // done, and said so: what is paid on credit (commissions) catches up with the whole org
    (tx, done) =>
      publish(
        tx,
        systemScope(orgId),
        creditEvents.event('attribution.recomputed', ids[0]!, { jobIds: ids, deals: done }),
        clock,
      ),
  )
}

/** Runs recomputes still queued after a minute (their job was lost between commit and send). */
export async function runStaleRecomputes(db: Db, clock: Clock): Promise<number> {
  const stale = await jobs.stale(db, clock)
  for (const job of stale) await runRecompute(db, job.orgId, job.id, clock)
  return stale.length
}

async function getRecomputeRow(db: Db, orgId: string, id: string): Promise<JobRow> {
  const [row] = await db
    .select()
    .from(recomputeJobs)
    .where(and(eq(recomputeJobs.orgId, orgId), eq(recomputeJobs.id, id)))
  if (!row) throw notFound('Recompute', id)
  return row
}

export async function getRecompute(db: Db, scope: Scope, id: string): Promise<RecomputeView> {
  creditsPermissions.require(scope, 'credits.read')
  return toView(await getRecomputeRow(db, scope.orgId, id))
}

/** The org's recent recomputes, newest first. */
export async function listRecomputes(db: Db, scope: Scope): Promise<{ items: RecomputeView[] }> {
  creditsPermissions.require(scope, 'credits.read')
  const rows = await db
    .select()
    .from(recomputeJobs)
    .where(eq(recomputeJobs.orgId, scope.orgId))
    .orderBy(desc(recomputeJobs.createdAt), desc(recomputeJobs.id))
    .limit(20)
  return { items: rows.map(toView) }
}
