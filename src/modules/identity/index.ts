// Identity: orgs, users and roles, sessions, invitations, API keys, permissions.
// May import: platform, db/client. Every later module checks permissions through here.
export * from './api-keys.service'
export * from './identity.contract'
export { identityRoutes, sessionCookie } from './identity.routes'
export * from './invitations.service'
export * from './permissions'
export * from './sessions.service'
export * from './users.service'
