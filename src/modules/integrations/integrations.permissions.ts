// Who works with integrations: owners and admins manage webhook endpoints (and replay deliveries) and
// connect, sync and map CRM and billing connectors; every staff role may read them, their delivery
// log and their sync runs.
import { definePermissions, roleSets } from '../identity'

export const integrationsPermissions = definePermissions({
  'webhooks.read': { roles: roleSets.staff },
  'webhooks.manage': { roles: roleSets.admins },
  'connectors.read': { roles: roleSets.staff },
  'connectors.manage': { roles: roleSets.admins },
})
