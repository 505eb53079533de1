// Journeys: customer accounts, deals, and every partner and seller touch on them — the facts
// attribution reads. May import: identity, partners, money, platform, db/client.
import type { ModuleDescriptor } from '../../platform/module'
import { exportJourneysCommand } from './export.command'
import { importCommand } from './import.command'
import { importsRoutes } from './imports.routes'
import { journeyEvents } from './journeys.events'
import { journeysPermissions } from './journeys.permissions'
import { journeysRoutes } from './journeys.routes'
import { journeyIds } from './journeys.tables'

export {
  type AccountMatchFact,
  findAccountMatches,
  type OpenDealFact,
  readPartnerActivityAfter,
} from './account-matches.service'
export {
  type AccountStanding,
  type AccountStatusFact,
  readAccountStatuses,
} from './account-statuses.service'
export { upsertAccount } from './accounts.service'
export { readActivityLabels } from './activity-types.service'
export {
  type BilledAccount,
  type BilledDeal,
  countFromSource,
  findBilledAccount,
  findBilledDeal,
  refundedFromSource,
} from './billing-lookups.service'
export {
  type AccountRow,
  type BulkFacts,
  bulkLoadFacts,
  type DealRow,
  type TouchpointRow,
} from './bulk-load.service'
export {
  type ContestedAccount,
  type ContestedPartner,
  readContestedAccounts,
} from './contested-accounts.service'
export { type DealFacts, readDealFacts } from './deal-facts.service'
export {
  type ClosingHistory,
  type OpenDealPlan,
  readClosingHistory,
  readOpenDealPlans,
} from './deal-plans.service'
export { findDealNames, getDeal, listDeals, upsertDeal } from './deals.service'
export { exportJourneys, toJourneyLine } from './export.command'
export { commitImport, commitStaged, maxAnnouncedDeals, rehearseImport } from './import-commit.service'
export { stageRecords } from './import-stage.service'
export {
  type ImportKind,
  type ImportMapping,
  type ImportView,
  importKind,
  importKinds,
  importMapping,
} from './imports.contract'
export {
  discardImport,
  forgetImport,
  getImport,
  savedMapping,
  saveMapping,
  startImport,
} from './imports.service'
export {
  countJourneys,
  listDescendantDealIds,
  listJourneyIds,
  listRecentDeals,
  readJourneyFacts,
  readJourneyFactsPage,
} from './journey-facts.service'
export {
  type DealStatus,
  type DealType,
  type DealView,
  dealStatuses,
  dealTypes,
  type TouchpointView,
} from './journeys.contract'
export type { JourneyEventType } from './journeys.events'
export {
  countPartnerTouches,
  type PartnerActivity,
  readPartnerActivity,
  readPartnerWinRate,
} from './partner-activity.service'
export type { RevenueFact } from './revenue-events.service'
export { recordRevenueEvent } from './revenue-events.service'
export { type ChurnFact, type ClosedDealFact, readRevenueHistory } from './revenue-history.service'
export { type Likeness, readSimilarClosedDeals, type SimilarDeals } from './similar-deals.service'
export type { SourceRemovals } from './source-removals.service'
export { listDealTimeline, recordTouchpoint } from './touchpoints.service'
export { journeyEvents, journeyIds, journeysPermissions }

export const journeysModule: ModuleDescriptor = {
  name: 'journeys',
  routes(app, deps) {
    journeysRoutes(app, deps)
    importsRoutes(app, deps)
  },
  permissions: journeysPermissions.table,
  idPrefixes: journeyIds.prefixes,
  events: journeyEvents.types,
  commands: [exportJourneysCommand, importCommand],
}
