// What programs publishes: a partner's tier changed (with the reason in words), a proposal was made or
// decided, a ladder changed, an org-wide evaluation was asked for, and a person earned (or renewed) a
// certificate, a partner's health score moved or entered at risk, a partner completed an onboarding workflow's
// required steps and was activated, a support ticket was opened, replied to (never an internal note) or
// moved to another status, a quarterly business review was shared with its partner, and an org-wide
// review generation was asked for.
import { z } from 'zod'
import { defineEvents } from '../../platform/events'

export const programEvents = defineEvents({
  'tier.changed': z.object({
    partnerId: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    reason: z.string(),
  }),
  'tier_proposal.changed': z.object({
    proposalId: z.string(),
    partnerId: z.string(),
    status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
  }),
  'tier_ladder.changed': z.object({ ladderId: z.string(), version: z.number().int() }),
  'tier.evaluation_requested': z.object({ evaluationId: z.string() }),
  'certificate.issued': z.object({
    certificateId: z.string(),
    courseId: z.string(),
    userId: z.string(),
    partnerId: z.string().nullable(),
    expiresAt: z.string().nullable(),
    isRenewal: z.boolean(),
  }),
  'onboarding.completed': z.object({
    partnerId: z.string(),
    workflowId: z.string(),
    version: z.number().int(),
    /** The partner's status moved to active with it (it was onboarding or invited). */
    isStatusActivated: z.boolean(),
  }),
  /** A partner's health score or band moved when it was computed (a partner's first score included). */
  'health.changed': z.object({
    partnerId: z.string(),
    score: z.number().int().nullable(),
    band: z.enum(['healthy', 'watch', 'at_risk', 'unscored']),
    from: z.object({ score: z.number().int().nullable(), band: z.string() }).nullable(),
  }),
  /** A partner's health score fell into at risk (once per entry, not every day it stays there). */
  'health.at_risk': z.object({
    partnerId: z.string(),
    score: z.number().int(),
    from: z.enum(['healthy', 'watch', 'unscored']).nullable(),
    reasons: z.array(z.string()),
  }),
  'ticket.opened': z.object({
    ticketId: z.string(),
    partnerId: z.string(),
    category: z.string(),
    priority: z.string(),
    side: z.enum(['partner', 'staff']),
  }),
  /** A reply the other side can read: internal notes publish nothing. */
  'ticket.replied': z.object({
    ticketId: z.string(),
    partnerId: z.string(),
    side: z.enum(['partner', 'staff']),
  }),
  'ticket.status_changed': z.object({
    ticketId: z.string(),
    partnerId: z.string(),
    from: z.string(),
    to: z.string(),
  }),
  /** Staff shared a quarterly business review with the partner in the portal. */
  'qbr.shared': z.object({
    reviewId: z.string(),
    partnerId: z.string(),
    quarter: z.string(),
    version: z.number().int(),
  }),
  /** Staff asked for every active partner's review of a quarter (run in the background). */
  'qbr.run_requested': z.object({ runId: z.string(), quarter: z.string() }),
})
