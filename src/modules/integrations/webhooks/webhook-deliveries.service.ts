// Webhook deliveries: each subscribed event becomes one delivery per endpoint (made by the event
// subscriber, so an event is never lost or doubled), sent by the background loop in batches, signed,
// and retried with exponential backoff until the receiver answers 2xx or the attempts run out. Staff
// read the log, replay a delivery, and send an endpoint a test.
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../../db/client'
import { notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import type { DomainEvent, Subscriber } from '../../../platform/events'
import { afterCursor, countRows, toPage } from '../../../platform/pagination'
import type { Scope } from '../../../platform/scope'
import { integrationsPermissions } from '../integrations.permissions'
import { pingType, webhookEventTypes } from './webhook-events'
import { signatureHeader, signBody } from './webhook-signature'
import { refusedTarget } from './webhook-targets'
import {
  type DeliveriesQuery,
  type DeliveryView,
  type WebhookEnvelope,
  webhookApiVersion,
} from './webhooks.contract'
import { findEndpoint, requireActive, signingSecrets, type WebhookDeps } from './webhooks.service'
import { webhookDeliveries, webhookEndpoints, webhookIds } from './webhooks.tables'

type DeliveryRow = typeof webhookDeliveries.$inferSelect

/** Tries before a delivery is given up as failed (the last about 17 hours after the first). */
export const maxAttempts = 12
/** How long a claimed delivery is held by the worker sending it; after that another may send it. */
const leaseMs = 60_000
const timeoutMs = 10_000

/** The wait before attempt `attempts + 1`: 30 s, 1 min, 2 min … doubling, at most 6 hours. */
export const backoffMs = (attempts: number): number => Math.min(30_000 * 2 ** (attempts - 1), 6 * 3_600_000)

export const envelopeOf = (event: Pick<DomainEvent, 'id' | 'type' | 'occurredAt' | 'entityId' | 'payload'>) =>
  JSON.stringify({
    id: event.id,
    type: event.type,
    apiVersion: webhookApiVersion,
    createdAt: event.occurredAt.toISOString(),
    entityId: event.entityId,
    data: event.payload,
  } satisfies WebhookEnvelope)

/** Orgs (of these) with an endpoint switched on: the only ones whose events the subscriber is handed. */
async function orgsWithEndpoints(db: Db, orgIds: readonly string[]): Promise<ReadonlySet<string>> {
  const rows = await db
    .selectDistinct({ orgId: webhookEndpoints.orgId })
    .from(webhookEndpoints)
    .where(and(inArray(webhookEndpoints.orgId, [...orgIds]), eq(webhookEndpoints.isActive, true)))
  return new Set(rows.map((r) => r.orgId))
}

/** The deliveries these events make: one per subscribed endpoint switched on, per event. */
async function makeDeliveries(tx: Db, batch: readonly DomainEvent[], clock: Clock): Promise<void> {
  const orgIds = [...new Set(batch.map((e) => e.orgId))]
  const endpoints = await tx
    .select({
      orgId: webhookEndpoints.orgId,
      id: webhookEndpoints.id,
      eventTypes: webhookEndpoints.eventTypes,
    })
    .from(webhookEndpoints)
    .where(and(inArray(webhookEndpoints.orgId, orgIds), eq(webhookEndpoints.isActive, true)))
  const now = clock.now()
  const rows = batch.flatMap((event) => {
    const subscribed = endpoints.filter(
      (e) => e.orgId === event.orgId && (e.eventTypes.includes('*') || e.eventTypes.includes(event.type)),
    )
    const body = envelopeOf(event)
    return subscribed.map((endpoint) => ({
      orgId: event.orgId,
      id: webhookIds.delivery(),
      endpointId: endpoint.id,
      eventId: event.id,
      eventType: event.type,
      body,
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    }))
  })
  for (let at = 0; at < rows.length; at += 1000)
    await tx
      .insert(webhookDeliveries)
      .values(rows.slice(at, at + 1000))
      .onConflictDoNothing()
}

/** Makes each subscribed endpoint's delivery of an event, once (a redelivered event adds none). */
export const webhookSubscriber = (clock: Clock): Subscriber => ({
  name: 'integrations.webhooks',
  types: webhookEventTypes,
  forOrgs: orgsWithEndpoints,
  handle: (event, { tx }) => makeDeliveries(tx, [event], clock),
  handleMany: (batch, { tx }) => makeDeliveries(tx, batch, clock),
})

/** Deliveries claimed at once by one worker. */
const batchLimit = 500

interface Outcome {
  /** No later try can succeed (the endpoint is switched off): it fails now, whatever the attempts. */
  isFinal?: boolean
  delivered: boolean
  statusCode: number | null
  error: string | null
  response: string | null
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<Outcome> {
  try {
    const answer = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Credence-Webhooks/1', ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = (await answer.text().catch(() => '')).slice(0, 1000)
    const delivered = answer.status >= 200 && answer.status < 300
    return {
      delivered,
      statusCode: answer.status,
      error: delivered ? null : `the receiver answered ${answer.status}`,
      response: text || null,
    }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code
    const message =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : (cause ?? (error as Error).message)
    return {
      delivered: false,
      statusCode: null,
      error: `could not reach the receiver: ${message}`,
      response: null,
    }
  }
}

/** Runs `work` over the items with at most `limit` at once. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!)
  })
  await Promise.all(lanes)
}

/**
 * Sends one batch of due deliveries: claims them (skipping ones another worker holds), signs and POSTs
 * each, and writes every outcome in one statement. Answers how many it claimed.
 */
export async function sendDueDeliveries(
  db: Db,
  deps: WebhookDeps,
  options: { limit?: number; concurrency?: number } = {},
): Promise<number> {
  const { limit = batchLimit, concurrency = 32 } = options
  const now = deps.clock.now()
  const claimed = await queryRows<{
    org_id: string
    id: string
    endpoint_id: string
    body: string
    attempts: number
    event_id: string
    event_type: string
  }>(
    db,
    sql`update webhook_deliveries d
           set status = 'sending', attempts = d.attempts + 1, last_attempt_at = ${now.toISOString()}::timestamptz,
               next_attempt_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
          from (select org_id, id from webhook_deliveries
                 where status in ('pending', 'retrying', 'sending') and next_attempt_at <= ${now.toISOString()}::timestamptz
                 order by next_attempt_at limit ${limit} for update skip locked) due
         where d.org_id = due.org_id and d.id = due.id
        returning d.org_id, d.id, d.endpoint_id, d.body, d.attempts, d.event_id, d.event_type`,
  )
  if (claimed.length === 0) return 0
  const endpoints = new Map(
    (
      await db
        .select()
        .from(webhookEndpoints)
        .where(inArray(webhookEndpoints.id, [...new Set(claimed.map((c) => c.endpoint_id))]))
    ).map((e) => [`${e.orgId} ${e.id}`, e]),
  )
  // each endpoint's secrets opened once a batch, each host's address checked once
  const secrets = new Map([...endpoints].map(([key, e]) => [key, signingSecrets(e, deps.secret, now)]))
  const refusals = new Map<string, Promise<string | null>>()
  const outcomes = new Map<string, Outcome>()
  const timestamp = Math.floor(now.getTime() / 1000)
  await inParallel(claimed, concurrency, async (delivery) => {
    const endpoint = endpoints.get(`${delivery.org_id} ${delivery.endpoint_id}`)
    let outcome: Outcome
    if (!endpoint?.isActive) {
      outcome = {
        delivered: false,
        isFinal: true,
        statusCode: null,
        error: 'the endpoint is switched off',
        response: null,
      }
    } else {
      const host = new URL(endpoint.url).host
      if (!refusals.has(host)) refusals.set(host, refusedTarget(endpoint.url, deps.allowPrivateTargets))
      const refused = await refusals.get(host)
      outcome = refused
        ? { delivered: false, statusCode: null, error: `not sent: the URL ${refused}`, response: null }
        : await post(endpoint.url, delivery.body, {
            [signatureHeader]: signBody(
              delivery.body,
              secrets.get(`${delivery.org_id} ${delivery.endpoint_id}`)!,
              timestamp,
            ),
            'credence-event-id': delivery.event_id,
            'credence-event-type': delivery.event_type,
            'credence-delivery-id': delivery.id,
          })
    }
    outcomes.set(`${delivery.org_id} ${delivery.id}`, outcome)
  })
  const done = deps.clock.now()
  const rows = claimed.map((c) => {
    const outcome = outcomes.get(`${c.org_id} ${c.id}`)!
    const status = outcome.delivered
      ? 'delivered'
      : outcome.isFinal || c.attempts >= maxAttempts
        ? 'failed'
        : 'retrying'
    return {
      org_id: c.org_id,
      id: c.id,
      status,
      next_attempt_at:
        status === 'retrying'
          ? new Date(done.getTime() + backoffMs(c.attempts)).toISOString()
          : done.toISOString(),
      status_code: outcome.statusCode,
      error: outcome.error,
      response: outcome.response,
      delivered_at: outcome.delivered ? done.toISOString() : null,
    }
  })
  await db.execute(sql`update webhook_deliveries d
       set status = r.status, next_attempt_at = r.next_attempt_at, last_status_code = r.status_code,
           last_error = r.error, last_response = r.response, delivered_at = coalesce(r.delivered_at, d.delivered_at)
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
           as r(org_id text, id text, status text, next_attempt_at timestamptz, status_code int, error text,
                response text, delivered_at timestamptz)
     where d.org_id = r.org_id and d.id = r.id`)
  return claimed.length
}

/** Sends due deliveries until none are left due (a few batches at most per run of the loop). */
export async function deliverDueWebhooks(db: Db, deps: WebhookDeps, batches = 20): Promise<number> {
  let sent = 0
  for (let i = 0; i < batches; i++) {
    const claimed = await sendDueDeliveries(db, deps)
    sent += claimed
    if (claimed < batchLimit) break
  }
  return sent
}

/** How long finished deliveries stay in the log. */
export const deliveryRetentionDays = 30

/** Removes delivered and failed deliveries older than the retention; answers how many went. */
export async function pruneDeliveries(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - deliveryRetentionDays * 86_400_000)
  const gone = await db
    .delete(webhookDeliveries)
    .where(
      and(
        inArray(webhookDeliveries.status, ['delivered', 'failed']),
        lt(webhookDeliveries.createdAt, cutoff),
      ),
    )
    .returning({ id: webhookDeliveries.id })
  return gone.length
}

function toDeliveryView(row: DeliveryRow): DeliveryView {
  const isOpen = row.status === 'pending' || row.status === 'retrying' || row.status === 'sending'
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: isOpen ? row.nextAttemptAt.toISOString() : null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastResponse: row.lastResponse,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    body: row.body,
  }
}

export async function listDeliveries(db: Db, scope: Scope, query: DeliveriesQuery) {
  integrationsPermissions.require(scope, 'webhooks.read')
  const filters = and(
    eq(webhookDeliveries.orgId, scope.orgId),
    query.endpointId ? eq(webhookDeliveries.endpointId, query.endpointId) : undefined,
    query.status ? eq(webhookDeliveries.status, query.status) : undefined,
    query.eventType ? eq(webhookDeliveries.eventType, query.eventType) : undefined,
  )
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(filters, afterCursor(webhookDeliveries.id, query.cursor)))
    .orderBy(desc(webhookDeliveries.id))
    .limit(query.limit + 1)
  return toPage(
    rows,
    query.limit,
    (r) => r.id,
    toDeliveryView,
    await countRows(db, webhookDeliveries, filters),
  )
}

async function findDelivery(db: Db, scope: Scope, id: string): Promise<DeliveryRow> {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.orgId, scope.orgId), eq(webhookDeliveries.id, id)))
  if (!row) throw notFound('Webhook delivery', id)
  return row
}

export async function getDelivery(db: Db, scope: Scope, id: string): Promise<DeliveryView> {
  integrationsPermissions.require(scope, 'webhooks.read')
  return toDeliveryView(await findDelivery(db, scope, id))
}

/** Sends a delivery again, the same body, as soon as the loop runs (a fresh set of attempts). Audited. */
export async function replayDelivery(db: Db, scope: Scope, id: string, clock: Clock): Promise<DeliveryView> {
  integrationsPermissions.require(scope, 'webhooks.manage')
  return db.transaction(async (tx) => {
    const row = await findDelivery(tx, scope, id)
    requireActive(await findEndpoint(tx, scope, row.endpointId))
    const [next] = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: clock.now() })
      .where(and(eq(webhookDeliveries.orgId, scope.orgId), eq(webhookDeliveries.id, id)))
      .returning()
    await writeAudit(
      tx,
      scope,
      {
        action: 'webhook_delivery.replayed',
        entityType: 'webhook_delivery',
        entityId: id,
        before: { status: row.status, attempts: row.attempts },
      },
      clock,
    )
    return toDeliveryView(next!)
  })
}

/** A `webhook.ping` to one endpoint, to try the receiver and its signature check. */
export async function pingEndpoint(
  db: Db,
  scope: Scope,
  endpointId: string,
  clock: Clock,
): Promise<DeliveryView> {
  integrationsPermissions.require(scope, 'webhooks.manage')
  const endpoint = await findEndpoint(db, scope, endpointId)
  requireActive(endpoint)
  const now = clock.now()
  const eventId = webhookIds.ping()
  const row: DeliveryRow = {
    orgId: scope.orgId,
    id: webhookIds.delivery(),
    endpointId,
    eventId,
    eventType: pingType,
    body: envelopeOf({
      id: eventId,
      type: pingType,
      occurredAt: now,
      entityId: endpointId,
      payload: { endpointId },
    }),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    lastAttemptAt: null,
    lastStatusCode: null,
    lastError: null,
    lastResponse: null,
    deliveredAt: null,
    createdAt: now,
  }
  await db.insert(webhookDeliveries).values(row)
  return toDeliveryView(row)
}
