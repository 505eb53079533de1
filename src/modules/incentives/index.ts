// Incentives: commission plans and SPIFs, the commission ledger worked out from credit under the
// paying model, balances and payouts. May import: identity, partners, journeys, credits, attribution,
// money, platform, db/client.
import type { ModuleDescriptor } from '../../platform/module'
import { disputeIds } from './disputes/disputes.tables'
import { incentiveEvents } from './incentives.events'
import { incentivesPermissions } from './incentives.permissions'
import { incentivesRoutes } from './incentives.routes'
import { incentivesSubscribers } from './incentives.subscribers'
import { incentiveIds } from './incentives.tables'
import { payoutJobs } from './payouts/payout-jobs'
import { payoutIds } from './payouts/payouts.tables'
import { runStaleSyncs, runSync, syncJob } from './sync.service'
import { taxIds } from './tax/tax.tables'

export { countOpenDisputes } from './disputes/dispute-counts.service'
export { openDispute } from './disputes/disputes.service'
export { syncPartners } from './ledger.service'
export { type CommissionSums, sumPartnerCommissions } from './ledger-read.service'
export { createPlan } from './plans.service'
export { partnersWithTaxFormOnFile } from './tax/tax.service'
export { incentiveEvents, incentivesPermissions }

export const incentivesModule: ModuleDescriptor = {
  name: 'incentives',
  routes: incentivesRoutes,
  subscribers: incentivesSubscribers,
  jobs: [
    {
      name: syncJob,
      run: async (deps, data) => {
        await runSync(deps.db, String(data.orgId), String(data.syncId), deps.clock)
      },
    },
    {
      name: 'incentives.sync-sweep',
      cron: '* * * * *',
      run: async (deps) => {
        await runStaleSyncs(deps.db, deps.clock)
      },
    },
    ...payoutJobs,
  ],
  permissions: incentivesPermissions.table,
  idPrefixes: { ...incentiveIds.prefixes, ...payoutIds.prefixes, ...taxIds.prefixes, ...disputeIds.prefixes },
  events: incentiveEvents.types,
}
