// What partners publishes: a partner's creation, changes to its profile, and its status moves.
import { z } from 'zod'
import { defineEvents } from '../../platform/events'
import { partnerStatus, partnerType } from './partners.contract'

export const partnerEvents = defineEvents({
  'partner.created': z.object({
    partnerId: z.string(),
    type: partnerType,
    status: partnerStatus,
    parentId: z.string().nullable(),
  }),
  'partner.changed': z.object({ partnerId: z.string(), fields: z.array(z.string()) }),
  'partner.status_changed': z.object({
    partnerId: z.string(),
    from: partnerStatus,
    to: partnerStatus,
  }),
})
