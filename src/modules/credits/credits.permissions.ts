// Who may read credit and who may change how it is computed.
import { definePermissions, roleSets } from '../identity'

export const creditsPermissions = definePermissions({
  'credits.read': { roles: roleSets.everyone },
  'credits.settings': { roles: roleSets.admins },
  'credits.dashboard': { roles: roleSets.staff },
  // a preview shows every actor's credit on the org's deals: staff only, never a partner user
  'credits.preview': { roles: roleSets.staff },
})
