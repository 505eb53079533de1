// Sign-in with email and password, DB sessions behind an httpOnly cookie, lockout after failures.
import { randomBytes } from 'node:crypto'
import { verify } from '@node-rs/argon2'
import { and, eq, lt, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { AppError } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import { secretsEqual, sha256Hex } from '../../platform/hash'
import type { Scope } from '../../platform/scope'
import type { LoginInput, MeView } from './identity.contract'
import { sessions, signInFailures, users } from './identity.tables'
import { getOrg, type IdentityDeps, normaliseEmail, toUserView } from './users.service'

export const sessionTtlMs = 7 * 24 * 3600_000
export const maxFailedLogins = 5
export const lockoutMs = 15 * 60_000

const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url')

// verifying against a real hash when the email is unknown keeps both answers equally slow
const unknownUserHash =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3Mr3p2Ih2iYV3PRdTqP8dzCmuEO0ozXKsQKsaGkFJqk'

export interface SignedIn {
  token: string
  me: MeView
}

/** Refuses sign-in while an email is locked; the same answer whether or not an account has it. */
async function refuseIfLocked(db: Db, emailKey: string, now: Date): Promise<void> {
  const [row] = await db
    .select({ lockedUntil: signInFailures.lockedUntil })
    .from(signInFailures)
    .where(eq(signInFailures.emailKey, emailKey))
  if (row?.lockedUntil && row.lockedUntil > now) {
    throw new AppError(
      'RATE_LIMITED',
      `Too many failed sign-in attempts. Try again after ${row.lockedUntil.toISOString()}.`,
    )
  }
}

/** Counts one failure in a single statement, so concurrent failures cannot overwrite each other. */
async function countFailure(db: Db, emailKey: string, now: Date): Promise<void> {
  const lockUntil = new Date(now.getTime() + lockoutMs)
  const reachesLimit = sql`${signInFailures.failures} + 1 >= ${maxFailedLogins}`
  await db
    .insert(signInFailures)
    .values({ emailKey, failures: 1, lockedUntil: null, updatedAt: now })
    .onConflictDoUpdate({
      target: signInFailures.emailKey,
      set: {
        failures: sql`case when ${reachesLimit} then 0 else ${signInFailures.failures} + 1 end`,
        lockedUntil: sql`case when ${reachesLimit} then ${lockUntil.toISOString()}::timestamptz else ${signInFailures.lockedUntil} end`,
        updatedAt: now,
      },
    })
}

export async function login(
  db: Db,
  input: LoginInput,
  deps: Pick<IdentityDeps, 'clock' | 'partners'>,
): Promise<SignedIn> {
  const now = deps.clock.now()
  const email = normaliseEmail(input.email)
  const emailKey = sha256Hex(email)
  await refuseIfLocked(db, emailKey, now)
  const [user] = await db.select().from(users).where(eq(users.email, email))
  const valid = await verify(user?.passwordHash ?? unknownUserHash, input.password).catch(() => false)
  if (!user || !valid || user.status !== 'active') {
    await countFailure(db, emailKey, now)
    throw new AppError('UNAUTHENTICATED', 'Email or password is not correct')
  }
  await db.delete(signInFailures).where(eq(signInFailures.emailKey, emailKey))
  await db
    .update(users)
    .set({ lastLoginAt: now })
    .where(and(eq(users.orgId, user.orgId), eq(users.id, user.id)))
  return startSession(db, user.orgId, user.id, deps)
}

/** Opens a session for a user who has just proven who they are. */
export async function startSession(
  db: Db,
  orgId: string,
  userId: string,
  deps: Pick<IdentityDeps, 'clock' | 'partners'>,
): Promise<SignedIn> {
  const now = deps.clock.now()
  const token = randomToken()
  const csrfToken = randomToken(24)
  await db.insert(sessions).values({
    tokenHash: sha256Hex(token),
    orgId,
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + sessionTtlMs),
  })
  // expired sessions are swept here rather than by a separate job
  await db.delete(sessions).where(lt(sessions.expiresAt, now))
  return { token, me: await getMe(db, orgId, userId, csrfToken, deps) }
}

export interface SessionAuth {
  scope: Scope
  csrfToken: string
}

/** The scope of a session cookie, or null when it is unknown, expired or its user is disabled. */
export async function authenticateSession(db: Db, token: string, clock: Clock): Promise<SessionAuth | null> {
  const now = clock.now()
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
    .where(eq(sessions.tokenHash, sha256Hex(token)))
  if (!row || row.session.expiresAt <= now || row.user.status !== 'active') return null
  // sliding expiry, written at most once a minute
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + sessionTtlMs) })
      .where(eq(sessions.tokenHash, row.session.tokenHash))
  }
  return {
    scope: {
      orgId: row.user.orgId,
      actor: { type: 'user', id: row.user.id, role: row.user.role },
      ...(row.user.partnerId ? { partnerId: row.user.partnerId } : {}),
    },
    csrfToken: row.session.csrfToken,
  }
}

export const csrfMatches = (expected: string, given: string | undefined): boolean =>
  given !== undefined && expected !== '' && secretsEqual(given, expected)

export async function logout(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256Hex(token)))
}

export async function endUserSessions(db: Db, orgId: string, userId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId)))
}

export async function getMe(
  db: Db,
  orgId: string,
  userId: string,
  csrfToken: string,
  deps: Pick<IdentityDeps, 'partners'>,
): Promise<MeView> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
  if (!user) throw new AppError('UNAUTHENTICATED', 'Not signed in')
  const partner = user.partnerId ? await deps.partners.findPartner(orgId, user.partnerId) : null
  return { user: toUserView(user), org: await getOrg(db, orgId), partner, csrfToken }
}
