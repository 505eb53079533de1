// Who works with integrations: owners and admins manage webhook endpoints and replay deliveries;
// every staff role may read them and their delivery log.
import { definePermissions, roleSets } from '../identity'

export const integrationsPermissions = definePermissions({
  'webhooks.read': { roles: roleSets.staff },
  'webhooks.manage': { roles: roleSets.admins },
})
