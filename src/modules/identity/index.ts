// Identity: orgs, users and roles, sessions, invitations, API keys, permissions.
// May import: platform, db/client. Every later module checks permissions through here.
import type { ModuleDescriptor } from '../../platform/module'
import { identityRoutes } from './identity.routes'
import { identityIds } from './identity.tables'
import { identityPermissions } from './permissions'
import { createUserCommand } from './users.command'

export { authenticateApiKey } from './api-keys.service'
export { mailBrand } from './branding.service'
export {
  isPartnerRole,
  type MeView,
  partnerRoles,
  type Role,
  roles,
  staffRoles,
  type UserView,
} from './identity.contract'
export { definePermissions, type Grant, isPartnerScope, type Permissions, roleSets } from './permissions'
export { sessionCookie } from './session-cookie'
export { authenticateSession, csrfMatches } from './sessions.service'
export {
  createOrg,
  createUser,
  findOrgBySlug,
  findPartnerAdmins,
  findStaffUsers,
  findUserEmail,
  findUsers,
  getOrg,
  type IdentityDeps,
  readReportingCurrency,
} from './users.service'
export { identityPermissions }

export const identityModule: ModuleDescriptor = {
  name: 'identity',
  routes: identityRoutes,
  permissions: identityPermissions.table,
  idPrefixes: identityIds.prefixes,
  commands: [createUserCommand],
}
