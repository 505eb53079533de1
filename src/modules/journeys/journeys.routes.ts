// Journey routes: accounts, deals, touchpoints, activity types. Thin: parse, call, return.
import { z } from 'zod'
import { type App, scopeOf } from '../../platform/http'
import type { ModuleDeps } from '../../platform/module'
import { idempotencyKeyHeader, idParam } from '../../platform/platform.contract'
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
  recordRevenueEventInput,
  recordTouchpointInput,
  revenueEventList,
  revenueEventView,
  touchpointPage,
  updateAccountInput,
  updateActivityTypeInput,
  updateDealInput,
} from './journeys.contract'
import { listRevenueEvents, recordRevenueEvent } from './revenue-events.service'
import { deleteTouchpoint, listTouchpoints, recordTouchpoint } from './touchpoints.service'

export function journeysRoutes(app: App, { db, clock }: ModuleDeps) {
  const tags = ['journeys']

  // GET /accounts
  app.get(
    '/accounts',
    {
      schema: {
        summary: 'List accounts',
        description:
          'Customer accounts, newest first, searched by name and domain; a partner user sees only accounts of deals their partner touched.',
        tags,
        querystring: listAccountsQuery,
        response: { 200: accountPage },
      },
    },
    (req) => listAccounts(db, scopeOf(req), req.query),
  )
  // POST /accounts — create, or update the account with the same source and externalId (200)
  app.post(
    '/accounts',
    {
      schema: {
        summary: 'Add or import an account',
        description:
          'Creates an account. With source and externalId it upserts: the same reference updates the existing account (200), so retried imports never duplicate.',
        tags,
        body: createAccountInput,
        response: { 200: accountView, 201: accountView },
      },
    },
    async (req, reply) => {
      const { account, created } = await upsertAccount(db, scopeOf(req), req.body, clock)
      return reply.code(created ? 201 : 200).send(account)
    },
  )
  // GET /accounts/:id
  app.get(
    '/accounts/:id',
    {
      schema: {
        summary: 'Get an account',
        description: 'An account with the number of its deals.',
        tags,
        params: idParam,
        response: { 200: accountView },
      },
    },
    (req) => getAccount(db, scopeOf(req), req.params.id),
  )
  // PATCH /accounts/:id
  app.patch(
    '/accounts/:id',
    {
      schema: {
        summary: 'Change an account',
        description: "Edits an account's name, domain, country or industry; announces account.changed.",
        tags,
        params: idParam,
        body: updateAccountInput,
        response: { 200: accountView },
      },
    },
    (req) => updateAccount(db, scopeOf(req), req.params.id, req.body, clock),
  )

  // GET /deals — filter by status, type, stage, account, touching partner; search deal and account names
  app.get(
    '/deals',
    {
      schema: {
        summary: 'List deals',
        description:
          'Deals, most recently opened first, filtered by status, type, stage, account or touching partner, and searched by deal and account name. A partner user sees only deals their partner touched, and may filter only by their own partner.',
        tags,
        querystring: listDealsQuery,
        response: { 200: dealPage },
      },
    },
    (req) => listDeals(db, scopeOf(req), req.query),
  )
  // GET /deals/summary — counts by status and money per currency for the same filters as GET /deals
  app.get(
    '/deals/summary',
    {
      schema: {
        summary: 'Summarise deals',
        description:
          'Counts by status and sums per currency (open pipeline, won revenue) over the same filters as the deals list, computed on the server in exact minor units.',
        tags,
        querystring: dealFilters,
        response: { 200: dealSummaryView },
      },
    },
    (req) => summariseDeals(db, scopeOf(req), req.query),
  )
  // POST /deals — create, or update the deal with the same source and externalId (200)
  app.post(
    '/deals',
    {
      schema: {
        summary: 'Add or import a deal',
        description:
          'Creates a deal; the amount is a decimal string converted exactly to minor units of its ISO 4217 currency. With source and externalId it upserts (200 when the reference exists), so identical requests sent at once make one deal.',
        tags,
        body: createDealInput,
        response: { 200: dealView, 201: dealView },
      },
    },
    async (req, reply) => {
      const { deal, created } = await upsertDeal(db, scopeOf(req), req.body, clock)
      return reply.code(created ? 201 : 200).send(deal)
    },
  )
  // GET /deals/:id — the deal and its touch timeline
  app.get(
    '/deals/:id',
    {
      schema: {
        summary: 'Get a deal and its touches',
        description:
          "A deal with its touch timeline, oldest first. A partner user sees only their own partner's touches.",
        tags,
        params: idParam,
        response: { 200: dealDetailView },
      },
    },
    (req) => getDealDetail(db, scopeOf(req), req.params.id),
  )
  // PATCH /deals/:id
  app.patch(
    '/deals/:id',
    {
      schema: {
        summary: 'Change a deal',
        description:
          "Changes a deal's fields, stage or outcome; closing a deal needs closedAt. Announces deal.changed with the fields that changed.",
        tags,
        params: idParam,
        body: updateDealInput,
        response: { 200: dealView },
      },
    },
    (req) => updateDeal(db, scopeOf(req), req.params.id, req.body, clock),
  )

  // GET /deals/:id/revenue-events — refunds and churn after the deal closed
  app.get(
    '/deals/:id/revenue-events',
    {
      schema: {
        summary: 'List a deal’s refunds and churn',
        description:
          'What happened to a won deal’s revenue after it closed, oldest first, with the sum refunded and the net amount left. Commission clawbacks are worked out from these.',
        tags,
        params: idParam,
        response: { 200: revenueEventList },
      },
    },
    (req) => listRevenueEvents(db, scopeOf(req), req.params.id),
  )
  // POST /deals/:id/revenue-events — record a refund or churn; replays record nothing (200)
  app.post(
    '/deals/:id/revenue-events',
    {
      schema: {
        summary: 'Record a refund or churn',
        description:
          'Records a refund (part or all of the amount paid back) or churn on a won deal; commission on it is clawed back under the plan’s terms. Idempotent by source and externalId, or by the Idempotency-Key header: a replay answers 200 with the first event.',
        tags,
        params: idParam,
        headers: idempotencyKeyHeader,
        body: recordRevenueEventInput,
        response: { 200: revenueEventView, 201: revenueEventView },
      },
    },
    async (req, reply) => {
      const { event, created } = await recordRevenueEvent(
        db,
        scopeOf(req),
        req.params.id,
        req.body,
        clock,
        req.headers['idempotency-key'] ?? null,
      )
      return reply.code(created ? 201 : 200).send(event)
    },
  )

  // GET /touchpoints
  app.get(
    '/touchpoints',
    {
      schema: {
        summary: 'List touches',
        description:
          'Partner and seller touches, most recent first, filtered by deal, partner or activity type.',
        tags,
        querystring: listTouchpointsQuery,
        response: { 200: touchpointPage },
      },
    },
    (req) => listTouchpoints(db, scopeOf(req), req.query),
  )
  // POST /touchpoints — record a touch; idempotent by source and externalId (200 when it already existed)
  app.post(
    '/touchpoints',
    {
      schema: {
        summary: 'Record a touch',
        description:
          'Records a partner or seller touch on a deal. With source and externalId it is idempotent: a replay answers 200 and changes nothing.',
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
    {
      schema: {
        summary: 'Remove a touch',
        description: 'Removes a touch recorded in error; the removed touch stays readable in the audit log.',
        tags,
        params: idParam,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteTouchpoint(db, scopeOf(req), req.params.id, clock)
      return reply.code(204).send(null)
    },
  )

  // GET /activity-types — the org's touch activity types
  app.get(
    '/activity-types',
    {
      schema: {
        summary: 'List activity types',
        description: "The org's touch activity types (referral, demo, co-sell meeting …) with labels.",
        tags,
        response: { 200: activityTypeList },
      },
    },
    (req) => listActivityTypes(db, scopeOf(req)),
  )
  // POST /activity-types — add one
  app.post(
    '/activity-types',
    {
      schema: {
        summary: 'Add an activity type',
        description: 'Adds an activity type with a lower_snake_case key.',
        tags,
        body: createActivityTypeInput,
        response: { 201: activityTypeView },
      },
    },
    async (req, reply) => reply.code(201).send(await createActivityType(db, scopeOf(req), req.body, clock)),
  )
  // PATCH /activity-types/:key — rename or switch off
  app.patch(
    '/activity-types/:key',
    {
      schema: {
        summary: 'Change an activity type',
        description: 'Renames an activity type or switches it off; touches keep their type.',
        tags,
        params: z.object({ key: z.string().max(50) }),
        body: updateActivityTypeInput,
        response: { 200: activityTypeView },
      },
    },
    (req) => updateActivityType(db, scopeOf(req), req.params.key, req.body, clock),
  )
}
