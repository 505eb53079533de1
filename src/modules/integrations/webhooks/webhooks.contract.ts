// Outbound webhooks on the wire: an endpoint as staff subscribe it (URL, events, description), the
// endpoint as shown (its secret only when made or rotated), deliveries with their attempts and the
// receiver's answers, the event catalogue with each payload's schema, and the envelope every
// delivery's body holds.
import { z } from 'zod'
import { page, pageQuery, patchOf, timestamp } from '../../../platform/platform.contract'

/** The version of the envelope and payloads; a change that is not only additive gets a new one. */
export const webhookApiVersion = '2026-11-30'

export const deliveryStatuses = ['pending', 'sending', 'retrying', 'delivered', 'failed'] as const
export const deliveryStatus = z.enum(deliveryStatuses)
export type DeliveryStatus = z.infer<typeof deliveryStatus>

const endpointUrl = z
  .string()
  .trim()
  .max(2000)
  .url('must be a web address such as https://hooks.example.com/credence')
  .refine((url) => /^https?:\/\//i.test(url), 'must start with https:// (or http://)')
  .refine((url) => !/^https?:\/\/[^/]*@/i.test(url), 'must not hold a user name or password')
  .describe('Where events are POSTed')
const eventTypes = z
  .array(
    z
      .string()
      .regex(/^(\*|[a-z_]+\.[a-z_.]+)$/, 'must be an event type such as credit.changed, or * for every one'),
  )
  .min(1)
  .max(100)
  .describe('The event types sent to it (see GET /webhooks/event-types), or ["*"] for every one')

export const createEndpointInput = z
  .object({
    url: endpointUrl,
    eventTypes,
    description: z.string().trim().max(200).nullable().optional(),
  })
  .strict()
  .meta({
    id: 'NewWebhookEndpoint',
    examples: [
      {
        url: 'https://hooks.example.com/credence',
        eventTypes: ['credit.changed', 'commission.posted'],
        description: 'Finance data warehouse',
      },
    ],
  })
export type CreateEndpointInput = z.infer<typeof createEndpointInput>

export const updateEndpointInput = patchOf(
  z
    .object({
      url: endpointUrl.optional(),
      eventTypes: eventTypes.optional(),
      description: z.string().trim().max(200).nullable().optional(),
      isActive: z.boolean().optional().describe('An endpoint switched off gets no new deliveries'),
    })
    .strict(),
)
export type UpdateEndpointInput = z.infer<typeof updateEndpointInput>

export const endpointView = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.string()),
    isActive: z.boolean(),
    /** Only when made or rotated: shown once, kept sealed. */
    secret: z
      .string()
      .optional()
      .describe('The signing secret (whsec_…): shown only in the answer that made or rotated it'),
    previousSecretUntil: timestamp
      .nullable()
      .describe('Until when deliveries are also signed with the secret a rotation replaced'),
    deliveries: z
      .object({ delivered: z.number().int(), failing: z.number().int(), pending: z.number().int() })
      .describe('Deliveries in the last 30 days by outcome'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'WebhookEndpoint' })
export type EndpointView = z.infer<typeof endpointView>
export const endpointList = z.object({ items: z.array(endpointView) })

export const deliveryView = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: deliveryStatus,
    attempts: z.number().int(),
    nextAttemptAt: timestamp.nullable().describe('When it is tried again; null once delivered or failed'),
    lastAttemptAt: timestamp.nullable(),
    lastStatusCode: z.number().int().nullable().describe('The receiver’s HTTP status; null when unreachable'),
    lastError: z.string().nullable(),
    lastResponse: z.string().nullable().describe('The start of the receiver’s answer'),
    deliveredAt: timestamp.nullable(),
    createdAt: timestamp,
    body: z.string().describe('The JSON body sent (a WebhookEvent envelope)'),
  })
  .meta({ id: 'WebhookDelivery' })
export type DeliveryView = z.infer<typeof deliveryView>
export const deliveryPage = page(deliveryView)

export const deliveriesQuery = pageQuery.extend({
  endpointId: z.string().max(64).optional(),
  status: deliveryStatus.optional(),
  eventType: z.string().max(100).optional(),
})
export type DeliveriesQuery = z.infer<typeof deliveriesQuery>

export const eventTypeView = z.object({
  type: z.string(),
  module: z.string().describe('The part of Credence that publishes it'),
  schema: z.record(z.string(), z.unknown()).describe('JSON Schema of the envelope’s `data` for this type'),
})
export const eventTypeList = z
  .object({
    apiVersion: z.string().describe('The envelope and payload version every delivery carries'),
    envelope: z.record(z.string(), z.unknown()).describe('JSON Schema of the body every delivery POSTs'),
    signature: z.string().describe('How to check the Credence-Signature header'),
    items: z.array(eventTypeView),
  })
  .meta({ id: 'WebhookEventTypes' })
export type EventTypeList = z.infer<typeof eventTypeList>

/** The body of every delivery. */
export const webhookEnvelope = z
  .object({
    id: z.string().describe('The event id: the same event delivered twice carries the same id'),
    type: z.string().describe('e.g. credit.changed'),
    apiVersion: z.string(),
    createdAt: timestamp.describe('When the event happened'),
    entityId: z.string().nullable().describe('The record it is about'),
    data: z.record(z.string(), z.unknown()).describe('The payload, as its type’s schema says'),
  })
  .meta({ id: 'WebhookEvent' })
export type WebhookEnvelope = z.infer<typeof webhookEnvelope>
