// Revenue reports (forecast, pipeline, waterfall) are the same for all the org's staff until its facts
// change: each is computed once per org and query, and served until the org publishes an event.
import type { Db } from '../../db/client'
import type { Clock } from '../../platform/clock'
import type { EventSignal } from '../../platform/event-signal'
import { createOrgCache } from '../../platform/org-cache'
import type { Scope } from '../../platform/scope'
import { revenuePermissions } from './revenue.permissions'

export function cachedReports(db: Db, signal: EventSignal) {
  const cache = createOrgCache<unknown>(db, signal)
  return <Query, View>(
    name: string,
    compute: (db: Db, scope: Scope, query: Query, clock: Clock) => Promise<View>,
  ) =>
    (scope: Scope, query: Query, clock: Clock): Promise<View> => {
      // asked before the cache: a hit never reaches someone who may not read it
      revenuePermissions.require(scope, 'forecast.read')
      return cache.get(scope.orgId, `${name}\u0000${JSON.stringify(query)}`, () =>
        compute(db, scope, query, clock),
      ) as Promise<View>
    }
}
