// Who may read, submit and decide deal registrations, and who reads and works leads.
import { definePermissions, partnerRoles, roleSets } from '../identity'

export const revenuePermissions = definePermissions({
  // a partner user reads only their own partner's registrations
  'registrations.read': { roles: roleSets.everyone },
  // partners register their opportunities; partner managers may register one for a partner
  'registrations.submit': { roles: [...roleSets.managers, ...partnerRoles] },
  'registrations.review': { roles: roleSets.managers },
  // leads are staff's: every staff role (and a read API key) reads them, never a partner user
  'leads.read': { roles: roleSets.staff },
  // creating, routing, assigning and moving leads along: partner managers, and read-write API keys
  'leads.write': { roles: roleSets.managers },
  // forecasts and the partner pipeline: every staff role, never a partner user (they span partners)
  'forecast.read': { roles: roleSets.staff },
  'forecast.settings': { roles: roleSets.managers },
  // account overlap: a partner user reads and shares only their own partner's list
  'overlap.read': { roles: roleSets.everyone },
  'overlap.write': { roles: [...roleSets.managers, ...partnerRoles] },
  'overlap.summary': { roles: roleSets.staff },
  // channel conflicts: staff read them, partner managers decide them
  'conflicts.read': { roles: roleSets.staff },
  'conflicts.decide': { roles: roleSets.managers },
  // goals: a partner user reads their own; partner managers set them
  'goals.read': { roles: roleSets.everyone },
  'goals.write': { roles: roleSets.managers },
})
