// The org's list of touch activity types, seeded with the common partner motions.
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { AppError, invalidField, notFound } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import type { Scope } from '../../platform/scope'
import { identityPermissions } from '../identity'
import type { ActivityTypeView, CreateActivityTypeInput } from './journeys.contract'
import { journeysPermissions } from './journeys.permissions'
import { activityTypes } from './journeys.tables'

export const defaultActivityTypes: readonly { key: string; label: string }[] = [
  { key: 'referral', label: 'Referral' },
  { key: 'deal_registration', label: 'Deal registration' },
  { key: 'demo', label: 'Demo' },
  { key: 'co_sell_meeting', label: 'Co-sell meeting' },
  { key: 'integration_install', label: 'Integration install' },
  { key: 'content_share', label: 'Content share' },
  { key: 'training', label: 'Training' },
  { key: 'proposal', label: 'Proposal' },
  { key: 'quote', label: 'Quote' },
]

/** Gives an org the default list the first time it is needed. */
async function ensureDefaults(db: Db, orgId: string): Promise<void> {
  const [any] = await db
    .select({ key: activityTypes.key })
    .from(activityTypes)
    .where(eq(activityTypes.orgId, orgId))
    .limit(1)
  if (any) return
  await db
    .insert(activityTypes)
    .values(defaultActivityTypes.map((t) => ({ orgId, key: t.key, label: t.label, isActive: true })))
    .onConflictDoNothing()
}

/** How each of the org's activities reads, by key (the defaults until the org has its own list). */
export async function readActivityLabels(db: Db, orgId: string): Promise<Record<string, string>> {
  const rows = await db
    .select({ key: activityTypes.key, label: activityTypes.label })
    .from(activityTypes)
    .where(eq(activityTypes.orgId, orgId))
  return Object.fromEntries((rows.length > 0 ? rows : defaultActivityTypes).map((t) => [t.key, t.label]))
}

export async function listActivityTypes(db: Db, scope: Scope): Promise<{ items: ActivityTypeView[] }> {
  journeysPermissions.require(scope, 'journeys.read')
  await ensureDefaults(db, scope.orgId)
  const rows = await db
    .select({ key: activityTypes.key, label: activityTypes.label, isActive: activityTypes.isActive })
    .from(activityTypes)
    .where(eq(activityTypes.orgId, scope.orgId))
    .orderBy(asc(activityTypes.label))
  return { items: rows }
}

export async function activityLabels(
  db: Db,
  orgId: string,
): Promise<Map<string, { label: string; isActive: boolean }>> {
  await ensureDefaults(db, orgId)
  const rows = await db.select().from(activityTypes).where(eq(activityTypes.orgId, orgId))
  return new Map(rows.map((r) => [r.key, { label: r.label, isActive: r.isActive }]))
}

export async function createActivityType(
  db: Db,
  scope: Scope,
  input: CreateActivityTypeInput,
  clock: Clock,
): Promise<ActivityTypeView> {
  identityPermissions.require(scope, 'settings.write')
  await ensureDefaults(db, scope.orgId)
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(activityTypes)
      .values({ orgId: scope.orgId, key: input.key, label: input.label, isActive: true })
      .onConflictDoNothing()
      .returning()
    if (inserted.length === 0)
      throw new AppError('CONFLICT', `Activity type ${input.key} already exists`, [
        { path: 'key', message: 'already exists' },
      ])
    await writeAudit(
      tx,
      scope,
      { action: 'activity_type.created', entityType: 'activity_type', entityId: input.key, after: input },
      clock,
    )
    return { key: input.key, label: input.label, isActive: true }
  })
}

export async function updateActivityType(
  db: Db,
  scope: Scope,
  key: string,
  input: { label?: string; isActive?: boolean },
  clock: Clock,
): Promise<ActivityTypeView> {
  identityPermissions.require(scope, 'settings.write')
  await ensureDefaults(db, scope.orgId)
  return db.transaction(async (tx) => {
    const where = and(eq(activityTypes.orgId, scope.orgId), eq(activityTypes.key, key))
    const [before] = await tx.select().from(activityTypes).where(where)
    if (!before) throw notFound('Activity type', key)
    const [after] = await tx.update(activityTypes).set(input).where(where).returning()
    await writeAudit(
      tx,
      scope,
      { action: 'activity_type.updated', entityType: 'activity_type', entityId: key, before, after },
      clock,
    )
    return { key, label: after!.label, isActive: after!.isActive }
  })
}

/** A touch must use a known, active activity type of the org. */
export function checkActivityType(labels: Map<string, { isActive: boolean }>, key: string): void {
  const type = labels.get(key)
  if (!type)
    throw invalidField(
      'activityType',
      `unknown activity type ${key}; known: ${[...labels.keys()].join(', ')}`,
    )
  if (!type.isActive) throw invalidField('activityType', `activity type ${key} is switched off`)
}
