// Reviews for every active partner at once: an org-wide generation staff ask for (in the background,
// with progress; a run delivered twice writes each partner once), and the schedule that reviews the
// quarter just ended for every active partner without one (a partner and quarter get one scheduled
// review however many runs meet: version 1 is unique).
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, notFound } from '../../../platform/app-error'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { orgJobs, orgJobView } from '../../../platform/org-jobs'
import { type Scope, systemScope } from '../../../platform/scope'
import { pageOrgsWithPartners, pagePartnerIds } from '../../partners'
import { programEvents } from '../programs.events'
import { programsPermissions } from '../programs.permissions'
import type { QbrRunView } from './qbr.contract'
import { readQuarter, writeReview } from './qbr.service'
import { qbrIds, qbrReviews, qbrRuns } from './qbr.tables'
import { measureQuarter } from './qbr-figures.service'
import { formatQuarter, quarterOf, shiftQuarter } from './qbr-rules'

export const qbrRunJob = 'programs.qbr-run'
export const qbrScheduleJob = 'programs.qbr-schedule'

type RunRow = typeof qbrRuns.$inferSelect
const jobs = orgJobs(qbrRuns)
const toView = (row: RunRow): QbrRunView => ({
  ...orgJobView(row),
  quarter: row.quarter,
  generated: row.generated,
})

/** Every active partner of the org, in id order. */
async function listActivePartners(db: Db, orgId: string): Promise<string[]> {
  const ids: string[] = []
  for (;;) {
    const page = await pagePartnerIds(db, orgId, ids.at(-1) ?? null, 5000, { status: 'active' })
    ids.push(...page)
    if (page.length < 5000) return ids
  }
}

/** Asks for every active partner's review of the quarter; the worker the announcement reaches runs it. */
export async function requestQbrRun(
  db: Db,
  scope: Scope,
  quarterText: string,
  clock: Clock,
): Promise<QbrRunView> {
  programsPermissions.require(scope, 'programs.manage')
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'Business reviews are prepared by staff')
  const quarter = formatQuarter(readQuarter(quarterText, clock.now()))
  const id = qbrIds.run()
  await db.transaction(async (tx) => {
    await tx
      .insert(qbrRuns)
      .values(jobs.queued(scope.orgId, id, 'requested', clock, { quarter, generated: 0 }))
    await publish(tx, scope, programEvents.event('qbr.run_requested', id, { runId: id, quarter }), clock)
  })
  return getRunRow(db, scope.orgId, id).then(toView)
}

/**
 * Runs one queued generation (a second delivery finds it claimed): each active partner's review of the
 * quarter, a partner at a time, with progress.
 */
export async function runQbrRun(db: Db, orgId: string, id: string, clock: Clock): Promise<QbrRunView | null> {
  const claimed = await db
    .update(qbrRuns)
    .set({ status: 'running' })
    .where(and(eq(qbrRuns.orgId, orgId), eq(qbrRuns.id, id), eq(qbrRuns.status, 'queued')))
    .returning()
  const run = claimed[0]
  if (!run) return null
  const these = and(eq(qbrRuns.orgId, orgId), eq(qbrRuns.id, id))!
  const scope = systemScope(orgId)
  const quarter = readQuarter(run.quarter, clock.now())
  await jobs.run(db, { ids: [id], these }, clock, async () => {
    const partners = await listActivePartners(db, orgId)
    await db.update(qbrRuns).set({ total: partners.length }).where(these)
    for (const partnerId of partners) {
      const figures = await measureQuarter(db, scope, partnerId, quarter, clock)
      const written = await writeReview(
        db,
        scope,
        { partnerId, figures, goals: undefined, source: 'batch', version: 'next', runId: id },
        clock,
      )
      await db
        .update(qbrRuns)
        .set({
          done: sql`${qbrRuns.done} + 1`,
          generated: written ? sql`${qbrRuns.generated} + 1` : qbrRuns.generated,
        })
        .where(these)
    }
  })
  return getRunRow(db, orgId, id).then(toView)
}

/** Runs generations still queued after a minute (their job was lost between commit and send). */
export async function runStaleQbrRuns(db: Db, clock: Clock): Promise<number> {
  const stale = await jobs.stale(db, clock)
  for (const run of stale) await runQbrRun(db, run.orgId, run.id, clock)
  return stale.length
}

/**
 * The schedule: the quarter that ended last, reviewed for every active partner of every org that has
 * no review of it yet. Safe to run daily and many at once: the first run writes them, later runs
 * write nothing.
 */
export async function generateScheduledQbrs(db: Db, clock: Clock): Promise<number> {
  const quarter = shiftQuarter(quarterOf(clock.now()), -1)
  const quarterText = formatQuarter(quarter)
  let written = 0
  let after: string | null = null
  for (;;) {
    const orgs = await pageOrgsWithPartners(db, after, 100)
    for (const orgId of orgs) {
      const scope = systemScope(orgId)
      const reviewed = new Set(
        (
          await db
            .selectDistinct({ partnerId: qbrReviews.partnerId })
            .from(qbrReviews)
            .where(and(eq(qbrReviews.orgId, orgId), eq(qbrReviews.quarter, quarterText)))
        ).map((r) => r.partnerId),
      )
      for (const partnerId of await listActivePartners(db, orgId)) {
        if (reviewed.has(partnerId)) continue
        const figures = await measureQuarter(db, scope, partnerId, quarter, clock)
        const review = await writeReview(
          db,
          scope,
          { partnerId, figures, goals: undefined, source: 'scheduled', version: 'first' },
          clock,
        )
        if (review) written++
      }
    }
    if (orgs.length < 100) return written
    after = orgs.at(-1)!
  }
}

async function getRunRow(db: Db, orgId: string, id: string): Promise<RunRow> {
  const [row] = await db
    .select()
    .from(qbrRuns)
    .where(and(eq(qbrRuns.orgId, orgId), eq(qbrRuns.id, id)))
  if (!row) throw notFound('Business review generation', id)
  return row
}

export async function getQbrRun(db: Db, scope: Scope, id: string): Promise<QbrRunView> {
  programsPermissions.require(scope, 'programs.read')
  if (scope.partnerId) throw notFound('Business review generation', id)
  return toView(await getRunRow(db, scope.orgId, id))
}

export async function listQbrRuns(db: Db, scope: Scope): Promise<{ items: QbrRunView[] }> {
  programsPermissions.require(scope, 'programs.read')
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'Business review generations are followed by staff')
  const rows = await db
    .select()
    .from(qbrRuns)
    .where(eq(qbrRuns.orgId, scope.orgId))
    .orderBy(desc(qbrRuns.createdAt), desc(qbrRuns.id))
    .limit(20)
  return { items: rows.map(toView) }
}
