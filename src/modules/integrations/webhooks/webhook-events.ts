// The events an org may subscribe endpoints to: every event the modules before this one publish,
// but the internal requests they make of their own workers (…_requested, facts.bulk_loaded), each with
// the JSON Schema of its payload — the documented, versioned shape of a delivery's `data`.
import { z } from 'zod'
import { creditEvents } from '../../credits'
import { incentiveEvents } from '../../incentives'
import { journeyEvents } from '../../journeys'
import { partnerEvents } from '../../partners'
import { programEvents } from '../../programs'
import { revenueEvents } from '../../revenue'
import { type EventTypeList, webhookApiVersion, webhookEnvelope } from './webhooks.contract'

const catalogs = {
  partners: partnerEvents,
  journeys: journeyEvents,
  credits: creditEvents,
  incentives: incentiveEvents,
  programs: programEvents,
  revenue: revenueEvents,
} as const

const isInternal = (type: string) => type.endsWith('_requested') || type === 'facts.bulk_loaded'

/** The type an endpoint is sent when staff send it a test. */
export const pingType = 'webhook.ping'

export const webhookEventTypes: readonly string[] = Object.values(catalogs).flatMap((catalog) =>
  catalog.types.filter((type) => !isInternal(type)),
)

/** A JSON Schema with its named shapes (`$ref` to `$defs`) written in place, so it stands alone anywhere. */
function inline(node: unknown, defs: Record<string, unknown>, seen: readonly string[] = []): unknown {
  if (Array.isArray(node)) return node.map((item) => inline(item, defs, seen))
  if (typeof node !== 'object' || node === null) return node
  const { $ref, ...rest } = node as { $ref?: string }
  const name = $ref?.startsWith('#/$defs/') ? $ref.slice('#/$defs/'.length) : undefined
  if (name && defs[name] && !seen.includes(name))
    return inline({ ...(defs[name] as object), ...rest }, defs, [...seen, name])
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(value, defs, seen)]))
}

const schemaOf = (schema: z.ZodType): Record<string, unknown> => {
  const {
    $schema: _dialect,
    $defs = {},
    ...json
  } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' })
  return inline(json, $defs as Record<string, unknown>) as Record<string, unknown>
}

/** The catalogue as the API documents it, built once. */
let described: EventTypeList | undefined
export function describeEventTypes(): EventTypeList {
  described ??= {
    apiVersion: webhookApiVersion,
    envelope: schemaOf(webhookEnvelope),
    signature:
      'Credence-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the endpoint’s secret>. ' +
      'Two v1 values while a rotated-out secret lasts (24 hours). Compare in constant time and refuse a t older than 5 minutes. ' +
      'Deliveries are at least once and not in order: the envelope id is the same on every delivery of an event.',
    items: Object.entries(catalogs).flatMap(([module, catalog]) =>
      catalog.types
        .filter((type) => !isInternal(type))
        .map((type) => ({
          type,
          module,
          schema: schemaOf((catalog.schemas as Record<string, z.ZodType>)[type]!),
        })),
    ),
  }
  return described
}

/**
 * The OpenAPI 3.1 `webhooks` of the API document: one POST per event type, its body the envelope with
 * that type's `data`, so the payloads are documented beside the routes.
 */
export function webhookOpenApi(): Record<string, unknown> {
  const { envelope, items, signature } = describeEventTypes()
  const properties = (envelope as { properties: Record<string, unknown> }).properties
  return Object.fromEntries(
    items.map(({ type, module, schema }) => [
      type,
      {
        post: {
          summary: `${type} (from ${module})`,
          description: signature,
          tags: ['webhooks'],
          parameters: [
            { name: 'credence-signature', in: 'header', required: true, schema: { type: 'string' } },
            { name: 'credence-event-id', in: 'header', required: true, schema: { type: 'string' } },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  ...envelope,
                  properties: { ...properties, type: { const: type }, data: schema },
                },
              },
            },
          },
          responses: { '200': { description: 'Any 2xx: received. Anything else is retried with backoff.' } },
        },
      },
    ]),
  )
}
