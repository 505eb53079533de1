// Who may read commissions, who writes plans, and who handles money.
import { definePermissions, roleSets } from '../identity'

export const incentivesPermissions = definePermissions({
  // a partner user reads only their own lines and balance
  'incentives.read': { roles: roleSets.everyone },
  'incentives.plans': { roles: ['owner', 'admin', 'finance'] },
  'incentives.finance': { roles: ['owner', 'admin', 'finance'] },
  // a partner user submits and reads only their own tax forms; staff may record one for a partner
  'incentives.tax_submit': { roles: ['owner', 'admin', 'finance', 'partner_admin', 'partner_member'] },
  'incentives.tax_read': { roles: ['owner', 'admin', 'finance', 'partner_admin', 'partner_member'] },
  // approving forms, thresholds and the year-end 1099-NEC report
  'incentives.tax_review': { roles: ['owner', 'admin', 'finance'] },
})
