// An org's single sign-on provider, as its admins set it: issuer (proven by discovery), client id, the
// client secret sealed at rest, the email domains that sign in through it (a domain belongs to one
// org), the role of people created on first sign-in. Every change is audited. Also what the sign-in
// page asks without a session: whether an email's domain signs in through a provider.
import { and, asc, eq, inArray, ne } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { AppError, invalidField } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import { isUniqueViolation } from '../../platform/database-error'
import type { ModuleDeps } from '../../platform/module'
import { actorLabel, type Scope } from '../../platform/scope'
import { createSealer } from '../../platform/sealed'
import type { Role } from './identity.contract'
import { ssoConnections, ssoDomains } from './identity.tables'
import { canGrantRole, identityPermissions } from './permissions'
import type { SsoConnectionInput, SsoConnectionView, SsoDiscoverView, SsoSettingsView } from './sso.contract'
import { discoverProvider, type ProviderClient } from './sso-provider'

/** What single sign-on uses: the clock, the sealing secret, the public URL, and the http-issuer switch. */
export type SsoDeps = Pick<ModuleDeps, 'clock' | 'secret' | 'publicUrl' | 'allowInsecureSsoIssuers'>

export type SsoConnectionRow = typeof ssoConnections.$inferSelect

const sealer = (secret: string) => createSealer(secret, 'sso-client-secret')

/** The redirect URI registered at the provider: the same for every org of this server. */
export const ssoCallbackUrl = (publicUrl: string): string =>
  new URL('/api/v1/sso/callback', publicUrl).toString()

/** The domain of an email, lower-cased; empty when it has none. */
export const emailDomain = (email: string): string => {
  const at = email.lastIndexOf('@')
  return at < 0
    ? ''
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase()
}

export async function readConnection(db: Db, orgId: string): Promise<SsoConnectionRow | undefined> {
  const [row] = await db.select().from(ssoConnections).where(eq(ssoConnections.orgId, orgId))
  return row
}

export async function readDomains(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ domain: ssoDomains.domain })
    .from(ssoDomains)
    .where(eq(ssoDomains.orgId, orgId))
    .orderBy(asc(ssoDomains.domain))
  return rows.map((r) => r.domain)
}

/** The issuer, client id and opened secret of a stored connection, for openid-client. */
export function providerClientOf(row: SsoConnectionRow, secret: string): ProviderClient {
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret: sealer(secret).open(row.clientSecretSealed, row.orgId),
  }
}

const toView = (row: SsoConnectionRow, domains: string[]): SsoConnectionView => ({
  issuer: row.issuer,
  clientId: row.clientId,
  hasClientSecret: row.clientSecretSealed !== '',
  domains,
  defaultRole: row.defaultRole as SsoConnectionView['defaultRole'],
  allowPartnerUsers: row.allowPartnerUsers,
  enabled: row.enabled,
  updatedAt: row.updatedAt.toISOString(),
})

async function settingsOf(db: Db, orgId: string, publicUrl: string): Promise<SsoSettingsView> {
  const row = await readConnection(db, orgId)
  return {
    callbackUrl: ssoCallbackUrl(publicUrl),
    connection: row ? toView(row, await readDomains(db, orgId)) : null,
  }
}

export async function getSsoSettings(db: Db, scope: Scope, deps: Pick<SsoDeps, 'publicUrl'>) {
  identityPermissions.require(scope, 'sso.manage')
  return settingsOf(db, scope.orgId, deps.publicUrl)
}

/** Answers 409 naming `domains` when another org's provider already signs in one of them. */
async function refuseTakenDomains(db: Db, orgId: string, domains: string[]): Promise<void> {
  const taken = await db
    .select({ domain: ssoDomains.domain })
    .from(ssoDomains)
    .where(and(inArray(ssoDomains.domain, domains), ne(ssoDomains.orgId, orgId)))
  if (taken.length > 0) throw domainsTaken(taken.map((t) => t.domain))
}

const domainsTaken = (domains: string[]) =>
  new AppError('CONFLICT', `Another org signs in ${domains.join(', ') || 'these domains'} already`, [
    { path: 'domains', message: `${domains.join(', ') || 'a domain'} belongs to another org` },
  ])

/**
 * Sets the org's provider up, or changes it. The issuer is proven by reading its discovery document
 * before anything is stored; the secret may be left out to keep the stored one.
 */
export async function putSsoConnection(
  db: Db,
  scope: Scope,
  input: SsoConnectionInput,
  deps: SsoDeps,
): Promise<SsoSettingsView> {
  identityPermissions.require(scope, 'sso.manage')
  // whoever sets the provider up decides who becomes what: no one grants a role they may not
  if (!canGrantRole(scope, input.defaultRole as Role))
    throw invalidField('defaultRole', `your role (${scope.actor.role}) may not grant ${input.defaultRole}`)
  const domains = [...new Set(input.domains)]
  const existing = await readConnection(db, scope.orgId)
  const clientSecret =
    input.clientSecret ?? (existing ? providerClientOf(existing, deps.secret).clientSecret : undefined)
  if (!clientSecret) throw invalidField('clientSecret', 'is required when setting single sign-on up')
  await refuseTakenDomains(db, scope.orgId, domains)
  await discoverProvider({ issuer: input.issuer, clientId: input.clientId, clientSecret }, deps)

  const now = deps.clock.now()
  const values = {
    issuer: input.issuer,
    clientId: input.clientId,
    clientSecretSealed: sealer(deps.secret).seal(clientSecret, scope.orgId),
    defaultRole: input.defaultRole,
    allowPartnerUsers: input.allowPartnerUsers,
    enabled: input.enabled,
    updatedBy: actorLabel(scope.actor),
    updatedAt: now,
  }
  try {
    await db.transaction(async (tx) => {
      const before = existing ? toView(existing, await readDomains(tx, scope.orgId)) : null
      await tx
        .insert(ssoConnections)
        .values({ orgId: scope.orgId, ...values, createdAt: now })
        .onConflictDoUpdate({ target: ssoConnections.orgId, set: values })
      await tx.delete(ssoDomains).where(eq(ssoDomains.orgId, scope.orgId))
      await tx.insert(ssoDomains).values(domains.map((domain) => ({ domain, orgId: scope.orgId })))
      const after = toView((await readConnection(tx, scope.orgId))!, await readDomains(tx, scope.orgId))
      const { updatedAt: _b, ...was } = before ?? { updatedAt: null }
      const { updatedAt: _a, ...is } = after
      await writeAudit(
        tx,
        scope,
        {
          action: 'sso.connection_changed',
          entityType: 'org',
          entityId: scope.orgId,
          before: before ? was : null,
          // the secret itself is never written to the log, only that it changed
          after: { ...is, clientSecretChanged: input.clientSecret !== undefined },
        },
        deps.clock,
      )
    })
  } catch (error) {
    // another org took a domain between the check and the write
    if (isUniqueViolation(error)) throw domainsTaken([])
    throw error
  }
  return settingsOf(db, scope.orgId, deps.publicUrl)
}

/** Removes the org's provider: its people sign in with their passwords again (audited). */
export async function deleteSsoConnection(db: Db, scope: Scope, deps: Pick<SsoDeps, 'clock'>): Promise<void> {
  identityPermissions.require(scope, 'sso.manage')
  const existing = await readConnection(db, scope.orgId)
  if (!existing) throw new AppError('NOT_FOUND', 'Single sign-on is not set up for this org')
  await db.transaction(async (tx) => {
    const before = toView(existing, await readDomains(tx, scope.orgId))
    await tx.delete(ssoDomains).where(eq(ssoDomains.orgId, scope.orgId))
    await tx.delete(ssoConnections).where(eq(ssoConnections.orgId, scope.orgId))
    const { updatedAt: _, ...was } = before
    await writeAudit(
      tx,
      scope,
      { action: 'sso.connection_removed', entityType: 'org', entityId: scope.orgId, before: was },
      deps.clock,
    )
  })
}

/** The enabled connection that signs in an email's domain, with the domain, or null. */
export async function connectionForEmail(db: Db, email: string): Promise<SsoConnectionRow | null> {
  const domain = emailDomain(email)
  if (!domain) return null
  const [row] = await db
    .select({ connection: ssoConnections })
    .from(ssoDomains)
    .innerJoin(ssoConnections, eq(ssoConnections.orgId, ssoDomains.orgId))
    .where(and(eq(ssoDomains.domain, domain), eq(ssoConnections.enabled, true)))
  return row?.connection ?? null
}

/** Whether an email signs in through a provider, and where the browser starts; nothing about the org. */
export async function discoverSso(db: Db, email: string, publicUrl: string): Promise<SsoDiscoverView> {
  const connection = await connectionForEmail(db, email)
  if (!connection) return { sso: false }
  // on the public URL, like the callback: the state cookie the start sets must reach the callback
  const start = new URL('/api/v1/sso/start', publicUrl)
  start.search = new URLSearchParams({ email: email.trim() }).toString()
  return { sso: true, startUrl: start.toString() }
}
