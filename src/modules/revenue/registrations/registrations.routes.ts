// Deal registration routes: partners check and submit registrations and answer questions; staff review
// them (approve, reject, ask for more, extend) and set the org's rules. Thin: parse, call, return.
import { type App, scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { idempotencyKeyHeader, idParam } from '../../../platform/platform.contract'
import { checkRegistration } from './conflicts.service'
import { getRegistrationSettings, updateRegistrationSettings } from './registration-settings.service'
import {
  approveRegistrationInput,
  checkRegistrationInput,
  conflictList,
  extendRegistrationInput,
  listRegistrationsQuery,
  registrationDetailView,
  registrationMessageInput,
  registrationPage,
  registrationSettingsInput,
  rejectRegistrationInput,
  submitRegistrationInput,
  submittedRegistrationView,
} from './registrations.contract'
import {
  getRegistration,
  listRegistrations,
  rerouteRegistration,
  submitRegistration,
} from './registrations.service'
import {
  approveRegistration,
  extendRegistration,
  rejectRegistration,
  replyToRegistration,
  requestRegistrationInfo,
} from './review.service'

export function registrationsRoutes(app: App, deps: ModuleDeps) {
  const tags = ['registrations']
  const { db, clock } = deps

  app.get(
    '/registrations',
    {
      schema: {
        summary: 'List deal registrations',
        description:
          'Newest first, filtered by status, partner, overdue review or a search in account names and domains. Each carries its review deadline, the overdue flag, its protection and whether the partner has been inactive on its deal since. A partner user sees only their own.',
        tags,
        querystring: listRegistrationsQuery,
        response: { 200: registrationPage },
      },
    },
    (req) => listRegistrations(db, scopeOf(req), req.query, clock),
  )

  // POST /registrations/check — the conflicts a registration would meet, saving nothing
  app.post(
    '/registrations/check',
    {
      schema: {
        summary: 'Check a registration for conflicts',
        description:
          'The same account or domain registered by another partner and still pending or protected, open deals on a matching account, and very similar names. Staff see the evidence; a partner learns only that the account is taken (and until when) or that an opportunity is open. Nothing is saved.',
        tags,
        body: checkRegistrationInput,
        response: { 200: conflictList },
      },
    },
    (req) => checkRegistration(db, scopeOf(req), req.body, clock),
  )

  // POST /registrations — submit; a replay with the same Idempotency-Key answers 200 with the first
  app.post(
    '/registrations',
    {
      schema: {
        summary: 'Register a deal',
        description:
          'A partner registers an opportunity (staff may register one for a partner): account, domain, contact, expected amount and close date, products and notes. Answers the registration with the conflicts it met, due for review after the org’s SLA. Honours Idempotency-Key: the same request again answers 200 with the first registration.',
        tags,
        headers: idempotencyKeyHeader,
        body: submitRegistrationInput,
        response: { 200: submittedRegistrationView, 201: submittedRegistrationView },
      },
    },
    async (req, reply) => {
      const { registration, created } = await submitRegistration(
        db,
        scopeOf(req),
        req.body,
        clock,
        req.headers['idempotency-key'] ?? null,
      )
      return reply.code(created ? 201 : 200).send(registration)
    },
  )

  app.get(
    '/registrations/settings',
    {
      schema: {
        summary: 'Deal registration settings',
        description:
          'The org’s review SLA in hours, how many days an approval protects the account, and how far and how often staff may extend it.',
        tags,
        response: { 200: registrationSettingsInput },
      },
    },
    (req) => getRegistrationSettings(db, scopeOf(req)),
  )

  app.put(
    '/registrations/settings',
    {
      schema: {
        summary: 'Change deal registration settings',
        description:
          'New rules apply from now on: registrations already due or protected keep their dates. Staff who review registrations set them.',
        tags,
        body: registrationSettingsInput,
        response: { 200: registrationSettingsInput },
      },
    },
    (req) => updateRegistrationSettings(db, scopeOf(req), req.body, clock),
  )

  app.get(
    '/registrations/:id',
    {
      schema: {
        summary: 'Get a deal registration',
        description:
          'The registration with its history and, while it waits for a decision, its conflicts worked out now: with the evidence for staff, redacted for a partner.',
        tags,
        params: idParam,
        response: { 200: registrationDetailView },
      },
    },
    (req) => getRegistration(db, scopeOf(req), req.params.id, clock),
  )

  app.post(
    '/registrations/:id/reroute',
    {
      schema: {
        summary: 'Route a deal registration again by territory',
        description:
          'After territories changed: routes a registration awaiting review to the owner of the most specific territory that takes its account now, with the reason, or leaves it unassigned when none does. Audited; nothing changes when the routing is the same. Staff only.',
        tags,
        params: idParam,
        response: { 200: registrationDetailView },
      },
    },
    (req) => rerouteRegistration(db, scopeOf(req), req.params.id, clock),
  )

  app.post(
    '/registrations/:id/approve',
    {
      schema: {
        summary: 'Approve a deal registration',
        description:
          'Links the open deal given, or creates the account (unless one has the domain) and an open deal; records the partner’s deal registration touch at the time of submission, which flows into attribution; protects the account for the org’s protection period. A retried approval creates nothing twice.',
        tags,
        params: idParam,
        body: approveRegistrationInput,
        response: { 200: registrationDetailView },
      },
    },
    (req) => approveRegistration(db, scopeOf(req), req.params.id, req.body, deps),
  )

  app.post(
    '/registrations/:id/reject',
    {
      schema: {
        summary: 'Reject a deal registration',
        description: 'With the reason, which the partner reads in the portal and in the mail they are sent.',
        tags,
        params: idParam,
        body: rejectRegistrationInput,
        response: { 200: registrationDetailView },
      },
    },
    (req) => rejectRegistration(db, scopeOf(req), req.params.id, req.body.reason, deps),
  )

  app.post(
    '/registrations/:id/request-info',
    {
      schema: {
        summary: 'Ask the partner for more information',
        description:
          'The partner is mailed the question and answers it in the portal; the review deadline stops until they do.',
        tags,
        params: idParam,
        body: registrationMessageInput,
        response: { 200: registrationDetailView },
      },
    },
    (req) => requestRegistrationInfo(db, scopeOf(req), req.params.id, req.body.message, deps),
  )

  app.post(
    '/registrations/:id/reply',
    {
      schema: {
        summary: 'Answer a question on a deal registration',
        description:
          'The partner’s answer to staff’s request for information; the registration returns to review, due again after the org’s SLA.',
        tags,
        params: idParam,
        body: registrationMessageInput,
        response: { 200: registrationDetailView },
      },
    },
    (req) => replyToRegistration(db, scopeOf(req), req.params.id, req.body.message, deps),
  )

  app.post(
    '/registrations/:id/extend',
    {
      schema: {
        summary: 'Extend a registration’s protection',
        description:
          'Adds days (the org’s extension days by default) to an approved registration’s protection, up to the number of extensions the org allows.',
        tags,
        params: idParam,
        body: extendRegistrationInput,
        response: { 200: registrationDetailView },
      },
    },
    (req) => extendRegistration(db, scopeOf(req), req.params.id, req.body, deps),
  )
}
