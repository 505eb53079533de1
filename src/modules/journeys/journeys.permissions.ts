// Who may read and record accounts, deals and touches.
import { definePermissions, roleSets } from '../identity'

export const journeysPermissions = definePermissions({
  'journeys.read': { roles: roleSets.everyone },
  'journeys.write': { roles: roleSets.managers },
  /** Refunds and churn move commission: managers and finance record them. */
  'journeys.revenue': { roles: [...roleSets.managers, 'finance'] },
})
