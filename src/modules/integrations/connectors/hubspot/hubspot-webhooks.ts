// HubSpot's change notifications: a batch of events (a deal created, a property changed, a record
// deleted), signed with HubSpot's v3 signature. A batch with a good signature and a fresh timestamp
// queues an incremental sync of its portal's connection — the sync reads the change with everything
// else — and records the event ids, so HubSpot's retries and replays queue nothing more.
import { createHmac } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '../../../../db/client'
import { AppError } from '../../../../platform/app-error'
import type { Clock } from '../../../../platform/clock'
import { secretsEqual } from '../../../../platform/hash'
import { systemScope } from '../../../../platform/scope'
import { openCredentials } from '../connections.service'
import { connections, inboundEvents } from '../connectors.tables'
import { queueSync } from '../sync-queue'
import type { HubSpotCredentials } from './hubspot-api'

export const hubspotEvent = z
  .object({
    eventId: z.coerce.string(),
    portalId: z.coerce.string(),
    subscriptionType: z.string().max(100),
    objectId: z.coerce.string().optional(),
    occurredAt: z.number().optional(),
  })
  .passthrough()
export const hubspotEventBatch = z.array(hubspotEvent).min(1).max(1000).meta({ id: 'HubSpotWebhookBatch' })

/** HubSpot refuses to rely on a signature older than five minutes; so do we. */
export const hubspotToleranceMs = 5 * 60_000

/** The v3 signature: base64 HMAC-SHA256, under the app's secret, of method + URI + body + timestamp. */
export function hubspotSignature(
  secret: string,
  method: string,
  uri: string,
  body: string,
  timestamp: string,
) {
  return createHmac('sha256', secret).update(`${method}${uri}${body}${timestamp}`).digest('base64')
}

/** A refused delivery: 400 naming what is wrong (HubSpot shows the answer in its webhook log). */
const refused = (path: string, message: string) =>
  new AppError('BAD_REQUEST', `${path}: ${message}`, [{ path, message }])

export interface HubSpotDelivery {
  method: string
  uri: string
  rawBody: string
  signature: string | undefined
  timestamp: string | undefined
}

/**
 * Checks and takes one batch; answers how many of its events were new. Every refusal is a 400 that
 * writes nothing: an unknown portal, a missing, stale or wrong signature.
 */
export async function receiveHubSpotEvents(
  db: Db,
  delivery: HubSpotDelivery,
  events: z.infer<typeof hubspotEventBatch>,
  deps: { clock: Clock; secret: string },
): Promise<{ accepted: number; duplicates: number }> {
  const timestamp = Number(delivery.timestamp)
  if (!delivery.signature) throw refused('x-hubspot-signature-v3', 'is missing')
  if (!Number.isFinite(timestamp) || Math.abs(deps.clock.now().getTime() - timestamp) > hubspotToleranceMs)
    throw refused('x-hubspot-request-timestamp', 'is missing or more than five minutes away')
  const portals = new Set(events.map((e) => e.portalId))
  if (portals.size !== 1) throw refused('body', 'holds events of more than one HubSpot portal')
  const portalId = [...portals][0]!
  const [connection] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.provider, 'hubspot'), eq(connections.account, portalId)))
  if (!connection || connection.status === 'disconnected')
    throw refused('portalId', `no connected HubSpot account has portal id ${portalId}`)
  const credentials = openCredentials(connection, deps.secret) as HubSpotCredentials
  const secret = credentials.kind === 'oauth' ? credentials.clientSecret : credentials.webhookSecret
  if (!secret)
    throw new AppError(
      'CONFLICT',
      'The HubSpot connection has no webhook secret; add the app’s client secret',
    )
  const expected = hubspotSignature(
    secret,
    delivery.method,
    delivery.uri,
    delivery.rawBody,
    delivery.timestamp!,
  )
  if (!secretsEqual(expected, delivery.signature))
    throw refused('x-hubspot-signature-v3', 'does not match the body; check the app’s client secret')
  const now = deps.clock.now()
  return db.transaction(async (tx) => {
    const taken = await tx
      .insert(inboundEvents)
      .values(
        events.map((e) => ({
          orgId: connection.orgId,
          provider: 'hubspot' as const,
          eventId: e.eventId,
          type: e.subscriptionType,
          outcome: 'queued' as const,
          detail: e.objectId ? `object ${e.objectId}` : null,
          dealId: null,
          receivedAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ eventId: inboundEvents.eventId })
    if (taken.length > 0 && connection.status === 'connected')
      await queueSync(
        tx,
        systemScope(connection.orgId),
        connection,
        { dryRun: false, full: false },
        deps.clock,
        'HubSpot webhook',
      )
    return { accepted: taken.length, duplicates: events.length - taken.length }
  })
}
