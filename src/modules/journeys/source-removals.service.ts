// Records deleted in the system they came from (a CRM's deleted deals and activities), taken out of
// Credence as a connector's sync commits. A touch goes; a deal is closed as lost with a stage saying
// where it was deleted, and loses the touches that source gave it, so nobody keeps credit for it while
// its history (and anything already paid on it) stays readable. Each removal is audited.
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { writeAudits } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import type { Scope } from '../../platform/scope'
import { deals, touchpoints } from './journeys.tables'

/** External ids, in the source's own terms, of records removed there. */
export interface SourceRemovals {
  deals?: string[]
  touches?: string[]
}

export interface Removed {
  deals: number
  touches: number
  /** The deals whose credit the removals change. */
  dealIds: string[]
}

const sourceLabel = (source: string) =>
  ({ hubspot: 'HubSpot', salesforce: 'Salesforce', stripe: 'Stripe' })[source] ?? source

/** Applies the removals inside the caller's transaction; ids Credence does not hold are passed over. */
export async function removeSourceRecords(
  tx: Db,
  scope: Scope,
  source: string,
  removals: SourceRemovals,
  clock: Clock,
): Promise<Removed> {
  const now = clock.now()
  const dealExternalIds = removals.deals ?? []
  const closed =
    dealExternalIds.length === 0
      ? []
      : await tx
          .update(deals)
          .set({
            status: 'lost',
            stage: `Deleted in ${sourceLabel(source)}`,
            closedAt: sql`coalesce(${deals.closedAt}, ${now.toISOString()}::timestamptz)`,
            updatedAt: now,
          })
          .where(
            and(
              eq(deals.orgId, scope.orgId),
              eq(deals.source, source),
              inArray(deals.externalId, dealExternalIds),
            ),
          )
          .returning({ id: deals.id, externalId: deals.externalId, name: deals.name })
  const closedIds = closed.map((d) => d.id)
  const touchExternalIds = removals.touches ?? []
  const touchConditions = [
    ...(touchExternalIds.length > 0 ? [inArray(touchpoints.externalId, touchExternalIds)] : []),
    ...(closedIds.length > 0 ? [inArray(touchpoints.dealId, closedIds)] : []),
  ]
  const removedTouches =
    touchConditions.length === 0
      ? []
      : await tx
          .delete(touchpoints)
          .where(
            and(
              eq(touchpoints.orgId, scope.orgId),
              eq(touchpoints.source, source),
              touchConditions.length === 1
                ? touchConditions[0]
                : sql`(${touchConditions[0]} or ${touchConditions[1]})`,
            ),
          )
          .returning()
  await writeAudits(
    tx,
    scope,
    [
      ...closed.map((d) => ({
        action: 'deal.removed_at_source',
        entityType: 'deal',
        entityId: d.id,
        after: { source, externalId: d.externalId, name: d.name },
      })),
      // the removed touch stays readable in the audit log
      ...removedTouches.map((t) => ({
        action: 'touchpoint.removed',
        entityType: 'touchpoint',
        entityId: t.id,
        before: t,
      })),
    ],
    clock,
  )
  return {
    deals: closed.length,
    touches: removedTouches.length,
    dealIds: [...new Set([...closedIds, ...removedTouches.map((t) => t.dealId)])],
  }
}
