// Territory routing, shared by deal registrations and leads: the owner of the most specific active
// territory that takes an account, the reason in words, every territory that takes it, and the list
// filter by who a record went to.
import { type Column, eq, isNull, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import type { Scope } from '../../platform/scope'
import { matchAccountTerritories, type TerritoryRoute } from '../programs'

/** Where a record is routed: its owner, the territory and why; all null when no territory took it. */
export interface TerritoryRouting {
  assignedTo: string | null
  territoryId: string | null
  routingReason: string | null
}

export type RoutedAccountFacts = Parameters<typeof matchAccountTerritories>[2]

/**
 * The owner of the most specific active territory that takes the account ("routed to the DACH
 * territory: country DE, industry Software"), with every match, most specific first. None matching
 * leaves it unassigned, with no reason.
 */
export async function routeByTerritory(
  db: Db,
  orgId: string,
  account: RoutedAccountFacts,
): Promise<{ routing: TerritoryRouting; matches: TerritoryRoute[] }> {
  const matches = await matchAccountTerritories(db, orgId, account)
  const [best] = matches
  const routing = best
    ? {
        assignedTo: best.ownerUserId,
        territoryId: best.territoryId,
        routingReason: `routed to the ${best.territoryName} territory: ${best.reason}`,
      }
    : { assignedTo: null, territoryId: null, routingReason: null }
  return { routing, matches }
}

/** Whether routing again changes anything: the same owner through the same territory does not. */
export const isSameRouting = (a: TerritoryRouting, b: TerritoryRouting): boolean =>
  a.assignedTo === b.assignedTo && a.territoryId === b.territoryId

/** A list's assignee filter: "me" the caller's own, "none" those nobody has, or a staff user's id. */
export function assigneeCondition(
  scope: Scope,
  column: Column,
  assignedTo: string | undefined,
): SQL | undefined {
  if (assignedTo === undefined) return undefined
  if (assignedTo === 'none') return isNull(column)
  const userId = assignedTo === 'me' ? (scope.actor.type === 'user' ? scope.actor.id : null) : assignedTo
  return userId === null ? sql`false` : eq(column, userId)
}
