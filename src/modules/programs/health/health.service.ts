// Partner health: the org's settings, computing every partner's score (daily and on demand) into one
// snapshot per partner per day and the partner's latest score, and reading them. Computing reads the
// figures for a batch of partners at once; writes are serialised per org so two computations the same
// day leave one snapshot per partner, and a partner entering at risk is published and audited once —
// not again each day it stays there.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, invalidField, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { publish, publishAll } from '../../../platform/events'
import { actorLabel, type Scope, systemScope } from '../../../platform/scope'
import { findPartners, pageOrgsWithPartners, pagePartnerIds } from '../../partners'
import { programEvents } from '../programs.events'
import { programsPermissions } from '../programs.permissions'
import type {
  HealthFactorView,
  HealthListQuery,
  HealthPage,
  HealthSettings,
  HealthSettingsView,
  PartnerHealthView,
  RecomputeHealthView,
} from './health.contract'
import { healthSettings } from './health.contract'
import { healthSettingsTable, healthSnapshots, partnerHealth } from './health.tables'
import { measureHealth, readHealthBook } from './health-figures.service'
import { defaultHealthSettings, scoreHealth, topReasons } from './health-rules'

const batchSize = 500
export const healthRefreshJob = 'programs.health-refresh'

function requireStaff(scope: Scope) {
  programsPermissions.require(scope, 'health.read')
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'The org’s partner health is read by staff')
}

async function readSettingsRow(db: Db, orgId: string) {
  const [row] = await db.select().from(healthSettingsTable).where(eq(healthSettingsTable.orgId, orgId))
  return row
}

/** The org's settings, or the defaults (a stored record that no longer parses falls back too). */
export async function readHealthSettings(db: Db, orgId: string): Promise<HealthSettings> {
  const row = await readSettingsRow(db, orgId)
  const parsed = row ? healthSettings.safeParse(row.settings) : null
  return parsed?.success ? parsed.data : defaultHealthSettings
}

export async function getHealthSettings(db: Db, scope: Scope): Promise<HealthSettingsView> {
  requireStaff(scope)
  const row = await readSettingsRow(db, scope.orgId)
  return {
    settings: row ? await readHealthSettings(db, scope.orgId) : defaultHealthSettings,
    isDefault: !row,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  }
}

export async function updateHealthSettings(
  db: Db,
  scope: Scope,
  input: HealthSettings,
  clock: Clock,
): Promise<HealthSettingsView> {
  programsPermissions.require(scope, 'health.manage')
  const now = clock.now()
  await db.transaction(async (tx) => {
    const before = await readSettingsRow(tx, scope.orgId)
    await tx
      .insert(healthSettingsTable)
      .values({ orgId: scope.orgId, settings: input, updatedBy: actorLabel(scope.actor), updatedAt: now })
      .onConflictDoUpdate({
        target: healthSettingsTable.orgId,
        set: { settings: input, updatedBy: actorLabel(scope.actor), updatedAt: now },
      })
    await writeAudit(
      tx,
      scope,
      {
        action: 'health.settings_changed',
        entityType: 'org',
        entityId: scope.orgId,
        before: before?.settings ?? defaultHealthSettings,
        after: input,
      },
      clock,
    )
  })
  return getHealthSettings(db, scope)
}

/** Computes every partner's score for today; a second computation the same day replaces the first. */
export async function recomputeHealth(db: Db, scope: Scope, clock: Clock): Promise<RecomputeHealthView> {
  programsPermissions.require(scope, 'health.manage')
  return computeOrgHealth(db, scope.orgId, clock)
}

export async function computeOrgHealth(
  db: Db,
  orgId: string,
  clock: Clock,
  batch = batchSize,
): Promise<RecomputeHealthView> {
  const now = clock.now()
  const day = now.toISOString().slice(0, 10)
  const settings = await readHealthSettings(db, orgId)
  const book = await readHealthBook(db, orgId, settings, now)
  let after: string | null = null
  let partners = 0
  let enteredAtRisk = 0
  for (;;) {
    const ids = await pagePartnerIds(db, orgId, after, batch)
    if (ids.length === 0) break
    const figures = await measureHealth(db, orgId, ids, settings, book, now)
    const results = ids.map((partnerId) => ({
      partnerId,
      ...scoreHealth(figures.get(partnerId)!, settings, now),
    }))
    enteredAtRisk += await db.transaction(async (tx) => {
      // one writer per org at a time: the second computation reads what the first wrote
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`health:${orgId}`}))`)
      const current = new Map(
        (
          await tx
            .select({
              partnerId: partnerHealth.partnerId,
              score: partnerHealth.score,
              band: partnerHealth.band,
              since: partnerHealth.atRiskSince,
            })
            .from(partnerHealth)
            .where(and(eq(partnerHealth.orgId, orgId), inArray(partnerHealth.partnerId, ids)))
        ).map((r) => [r.partnerId, r]),
      )
      await tx
        .insert(healthSnapshots)
        .values(
          results.map((r) => ({
            orgId,
            partnerId: r.partnerId,
            day,
            score: r.score,
            band: r.band,
            factors: r.factors,
            computedAt: now,
          })),
        )
        .onConflictDoUpdate({
          target: [healthSnapshots.orgId, healthSnapshots.partnerId, healthSnapshots.day],
          set: {
            score: sql`excluded.score`,
            band: sql`excluded.band`,
            factors: sql`excluded.factors`,
            computedAt: sql`excluded.computed_at`,
          },
        })
      const entering = results.filter(
        (r) => r.band === 'at_risk' && current.get(r.partnerId)?.band !== 'at_risk',
      )
      await tx
        .insert(partnerHealth)
        .values(
          results.map((r) => {
            const was = current.get(r.partnerId)
            const atRiskSince =
              r.band !== 'at_risk' ? null : was?.band === 'at_risk' ? (was.since ?? now) : now
            return {
              orgId,
              partnerId: r.partnerId,
              day,
              score: r.score,
              band: r.band,
              factors: r.factors,
              computedAt: now,
              atRiskSince,
            }
          }),
        )
        .onConflictDoUpdate({
          target: [partnerHealth.orgId, partnerHealth.partnerId],
          set: {
            day: sql`excluded.day`,
            score: sql`excluded.score`,
            band: sql`excluded.band`,
            factors: sql`excluded.factors`,
            computedAt: sql`excluded.computed_at`,
            atRiskSince: sql`excluded.at_risk_since`,
          },
        })
      const scope = systemScope(orgId)
      const moved = results.filter((r) => {
        const was = current.get(r.partnerId)
        return !was || was.score !== r.score || was.band !== r.band
      })
      await publishAll(
        tx,
        scope,
        moved.map((r) => {
          const was = current.get(r.partnerId)
          return programEvents.event('health.changed', r.partnerId, {
            partnerId: r.partnerId,
            score: r.score,
            band: r.band,
            from: was ? { score: was.score, band: was.band } : null,
          })
        }),
        clock,
      )
      for (const r of entering) {
        const from = current.get(r.partnerId)?.band ?? null
        const reasons = topReasons(r.factors).map((f) => f.reason)
        await publish(
          tx,
          scope,
          programEvents.event('health.at_risk', r.partnerId, {
            partnerId: r.partnerId,
            score: r.score ?? 0,
            from: from === 'at_risk' ? null : from,
            reasons,
          }),
          clock,
        )
        await writeAudit(
          tx,
          scope,
          {
            action: 'health.at_risk',
            entityType: 'partner',
            entityId: r.partnerId,
            before: { band: from },
            after: { band: 'at_risk', score: r.score, reasons },
          },
          clock,
        )
      }
      return entering.length
    })
    partners += ids.length
    if (ids.length < batch) break
    after = ids.at(-1)!
  }
  return { day, partners, enteredAtRisk }
}

/** The daily computation: every org with partners, one after another. */
export async function refreshAllHealth(db: Db, clock: Clock): Promise<number> {
  let after: string | null = null
  let orgs = 0
  for (;;) {
    const page = await pageOrgsWithPartners(db, after, 100)
    for (const orgId of page) await computeOrgHealth(db, orgId, clock)
    orgs += page.length
    if (page.length < 100) return orgs
    after = page.at(-1)!
  }
}

const bandCounts = async (db: Db, orgId: string) => {
  const rows = await db
    .select({ band: partnerHealth.band, n: sql<number>`count(*)::int` })
    .from(partnerHealth)
    .where(eq(partnerHealth.orgId, orgId))
    .groupBy(partnerHealth.band)
  const counts = { healthy: 0, watch: 0, at_risk: 0, unscored: 0 }
  for (const r of rows) counts[r.band] = Number(r.n)
  return counts
}

/** Partners by their latest score: filter by band, sorted by score (worst first by default). */
export async function listHealth(db: Db, scope: Scope, query: HealthListQuery): Promise<HealthPage> {
  requireStaff(scope)
  // the cursor is the position of the next page's first row
  if (query.cursor !== undefined && !/^\d{1,9}$/.test(query.cursor))
    throw invalidField('cursor', 'is not a cursor this list gave out')
  const offset = query.cursor ? Number(query.cursor) : 0
  const where = and(
    eq(partnerHealth.orgId, scope.orgId),
    query.band ? eq(partnerHealth.band, query.band) : undefined,
  )
  // unscored partners (no score) come last either way
  const rows = await db
    .select()
    .from(partnerHealth)
    .where(where)
    .orderBy(
      sql`${partnerHealth.score} is null`,
      query.sort === '-score' ? desc(partnerHealth.score) : asc(partnerHealth.score),
      asc(partnerHealth.partnerId),
    )
    .offset(offset)
    .limit(query.limit + 1)
  const pageRows = rows.slice(0, query.limit)
  const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(partnerHealth).where(where)
  const total = Number(counted?.n ?? 0)
  const names = await findPartners(
    db,
    scope.orgId,
    pageRows.map((r) => r.partnerId),
  )
  const nameOf = (id: string) => names.get(id)?.name ?? id
  return {
    items: pageRows.map((r) => ({
      partnerId: r.partnerId,
      partnerName: nameOf(r.partnerId),
      day: r.day,
      score: r.score,
      band: r.band,
      factors: r.factors,
      computedAt: r.computedAt.toISOString(),
      topReasons: topReasons(r.factors) as HealthFactorView[],
    })),
    nextCursor: rows.length > query.limit ? String(offset + query.limit) : null,
    total,
    bands: await bandCounts(db, scope.orgId),
  }
}

/** One partner's latest score with its factors and its last 12 scores; a partner user only their own. */
export async function getPartnerHealth(db: Db, scope: Scope, partnerId: string): Promise<PartnerHealthView> {
  programsPermissions.require(scope, 'health.read')
  if (scope.partnerId && scope.partnerId !== partnerId) throw notFound('Partner', partnerId)
  const partner = (await findPartners(db, scope.orgId, [partnerId])).get(partnerId)
  if (!partner) throw notFound('Partner', partnerId)
  const [latest] = await db
    .select()
    .from(partnerHealth)
    .where(and(eq(partnerHealth.orgId, scope.orgId), eq(partnerHealth.partnerId, partnerId)))
  const history = await db
    .select({ day: healthSnapshots.day, score: healthSnapshots.score, band: healthSnapshots.band })
    .from(healthSnapshots)
    .where(and(eq(healthSnapshots.orgId, scope.orgId), eq(healthSnapshots.partnerId, partnerId)))
    .orderBy(desc(healthSnapshots.day))
    .limit(12)
  return {
    partnerId,
    latest: latest
      ? {
          partnerId,
          partnerName: partner.name,
          day: latest.day,
          score: latest.score,
          band: latest.band,
          factors: latest.factors,
          computedAt: latest.computedAt.toISOString(),
        }
      : null,
    history: history.reverse(),
  }
}

/** A partner user's own score. */
export async function getMyHealth(db: Db, scope: Scope): Promise<PartnerHealthView> {
  programsPermissions.require(scope, 'health.read')
  if (!scope.partnerId)
    throw new AppError('FORBIDDEN', 'This is a partner user’s own health score; staff open a partner’s')
  return getPartnerHealth(db, scope, scope.partnerId)
}
