// Partners: the companies that resell, refer, distribute and integrate; their lifecycle and contacts.
// May import: identity, platform, db/client.
export * from './partners.contract'
export { partnersRoutes } from './partners.routes'
export * from './partners.service'
