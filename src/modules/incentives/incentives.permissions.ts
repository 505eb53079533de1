// Who may read commissions, who writes plans, and who handles money.
import { definePermissions, roleSets } from '../identity'

export const incentivesPermissions = definePermissions({
  // a partner user reads only their own lines and balance
  'incentives.read': { roles: roleSets.everyone },
  'incentives.plans': { roles: ['owner', 'admin', 'finance'] },
  'incentives.finance': { roles: ['owner', 'admin', 'finance'] },
})
