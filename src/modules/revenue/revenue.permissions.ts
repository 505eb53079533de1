// Who may read, submit and decide deal registrations.
import { definePermissions, partnerRoles, roleSets } from '../identity'

export const revenuePermissions = definePermissions({
  // a partner user reads only their own partner's registrations
  'registrations.read': { roles: roleSets.everyone },
  // partners register their opportunities; partner managers may register one for a partner
  'registrations.submit': { roles: [...roleSets.managers, ...partnerRoles] },
  'registrations.review': { roles: roleSets.managers },
})
