// What journeys publishes. Later modules (credits first) subscribe to these to recompute credit.
import { z } from 'zod'
import { defineEvents } from '../../platform/events'
import { dealStatus, revenueEventKind } from './journeys.contract'

export const journeyEvents = defineEvents({
  'account.changed': z.object({ accountId: z.string() }),
  'deal.created': z.object({ dealId: z.string(), status: dealStatus }),
  'deal.changed': z.object({
    dealId: z.string(),
    status: dealStatus,
    previousStatus: dealStatus,
    changed: z.array(z.string()).describe('The fields that changed'),
  }),
  'deal.revenue_recorded': z.object({
    dealId: z.string(),
    eventId: z.string(),
    kind: revenueEventKind.describe('refund or churn'),
  }),
  'touchpoint.recorded': z.object({
    dealId: z.string(),
    touchpointId: z.string(),
    partnerId: z.string().nullable(),
    activityType: z.string(),
    previousDealId: z.string().optional().describe('Set when an import moved the touch to another deal'),
  }),
  'touchpoint.removed': z.object({
    dealId: z.string(),
    touchpointId: z.string(),
    partnerId: z.string().nullable(),
  }),
  /**
   * Facts were written in bulk without an event per row (the demo seed, a bulk import): subscribers
   * recompute everything they derive for the org.
   */
  'facts.bulk_loaded': z.object({
    reason: z.string(),
    counts: z.record(z.string(), z.number().int()),
    dealIds: z
      .array(z.string())
      .optional()
      .describe('Set when the load changed few deals: only these need their credit worked out again'),
  }),
})

export type JourneyEventType = (typeof journeyEvents.types)[number]
