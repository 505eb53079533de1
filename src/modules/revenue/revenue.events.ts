// What revenue publishes: a deal registration was submitted, and a registration's status changed
// (approved, rejected, info requested, answered, extended, expired).
import { z } from 'zod'
import { defineEvents } from '../../platform/events'
import { registrationStatus } from './registrations/registrations.contract'

export const revenueEvents = defineEvents({
  'registration.submitted': z.object({ registrationId: z.string(), partnerId: z.string() }),
  'registration.changed': z.object({
    registrationId: z.string(),
    partnerId: z.string(),
    status: registrationStatus,
    from: registrationStatus,
    dealId: z.string().nullable(),
  }),
})
