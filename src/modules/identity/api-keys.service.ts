// API keys for integrations: shown once, stored as a hash, scoped read or read-write, revocable.
import { randomBytes } from 'node:crypto'
import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { AppError, notFound } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import { sha256Hex } from '../../platform/hash'
import { afterCursor, countRows, toPage } from '../../platform/pagination'
import type { PageQuery } from '../../platform/platform.contract'
import type { Scope } from '../../platform/scope'
import type { ApiKeyView, CreateApiKeyInput, CreatedApiKeyView } from './identity.contract'
import { apiKeys, identityIds } from './identity.tables'
import { identityPermissions } from './permissions'

const keyPrefix = 'crd_'

type ApiKeyRow = typeof apiKeys.$inferSelect

const toView = (row: ApiKeyRow): ApiKeyView => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  prefix: row.prefix,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
})

export async function createApiKey(
  db: Db,
  scope: Scope,
  input: CreateApiKeyInput,
  deps: { clock: Clock },
): Promise<CreatedApiKeyView> {
  identityPermissions.require(scope, 'api_keys.manage')
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'Partner users may not create API keys')
  const secret = `${keyPrefix}${randomBytes(32).toString('base64url')}`
  const row: ApiKeyRow = {
    orgId: scope.orgId,
    id: identityIds.apiKey(),
    name: input.name,
    scope: input.scope,
    prefix: secret.slice(0, 12),
    keyHash: sha256Hex(secret),
    createdBy: scope.actor.id,
    createdAt: deps.clock.now(),
    lastUsedAt: null,
    revokedAt: null,
  }
  await db.transaction(async (tx) => {
    await tx.insert(apiKeys).values(row)
    await writeAudit(
      tx,
      scope,
      { action: 'api_key.created', entityType: 'api_key', entityId: row.id, after: toView(row) },
      deps.clock,
    )
  })
  return { ...toView(row), secret }
}

export async function listApiKeys(db: Db, scope: Scope, query: PageQuery) {
  identityPermissions.require(scope, 'api_keys.manage')
  const rows = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, scope.orgId), afterCursor(apiKeys.id, query.cursor)))
    .orderBy(desc(apiKeys.id))
    .limit(query.limit + 1)
  const total = await countRows(db, apiKeys, eq(apiKeys.orgId, scope.orgId))
  return toPage(rows, query.limit, (r) => r.id, toView, total)
}

export async function revokeApiKey(db: Db, scope: Scope, id: string, deps: { clock: Clock }): Promise<void> {
  identityPermissions.require(scope, 'api_keys.manage')
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: deps.clock.now() })
      .where(and(eq(apiKeys.orgId, scope.orgId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning()
    if (!row) {
      const [existing] = await tx
        .select({ id: apiKeys.id })
        .from(apiKeys)
        .where(and(eq(apiKeys.orgId, scope.orgId), eq(apiKeys.id, id)))
      if (!existing) throw notFound('API key', id)
      return // already revoked: revoking again changes nothing
    }
    await writeAudit(
      tx,
      scope,
      {
        action: 'api_key.revoked',
        entityType: 'api_key',
        entityId: id,
        before: toView({ ...row, revokedAt: null }),
        after: toView(row),
      },
      deps.clock,
    )
  })
}

/** The scope a bearer key acts with, or null when unknown or revoked. */
export async function authenticateApiKey(db: Db, secret: string, clock: Clock): Promise<Scope | null> {
  if (!secret.startsWith(keyPrefix)) return null
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sha256Hex(secret)), isNull(apiKeys.revokedAt)))
  if (!row) return null
  const now = clock.now()
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.orgId, row.orgId), eq(apiKeys.id, row.id)))
  }
  return {
    orgId: row.orgId,
    actor: { type: 'api_key', id: row.id, role: row.scope === 'read_write' ? 'admin' : 'analyst' },
  }
}
