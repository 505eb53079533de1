// What incentives publishes: a plan's terms changed, a partner's commission lines moved, and a partner's
// tax form was submitted, approved or rejected.
import { z } from 'zod'
import { defineEvents } from '../../platform/events'

export const incentiveEvents = defineEvents({
  'commission_plan.changed': z.object({ planId: z.string(), version: z.number().int() }),
  'commission.sync_requested': z.object({ syncId: z.string() }),
  /** Entries were posted for a partner: new lines, reversals and reposts, with the net per currency. */
  'commission.posted': z.object({
    partnerId: z.string(),
    dealIds: z.array(z.string()),
    entries: z.number().int(),
    net: z.array(z.object({ currency: z.string(), amountMinor: z.string() })),
  }),
  'payout_batch.changed': z.object({ batchId: z.string(), status: z.string() }),
  'dispute.changed': z.object({ disputeId: z.string(), partnerId: z.string(), status: z.string() }),
  'tax_form.changed': z.object({
    formId: z.string(),
    partnerId: z.string(),
    status: z.enum(['submitted', 'approved', 'rejected']),
  }),
  'payout.changed': z.object({ payoutId: z.string(), partnerId: z.string(), status: z.string() }),
})
