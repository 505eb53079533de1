// Journey routes: accounts, deals, touchpoints, activity types. Thin: parse, call, return.
import { z } from 'zod'
import { type App, scopeOf } from '../../platform/http'
import type { ModuleDeps } from '../../platform/module'
import { idParam } from '../../platform/platform.contract'
import { getAccount, listAccounts, updateAccount, upsertAccount } from './accounts.service'
import { createActivityType, listActivityTypes, updateActivityType } from './activity-types.service'
import { getDealDetail, listDeals, summariseDeals, updateDeal, upsertDeal } from './deals.service'
import {
  accountPage,
  accountView,
  activityTypeList,
  activityTypeView,
  createAccountInput,
  createActivityTypeInput,
  createDealInput,
  dealDetailView,
  dealFilters,
  dealPage,
  dealSummaryView,
  dealView,
  listAccountsQuery,
  listDealsQuery,
  listTouchpointsQuery,
  recordedTouchpointView,
  recordTouchpointInput,
  touchpointPage,
  updateAccountInput,
  updateActivityTypeInput,
  updateDealInput,
} from './journeys.contract'
import { deleteTouchpoint, listTouchpoints, recordTouchpoint } from './touchpoints.service'

export function journeysRoutes(app: App, { db, clock }: ModuleDeps) {
  const tags = ['journeys']

  // GET /accounts
  app.get(
    '/accounts',
    { schema: { tags, querystring: listAccountsQuery, response: { 200: accountPage } } },
    (req) => listAccounts(db, scopeOf(req), req.query),
  )
  // POST /accounts — create, or update the account with the same source and externalId (200)
  app.post(
    '/accounts',
    { schema: { tags, body: createAccountInput, response: { 200: accountView, 201: accountView } } },
    async (req, reply) => {
      const { account, created } = await upsertAccount(db, scopeOf(req), req.body, clock)
      return reply.code(created ? 201 : 200).send(account)
    },
  )
  // GET /accounts/:id
  app.get('/accounts/:id', { schema: { tags, params: idParam, response: { 200: accountView } } }, (req) =>
    getAccount(db, scopeOf(req), req.params.id),
  )
  // PATCH /accounts/:id
  app.patch(
    '/accounts/:id',
    { schema: { tags, params: idParam, body: updateAccountInput, response: { 200: accountView } } },
    (req) => updateAccount(db, scopeOf(req), req.params.id, req.body, clock),
  )

  // GET /deals — filter by status, type, stage, account, touching partner; search deal and account names
  app.get('/deals', { schema: { tags, querystring: listDealsQuery, response: { 200: dealPage } } }, (req) =>
    listDeals(db, scopeOf(req), req.query),
  )
  // GET /deals/summary — counts by status and money per currency for the same filters as GET /deals
  app.get(
    '/deals/summary',
    { schema: { tags, querystring: dealFilters, response: { 200: dealSummaryView } } },
    (req) => summariseDeals(db, scopeOf(req), req.query),
  )
  // POST /deals — create, or update the deal with the same source and externalId (200)
  app.post(
    '/deals',
    { schema: { tags, body: createDealInput, response: { 200: dealView, 201: dealView } } },
    async (req, reply) => {
      const { deal, created } = await upsertDeal(db, scopeOf(req), req.body, clock)
      return reply.code(created ? 201 : 200).send(deal)
    },
  )
  // GET /deals/:id — the deal and its touch timeline
  app.get('/deals/:id', { schema: { tags, params: idParam, response: { 200: dealDetailView } } }, (req) =>
    getDealDetail(db, scopeOf(req), req.params.id),
  )
  // PATCH /deals/:id
  app.patch(
    '/deals/:id',
    { schema: { tags, params: idParam, body: updateDealInput, response: { 200: dealView } } },
    (req) => updateDeal(db, scopeOf(req), req.params.id, req.body, clock),
  )

  // GET /touchpoints
  app.get(
    '/touchpoints',
    { schema: { tags, querystring: listTouchpointsQuery, response: { 200: touchpointPage } } },
    (req) => listTouchpoints(db, scopeOf(req), req.query),
  )
  // POST /touchpoints — record a touch; idempotent by source and externalId (200 when it already existed)
  app.post(
    '/touchpoints',
    {
      schema: {
        tags,
        body: recordTouchpointInput,
        response: { 200: recordedTouchpointView, 201: recordedTouchpointView },
      },
    },
    async (req, reply) => {
      const touch = await recordTouchpoint(db, scopeOf(req), req.body, clock)
      return reply.code(touch.created ? 201 : 200).send(touch)
    },
  )
  // DELETE /touchpoints/:id — remove a touch recorded in error (audited)
  app.delete(
    '/touchpoints/:id',
    { schema: { tags, params: idParam, response: { 204: z.null() } } },
    async (req, reply) => {
      await deleteTouchpoint(db, scopeOf(req), req.params.id, clock)
      return reply.code(204).send(null)
    },
  )

  // GET /activity-types — the org's touch activity types
  app.get('/activity-types', { schema: { tags, response: { 200: activityTypeList } } }, (req) =>
    listActivityTypes(db, scopeOf(req)),
  )
  // POST /activity-types — add one
  app.post(
    '/activity-types',
    { schema: { tags, body: createActivityTypeInput, response: { 201: activityTypeView } } },
    async (req, reply) => reply.code(201).send(await createActivityType(db, scopeOf(req), req.body, clock)),
  )
  // PATCH /activity-types/:key — rename or switch off
  app.patch(
    '/activity-types/:key',
    {
      schema: {
        tags,
        params: z.object({ key: z.string().max(50) }),
        body: updateActivityTypeInput,
        response: { 200: activityTypeView },
      },
    },
    (req) => updateActivityType(db, scopeOf(req), req.params.key, req.body, clock),
  )
}
