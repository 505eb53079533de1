// Touchpoints: each partner or seller touch on a deal. Upserted by (source, externalId), so a
// retried import or webhook never records a touch twice.
import { and, asc, eq, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { invalidField, notFound } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import { insertOrFindImported } from '../../platform/external-ref'
import { countRows, keyset, toPage } from '../../platform/pagination'
import type { Scope } from '../../platform/scope'
import { findPartners } from '../partners'
import { activityLabels, checkActivityType } from './activity-types.service'
import type { ListTouchpointsQuery, RecordTouchpointInput, TouchpointView } from './journeys.contract'
import { journeyEvents } from './journeys.events'
import { journeysPermissions } from './journeys.permissions'
import { deals, journeyIds, touchpoints } from './journeys.tables'

type TouchRow = typeof touchpoints.$inferSelect

/** A partner user sees only their own partner's touches. */
function visible(scope: Scope): SQL {
  const org = eq(touchpoints.orgId, scope.orgId)
  return scope.partnerId ? and(org, eq(touchpoints.partnerId, scope.partnerId))! : org
}

async function toViews(db: Db, orgId: string, rows: TouchRow[]): Promise<TouchpointView[]> {
  const partnerInfo = await findPartners(
    db,
    orgId,
    rows.flatMap((r) => (r.partnerId ? [r.partnerId] : [])),
  )
  const labels = await activityLabels(db, orgId)
  return rows.map((r) => {
    const partner = r.partnerId ? partnerInfo.get(r.partnerId) : undefined
    return {
      id: r.id,
      dealId: r.dealId,
      actor:
        r.actorKind === 'partner'
          ? {
              kind: 'partner' as const,
              partnerId: r.partnerId!,
              partnerName: partner?.name ?? r.partnerId!,
              partnerType: partner?.type ?? 'unknown',
            }
          : { kind: 'direct' as const, seller: r.seller ?? 'unknown' },
      activityType: r.activityType,
      activityLabel: labels.get(r.activityType)?.label ?? r.activityType,
      occurredAt: r.occurredAt.toISOString(),
      notes: r.notes,
      source: r.source,
      externalId: r.externalId,
      createdAt: r.createdAt.toISOString(),
    }
  })
}

export async function listDealTimeline(db: Db, scope: Scope, dealId: string): Promise<TouchpointView[]> {
  const rows = await db
    .select()
    .from(touchpoints)
    .where(and(visible(scope), eq(touchpoints.dealId, dealId)))
    .orderBy(asc(touchpoints.occurredAt), asc(touchpoints.id))
  return toViews(db, scope.orgId, rows)
}

export async function listTouchpoints(db: Db, scope: Scope, query: ListTouchpointsQuery) {
  journeysPermissions.require(scope, 'journeys.read')
  // touches read newest first, by when they happened
  const order = keyset<TouchRow>(
    {
      occurredAt: {
        column: touchpoints.occurredAt,
        type: 'timestamptz',
        valueOf: (t) => t.occurredAt.toISOString(),
      },
    },
    { column: touchpoints.id, valueOf: (t) => t.id },
    '-occurredAt',
    query.cursor,
  )
  const filters = and(
    visible(scope),
    query.dealId ? eq(touchpoints.dealId, query.dealId) : undefined,
    query.partnerId ? eq(touchpoints.partnerId, query.partnerId) : undefined,
    query.activityType ? eq(touchpoints.activityType, query.activityType) : undefined,
  )
  const rows = await db
    .select()
    .from(touchpoints)
    .where(and(filters, order.after))
    .orderBy(...order.orderBy)
    .limit(query.limit + 1)
  const views = await toViews(db, scope.orgId, rows.slice(0, query.limit))
  const byId = new Map(views.map((v) => [v.id, v]))
  return toPage(
    rows,
    query.limit,
    order.cursorOf,
    (r) => byId.get(r.id)!,
    await countRows(db, touchpoints, filters),
  )
}

export async function getTouchpoint(db: Db, scope: Scope, id: string): Promise<TouchpointView> {
  const [row] = await db
    .select()
    .from(touchpoints)
    .where(and(visible(scope), eq(touchpoints.id, id)))
  if (!row) throw notFound('Touchpoint', id)
  return (await toViews(db, scope.orgId, [row]))[0]!
}

/** Records a touch; with (source, externalId) it updates the touch already recorded under them. */
export async function recordTouchpoint(
  db: Db,
  scope: Scope,
  input: RecordTouchpointInput,
  clock: Clock,
): Promise<TouchpointView & { created: boolean }> {
  journeysPermissions.require(scope, 'journeys.write')
  if (input.externalId && !input.source) throw invalidField('source', 'is required with externalId')
  const [deal] = await db
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.orgId, scope.orgId), eq(deals.id, input.dealId)))
  if (!deal) throw invalidField('dealId', `deal ${input.dealId} not found`)
  if (input.actor.kind === 'partner') {
    const found = await findPartners(db, scope.orgId, [input.actor.partnerId])
    if (!found.has(input.actor.partnerId))
      throw invalidField('actor.partnerId', `partner ${input.actor.partnerId} not found`)
  }
  checkActivityType(await activityLabels(db, scope.orgId), input.activityType)
  const now = clock.now()
  const fields = {
    dealId: input.dealId,
    actorKind: input.actor.kind,
    partnerId: input.actor.kind === 'partner' ? input.actor.partnerId : null,
    seller: input.actor.kind === 'direct' ? input.actor.seller : null,
    activityType: input.activityType,
    occurredAt: new Date(input.occurredAt),
    notes: input.notes ?? null,
    updatedAt: now,
  }
  const { id, created } = await db.transaction(async (tx) => {
    const claim = await insertOrFindImported(tx, touchpoints, {
      orgId: scope.orgId,
      id: journeyIds.touchpoint(),
      ...fields,
      source: input.source ?? null,
      externalId: input.externalId ?? null,
      createdAt: now,
    })
    if (claim.created) {
      await publish(tx, scope, touchEvent(claim.id, fields), clock)
      return claim
    }
    const [existing] = await tx
      .select()
      .from(touchpoints)
      .where(and(eq(touchpoints.orgId, scope.orgId), eq(touchpoints.id, claim.id)))
    const isSame =
      existing!.dealId === fields.dealId &&
      existing!.partnerId === fields.partnerId &&
      existing!.seller === fields.seller &&
      existing!.activityType === fields.activityType &&
      existing!.occurredAt.getTime() === fields.occurredAt.getTime() &&
      existing!.notes === fields.notes
    // a replayed touch changes nothing and announces nothing
    if (isSame) return claim
    await tx
      .update(touchpoints)
      .set(fields)
      .where(and(eq(touchpoints.orgId, scope.orgId), eq(touchpoints.id, claim.id)))
    await publish(tx, scope, touchEvent(claim.id, fields, existing!.dealId), clock)
    return claim
  })
  return { ...(await getTouchpoint(db, scope, id)), created }
}

function touchEvent(
  touchpointId: string,
  fields: { dealId: string; partnerId: string | null; activityType: string },
  previousDealId?: string,
) {
  return journeyEvents.event('touchpoint.recorded', touchpointId, {
    dealId: fields.dealId,
    touchpointId,
    partnerId: fields.partnerId,
    activityType: fields.activityType,
    ...(previousDealId && previousDealId !== fields.dealId ? { previousDealId } : {}),
  })
}

export async function deleteTouchpoint(db: Db, scope: Scope, id: string, clock: Clock): Promise<void> {
  journeysPermissions.require(scope, 'journeys.write')
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(touchpoints)
      .where(and(eq(touchpoints.orgId, scope.orgId), eq(touchpoints.id, id)))
      .returning()
    if (!row) throw notFound('Touchpoint', id)
    // the removed touch stays readable in the audit log
    await writeAudit(
      tx,
      scope,
      { action: 'touchpoint.removed', entityType: 'touchpoint', entityId: id, before: row },
      clock,
    )
    await publish(
      tx,
      scope,
      journeyEvents.event('touchpoint.removed', id, {
        dealId: row.dealId,
        touchpointId: id,
        partnerId: row.partnerId,
      }),
      clock,
    )
  })
}
