// Who may read and change partners.
import { definePermissions, roleSets } from '../identity'

export const partnersPermissions = definePermissions({
  'partners.read': { roles: roleSets.everyone },
  'partners.write': { roles: roleSets.managers },
})
