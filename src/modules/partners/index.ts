// Partners: the companies that resell, refer, distribute and integrate; their lifecycle and contacts.
// May import: identity, platform, db/client.
import type { ModuleDescriptor } from '../../platform/module'
import { partnerEvents } from './partners.events'
import { partnersPermissions } from './partners.permissions'
import { partnersRoutes } from './partners.routes'
import { partnerIds } from './partners.tables'

export {
  findPartnerName,
  findPartners,
  type PartnerFacts,
  pagePartnerIds,
  partnerLineage,
  partnerReferences,
  partnersMatchingQuery,
  readPartnerFacts,
  readPartnerProfiles,
} from './partner-lookups.service'
export { pageOrgsWithPartners } from './partner-orgs.service'
export {
  type CreatePartnerInput,
  type PartnerStatus,
  type PartnerType,
  type PartnerView,
  partnerStatuses,
  partnerTypes,
} from './partners.contract'
export { activatePartner, createPartner, getPartner, setPartnerTiers } from './partners.service'
export { partnerEvents, partnersPermissions }

export const partnersModule: ModuleDescriptor = {
  name: 'partners',
  routes: partnersRoutes,
  permissions: partnersPermissions.table,
  idPrefixes: partnerIds.prefixes,
  events: partnerEvents.types,
}
