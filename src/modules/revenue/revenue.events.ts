// What revenue publishes: a deal registration was submitted, and a registration's status changed
// (approved, rejected, info requested, answered, extended, expired); a lead was created, routed to
// someone else (again by territory, or by hand), or moved along its workflow; the stage probabilities
// forecasts use were changed; a channel conflict was decided.
import { z } from 'zod'
import { defineEvents } from '../../platform/events'
import { leadStatus } from './leads/leads.contract'
import { registrationStatus } from './registrations/registrations.contract'

const leadRouting = {
  leadId: z.string(),
  assignedTo: z.string().nullable(),
  territoryId: z.string().nullable(),
}

export const revenueEvents = defineEvents({
  'registration.submitted': z.object({ registrationId: z.string(), partnerId: z.string() }),
  'registration.changed': z.object({
    registrationId: z.string(),
    partnerId: z.string(),
    status: registrationStatus,
    from: registrationStatus,
    dealId: z.string().nullable(),
  }),
  'lead.created': z.object(leadRouting),
  'lead.routed': z.object({
    ...leadRouting,
    fromAssignedTo: z.string().nullable(),
    how: z.enum(['territory', 'hand']),
  }),
  'lead.status_changed': z.object({
    leadId: z.string(),
    status: leadStatus,
    from: leadStatus,
    dealId: z.string().nullable(),
  }),
  // the win chance of pipeline stages changed: forecasts weigh deals anew
  'forecast.stage_probabilities_changed': z.object({ stages: z.number().int() }),
  // staff decided who owns an account several partners work (or that it is no conflict)
  'channel_conflict.decided': z.object({
    key: z.string(),
    outcome: z.enum(['owner', 'dismissed']),
    ownerPartnerId: z.string().nullable(),
    partnerIds: z.array(z.string()),
  }),
})
