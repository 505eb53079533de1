// Who may read credit and who may change how it is computed.
import { definePermissions, roleSets } from '../identity'

export const creditsPermissions = definePermissions({
  'credits.read': { roles: roleSets.everyone },
  'credits.settings': { roles: roleSets.admins },
  'credits.dashboard': { roles: roleSets.staff },
})
