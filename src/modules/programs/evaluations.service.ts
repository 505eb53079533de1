// Org-wide tier evaluations: asked for through the API, after a ladder change or a recompute, and
// every night (rolling periods move and grace periods end with time). Partners are evaluated in
// batches, each in its own transaction, with progress.
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { AppError, notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import { orgJobs, orgJobView } from '../../platform/org-jobs'
import type { Scope } from '../../platform/scope'
import { type PayingSumBook, readPayingSumBook } from '../credits'
import { pagePartnerIds, readPartnerFacts } from '../partners'
import { readActiveLadders } from './ladders.service'
import type { EvaluationView, TierStatusView } from './programs.contract'
import { programEvents } from './programs.events'
import { programsPermissions } from './programs.permissions'
import { partnerTierStates, programIds, tierEvaluations, tierLadders } from './programs.tables'
import { evaluatePartners } from './tier-evaluation.service'
import { periodStart, type RateCache } from './tier-figures.service'
import { getTierStatus } from './tier-status.service'

export const evaluateJob = 'programs.evaluate-org'
// partners a transaction: the figures are summed on the server, so a batch holds only its rows
const batchSize = 200

type EvaluationRow = typeof tierEvaluations.$inferSelect

const jobs = orgJobs(tierEvaluations)
const toView = (row: EvaluationRow): EvaluationView => ({
  ...orgJobView(row),
  changed: row.changed,
  proposed: row.proposed,
})

/** Records a queued evaluation in the caller's transaction; the job that runs it is sent after commit. */
export async function queueEvaluation(tx: Db, orgId: string, reason: string, clock: Clock): Promise<string> {
  const id = programIds.evaluation()
  await tx.insert(tierEvaluations).values(jobs.queued(orgId, id, reason, clock, { changed: 0, proposed: 0 }))
  return id
}

/** Every partner of the org, in id order (ids only: the figures are read a batch at a time). */
export async function listPartnerIds(db: Db, orgId: string): Promise<string[]> {
  const ids: string[] = []
  for (;;) {
    const page = await pagePartnerIds(db, orgId, ids.at(-1) ?? null, 5000)
    ids.push(...page)
    if (page.length < 5000) return ids
  }
}

/**
 * Runs a queued evaluation, and every other the org has queued (one pass over the current facts
 * answers them all). A second delivery finds nothing to claim.
 */
export async function runEvaluation(
  db: Db,
  orgId: string,
  id: string,
  clock: Clock,
): Promise<EvaluationView | null> {
  const claim = await jobs.claim(db, orgId)
  if (claim.ids.length === 0) return null
  const { these } = claim
  await jobs.run(db, claim, clock, async () => {
    const partners = await listPartnerIds(db, orgId)
    await db.update(tierEvaluations).set({ total: partners.length }).where(these)
    const ladders = await readActiveLadders(db, orgId)
    const rates: RateCache = new Map()
    // each rolling period's sums for the whole org in one read; a batch sums again once credit moved
    const now = clock.now()
    const sums = new Map<number, PayingSumBook>()
    for (const months of new Set(ladders.map((l) => l.definition.periodMonths)))
      sums.set(months, await readPayingSumBook(db, orgId, { from: periodStart(now, months), to: now }))
    for (let next = 0; next < partners.length; next += batchSize) {
      const batch = partners.slice(next, next + batchSize)
      await db.transaction(async (tx) => {
        const { changed, proposed } = await evaluatePartners(tx, orgId, batch, clock, {
          ladders,
          rates,
          sums,
        })
        await tx
          .update(tierEvaluations)
          .set({
            done: sql`${tierEvaluations.done} + ${batch.length}`,
            changed: sql`${tierEvaluations.changed} + ${changed}`,
            proposed: sql`${tierEvaluations.proposed} + ${proposed}`,
          })
          .where(these)
      })
    }
  })
  return claim.ids.includes(id) ? getEvaluationRow(db, orgId, id).then(toView) : null
}

/** Runs evaluations still queued after a minute (their job was lost between commit and send). */
export async function runStaleEvaluations(db: Db, clock: Clock): Promise<number> {
  const stale = await jobs.stale(db, clock)
  for (const evaluation of stale) await runEvaluation(db, evaluation.orgId, evaluation.id, clock)
  return stale.length
}

/**
 * The nightly pass: every org with a ladder in force, or with standings left from one, is evaluated
 * again (rolling periods move on and grace periods end without any new fact).
 */
export async function runScheduledEvaluations(db: Db, clock: Clock): Promise<number> {
  const orgs = await db
    .selectDistinct({ orgId: tierLadders.orgId })
    .from(tierLadders)
    .where(eq(tierLadders.isActive, true))
    .union(db.selectDistinct({ orgId: partnerTierStates.orgId }).from(partnerTierStates))
  for (const { orgId } of orgs) {
    const id = await db.transaction((tx) => queueEvaluation(tx, orgId, 'nightly', clock))
    await runEvaluation(db, orgId, id, clock)
  }
  return orgs.length
}

async function getEvaluationRow(db: Db, orgId: string, id: string): Promise<EvaluationRow> {
  const [row] = await db
    .select()
    .from(tierEvaluations)
    .where(and(eq(tierEvaluations.orgId, orgId), eq(tierEvaluations.id, id)))
  if (!row) throw notFound('Tier evaluation', id)
  return row
}

/** An evaluation asked for through the API: queued now, run by the worker the announcement reaches. */
export async function requestEvaluation(db: Db, scope: Scope, clock: Clock): Promise<EvaluationView> {
  programsPermissions.require(scope, 'programs.manage')
  const id = await db.transaction(async (tx) => {
    const evaluationId = await queueEvaluation(tx, scope.orgId, 'requested', clock)
    await publish(
      tx,
      scope,
      programEvents.event('tier.evaluation_requested', evaluationId, { evaluationId }),
      clock,
    )
    return evaluationId
  })
  return toView(await getEvaluationRow(db, scope.orgId, id))
}

export async function getEvaluation(db: Db, scope: Scope, id: string): Promise<EvaluationView> {
  programsPermissions.require(scope, 'programs.read')
  if (scope.partnerId) throw notFound('Tier evaluation', id)
  return toView(await getEvaluationRow(db, scope.orgId, id))
}

export async function listEvaluations(db: Db, scope: Scope): Promise<{ items: EvaluationView[] }> {
  programsPermissions.require(scope, 'programs.read')
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'Tier evaluations are followed by staff')
  const rows = await db
    .select()
    .from(tierEvaluations)
    .where(eq(tierEvaluations.orgId, scope.orgId))
    .orderBy(desc(tierEvaluations.createdAt), desc(tierEvaluations.id))
    .limit(20)
  return { items: rows.map(toView) }
}

/** Evaluates one partner now (staff), and answers its standing afterwards. */
export async function evaluatePartnerNow(
  db: Db,
  scope: Scope,
  partnerId: string,
  clock: Clock,
): Promise<TierStatusView> {
  programsPermissions.require(scope, 'programs.manage')
  if (!(await readPartnerFacts(db, scope.orgId, [partnerId])).has(partnerId))
    throw notFound('Partner', partnerId)
  await db.transaction((tx) => evaluatePartners(tx, scope.orgId, [partnerId], clock))
  return getTierStatus(db, scope, partnerId, clock)
}
