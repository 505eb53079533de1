// Signing in through an org's provider (OpenID Connect authorization code flow with PKCE): the start
// sends the browser to the provider with a state, a nonce and a code challenge kept for ten minutes;
// the callback takes them once, has openid-client exchange and verify the code, and signs the person
// in — an existing user of that org, or a new staff user with the connection's default role.
import { randomBytes } from 'node:crypto'
import { and, eq, lt } from 'drizzle-orm'
import * as oidc from 'openid-client'
import type { Db } from '../../db/client'
import { AppError } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import { isUniqueViolation } from '../../platform/database-error'
import { secretsEqual, sha256Hex } from '../../platform/hash'
import type { Scope } from '../../platform/scope'
import { identityIds, ssoSignIns, users } from './identity.tables'
import { type SignedIn, startSession } from './sessions.service'
import {
  connectionForEmail,
  emailDomain,
  providerClientOf,
  readConnection,
  readDomains,
  type SsoConnectionRow,
  type SsoDeps,
  ssoCallbackUrl,
} from './sso.service'
import type { ProviderCache } from './sso-provider'
import { hashPassword, type IdentityDeps, normaliseEmail, toUserView } from './users.service'

export const ssoStateTtlMs = 10 * 60_000
export const ssoScopes = 'openid email profile'

export type SsoSignInDeps = SsoDeps & Pick<IdentityDeps, 'partners'> & { providers: ProviderCache }

/** A refusal the sign-in page shows as it is. */
const refuse = (message: string) => new AppError('UNAUTHENTICATED', message)

/** Only a path on this site is followed after sign-in; anything else lands on the start page. */
export function safeReturnTo(returnTo: string | null | undefined): string | null {
  if (!returnTo || !/^\/(?![/\\])/.test(returnTo) || /[\s\\]/.test(returnTo)) return null
  return returnTo.startsWith('/api/') || returnTo.startsWith('/login') ? null : returnTo
}

const configFor = (row: SsoConnectionRow, deps: SsoSignInDeps) =>
  deps.providers.get(row.orgId, row.updatedAt.toISOString(), providerClientOf(row, deps.secret))

export interface SsoStart {
  /** The provider's authorization URL to send the browser to. */
  url: string
  /** Set in an httpOnly cookie too, so only the browser that started may finish. */
  state: string
}

/** Starts a sign-in through the provider of the email's domain. */
export async function startSsoSignIn(
  db: Db,
  input: { email: string; returnTo?: string | undefined },
  deps: SsoSignInDeps,
): Promise<SsoStart> {
  const connection = await connectionForEmail(db, input.email)
  if (!connection) throw refuse('Single sign-on is not set up for this email’s domain')
  const config = await configFor(connection, deps)
  const now = deps.clock.now()
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const codeVerifier = oidc.randomPKCECodeVerifier()
  // sign-ins never finished are swept here rather than by a separate job
  await db.delete(ssoSignIns).where(lt(ssoSignIns.expiresAt, now))
  await db.insert(ssoSignIns).values({
    stateHash: sha256Hex(state),
    orgId: connection.orgId,
    nonce,
    codeVerifier,
    returnTo: safeReturnTo(input.returnTo),
    expiresAt: new Date(now.getTime() + ssoStateTtlMs),
  })
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: ssoCallbackUrl(deps.publicUrl),
    scope: ssoScopes,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    login_hint: normaliseEmail(input.email),
  })
  return { url: url.toString(), state }
}

export interface SsoCallback {
  /** The callback's query as the provider sent it. */
  query: { state?: string | undefined; error?: string | undefined; error_description?: string | undefined }
  /** The full URL the provider sent the browser to (openid-client reads the code from it). */
  currentUrl: URL
  /** The state the browser kept in its cookie. */
  browserState: string | undefined
}

/** Takes a started sign-in once: the row is deleted as it is read, so a replayed callback finds nothing. */
async function takeSignIn(db: Db, state: string, now: Date) {
  const [row] = await db
    .delete(ssoSignIns)
    .where(eq(ssoSignIns.stateHash, sha256Hex(state)))
    .returning()
  if (!row || row.expiresAt <= now) throw refuse('This sign-in expired or was already used; start again')
  return row
}

type Claims = Record<string, unknown>

/**
 * The person's claims: the ID token's, or — when it carries no email, as providers that keep profile
 * claims for the userinfo endpoint do — the userinfo answer for the same subject.
 */
async function claimsOf(
  config: oidc.Configuration,
  tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>,
): Promise<Claims> {
  const idToken = tokens.claims()
  if (!idToken) throw refuse('The provider sent no ID token')
  if (typeof idToken.email === 'string') return idToken
  return { ...(await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)), sub: idToken.sub }
}

/** The verified email and name; an address the provider says is unverified is refused. */
function identityOf(claims: Claims): { email: string; name: string | null } {
  const email = typeof claims.email === 'string' ? normaliseEmail(claims.email) : ''
  if (!email) throw refuse('The provider did not share an email address (ask for the email scope)')
  if (claims.email_verified === false) throw refuse('The provider has not verified this email address')
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : null
  return { email, name }
}

/** Finishes a sign-in: checks the answer, finds or creates the user, opens a session. */
export async function finishSsoSignIn(
  db: Db,
  callback: SsoCallback,
  deps: SsoSignInDeps,
): Promise<{ signedIn: SignedIn; returnTo: string | null }> {
  const { query } = callback
  const now = deps.clock.now()
  if (query.error)
    throw refuse(
      `The provider did not sign you in: ${(query.error_description ?? query.error).slice(0, 200)}`,
    )
  if (!query.state || !callback.browserState || !secretsEqual(query.state, callback.browserState))
    throw refuse('This sign-in did not start in this browser; start again')
  const pending = await takeSignIn(db, query.state, now)
  const connection = await readConnection(db, pending.orgId)
  if (!connection?.enabled) throw refuse('Single sign-on is no longer set up for this org')
  const config = await configFor(connection, deps)
  let claims: Claims
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callback.currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: query.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    })
    claims = await claimsOf(config, tokens)
  } catch (error) {
    if (error instanceof AppError) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw refuse(`The provider’s answer could not be verified: ${reason.slice(0, 200)}`)
  }
  const { email, name } = identityOf(claims)
  if (!(await readDomains(db, connection.orgId)).includes(emailDomain(email)))
    throw refuse(`${email} is not at a domain this org signs in through its provider`)
  const user = await findOrCreateUser(db, connection, { email, name }, deps)
  return {
    signedIn: await startSession(db, user.orgId, user.id, deps),
    returnTo: pending.returnTo,
  }
}

type UserRow = typeof users.$inferSelect

const scopeOfUser = (user: UserRow): Scope => ({
  orgId: user.orgId,
  actor: { type: 'user', id: user.id, role: user.role },
  ...(user.partnerId ? { partnerId: user.partnerId } : {}),
})

/** The org's user with this email (who must be allowed to use the provider), or a new staff user. */
async function findOrCreateUser(
  db: Db,
  connection: SsoConnectionRow,
  person: { email: string; name: string | null },
  deps: SsoSignInDeps,
): Promise<UserRow> {
  const now = deps.clock.now()
  const [user] = await db.select().from(users).where(eq(users.email, person.email))
  if (user) {
    // an email is one user across all orgs: another org's provider may not sign them in
    if (user.orgId !== connection.orgId) throw refuse('This account cannot sign in through this provider')
    if (user.status !== 'active') throw refuse('This account is disabled; ask an admin')
    if (user.partnerId && !connection.allowPartnerUsers)
      throw refuse('Partner users of this org sign in with their password')
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ lastLoginAt: now })
        .where(and(eq(users.orgId, user.orgId), eq(users.id, user.id)))
      await writeAudit(
        tx,
        scopeOfUser(user),
        {
          action: 'user.signed_in_sso',
          entityType: 'user',
          entityId: user.id,
          after: { issuer: connection.issuer },
        },
        deps.clock,
      )
    })
    return user
  }
  // a provider shared with partners must not turn every unknown person into staff
  if (connection.allowPartnerUsers)
    throw refuse('No account has this email yet; ask an admin of the org for an invitation')
  const row: UserRow = {
    orgId: connection.orgId,
    id: identityIds.user(),
    email: person.email,
    name: person.name ?? person.email.split('@')[0]!,
    // a password nobody knows, hashed like any other so password sign-in answers as slowly as ever
    passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
    role: connection.defaultRole,
    partnerId: null,
    status: 'active',
    lastLoginAt: now,
    createdAt: now,
  }
  try {
    await db.transaction(async (tx) => {
      await tx.insert(users).values(row)
      await writeAudit(
        tx,
        scopeOfUser(row),
        {
          action: 'user.created_sso',
          entityType: 'user',
          entityId: row.id,
          after: { ...toUserView(row), issuer: connection.issuer },
        },
        deps.clock,
      )
    })
  } catch (error) {
    // the same person finished two sign-ins at once: the first made the account
    if (isUniqueViolation(error)) throw refuse('This account was just created; sign in again')
    throw error
  }
  return row
}
