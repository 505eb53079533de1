// Who follows the portal's live feed: the partner's own people (staff follow credit on /attribution/live).
import { definePermissions } from '../identity'

export const portalPermissions = definePermissions({
  'portal.live': { roles: ['partner_admin', 'partner_member'] },
})
