// Org-wide commission sync: after a recompute, a plan change or new FX rates, every partner with
// credit or lines is brought up to date in batches, each in its own transaction, with progress.
import { and, desc, eq, sql } from 'drizzle-orm'
import { type Db, isEmbedded } from '../../db/client'
import { AppError, notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import { orgJobs, orgJobView } from '../../platform/org-jobs'
import type { Scope } from '../../platform/scope'
import { readPayingCreditBook } from '../credits'
import type { SyncView } from './incentives.contract'
import { incentiveEvents } from './incentives.events'
import { incentivesPermissions } from './incentives.permissions'
import { commissionSyncs, incentiveIds } from './incentives.tables'
import { listLedgerPartners, type RateCache, syncPartners } from './ledger.service'
import { readPlanFacts } from './plans.service'

export const syncJob = 'incentives.sync-org'
// partners a transaction: each batch's lines and receipts are held in memory until they are posted
// (at 100k deals on the embedded database, 150 a batch took 51 s and 2.8 GB, 50 took 51 s and 1.5 GB)
const batchSize = 50

type SyncRow = typeof commissionSyncs.$inferSelect

const jobs = orgJobs(commissionSyncs)
const toView = (row: SyncRow): SyncView => ({ ...orgJobView(row), posted: row.posted })

/** Records a queued sync in the caller's transaction; the job that runs it is sent after commit. */
export async function queueSync(tx: Db, orgId: string, reason: string, clock: Clock): Promise<string> {
  const id = incentiveIds.sync()
  await tx.insert(commissionSyncs).values(jobs.queued(orgId, id, reason, clock, { posted: 0 }))
  return id
}

/**
 * Runs a queued sync, and every other the org has queued (they were queued before this claim, so
 * one pass over the current facts answers them all). A second delivery finds nothing to claim.
 */
export async function runSync(db: Db, orgId: string, id: string, clock: Clock): Promise<SyncView | null> {
  const claim = await jobs.claim(db, orgId)
  if (claim.ids.length === 0) return null
  const { these } = claim
  await jobs.run(db, claim, clock, async () => {
    // every partner's credit in one read; each batch re-reads only partners whose credit moved since
    const book = await readPayingCreditBook(db, orgId)
    // the partners credited now, and those with lines (whose credit may be gone)
    const partners = [...new Set([...book.byPartner.keys(), ...(await listLedgerPartners(db, orgId))])].sort()
    await db.update(commissionSyncs).set({ total: partners.length }).where(these)
    const plans = await readPlanFacts(db, orgId)
    const rates: RateCache = new Map()
    // on PostgreSQL two batches are worked at once: while the server writes one batch's entries this
    // process works out the next (their partners differ, so their locks never meet); the embedded
    // database runs one transaction at a time, so it takes them in turn
    let next = 0
    let stopped = false
    const lane = async () => {
      while (next < partners.length && !stopped) {
        const batch = partners.slice(next, next + batchSize)
        next += batchSize
        await db.transaction(async (tx) => {
          const { entries } = await syncPartners(tx, orgId, batch, clock, { plans, rates, book })
          await tx
            .update(commissionSyncs)
            .set({
              done: sql`${commissionSyncs.done} + ${batch.length}`,
              posted: sql`${commissionSyncs.posted} + ${entries}`,
            })
            .where(these)
        })
      }
    }
    await Promise.all(
      Array.from({ length: isEmbedded(db) ? 1 : 2 }, () =>
        lane().catch((error: unknown) => {
          stopped = true
          throw error
        }),
      ),
    )
  })
  return claim.ids.includes(id) ? getSyncRow(db, orgId, id).then(toView) : null
}

/** Runs syncs still queued after a minute (their job was lost between commit and send). */
export async function runStaleSyncs(db: Db, clock: Clock): Promise<number> {
  const stale = await jobs.stale(db, clock)
  for (const sync of stale) await runSync(db, sync.orgId, sync.id, clock)
  return stale.length
}

async function getSyncRow(db: Db, orgId: string, id: string): Promise<SyncRow> {
  const [row] = await db
    .select()
    .from(commissionSyncs)
    .where(and(eq(commissionSyncs.orgId, orgId), eq(commissionSyncs.id, id)))
  if (!row) throw notFound('Commission sync', id)
  return row
}

/** A sync asked for through the API: queued now, run by the worker the announcement reaches. */
export async function requestSync(db: Db, scope: Scope, clock: Clock): Promise<SyncView> {
  incentivesPermissions.require(scope, 'incentives.finance')
  const id = await db.transaction(async (tx) => {
    const syncId = await queueSync(tx, scope.orgId, 'requested', clock)
    await publish(tx, scope, incentiveEvents.event('commission.sync_requested', syncId, { syncId }), clock)
    return syncId
  })
  return toView(await getSyncRow(db, scope.orgId, id))
}

/** Staff follow a sync's progress; partner users do not see the org's syncs. */
function requireStaff(scope: Scope) {
  incentivesPermissions.require(scope, 'incentives.read')
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'Commission syncs are followed by staff')
}

export async function getSync(db: Db, scope: Scope, id: string): Promise<SyncView> {
  requireStaff(scope)
  return toView(await getSyncRow(db, scope.orgId, id))
}

export async function listSyncs(db: Db, scope: Scope): Promise<{ items: SyncView[] }> {
  requireStaff(scope)
  const rows = await db
    .select()
    .from(commissionSyncs)
    .where(eq(commissionSyncs.orgId, scope.orgId))
    .orderBy(desc(commissionSyncs.createdAt), desc(commissionSyncs.id))
    .limit(20)
  return { items: rows.map(toView) }
}
