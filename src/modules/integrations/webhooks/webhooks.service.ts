// Webhook endpoints: staff subscribe a public URL to some (or every) event type, get its signing
// secret once, switch it off or on, rotate the secret (the old one signs too for a day), and send it
// a test. Every change is audited; secrets are sealed at rest and never written to the audit log.
import { and, eq, gte, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, invalidField, notFound } from '../../../platform/app-error'
import { type AuditEntry, writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import type { ModuleDeps } from '../../../platform/module'
import type { Scope } from '../../../platform/scope'
import { createSealer } from '../../../platform/sealed'
import { integrationsPermissions } from '../integrations.permissions'
import { webhookEventTypes } from './webhook-events'
import { newSecret } from './webhook-signature'
import { refusedTarget } from './webhook-targets'
import type { CreateEndpointInput, EndpointView, UpdateEndpointInput } from './webhooks.contract'
import { webhookDeliveries, webhookEndpoints, webhookIds } from './webhooks.tables'

export interface WebhookDeps {
  clock: Clock
  /** The app secret signing secrets are sealed under. */
  secret: string
  /** Whether endpoints may name internal addresses (local trials and tests). */
  allowPrivateTargets: boolean
}

type EndpointRow = typeof webhookEndpoints.$inferSelect

export const webhookDepsOf = (deps: ModuleDeps): WebhookDeps => ({
  clock: deps.clock,
  secret: deps.secret,
  allowPrivateTargets: deps.allowPrivateWebhookTargets ?? false,
})

const dayMs = 86_400_000
/** How long a rotated-out secret still signs deliveries. */
export const rotationOverlapMs = dayMs

export const secretSealer = (appSecret: string) => createSealer(appSecret, 'webhook-secret')
export const secretContext = (row: Pick<EndpointRow, 'orgId' | 'id'>) => `${row.orgId}:${row.id}`

/** The secrets a delivery is signed with now: the current one, and a rotated-out one while it lasts. */
export function signingSecrets(row: EndpointRow, appSecret: string, now: Date): string[] {
  const sealer = secretSealer(appSecret)
  const secrets = [sealer.open(row.secretSealed, secretContext(row))]
  if (row.previousSecretSealed && row.previousSecretUntil && row.previousSecretUntil > now)
    secrets.push(sealer.open(row.previousSecretSealed, secretContext(row)))
  return secrets
}

async function checkInput(input: Partial<CreateEndpointInput>, deps: WebhookDeps) {
  input.eventTypes?.forEach((type, i) => {
    if (type !== '*' && !webhookEventTypes.includes(type))
      throw invalidField(`eventTypes[${i}]`, `is not an event type (see GET /webhooks/event-types): ${type}`)
  })
  if (input.url) {
    const refused = await refusedTarget(input.url, deps.allowPrivateTargets)
    if (refused) throw invalidField('url', refused)
  }
}

const auditView = (row: EndpointRow) => ({
  url: row.url,
  eventTypes: row.eventTypes,
  description: row.description,
  isActive: row.isActive,
})

async function deliveryCounts(db: Db, orgId: string, endpointIds: readonly string[], now: Date) {
  if (endpointIds.length === 0) return new Map<string, EndpointView['deliveries']>()
  const rows = await db
    .select({
      endpointId: webhookDeliveries.endpointId,
      delivered: sql<number>`count(*) filter (where ${webhookDeliveries.status} = 'delivered')::int`,
      failing: sql<number>`count(*) filter (where ${webhookDeliveries.status} in ('failed', 'retrying'))::int`,
      pending: sql<number>`count(*) filter (where ${webhookDeliveries.status} in ('pending', 'sending'))::int`,
    })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.orgId, orgId),
        gte(webhookDeliveries.createdAt, new Date(now.getTime() - 30 * dayMs)),
      ),
    )
    .groupBy(webhookDeliveries.endpointId)
  return new Map(
    rows.map((r) => [r.endpointId, { delivered: r.delivered, failing: r.failing, pending: r.pending }]),
  )
}

function toView(
  row: EndpointRow,
  counts: Map<string, EndpointView['deliveries']>,
  secret?: string,
): EndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    isActive: row.isActive,
    ...(secret ? { secret } : {}),
    previousSecretUntil: row.previousSecretSealed ? (row.previousSecretUntil?.toISOString() ?? null) : null,
    deliveries: counts.get(row.id) ?? { delivered: 0, failing: 0, pending: 0 },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

export async function findEndpoint(
  db: Db,
  scope: Scope,
  id: string,
  forUpdate = false,
): Promise<EndpointRow> {
  const query = db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.orgId, scope.orgId), eq(webhookEndpoints.id, id)))
  const [row] = forUpdate ? await query.for('update') : await query
  if (!row) throw notFound('Webhook endpoint', id)
  return row
}

export async function listEndpoints(db: Db, scope: Scope, clock: Clock): Promise<{ items: EndpointView[] }> {
  integrationsPermissions.require(scope, 'webhooks.read')
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.orgId, scope.orgId))
    .orderBy(webhookEndpoints.createdAt, webhookEndpoints.id)
  const counts = await deliveryCounts(
    db,
    scope.orgId,
    rows.map((r) => r.id),
    clock.now(),
  )
  return { items: rows.map((row) => toView(row, counts)) }
}

export async function getEndpoint(db: Db, scope: Scope, id: string, clock: Clock): Promise<EndpointView> {
  integrationsPermissions.require(scope, 'webhooks.read')
  const row = await findEndpoint(db, scope, id)
  return toView(row, await deliveryCounts(db, scope.orgId, [id], clock.now()))
}

/** A new endpoint, answered once with its secret. */
export async function createEndpoint(
  db: Db,
  scope: Scope,
  input: CreateEndpointInput,
  deps: WebhookDeps,
): Promise<EndpointView> {
  integrationsPermissions.require(scope, 'webhooks.manage')
  await checkInput(input, deps)
  const now = deps.clock.now()
  const id = webhookIds.endpoint()
  const secret = newSecret()
  const row: EndpointRow = {
    orgId: scope.orgId,
    id,
    url: input.url,
    description: input.description ?? null,
    eventTypes: [...new Set(input.eventTypes)],
    isActive: true,
    secretSealed: secretSealer(deps.secret).seal(secret, secretContext({ orgId: scope.orgId, id })),
    previousSecretSealed: null,
    previousSecretUntil: null,
    createdBy: scope.actor.id,
    createdAt: now,
    updatedAt: now,
  }
  await db.transaction(async (tx) => {
    await tx.insert(webhookEndpoints).values(row)
    await writeAudit(
      tx,
      scope,
      {
        action: 'webhook_endpoint.created',
        entityType: 'webhook_endpoint',
        entityId: id,
        after: auditView(row),
      },
      deps.clock,
    )
  })
  return toView(row, new Map(), secret)
}

/** Writes an endpoint's new state with the audit entry that says what changed. */
async function saveEndpoint(
  tx: Db,
  scope: Scope,
  next: EndpointRow,
  entry: Omit<AuditEntry, 'entityType' | 'entityId'>,
  clock: Clock,
) {
  await tx
    .update(webhookEndpoints)
    .set(next)
    .where(and(eq(webhookEndpoints.orgId, scope.orgId), eq(webhookEndpoints.id, next.id)))
  await writeAudit(tx, scope, { ...entry, entityType: 'webhook_endpoint', entityId: next.id }, clock)
}

export async function updateEndpoint(
  db: Db,
  scope: Scope,
  id: string,
  input: UpdateEndpointInput,
  deps: WebhookDeps,
): Promise<EndpointView> {
  integrationsPermissions.require(scope, 'webhooks.manage')
  await checkInput(input, deps)
  const updated = await db.transaction(async (tx) => {
    const was = await findEndpoint(tx, scope, id, true)
    const next: EndpointRow = {
      ...was,
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.eventTypes !== undefined ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
      updatedAt: deps.clock.now(),
    }
    if (JSON.stringify(auditView(next)) === JSON.stringify(auditView(was))) return was
    await saveEndpoint(
      tx,
      scope,
      next,
      { action: 'webhook_endpoint.changed', before: auditView(was), after: auditView(next) },
      deps.clock,
    )
    return next
  })
  return toView(updated, await deliveryCounts(db, scope.orgId, [id], deps.clock.now()))
}

/** Removes an endpoint and its delivery log; nothing more is sent to it. */
export async function deleteEndpoint(db: Db, scope: Scope, id: string, clock: Clock): Promise<void> {
  integrationsPermissions.require(scope, 'webhooks.manage')
  await db.transaction(async (tx) => {
    const was = await findEndpoint(tx, scope, id, true)
    await tx
      .delete(webhookDeliveries)
      .where(and(eq(webhookDeliveries.orgId, scope.orgId), eq(webhookDeliveries.endpointId, id)))
    await tx
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.orgId, scope.orgId), eq(webhookEndpoints.id, id)))
    await writeAudit(
      tx,
      scope,
      {
        action: 'webhook_endpoint.deleted',
        entityType: 'webhook_endpoint',
        entityId: id,
        before: auditView(was),
      },
      clock,
    )
  })
}

/**
 * A new signing secret, answered once. The one it replaces still signs deliveries (a second v1 in the
 * header) for a day, so receivers can switch over without dropping any; rotating again ends that at once.
 */
export async function rotateSecret(
  db: Db,
  scope: Scope,
  id: string,
  deps: WebhookDeps,
): Promise<EndpointView> {
  integrationsPermissions.require(scope, 'webhooks.manage')
  const secret = newSecret()
  const row = await db.transaction(async (tx) => {
    const was = await findEndpoint(tx, scope, id, true)
    const now = deps.clock.now()
    const next: EndpointRow = {
      ...was,
      secretSealed: secretSealer(deps.secret).seal(secret, secretContext(was)),
      previousSecretSealed: was.secretSealed,
      previousSecretUntil: new Date(now.getTime() + rotationOverlapMs),
      updatedAt: now,
    }
    await saveEndpoint(
      tx,
      scope,
      next,
      {
        action: 'webhook_endpoint.secret_rotated',
        after: { previousSecretUntil: next.previousSecretUntil!.toISOString() },
      },
      deps.clock,
    )
    return next
  })
  return toView(row, await deliveryCounts(db, scope.orgId, [id], deps.clock.now()), secret)
}

/** Refuses work on an endpoint that is switched off. */
export function requireActive(row: EndpointRow): void {
  if (!row.isActive)
    throw new AppError('CONFLICT', 'The endpoint is switched off: switch it on to send to it', [
      { path: 'isActive', message: 'is false' },
    ])
}
