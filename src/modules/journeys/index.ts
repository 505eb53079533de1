// Journeys: customer accounts, deals, and every partner and seller touch on them — the facts
// attribution reads. May import: identity, partners, money, platform, db/client.
export * from './accounts.service'
export * from './activity-types.service'
export * from './deals.service'
export * from './journeys.contract'
export * from './journeys.events'
export { journeysRoutes } from './journeys.routes'
export * from './touchpoints.service'
