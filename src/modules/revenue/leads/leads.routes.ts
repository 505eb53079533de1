// Lead routes: staff and integrations create leads, routed by territory; staff list and read them, route
// them again, assign them and move them along their workflow. Thin: parse, call, return.
import { type App, scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { idempotencyKeyHeader, idParam } from '../../../platform/platform.contract'
import { assignLead, changeLeadStatus, rerouteLead } from './lead-actions.service'
import {
  assignLeadInput,
  changeLeadStatusInput,
  createLeadInput,
  leadDetailView,
  leadPage,
  listLeadsQuery,
} from './leads.contract'
import { createLead, getLead, listLeads } from './leads.service'

export function leadsRoutes(app: App, deps: ModuleDeps) {
  const tags = ['leads']
  const { db, clock } = deps

  app.get(
    '/leads',
    {
      schema: {
        summary: 'List leads, newest first',
        description:
          'Filtered by status, by who works them (me, none for the unassigned, or a staff user’s id) and by a search in company names and domains; each carries its assignee and why it went to them. Staff only.',
        tags,
        querystring: listLeadsQuery,
        response: { 200: leadPage },
      },
    },
    (req) => listLeads(db, scopeOf(req), req.query),
  )

  // POST /leads — create; a replay with the same Idempotency-Key or source id answers 200 with the first
  app.post(
    '/leads',
    {
      schema: {
        summary: 'Create a lead routed by territory',
        description:
          'Routes the lead to the owner of the most specific active territory that takes its country, region, industry or domain, with the reason in words; unassigned, saying why, when none does. Honours Idempotency-Key, and the same source and external id again is the same lead: a replay answers 200 with the first.',
        tags,
        headers: idempotencyKeyHeader,
        body: createLeadInput,
        response: { 200: leadDetailView, 201: leadDetailView },
      },
    },
    async (req, reply) => {
      const { lead, created } = await createLead(
        db,
        scopeOf(req),
        req.body,
        clock,
        req.headers['idempotency-key'] ?? null,
      )
      return reply.code(created ? 201 : 200).send(lead)
    },
  )

  app.get(
    '/leads/:id',
    {
      schema: {
        summary: 'Get a lead with its routing',
        description:
          'The lead with its assignee, why it went to them, the deal it became, and the other active territories that take it now: an overlap worth resolving in the territories.',
        tags,
        params: idParam,
        response: { 200: leadDetailView },
      },
    },
    (req) => getLead(db, scopeOf(req), req.params.id),
  )

  app.post(
    '/leads/:id/reroute',
    {
      schema: {
        summary: 'Route a lead again by territory',
        description:
          'After territories changed: routes a new or working lead to the owner of the most specific active territory that takes it now, or leaves it unassigned when none does. Audited; nothing changes when the routing is the same.',
        tags,
        params: idParam,
        response: { 200: leadDetailView },
      },
    },
    (req) => rerouteLead(db, scopeOf(req), req.params.id, clock),
  )

  app.post(
    '/leads/:id/assign',
    {
      schema: {
        summary: 'Assign a lead to a staff user',
        description:
          'Hands a new or working lead to a staff user of the org by hand (null leaves it unassigned), replacing its territory routing. Audited with who had it before; nothing changes when it is theirs already.',
        tags,
        params: idParam,
        body: assignLeadInput,
        response: { 200: leadDetailView },
      },
    },
    (req) => assignLead(db, scopeOf(req), req.params.id, req.body, clock),
  )

  app.post(
    '/leads/:id/status',
    {
      schema: {
        summary: 'Move a lead along its workflow',
        description:
          'new → working → converted (naming the deal of the org it became) or disqualified (with the reason; a new lead too). Any other move answers 409 naming the status. Audited and announced.',
        tags,
        params: idParam,
        body: changeLeadStatusInput,
        response: { 200: leadDetailView },
      },
    },
    (req) => changeLeadStatus(db, scopeOf(req), req.params.id, req.body, clock),
  )
}
