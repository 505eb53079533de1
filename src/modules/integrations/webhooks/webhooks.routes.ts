// Webhook routes: the event catalogue, endpoints (subscribe, change, switch off, remove, rotate the
// secret, send a test) and the delivery log with replay. Thin: parse, call, return.
import { z } from 'zod'
import { type App, scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { idParam } from '../../../platform/platform.contract'
import { getDelivery, listDeliveries, pingEndpoint, replayDelivery } from './webhook-deliveries.service'
import { describeEventTypes } from './webhook-events'
import {
  createEndpointInput,
  deliveriesQuery,
  deliveryPage,
  deliveryView,
  endpointList,
  endpointView,
  eventTypeList,
  updateEndpointInput,
} from './webhooks.contract'
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  rotateSecret,
  updateEndpoint,
  webhookDepsOf,
} from './webhooks.service'

const tags = ['webhooks']

export function webhooksRoutes(app: App, deps: ModuleDeps) {
  const { db, clock } = deps
  const webhookDeps = webhookDepsOf(deps)

  app.get(
    '/webhooks/event-types',
    {
      schema: {
        summary: 'The events an endpoint may subscribe to, with their payload schemas',
        description:
          'Every event type webhooks deliver, the module that publishes it and the JSON Schema of its `data`; the envelope every delivery POSTs (id, type, apiVersion, createdAt, entityId, data) and how to check its Credence-Signature header. The apiVersion changes when a payload changes other than by adding fields.',
        tags,
        response: { 200: eventTypeList },
      },
    },
    async () => describeEventTypes(),
  )

  app.get(
    '/webhooks/endpoints',
    {
      schema: {
        summary: 'List the org’s webhook endpoints',
        description:
          'Every endpoint with its URL, subscribed event types, whether it is switched on, and its deliveries of the last 30 days by outcome (delivered, failing, pending). Secrets are never listed.',
        tags,
        response: { 200: endpointList },
      },
    },
    (req) => listEndpoints(db, scopeOf(req), clock),
  )

  app.post(
    '/webhooks/endpoints',
    {
      schema: {
        summary: 'Subscribe an endpoint to events',
        description:
          'A public http(s) URL and the event types to send it (or ["*"]). The answer holds the signing secret (whsec_…), shown this once and kept sealed. A URL naming or resolving to an internal address is refused naming `url`. Owners and admins; audited.',
        tags,
        body: createEndpointInput,
        response: { 201: endpointView },
      },
    },
    async (req, reply) => reply.code(201).send(await createEndpoint(db, scopeOf(req), req.body, webhookDeps)),
  )

  app.get(
    '/webhooks/endpoints/:id',
    {
      schema: {
        summary: 'Get a webhook endpoint',
        description: 'The endpoint with its subscriptions, state and delivery counts; never its secret.',
        tags,
        params: idParam,
        response: { 200: endpointView },
      },
    },
    (req) => getEndpoint(db, scopeOf(req), req.params.id, clock),
  )

  app.patch(
    '/webhooks/endpoints/:id',
    {
      schema: {
        summary: 'Change a webhook endpoint',
        description:
          'Its URL, event types or description, or switch it off (no new deliveries; pending ones fail as switched off) and on. Audited with before and after; nothing is written when nothing changes.',
        tags,
        params: idParam,
        body: updateEndpointInput,
        response: { 200: endpointView },
      },
    },
    (req) => updateEndpoint(db, scopeOf(req), req.params.id, req.body, webhookDeps),
  )

  app.delete(
    '/webhooks/endpoints/:id',
    {
      schema: {
        summary: 'Remove a webhook endpoint',
        description: 'The endpoint and its delivery log go; nothing more is sent to it. Audited.',
        tags,
        params: idParam,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteEndpoint(db, scopeOf(req), req.params.id, clock)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/webhooks/endpoints/:id/rotate-secret',
    {
      schema: {
        summary: 'Rotate an endpoint’s signing secret',
        description:
          'A new secret, shown once in the answer. For 24 hours deliveries carry a second v1 signature under the old secret, so the receiver can switch over without refusing any. Audited.',
        tags,
        params: idParam,
        response: { 200: endpointView },
      },
    },
    (req) => rotateSecret(db, scopeOf(req), req.params.id, webhookDeps),
  )

  app.post(
    '/webhooks/endpoints/:id/ping',
    {
      schema: {
        summary: 'Send an endpoint a test event',
        description:
          'Queues a signed webhook.ping delivery to the endpoint, sent within a second like any other; its outcome shows in the delivery log. The endpoint must be switched on.',
        tags,
        params: idParam,
        response: { 202: deliveryView },
      },
    },
    async (req, reply) => reply.code(202).send(await pingEndpoint(db, scopeOf(req), req.params.id, clock)),
  )

  app.get(
    '/webhooks/deliveries',
    {
      schema: {
        summary: 'The webhook delivery log',
        description:
          'Deliveries newest first, filtered by endpoint, status or event type: the body sent, attempts, the receiver’s last status and answer, and when the next try is due.',
        tags,
        querystring: deliveriesQuery,
        response: { 200: deliveryPage },
      },
    },
    (req) => listDeliveries(db, scopeOf(req), req.query),
  )

  app.get(
    '/webhooks/deliveries/:id',
    {
      schema: {
        summary: 'Get a webhook delivery',
        description: 'One delivery with its body, attempts and the receiver’s last answer.',
        tags,
        params: idParam,
        response: { 200: deliveryView },
      },
    },
    (req) => getDelivery(db, scopeOf(req), req.params.id),
  )

  app.post(
    '/webhooks/deliveries/:id/replay',
    {
      schema: {
        summary: 'Send a webhook delivery again',
        description:
          'Sends the same body (the same event id) again with a fresh set of attempts, whatever its outcome so far: receivers dedupe on the event id. Owners and admins; audited.',
        tags,
        params: idParam,
        response: { 200: deliveryView },
      },
    },
    (req) => replayDelivery(db, scopeOf(req), req.params.id, clock),
  )
}
