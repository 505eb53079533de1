// Partner routes: thin — parse, call the service, return.
import { type App, scopeOf } from '../../platform/http'
import type { ModuleDeps } from '../../platform/module'
import { idParam } from '../../platform/platform.contract'
import {
  changePartnerStatusInput,
  createPartnerInput,
  listPartnersQuery,
  partnerHistoryView,
  partnerPage,
  partnerView,
  updatePartnerInput,
} from './partners.contract'
import {
  changePartnerStatus,
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
    { schema: { tags, querystring: listPartnersQuery, response: { 200: partnerPage } } },
    (req) => listPartners(db, scopeOf(req), req.query),
  )

  // POST /partners — add a partner
  app.post(
    '/partners',
    { schema: { tags, body: createPartnerInput, response: { 201: partnerView } } },
    async (req, reply) => reply.code(201).send(await createPartner(db, scopeOf(req), req.body, deps)),
  )

  // GET /partners/:id
  app.get('/partners/:id', { schema: { tags, params: idParam, response: { 200: partnerView } } }, (req) =>
    getPartner(db, scopeOf(req), req.params.id),
  )

  // PATCH /partners/:id — edit fields; contacts, when given, replace the list
  app.patch(
    '/partners/:id',
    { schema: { tags, params: idParam, body: updatePartnerInput, response: { 200: partnerView } } },
    (req) => updatePartner(db, scopeOf(req), req.params.id, req.body, deps),
  )

  // POST /partners/:id/status — move through the lifecycle (audited)
  app.post(
    '/partners/:id/status',
    { schema: { tags, params: idParam, body: changePartnerStatusInput, response: { 200: partnerView } } },
    (req) => changePartnerStatus(db, scopeOf(req), req.params.id, req.body, deps),
  )

  // GET /partners/:id/history — status changes, oldest first
  app.get(
    '/partners/:id/history',
    { schema: { tags, params: idParam, response: { 200: partnerHistoryView } } },
    (req) => listPartnerHistory(db, scopeOf(req), req.params.id),
  )
}
