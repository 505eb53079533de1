// Territory routing, shared by deal registrations and leads: the owner of the most specific active
// territory that takes an account, the reason in words, and every territory that takes it.
import type { Db } from '../../db/client'
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
