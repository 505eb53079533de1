// Revenue: deal registration — partners' claims on opportunities, conflicts with other partners'
// claims and open deals, the review workflow with SLA and protection, and the deal and registration
// touch an approval makes in journeys (ADR 0013); leads, routed by the same territories to the staff user
// who works them, converted into deals or disqualified; forecasts and the partner pipeline valued by
// attributed credit and win chance, the waterfall of partner-attributed recurring revenue, and account
// overlap with partners' lists kept as keyed hashes; channel conflicts on accounts several partners work;
// the partners who win deals like a given one; partners' quarterly goals with the chance of reaching them.
// May import: identity, partners, journeys, credits, incentives, programs, attribution, money,
// platform, db/client.
import type { ModuleDescriptor } from '../../platform/module'
import { channelConflictRoutes } from './conflicts/channel-conflicts.routes'
import { forecastRoutes } from './forecast/forecast.routes'
import { goalRoutes } from './goals/goals.routes'
import { goalIds } from './goals/goals.tables'
import { leadsRoutes } from './leads/leads.routes'
import { leadIds } from './leads/leads.tables'
import { overlapRoutes } from './overlap/overlap.routes'
import { partnerRecommendationRoutes } from './recommendations/partner-recommendations.routes'
import { registrationsRoutes } from './registrations/registrations.routes'
import { registrationIds } from './registrations/registrations.tables'
import { expireJob, expireRegistrations } from './registrations/review.service'
import { revenueEvents } from './revenue.events'
import { revenuePermissions } from './revenue.permissions'
import { revenueSubscribers } from './revenue.subscribers'
import { waterfallRoutes } from './waterfall/waterfall.routes'

export { setStageProbabilities } from './forecast/stage-probabilities.service'
export { setGoal } from './goals/goals.service'
export { assignLead, changeLeadStatus, rerouteLead } from './leads/lead-actions.service'
export { createLead } from './leads/leads.service'
export { uploadOverlapList } from './overlap/overlap.service'
export { submitRegistration } from './registrations/registrations.service'
export {
  approveRegistration,
  rejectRegistration,
  requestRegistrationInfo,
} from './registrations/review.service'
export { revenueEvents, revenuePermissions }

export const revenueModule: ModuleDescriptor = {
  name: 'revenue',
  routes(app, deps) {
    registrationsRoutes(app, deps)
    leadsRoutes(app, deps)
    forecastRoutes(app, deps)
    waterfallRoutes(app, deps)
    overlapRoutes(app, deps)
    channelConflictRoutes(app, deps)
    partnerRecommendationRoutes(app, deps)
    goalRoutes(app, deps)
  },
  subscribers: revenueSubscribers,
  jobs: [
    {
      // an approval's protection ends with time alone
      name: expireJob,
      cron: '7 * * * *',
      run: async (deps) => {
        await expireRegistrations(deps.db, deps)
      },
    },
  ],
  permissions: revenuePermissions.table,
  idPrefixes: { ...registrationIds.prefixes, ...leadIds.prefixes, ...goalIds.prefixes },
  events: revenueEvents.types,
}
