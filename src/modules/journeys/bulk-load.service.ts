// Bulk loads (the demo seed, a large import) write rows without an event per row, then announce once
// that the org's facts changed in bulk, so subscribers recompute everything they derive for the org.
import { type Db, refreshStatistics } from '../../db/client'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import type { Scope } from '../../platform/scope'
import { journeyEvents } from './journeys.events'
import { journeysPermissions } from './journeys.permissions'
import { accounts, deals, touchpoints } from './journeys.tables'

export type AccountRow = typeof accounts.$inferInsert
export type DealRow = typeof deals.$inferInsert
export type TouchpointRow = typeof touchpoints.$inferInsert

export interface BulkFacts {
  accounts?: AccountRow[]
  deals?: DealRow[]
  touchpoints?: TouchpointRow[]
}

// stays well under PostgreSQL's 65,535 bind parameters per statement
const batchSize = 1000

async function insertInBatches<Row>(rows: Row[], insert: (batch: Row[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) await insert(rows.slice(i, i + batchSize))
}

/**
 * Inserts the rows in one transaction and publishes `facts.bulk_loaded` with the counts; then the
 * planner's statistics of the tables are refreshed, so what reads them next plans for their new size.
 */
export async function bulkLoadFacts(
  db: Db,
  scope: Scope,
  facts: BulkFacts,
  options: { reason: string; clock: Clock },
): Promise<void> {
  journeysPermissions.require(scope, 'journeys.write')
  const forOrg = <Row extends { orgId: string }>(rows: Row[] = []) =>
    rows.map((row) => ({ ...row, orgId: scope.orgId }))
  await db.transaction(async (tx) => {
    await insertInBatches(forOrg(facts.accounts), (batch) => tx.insert(accounts).values(batch))
    await insertInBatches(forOrg(facts.deals), (batch) => tx.insert(deals).values(batch))
    await insertInBatches(forOrg(facts.touchpoints), (batch) => tx.insert(touchpoints).values(batch))
    await publish(
      tx,
      scope,
      journeyEvents.event('facts.bulk_loaded', null, {
        reason: options.reason,
        counts: {
          accounts: facts.accounts?.length ?? 0,
          deals: facts.deals?.length ?? 0,
          touchpoints: facts.touchpoints?.length ?? 0,
        },
      }),
      options.clock,
    )
  })
  await refreshStatistics(db, ['accounts', 'deals', 'touchpoints'])
}
