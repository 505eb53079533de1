// Support tickets on the wire: the org's SLA targets, a ticket with its SLA standing and thread (internal
// notes only for staff), files on messages, the inbox list with its filters and the counts beside it.
import { z } from 'zod'
import { entityId, page, pageQuery, sortValues, timestamp } from '../../../platform/platform.contract'

export const ticketCategories = ['question', 'technical', 'commission', 'deal_registration', 'other'] as const
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const
export const ticketStatuses = ['open', 'pending_partner', 'pending_vendor', 'resolved', 'closed'] as const
/** Still waiting on someone: the SLA clocks run. */
export const activeTicketStatuses = ['open', 'pending_partner', 'pending_vendor'] as const
export const slaStates = ['on_track', 'due_soon', 'breached', 'met'] as const

export const ticketCategory = z.enum(ticketCategories)
export const ticketPriority = z.enum(ticketPriorities)
export const ticketStatus = z
  .enum(ticketStatuses)
  .describe(
    'open: new, nobody answered; pending_partner: waiting on the partner; pending_vendor: waiting on the partner team; resolved; closed (final)',
  )
export const slaState = z
  .enum(slaStates)
  .describe(
    'on_track; due_soon: a due time falls within the warning hours; breached: a due time passed unmet; met: resolved within both',
  )
export type TicketCategory = z.infer<typeof ticketCategory>
export type TicketPriority = z.infer<typeof ticketPriority>
export type TicketStatus = z.infer<typeof ticketStatus>
export type SlaState = z.infer<typeof slaState>

const hours = (what: string) =>
  z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .describe(what)

const target = z
  .object({
    firstResponseHours: hours('Hours from opening to the partner team’s first reply'),
    resolutionHours: hours('Hours from opening to resolved, not counting time spent waiting on the partner'),
  })
  .superRefine((t, ctx) => {
    if (t.resolutionHours < t.firstResponseHours)
      ctx.addIssue({
        code: 'custom',
        path: ['resolutionHours'],
        message: 'must not be less than firstResponseHours',
      })
  })

export const supportSettings = z
  .object({
    targets: z.object({ low: target, normal: target, high: target, urgent: target }),
    warnHours: z
      .number()
      .int()
      .min(0)
      .max(24 * 7)
      .describe('A ticket is due soon when a due time falls within this many hours'),
    teamEmail: z
      .email()
      .max(320)
      .nullable()
      .describe('Where partners’ tickets and replies are mailed when no one is assigned'),
  })
  .strict()
  .meta({ id: 'SupportSettings' })
export type SupportSettings = z.infer<typeof supportSettings>

export const supportSettingsView = z.object({
  settings: supportSettings,
  isDefault: z.boolean().describe('True while the org has not saved its own settings'),
  updatedAt: timestamp.nullable(),
})
export type SupportSettingsView = z.infer<typeof supportSettingsView>

const messageBody = z.string().trim().min(1).max(20_000)

export const openTicketInput = z
  .object({
    partnerId: entityId
      .optional()
      .describe('Staff opening one for a partner; a partner user opens their own'),
    subject: z.string().trim().min(1).max(200),
    category: ticketCategory,
    priority: ticketPriority.default('normal'),
    dealId: entityId.optional().describe('A deal the ticket is about'),
    message: messageBody,
  })
  .strict()
  .meta({ id: 'NewTicket' })
export type OpenTicketInput = z.infer<typeof openTicketInput>

export const ticketMessageInput = z.object({ message: messageBody }).strict()
export type TicketMessageInput = z.infer<typeof ticketMessageInput>

export const updateTicketInput = z
  .object({
    status: ticketStatus.optional(),
    priority: ticketPriority.optional().describe('The due times are worked out again from the opening'),
    assigneeId: entityId.nullable().optional().describe('A staff user, or null for nobody'),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: 'give at least one field to change',
  })
export type UpdateTicketInput = z.infer<typeof updateTicketInput>

/** 10 MB of file: its base64 is a third longer. */
export const maxAttachmentBytes = 10 * 1024 * 1024
export const attachmentContentTypes = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/zip',
  'application/json',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
] as const

export const uploadAttachmentInput = z
  .object({
    name: z.string().trim().min(1).max(255).describe('The file name; made safe before it is kept'),
    contentType: z
      .string()
      .max(200)
      .describe(`One of ${attachmentContentTypes.join(', ')}`),
    contentBase64: z
      .string()
      .max(Math.ceil(maxAttachmentBytes / 3) * 4)
      .describe('The file’s bytes in base64 (10 MB at most)'),
  })
  .strict()
  .meta({ id: 'NewTicketAttachment' })
export type UploadAttachmentInput = z.infer<typeof uploadAttachmentInput>

export const attachmentView = z
  .object({
    id: z.string(),
    messageId: z.string(),
    name: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    createdAt: timestamp,
  })
  .meta({ id: 'TicketAttachment' })
export type AttachmentView = z.infer<typeof attachmentView>

const slaClock = z.object({
  dueAt: timestamp,
  /** When it was met (the first staff reply, or resolved); null while it runs. */
  doneAt: timestamp.nullable(),
  isBreached: z.boolean(),
  /** Minutes left until due while it runs (negative once overdue); null once done. */
  remainingMinutes: z.number().int().nullable(),
})
export const ticketSlaView = z.object({
  state: slaState,
  isPaused: z
    .boolean()
    .describe(
      'True while the ticket waits on the partner: the resolution clock stands still, its minutes left frozen',
    ),
  pausedMinutes: z
    .number()
    .int()
    .describe('Minutes spent waiting on the partner so far, which the resolution due time does not count'),
  firstResponse: slaClock,
  resolution: slaClock,
})
export type TicketSlaView = z.infer<typeof ticketSlaView>

export const ticketSummaryView = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    partnerName: z.string(),
    subject: z.string(),
    category: ticketCategory,
    priority: ticketPriority,
    status: ticketStatus,
    dealId: z.string().nullable(),
    dealName: z.string().nullable(),
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    openedByName: z.string(),
    openedAt: timestamp,
    lastMessageAt: timestamp,
    resolvedAt: timestamp.nullable(),
    closedAt: timestamp.nullable(),
    sla: ticketSlaView,
  })
  .meta({ id: 'TicketSummary' })
export type TicketSummaryView = z.infer<typeof ticketSummaryView>

export const ticketMessageView = z.object({
  id: z.string(),
  side: z.enum(['partner', 'staff']),
  authorName: z.string(),
  isInternal: z.boolean().describe('A staff-only note; a partner never receives one'),
  message: z.string(),
  createdAt: timestamp,
  attachments: z.array(attachmentView),
})
export type TicketMessageView = z.infer<typeof ticketMessageView>

export const ticketView = ticketSummaryView
  .extend({ messages: z.array(ticketMessageView) })
  .meta({ id: 'Ticket' })
export type TicketView = z.infer<typeof ticketView>

export const ticketListQuery = pageQuery.extend({
  status: z
    .enum([...ticketStatuses, 'active'])
    .optional()
    .describe('A status, or active for open and pending ones'),
  priority: ticketPriority.optional(),
  partnerId: entityId.optional(),
  assigneeId: z
    .union([entityId, z.literal('none')])
    .optional()
    .describe('A staff user, or none for unassigned tickets'),
  sla: z.enum(['due_soon', 'breached']).optional(),
  sort: z
    .enum(sortValues(['lastMessageAt', 'openedAt', 'resolutionDueAt']))
    .default('-lastMessageAt')
    .describe('lastMessageAt, openedAt or resolutionDueAt; prefix - for newest (or latest) first'),
})
export type TicketListQuery = z.infer<typeof ticketListQuery>
export const ticketPage = page(ticketSummaryView)

export const ticketCountsView = z.object({
  byStatus: z.object(
    Object.fromEntries(ticketStatuses.map((s) => [s, z.number().int()])) as {
      [K in TicketStatus]: z.ZodNumber
    },
  ),
  active: z.number().int(),
  dueSoon: z.number().int(),
  breached: z.number().int().describe('Active tickets with a due time passed unmet'),
  unassigned: z.number().int().describe('Active tickets nobody owns'),
})
export type TicketCountsView = z.infer<typeof ticketCountsView>

export const attachmentParams = z.object({
  id: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be an id such as tkt_01h455vb4pex5vsknk084sn02q'),
  messageId: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be an id such as tkm_01h455vb4pex5vsknk084sn02q'),
})
