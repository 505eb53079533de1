// Credits: attribution in the platform — model settings with versions, immutable runs and their
// explained credits, live re-attribution and org-wide recomputes. May import: identity, partners,
// journeys, attribution, money, platform, db/client.
import type { ModuleDescriptor } from '../../platform/module'
import { creditEvents } from './credits.events'
import { creditsPermissions } from './credits.permissions'
import { creditsRoutes } from './credits.routes'
import { creditsSubscribers } from './credits.subscribers'
import { creditIds } from './credits.tables'
import { recomputeJob, runRecompute, runStaleRecomputes } from './recompute.service'
import { retrainLearnedModels } from './training.service'

export { attributeDeals, type CreditChange } from './attribute.service'
export type { DealAttributionView, ModelView } from './credits.contract'
export { viewCreditChange } from './credits-live.service'
export { compareModels, getAttributedTotals, getDealAttribution, modelFor } from './credits-read.service'
export {
  type DealCreditFilter,
  type DealPartnerCredit,
  readDealPartnerCredits,
} from './deal-partner-credit.service'
export { canConvert, ratesInForce } from './fx.service'
export { ensureModels, readModels } from './models.service'
export {
  type PartnerModelFigures,
  type PartnerTopDeal,
  readPartnerModelFigures,
  readPartnerTopDeals,
} from './partner-review.service'
export {
  creditsFromBook,
  type PayingCreditBook,
  type PayingSumBook,
  readPayingCreditBook,
  readPayingSumBook,
  sumsFromBook,
} from './paying-books.service'
export {
  listPaidPartners,
  type PayingCredit,
  type PayingCreditSum,
  readPayingCredits,
  sumPayingCredits,
} from './paying-credits.service'
export { queueRecompute, runRecompute } from './recompute.service'
export { retrainLearnedModels } from './training.service'
export { type SimulatedCredit, type SimulatedTouch, simulateTouch } from './what-if.service'
export { readWinChances, type WinChance } from './win-chance.service'
export { creditEvents, creditsPermissions }

export const creditsModule: ModuleDescriptor = {
  name: 'credits',
  routes: creditsRoutes,
  subscribers: creditsSubscribers,
  jobs: [
    {
      name: recomputeJob,
      run: async (deps, data) => {
        await runRecompute(deps.db, String(data.orgId), String(data.jobId), deps.clock)
      },
    },
    {
      name: 'credits.recompute-sweep',
      cron: '* * * * *',
      run: async (deps) => {
        await runStaleRecomputes(deps.db, deps.clock)
      },
    },
    {
      // learned models (markov, shapley, ai) learn again each night from newly closed deals
      name: 'credits.retrain-learned',
      cron: '20 3 * * *',
      run: async (deps) => {
        await retrainLearnedModels(deps.db, deps.clock)
      },
    },
  ],
  permissions: creditsPermissions.table,
  idPrefixes: creditIds.prefixes,
  events: creditEvents.types,
}
