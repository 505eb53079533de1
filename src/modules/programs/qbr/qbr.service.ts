// Quarterly business reviews: generating one partner's review of a quarter (on demand, as a new
// version), reading them (a partner user only their own partner's shared ones), editing goals and
// sharing in the portal, audited. Figures are measured once, outside the transaction that writes the
// version; the version is numbered under a per-partner-and-quarter lock, and the unique version keeps
// two writers from ever writing the same one.
import { and, desc, eq, sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../../db/client'
import { AppError, invalidField, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { actorLabel, type Scope } from '../../../platform/scope'
import { getOrg } from '../../identity'
import { findPartners } from '../../partners'
import { programEvents } from '../programs.events'
import { programsPermissions } from '../programs.permissions'
import type { GenerateQbrInput, QbrFigures, QbrGoal, QbrListQuery, QbrPage, QbrView } from './qbr.contract'
import { qbrIds, qbrReviews } from './qbr.tables'
import { measureQuarter } from './qbr-figures.service'
import { drawQbr } from './qbr-pdf'
import { parseQuarter, type Quarter, quarterOf, suggestGoals } from './qbr-rules'

type ReviewRow = typeof qbrReviews.$inferSelect
export type ReviewSource = ReviewRow['source']

/** The suggested growth on last quarter's attributed revenue when staff set no goals. */
export const suggestedGrowthPercent = 10

function requireStaff(scope: Scope, permission: 'programs.read' | 'programs.manage') {
  programsPermissions.require(scope, permission)
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'Business reviews are prepared by staff')
}

/** A quarter that has started (a review of the future has no figures). */
export function readQuarter(text: string, now: Date): Quarter {
  const quarter = parseQuarter(text)
  if (!quarter) throw invalidField('quarter', 'must be a quarter such as 2026-Q3 (Q1 to Q4)')
  const current = quarterOf(now)
  if (quarter.year * 4 + quarter.quarter > current.year * 4 + current.quarter)
    throw invalidField('quarter', 'has not started yet')
  return quarter
}

/** The suggested goals for the quarter after the one measured. */
export function defaultGoals(figures: QbrFigures): QbrGoal[] {
  const paying = figures.models.find((m) => m.role === 'paying')
  const next = parseQuarter(figures.nextQuarter)!
  return suggestGoals(
    paying
      ? {
          modelId: paying.modelId,
          modelKey: paying.modelKey,
          modelName: paying.modelName,
          role: paying.role,
          revenue: paying.revenue.map((r) => ({
            currency: r.current.currency,
            nowMinor: BigInt(r.current.amountMinor),
            beforeMinor: BigInt(r.previous.amountMinor),
          })),
          pipeline: [],
          wonDeals: paying.wonDeals,
        }
      : undefined,
    suggestedGrowthPercent,
    next,
  ).map((g) => ({
    text: g.text,
    metric: g.metric,
    currency: g.currency,
    targetMinor: g.targetMinor.toString(),
  }))
}

const lockVersions = (tx: Db, orgId: string, partnerId: string, quarter: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`qbr:${orgId}:${partnerId}:${quarter}`}))`)

interface Written {
  row: ReviewRow
}

/**
 * Writes a review version. `version: 'next'` adds one after the latest (on demand); `version: 'first'`
 * writes version 1 only when the partner has none for the quarter (the schedule), and answers null
 * when another writer got there first. A run writes each partner once (`runId`).
 */
export async function writeReview(
  db: Db,
  scope: Scope,
  input: {
    partnerId: string
    figures: QbrFigures
    goals: QbrGoal[] | undefined
    source: ReviewSource
    version: 'next' | 'first'
    runId?: string
  },
  clock: Clock,
): Promise<Written | null> {
  const now = clock.now()
  const { partnerId, figures } = input
  return db.transaction(async (tx) => {
    await lockVersions(tx, scope.orgId, partnerId, figures.quarter)
    const [latest] = await tx
      .select({ version: qbrReviews.version, goals: qbrReviews.goals })
      .from(qbrReviews)
      .where(
        and(
          eq(qbrReviews.orgId, scope.orgId),
          eq(qbrReviews.partnerId, partnerId),
          eq(qbrReviews.quarter, figures.quarter),
        ),
      )
      .orderBy(desc(qbrReviews.version))
      .limit(1)
    if (input.version === 'first' && latest) return null
    const goals = input.goals ?? latest?.goals ?? defaultGoals(figures)
    const [row] = await tx
      .insert(qbrReviews)
      .values({
        orgId: scope.orgId,
        id: qbrIds.review(),
        partnerId,
        quarter: figures.quarter,
        version: (latest?.version ?? 0) + 1,
        source: input.source,
        runId: input.runId ?? null,
        figures,
        goals,
        isShared: false,
        sharedAt: null,
        generatedBy: actorLabel(scope.actor),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning()
    if (!row) return null
    await writeAudit(
      tx,
      scope,
      {
        action: 'qbr.generated',
        entityType: 'qbr',
        entityId: row.id,
        before: null,
        after: { partnerId, quarter: row.quarter, version: row.version, source: row.source },
      },
      clock,
    )
    return { row }
  })
}

/** Generates a new version of the partner's review of the quarter (staff, from the console). */
export async function generateQbr(
  db: Db,
  scope: Scope,
  partnerId: string,
  input: GenerateQbrInput,
  clock: Clock,
): Promise<QbrView> {
  requireStaff(scope, 'programs.manage')
  const quarter = readQuarter(input.quarter, clock.now())
  const figures = await measureQuarter(db, scope, partnerId, quarter, clock)
  const written = await writeReview(
    db,
    scope,
    { partnerId, figures, goals: input.goals, source: 'on_demand', version: 'next' },
    clock,
  )
  // a 'next' version is always written under the lock
  return toView(db, scope, written!.row)
}

async function readRow(db: Db, scope: Scope, id: string): Promise<ReviewRow> {
  const [row] = await db
    .select()
    .from(qbrReviews)
    .where(and(eq(qbrReviews.orgId, scope.orgId), eq(qbrReviews.id, id)))
  // a partner user sees only their own partner's shared reviews: anything else does not exist for them
  if (!row || (scope.partnerId && (row.partnerId !== scope.partnerId || !row.isShared)))
    throw notFound('Business review', id)
  return row
}

async function toView(db: Db, scope: Scope, row: ReviewRow): Promise<QbrView> {
  const versions = await db
    .select({
      id: qbrReviews.id,
      version: qbrReviews.version,
      isShared: qbrReviews.isShared,
      createdAt: qbrReviews.createdAt,
    })
    .from(qbrReviews)
    .where(
      and(
        eq(qbrReviews.orgId, scope.orgId),
        eq(qbrReviews.partnerId, row.partnerId),
        eq(qbrReviews.quarter, row.quarter),
        scope.partnerId ? eq(qbrReviews.isShared, true) : undefined,
      ),
    )
    .orderBy(desc(qbrReviews.version))
  const partner = (await findPartners(db, scope.orgId, [row.partnerId])).get(row.partnerId)
  return {
    id: row.id,
    partnerId: row.partnerId,
    partnerName: partner?.name ?? row.figures.partnerName,
    quarter: row.quarter,
    version: row.version,
    source: row.source,
    figures: row.figures,
    goals: row.goals,
    isShared: row.isShared,
    sharedAt: row.sharedAt?.toISOString() ?? null,
    generatedBy: row.generatedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
  }
}

/** One review; a partner user reads only their own partner's shared ones (404 otherwise). */
export async function getQbr(db: Db, scope: Scope, id: string): Promise<QbrView> {
  programsPermissions.require(scope, 'programs.read')
  return toView(db, scope, await readRow(db, scope, id))
}

/** The review as a PDF, with the file name to save it as. */
export async function renderQbrPdf(
  db: Db,
  scope: Scope,
  id: string,
): Promise<{ pdf: Uint8Array; fileName: string }> {
  const view = await getQbr(db, scope, id)
  const org = await getOrg(db, scope.orgId)
  const slug = view.partnerName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'partner'
  return {
    pdf: await drawQbr(view, org.name),
    fileName: `qbr-${view.quarter}-${slug}-v${view.version}.pdf`,
  }
}

/**
 * The newest version per partner and quarter, newest quarter first; a partner user sees only their own
 * partner's newest shared version of each quarter.
 */
export async function listQbrs(db: Db, scope: Scope, query: QbrListQuery): Promise<QbrPage> {
  programsPermissions.require(scope, 'programs.read')
  if (query.cursor !== undefined && !/^\d{1,9}$/.test(query.cursor))
    throw invalidField('cursor', 'is not a cursor this list gave out')
  if (query.quarter && !parseQuarter(query.quarter))
    throw invalidField('quarter', 'must be a quarter such as 2026-Q3 (Q1 to Q4)')
  const offset = query.cursor ? Number(query.cursor) : 0
  const partnerId = scope.partnerId ?? query.partnerId
  if (scope.partnerId && query.partnerId && query.partnerId !== scope.partnerId)
    throw notFound('Partner', query.partnerId)
  const where = sql`org_id = ${scope.orgId}
    ${partnerId ? sql`and partner_id = ${partnerId}` : sql``}
    ${query.quarter ? sql`and quarter = ${query.quarter}` : sql``}
    ${scope.partnerId ? sql`and is_shared` : sql``}`
  const rows = await queryRows<{
    id: string
    partner_id: string
    quarter: string
    version: number
    source: ReviewSource
    is_shared: boolean
    figures: QbrFigures
    created_at: Date | string
  }>(
    db,
    sql`select * from (
          select distinct on (partner_id, quarter) id, partner_id, quarter, version, source, is_shared,
                 figures, created_at
            from qbr_reviews where ${where}
           order by partner_id, quarter, version desc) latest
        order by quarter desc, created_at desc, id desc
        offset ${offset} limit ${query.limit + 1}`,
  )
  const [counted] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select distinct partner_id, quarter from qbr_reviews where ${where}) d`,
  )
  const page = rows.slice(0, query.limit)
  const names = await findPartners(
    db,
    scope.orgId,
    page.map((r) => r.partner_id),
  )
  return {
    items: page.map((r) => {
      const paying = r.figures.models.find((m) => m.role === 'paying')
      return {
        id: r.id,
        partnerId: r.partner_id,
        partnerName: names.get(r.partner_id)?.name ?? r.figures.partnerName,
        quarter: r.quarter,
        version: r.version,
        source: r.source,
        isShared: r.is_shared,
        revenue: (paying?.revenue ?? []).map((x) => x.current),
        healthScore: r.figures.health?.score ?? null,
        tierName: r.figures.tier.current?.name ?? null,
        createdAt: new Date(r.created_at).toISOString(),
      }
    }),
    nextCursor: rows.length > query.limit ? String(offset + query.limit) : null,
    total: Number(counted?.n ?? 0),
  }
}

/** Replaces a version's goals for the next quarter (its figures never change); audited. */
export async function updateQbrGoals(
  db: Db,
  scope: Scope,
  id: string,
  goals: QbrGoal[],
  clock: Clock,
): Promise<QbrView> {
  requireStaff(scope, 'programs.manage')
  const row = await db.transaction(async (tx) => {
    const before = await readRow(tx, scope, id)
    const [after] = await tx
      .update(qbrReviews)
      .set({ goals, updatedAt: clock.now() })
      .where(and(eq(qbrReviews.orgId, scope.orgId), eq(qbrReviews.id, id)))
      .returning()
    await writeAudit(
      tx,
      scope,
      { action: 'qbr.goals_changed', entityType: 'qbr', entityId: id, before: before.goals, after: goals },
      clock,
    )
    return after!
  })
  return toView(db, scope, row)
}

/** Shows the version to the partner in the portal, or hides it again; sharing mails the partner's admins. */
export async function shareQbr(
  db: Db,
  scope: Scope,
  id: string,
  isShared: boolean,
  clock: Clock,
): Promise<QbrView> {
  requireStaff(scope, 'programs.manage')
  const row = await db.transaction(async (tx) => {
    const before = await readRow(tx, scope, id)
    if (before.isShared === isShared) return before
    const now = clock.now()
    const [after] = await tx
      .update(qbrReviews)
      .set({ isShared, sharedAt: isShared ? now : null, updatedAt: now })
      .where(and(eq(qbrReviews.orgId, scope.orgId), eq(qbrReviews.id, id)))
      .returning()
    await writeAudit(
      tx,
      scope,
      {
        action: isShared ? 'qbr.shared' : 'qbr.unshared',
        entityType: 'qbr',
        entityId: id,
        before: { isShared: before.isShared },
        after: { isShared },
      },
      clock,
    )
    if (isShared)
      await publish(
        tx,
        scope,
        programEvents.event('qbr.shared', id, {
          reviewId: id,
          partnerId: before.partnerId,
          quarter: before.quarter,
          version: before.version,
        }),
        clock,
      )
    return after!
  })
  return toView(db, scope, row)
}
