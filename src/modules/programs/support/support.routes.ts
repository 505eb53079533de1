// Support ticket routes: the inbox with its counts, a ticket with its thread, opening, replying, internal
// notes, moving a ticket, files on messages up and down, and the SLA settings. Thin: parse, call, return.
import type { App } from '../../../platform/http'
import { scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { idParam } from '../../../platform/platform.contract'
import { downloadAttachment, uploadAttachment } from './attachments.service'
import {
  attachmentParams,
  attachmentView,
  maxAttachmentBytes,
  openTicketInput,
  supportSettings,
  supportSettingsView,
  ticketCountsView,
  ticketListQuery,
  ticketMessageInput,
  ticketPage,
  ticketView,
  updateTicketInput,
  uploadAttachmentInput,
} from './support.contract'
import { countTickets, getTicket, listTickets } from './support-reads'
import { attachmentDisposition } from './support-rules'
import { getSupportSettings, updateSupportSettings } from './support-settings.service'
import { addInternalNote, openTicket, replyToTicket, updateTicket } from './tickets.service'

export function supportRoutes(app: App, deps: ModuleDeps) {
  const tags = ['support']
  const { db, clock } = deps

  app.get(
    '/programs/support/tickets',
    {
      schema: {
        summary: 'List support tickets (the inbox)',
        description:
          'Tickets with their status, priority and SLA standing, filtered by status (or active), priority, partner, assignee (or none) and SLA (due_soon, breached), most recent activity first by default. A partner user sees only their own partner’s tickets.',
        tags,
        querystring: ticketListQuery,
        response: { 200: ticketPage },
      },
    },
    (req) => listTickets(db, scopeOf(req), req.query, clock),
  )

  app.get(
    '/programs/support/tickets/counts',
    {
      schema: {
        summary: 'Count support tickets for the inbox badges',
        description:
          'Tickets by status, and the active ones due soon, breached and unassigned, counted on the server. A partner user counts only their own partner’s tickets.',
        tags,
        response: { 200: ticketCountsView },
      },
    },
    (req) => countTickets(db, scopeOf(req), clock),
  )

  app.post(
    '/programs/support/tickets',
    {
      schema: {
        summary: 'Open a support ticket',
        description:
          'A partner user opens a ticket for their partner (partnerId left out or their own; another partner answers 422 on partnerId) with a subject, category, priority, optionally a deal, and the first message. Staff open one on behalf of a partner by naming partnerId (required): it starts waiting on the partner, with its resolution clock paused, and the partner’s admins are mailed. The first-response and resolution due times come from the org’s SLA targets; time waiting on the partner does not count toward the resolution.',
        tags,
        body: openTicketInput,
        response: { 201: ticketView },
      },
    },
    async (req, reply) => reply.code(201).send(await openTicket(db, scopeOf(req), req.body, deps)),
  )

  app.get(
    '/programs/support/tickets/:id',
    {
      schema: {
        summary: 'Get a support ticket with its thread',
        description:
          'The ticket, its SLA standing and every message with its files, oldest first. Staff also see internal notes; a partner user never does.',
        tags,
        params: idParam,
        response: { 200: ticketView },
      },
    },
    (req) => getTicket(db, scopeOf(req), req.params.id, clock),
  )

  app.patch(
    '/programs/support/tickets/:id',
    {
      schema: {
        summary: 'Change a ticket’s status, priority or assignee',
        description:
          'The partner team moves a ticket between open, pending on the partner, pending on the vendor, resolved and closed (final), changes its priority (the due times follow) or its owner. Audited; the partner is mailed when it is resolved or closed.',
        tags,
        params: idParam,
        body: updateTicketInput,
        response: { 200: ticketView },
      },
    },
    (req) => updateTicket(db, scopeOf(req), req.params.id, req.body, deps),
  )

  app.post(
    '/programs/support/tickets/:id/messages',
    {
      schema: {
        summary: 'Reply on a support ticket',
        description:
          'A message the other side reads, mailed to them. A partner’s reply puts the ticket back with the partner team and reopens a resolved one; staff’s first reply meets the first-response SLA. A closed ticket takes no replies.',
        tags,
        params: idParam,
        body: ticketMessageInput,
        response: { 200: ticketView },
      },
    },
    (req) => replyToTicket(db, scopeOf(req), req.params.id, req.body, deps),
  )

  app.post(
    '/programs/support/tickets/:id/notes',
    {
      schema: {
        summary: 'Add an internal note to a ticket',
        description:
          'A note for the partner team only: the partner never sees it, nor its files, and it changes neither the status nor the SLA.',
        tags,
        params: idParam,
        body: ticketMessageInput,
        response: { 200: ticketView },
      },
    },
    (req) => addInternalNote(db, scopeOf(req), req.params.id, req.body, deps),
  )

  app.post(
    '/programs/support/tickets/:id/messages/:messageId/attachments',
    {
      // a 10 MB file in base64 with room for the JSON around it
      bodyLimit: Math.ceil(maxAttachmentBytes / 3) * 4 + 64 * 1024,
      schema: {
        summary: 'Attach a file to a message of your own',
        description:
          'The file in base64 with its name and type: at most 10 MB, a PDF, image, text, CSV, JSON, zip or Office document. The name is made safe; the file is stored under its own id with its size and SHA-256.',
        tags,
        params: attachmentParams,
        body: uploadAttachmentInput,
        response: { 201: attachmentView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await uploadAttachment(db, scopeOf(req), req.params.id, req.params.messageId, req.body, deps)),
  )

  app.get(
    '/programs/support/attachments/:id',
    {
      schema: {
        summary: 'Download a file from a ticket',
        description:
          'The file as an attachment with its name and type. A partner user downloads only files on their own partner’s tickets, and never one on an internal note.',
        tags,
        params: idParam,
      },
    },
    async (req, reply) => {
      const file = await downloadAttachment(db, scopeOf(req), req.params.id, deps)
      return reply
        .type(file.contentType)
        .header('content-length', file.sizeBytes)
        .header('content-disposition', attachmentDisposition(file.name))
        .send(file.body)
    },
  )

  app.get(
    '/programs/support/settings',
    {
      schema: {
        summary: 'Get the support SLA settings',
        description:
          'First-response and resolution targets in hours for each priority, the warning hours before a due time, and the team address mailed when nobody owns a ticket — the defaults until the org saves its own.',
        tags,
        response: { 200: supportSettingsView },
      },
    },
    (req) => getSupportSettings(db, scopeOf(req)),
  )

  app.put(
    '/programs/support/settings',
    {
      schema: {
        summary: 'Change the support SLA settings',
        description:
          'Replaces the org’s SLA targets, warning hours and team address. Tickets opened from now on take the new targets (and a ticket whose priority changes); the change is audited.',
        tags,
        body: supportSettings,
        response: { 200: supportSettingsView },
      },
    },
    (req) => updateSupportSettings(db, scopeOf(req), req.body, clock),
  )
}
