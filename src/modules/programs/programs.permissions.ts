// Who may read tiers and who runs the program: ladders, evaluations and proposal decisions.
import { definePermissions, roleSets } from '../identity'

export const programsPermissions = definePermissions({
  // a partner user reads only their own partner's tier, progress and history
  'programs.read': { roles: roleSets.everyone },
  'programs.manage': { roles: roleSets.managers },
})
