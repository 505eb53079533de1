// Connections: an admin connects a provider with its credentials (checked with one call, then sealed
// at rest and never shown again), changes its settings or field mapping, and disconnects it (the
// credentials are dropped; the records it brought stay). Every change is audited without the secrets.
import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, invalidField, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import type { ModuleDeps } from '../../../platform/module'
import { actorLabel, type Scope } from '../../../platform/scope'
import { createSealer } from '../../../platform/sealed'
import { countFromSource } from '../../journeys'
import { integrationsPermissions } from '../integrations.permissions'
import { type Connector, ConnectorError } from './connector'
import { type ConnectionView, type Provider, providers } from './connectors.contract'
import { connections, connectorIds, inboundEvents, syncRuns } from './connectors.tables'
import { hubspotConnector } from './hubspot/hubspot.connector'
import { salesforceConnector } from './salesforce/salesforce.connector'
import { stripeSettings } from './stripe/stripe.contract'
import { queueSync, toRunView } from './sync-queue'

export interface ConnectorDeps {
  clock: Clock
  /** The app secret credentials are sealed under. */
  secret: string
  /** Whether a connection may name its own API address (local trials and tests). */
  allowCustomApi: boolean
  /** The console's address, for the webhook URL providers are given. */
  publicUrl: string
}

export const connectorDepsOf = (deps: ModuleDeps): ConnectorDeps => ({
  clock: deps.clock,
  secret: deps.secret,
  allowCustomApi: deps.allowPrivateWebhookTargets ?? false,
  publicUrl: deps.publicUrl,
})

// biome-ignore lint/suspicious/noExplicitAny: each connector has its own credentials and settings types
type AnyConnector = Connector<any, any>

/** The providers Credence reads from (a sync pulls their records). */
const connectors: Partial<Record<Provider, AnyConnector>> = {
  hubspot: hubspotConnector,
  salesforce: salesforceConnector,
}

/** Providers that push their events instead (Stripe's billing events); nothing is synced. */
const pushed: Partial<Record<Provider, { label: string; settings: AnyConnector['settings'] }>> = {
  stripe: { label: 'Stripe', settings: stripeSettings },
}

export function connectorOf(provider: Provider): AnyConnector {
  const connector = connectors[provider]
  if (!connector)
    throw new AppError(
      pushed[provider] ? 'CONFLICT' : 'NOT_FOUND',
      pushed[provider]
        ? `${pushed[provider].label} sends its events as they happen; there is nothing to sync or map`
        : `Connector ${provider} not found`,
    )
  return connector
}

const providerOf = (provider: Provider) => connectors[provider] ?? pushed[provider]!

export type ConnectionRow = typeof connections.$inferSelect

const credentialsSealer = (secret: string) => createSealer(secret, 'crm-credentials')
const sealContext = (row: Pick<ConnectionRow, 'orgId' | 'id'>) => `${row.orgId}:${row.id}`

export function openCredentials(row: ConnectionRow, secret: string): unknown {
  if (!row.credentialsSealed)
    throw new ConnectorError(`${providerOf(row.provider).label} is disconnected; connect it again`, true)
  return JSON.parse(credentialsSealer(secret).open(row.credentialsSealed, sealContext(row)))
}

export const sealCredentials = (
  row: Pick<ConnectionRow, 'orgId' | 'id'>,
  credentials: unknown,
  secret: string,
) => credentialsSealer(secret).seal(JSON.stringify(credentials), sealContext(row))

/** The saved settings, with the connector's defaults for anything added since. */
export const settingsOf = (row: ConnectionRow) => providerOf(row.provider).settings.parse(row.settings ?? {})

/** Where the provider sends its change notifications, for the connection page to show. */
function webhookUrlOf(row: ConnectionRow, publicUrl: string): string | null {
  if (row.provider === 'hubspot') return `${publicUrl}/api/v1/integrations/hubspot/webhooks`
  if (row.provider === 'stripe') return `${publicUrl}/api/v1/integrations/stripe/webhooks/${row.id}`
  return null
}

export async function loadConnection(
  db: Db,
  orgId: string,
  provider: Provider,
): Promise<ConnectionRow | null> {
  const [row] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.orgId, orgId), eq(connections.provider, provider)))
  return row ?? null
}

export async function requireConnection(db: Db, scope: Scope, provider: Provider): Promise<ConnectionRow> {
  const row = await loadConnection(db, scope.orgId, provider)
  if (!row) throw notFound('Connection', provider)
  return row
}

async function toView(db: Db, row: ConnectionRow, deps: ConnectorDeps): Promise<ConnectionView> {
  const [latest] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.orgId, row.orgId), eq(syncRuns.connectionId, row.id)))
    .orderBy(desc(syncRuns.createdAt))
    .limit(1)
  return {
    id: row.id,
    provider: row.provider,
    label: providerOf(row.provider).label,
    status: row.status,
    account: row.account,
    hasCredentials: row.credentialsSealed !== null,
    settings: settingsOf(row),
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    lastError: row.lastError,
    cursor: (row.cursor as Record<string, string> | null) ?? null,
    held: await countFromSource(db, row.orgId, row.provider),
    latestRun: latest ? toRunView(latest) : null,
    webhookUrl: webhookUrlOf(row, deps.publicUrl),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

export async function listConnections(db: Db, scope: Scope, deps: ConnectorDeps) {
  integrationsPermissions.require(scope, 'connectors.read')
  const rows = await db.select().from(connections).where(eq(connections.orgId, scope.orgId))
  return {
    items: await Promise.all(rows.map((row) => toView(db, row, deps))),
    available: providers.flatMap((provider) => {
      const known = connectors[provider] ?? pushed[provider]
      return known ? [{ provider, label: known.label }] : []
    }),
  }
}

export async function getConnection(db: Db, scope: Scope, provider: Provider, deps: ConnectorDeps) {
  integrationsPermissions.require(scope, 'connectors.read')
  return toView(db, await requireConnection(db, scope, provider), deps)
}

export interface ConnectInput {
  credentials: unknown
  settings: unknown
  baseUrl?: string | undefined
  startSync: boolean
}

/**
 * Connects (or reconnects) a provider: the credentials are checked with one call first, so a wrong
 * token is refused naming `credentials` and nothing is kept. A reconnect to the same account keeps
 * where syncs stopped; another account starts with a first load.
 */
export async function connect(
  db: Db,
  scope: Scope,
  provider: Provider,
  input: ConnectInput,
  deps: ConnectorDeps,
): Promise<ConnectionView> {
  integrationsPermissions.require(scope, 'connectors.manage')
  if (input.baseUrl && !deps.allowCustomApi)
    throw invalidField('baseUrl', 'is accepted only on trial installs (WEBHOOK_ALLOW_PRIVATE_TARGETS)')
  let credentials = input.credentials
  // a provider that pushes its events has nothing to call: its events prove the secret
  let checked: { account: string | null } = { account: null }
  const connector = connectors[provider]
  try {
    if (connector)
      checked = await connector.check({
        credentials,
        settings: input.settings,
        ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}),
        cursor: null,
        isPartner: () => false,
        renewCredentials: async (next) => {
          credentials = next
        },
        onFetched: () => undefined,
      })
  } catch (error) {
    if (error instanceof ConnectorError) throw invalidField('credentials', error.message)
    throw error
  }
  const now = deps.clock.now()
  const existing = await loadConnection(db, scope.orgId, provider)
  const id = existing?.id ?? connectorIds.connection()
  const settings = { ...(input.settings as object), ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}) }
  const values = {
    status: 'connected' as const,
    account: checked.account,
    credentialsSealed: sealCredentials({ orgId: scope.orgId, id }, credentials, deps.secret),
    settings,
    cursor: existing && existing.account === checked.account ? existing.cursor : null,
    lastError: null,
    updatedAt: now,
  }
  await db.transaction(async (tx) => {
    if (existing)
      await tx
        .update(connections)
        .set(values)
        .where(and(eq(connections.orgId, scope.orgId), eq(connections.id, id)))
    else
      await tx.insert(connections).values({
        orgId: scope.orgId,
        id,
        provider,
        ...values,
        createdBy: actorLabel(scope.actor),
        createdAt: now,
      })
    await writeAudit(
      tx,
      scope,
      {
        action: 'connection.connected',
        entityType: 'connection',
        entityId: id,
        after: { provider, account: checked.account, settings, credentials: 'sealed' },
      },
      deps.clock,
    )
    if (input.startSync && connector)
      await queueSync(
        tx,
        scope,
        { orgId: scope.orgId, id, provider, cursor: values.cursor },
        { dryRun: false, full: false },
        deps.clock,
      )
  })
  return getConnection(db, scope, provider, deps)
}

/** Drops the credentials and stops syncing; what the provider brought stays, marked with its source. */
export async function disconnect(db: Db, scope: Scope, provider: Provider, deps: ConnectorDeps) {
  integrationsPermissions.require(scope, 'connectors.manage')
  const row = await requireConnection(db, scope, provider)
  await db.transaction(async (tx) => {
    await tx
      .update(connections)
      .set({ status: 'disconnected', credentialsSealed: null, updatedAt: deps.clock.now() })
      .where(and(eq(connections.orgId, scope.orgId), eq(connections.id, row.id)))
    await writeAudit(
      tx,
      scope,
      { action: 'connection.disconnected', entityType: 'connection', entityId: row.id, before: { provider } },
      deps.clock,
    )
  })
  return getConnection(db, scope, provider, deps)
}

export async function updateSettings(
  db: Db,
  scope: Scope,
  provider: Provider,
  changes: Record<string, unknown>,
  deps: ConnectorDeps,
) {
  integrationsPermissions.require(scope, 'connectors.manage')
  const row = await requireConnection(db, scope, provider)
  const { baseUrl, ...rest } = changes
  if (baseUrl !== undefined) throw invalidField('settings.baseUrl', 'is set by connecting again')
  const parsed = connectorOf(provider).settings.safeParse({ ...settingsOf(row), ...rest })
  if (!parsed.success)
    throw new AppError(
      'VALIDATION',
      'The settings are not valid',
      parsed.error.issues.map((i) => ({ path: `settings.${i.path.join('.')}`, message: i.message })),
    )
  const settings = {
    ...(parsed.data as object),
    ...((row.settings as { baseUrl?: string }).baseUrl
      ? { baseUrl: (row.settings as { baseUrl?: string }).baseUrl }
      : {}),
  }
  await db.transaction(async (tx) => {
    await tx
      .update(connections)
      .set({ settings, updatedAt: deps.clock.now() })
      .where(and(eq(connections.orgId, scope.orgId), eq(connections.id, row.id)))
    await writeAudit(
      tx,
      scope,
      {
        action: 'connection.settings_changed',
        entityType: 'connection',
        entityId: row.id,
        before: row.settings,
        after: settings,
      },
      deps.clock,
    )
  })
  return getConnection(db, scope, provider, deps)
}

/** What the provider's change notifications did: the last 100, newest first. */
export async function listEvents(db: Db, scope: Scope, provider: Provider) {
  integrationsPermissions.require(scope, 'connectors.read')
  await requireConnection(db, scope, provider)
  const rows = await db
    .select()
    .from(inboundEvents)
    .where(and(eq(inboundEvents.orgId, scope.orgId), eq(inboundEvents.provider, provider)))
    .orderBy(desc(inboundEvents.receivedAt), desc(inboundEvents.eventId))
    .limit(100)
  return {
    items: rows.map((r) => ({
      eventId: r.eventId,
      type: r.type,
      outcome: r.outcome,
      detail: r.detail,
      dealId: r.dealId,
      receivedAt: r.receivedAt.toISOString(),
    })),
  }
}
