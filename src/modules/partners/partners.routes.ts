// Partner routes: thin — parse, call the service, return.
import { type App, scopeOf } from '../../platform/http'
import type { ModuleDeps } from '../../platform/module'
import { idParam } from '../../platform/platform.contract'
import {
  changePartnerStatusInput,
  createPartnerInput,
  listPartnersQuery,
  partnerCountsView,
  partnerHistoryView,
  partnerPage,
  partnerView,
  updatePartnerInput,
} from './partners.contract'
import {
  changePartnerStatus,
  countPartners,
  createPartner,
  getPartner,
  listPartnerHistory,
  listPartners,
  updatePartner,
} from './partners.service'

export function partnersRoutes(app: App, deps: ModuleDeps) {
  const tags = ['partners']
  const { db } = deps

  // GET /partners — filter by type, status, tag, parent; search by name, domain, tag
  app.get(
    '/partners',
    {
      schema: {
        summary: 'List partners',
        description:
          'Partners, newest first, filtered by type, status, tag or parent, and searched by name, domain and tag. Cursor-paginated.',
        tags,
        querystring: listPartnersQuery,
        response: { 200: partnerPage },
      },
    },
    (req) => listPartners(db, scopeOf(req), req.query),
  )

  // GET /partners/summary — counts by type and status
  app.get(
    '/partners/summary',
    {
      schema: {
        summary: 'Count partners',
        description:
          'How many partners the org has, by type and by status, counted on the server (a partner user counts only their own partner).',
        tags,
        response: { 200: partnerCountsView },
      },
    },
    (req) => countPartners(db, scopeOf(req)),
  )

  // POST /partners — add a partner
  app.post(
    '/partners',
    {
      schema: {
        summary: 'Add a partner',
        description:
          'Adds a partner with its contacts. With source and externalId, a second partner under the same reference is refused (409).',
        tags,
        body: createPartnerInput,
        response: { 201: partnerView },
      },
    },
    async (req, reply) => reply.code(201).send(await createPartner(db, scopeOf(req), req.body, deps)),
  )

  // GET /partners/:id
  app.get(
    '/partners/:id',
    {
      schema: {
        summary: 'Get a partner',
        description: 'A partner with its contacts and its parent, e.g. the distributor above a reseller.',
        tags,
        params: idParam,
        response: { 200: partnerView },
      },
    },
    (req) => getPartner(db, scopeOf(req), req.params.id),
  )

  // PATCH /partners/:id — edit fields; contacts, when given, replace the list
  app.patch(
    '/partners/:id',
    {
      schema: {
        summary: 'Change a partner',
        description:
          "Edits a partner's fields (audited); contacts, when given, replace the list. A parent that would make a cycle is refused.",
        tags,
        params: idParam,
        body: updatePartnerInput,
        response: { 200: partnerView },
      },
    },
    (req) => updatePartner(db, scopeOf(req), req.params.id, req.body, deps),
  )

  // POST /partners/:id/status — move through the lifecycle (audited)
  app.post(
    '/partners/:id/status',
    {
      schema: {
        summary: "Move a partner's status",
        description:
          'Moves a partner through its lifecycle (invited → onboarding → active → suspended → churned) with a reason; each move is audited and kept in the history.',
        tags,
        params: idParam,
        body: changePartnerStatusInput,
        response: { 200: partnerView },
      },
    },
    (req) => changePartnerStatus(db, scopeOf(req), req.params.id, req.body, deps),
  )

  // GET /partners/:id/history — status changes, oldest first
  app.get(
    '/partners/:id/history',
    {
      schema: {
        summary: "A partner's status history",
        description: 'Every status change of the partner, oldest first, with who made it and why.',
        tags,
        params: idParam,
        response: { 200: partnerHistoryView },
      },
    },
    (req) => listPartnerHistory(db, scopeOf(req), req.params.id),
  )
}
