// Disputes on the wire: a partner's claim, its thread with evidence, and staff's answer.
import { z } from 'zod'
import { entityId, moneyView, timestamp } from '../../../platform/platform.contract'

const evidence = z
  .array(z.url({ protocol: /^https?$/ }).max(2000))
  .max(10)
  .default([])
  .describe('Links to evidence: an email, a meeting note, a shared document')

export const openDisputeInput = z
  .object({
    entryId: entityId.optional().describe('The commission line disputed'),
    dealId: entityId.optional().describe('Or a deal the partner believes they touched'),
    partnerId: entityId
      .optional()
      .describe('Staff opening one for a partner; a partner user opens their own'),
    subject: z.string().trim().min(1).max(200),
    message: z.string().trim().min(1).max(10_000),
    evidence,
  })
  .strict()
  .refine((d) => (d.entryId === undefined) !== (d.dealId === undefined), {
    message: 'give entryId or dealId',
    path: ['entryId'],
  })
  .meta({ id: 'NewDispute' })
export type OpenDisputeInput = z.infer<typeof openDisputeInput>

export const disputeMessageInput = z
  .object({ message: z.string().trim().min(1).max(10_000), evidence })
  .strict()
export type DisputeMessageInput = z.infer<typeof disputeMessageInput>

export const resolveDisputeInput = z
  .object({
    outcome: z
      .enum(['adjusted', 'resolved', 'denied'])
      .describe(
        'adjusted posts an adjustment to the ledger; resolved closes it (credit was put right); denied says no',
      ),
    reason: z.string().trim().min(1).max(2000),
    adjustmentMinor: z
      .string()
      .regex(/^-?\d{1,15}$/, 'must be a whole number of minor units, such as 2500 or -2500')
      .optional()
      .describe('With adjusted: the amount posted, signed, in the partner’s currency'),
  })
  .strict()
export type ResolveDisputeInput = z.infer<typeof resolveDisputeInput>

export const disputeView = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    partnerName: z.string(),
    entryId: z.string().nullable(),
    dealId: z.string(),
    subject: z.string(),
    status: z.enum(['open', 'adjusted', 'resolved', 'denied']),
    openedBy: z.string(),
    openedAt: timestamp,
    dueAt: timestamp,
    isOverdue: z.boolean(),
    closedBy: z.string().nullable(),
    closedAt: timestamp.nullable(),
    resolution: z.string().nullable(),
    /** The partner's currency: an adjustment is posted in it. */
    currency: z.string(),
    adjustment: moneyView.nullable(),
    messages: z.array(
      z.object({
        id: z.string(),
        author: z.string(),
        side: z.enum(['partner', 'staff']),
        message: z.string(),
        evidence: z.array(z.string()),
        createdAt: timestamp,
      }),
    ),
  })
  .meta({ id: 'Dispute' })
export type DisputeView = z.infer<typeof disputeView>
export const disputeList = z.object({ items: z.array(disputeView.omit({ messages: true })) })
export const disputeQuery = z.object({
  status: z.enum(['open', 'adjusted', 'resolved', 'denied']).optional(),
})
