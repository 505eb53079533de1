// Portal: what the partner portal needs beyond the modules whose pages it shows — the partner's live
// feed of their credit, commission, tier, health and onboarding. May import: identity, partners,
// journeys, credits, incentives, programs, revenue, attribution, money, platform, db/client.
import type { ModuleDescriptor } from '../../platform/module'
import { portalPermissions } from './portal.permissions'
import { portalRoutes } from './portal.routes'

export { portalPermissions }

export const portalModule: ModuleDescriptor = {
  name: 'portal',
  routes: portalRoutes,
  permissions: portalPermissions.table,
}
