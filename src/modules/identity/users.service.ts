// Orgs and users: creation (CLI, seed, invitations), listing, role and status changes.
import { hash } from '@node-rs/argon2'
import { and, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { AppError, invalidField, notFound } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import { signalOrgChanged } from '../../platform/events'
import type { ModuleDeps } from '../../platform/module'
import { afterCursor, countRows, toPage } from '../../platform/pagination'
import type { PageQuery } from '../../platform/platform.contract'
import type { Scope } from '../../platform/scope'
import {
  isPartnerRole,
  type OrgView,
  type Role,
  type UpdateOrgInput,
  type UpdateUserInput,
  type UserView,
} from './identity.contract'
import { identityIds, orgs, sessions, users } from './identity.tables'
import { canGrantRole, identityPermissions } from './permissions'

/** What identity's services use: the clock, the signing secret, links' base URL, partner names. */
export type IdentityDeps = Pick<ModuleDeps, 'clock' | 'secret' | 'publicUrl' | 'partners'>

type UserRow = typeof users.$inferSelect

export const toUserView = (u: UserRow): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role as Role,
  partnerId: u.partnerId,
  status: u.status,
  createdAt: u.createdAt.toISOString(),
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
})

export const normaliseEmail = (email: string): string => email.trim().toLowerCase()

// argon2id with the library's defaults (19 MiB, 2 passes) as OWASP recommends
export const hashPassword = (password: string): Promise<string> => hash(password)

const toOrgView = (org: typeof orgs.$inferSelect): OrgView => ({
  id: org.id,
  name: org.name,
  slug: org.slug,
  reportingCurrency: org.reportingCurrency,
})

export async function createOrg(
  db: Db,
  input: { name: string; slug: string },
  clock: Clock,
): Promise<OrgView> {
  const [existing] = await db.select().from(orgs).where(eq(orgs.slug, input.slug))
  if (existing) throw new AppError('CONFLICT', `An org with slug ${input.slug} already exists`)
  const [org] = await db
    .insert(orgs)
    .values({ id: identityIds.org(), name: input.name, slug: input.slug, createdAt: clock.now() })
    .returning()
  return toOrgView(org!)
}

export async function getOrg(db: Db, orgId: string): Promise<OrgView> {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId))
  if (!org) throw notFound('Org', orgId)
  return toOrgView(org)
}

export async function findOrgBySlug(db: Db, slug: string): Promise<OrgView | null> {
  const [org] = await db.select().from(orgs).where(eq(orgs.slug, slug))
  return org ? toOrgView(org) : null
}

/** The org's name and reporting currency, changed by its admins (audited). */
export async function updateOrg(db: Db, scope: Scope, input: UpdateOrgInput, clock: Clock): Promise<OrgView> {
  identityPermissions.require(scope, 'settings.write')
  return db.transaction(async (tx) => {
    const before = await getOrg(tx, scope.orgId)
    const [row] = await tx
      .update(orgs)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.reportingCurrency !== undefined ? { reportingCurrency: input.reportingCurrency } : {}),
      })
      .where(eq(orgs.id, scope.orgId))
      .returning()
    const after = toOrgView(row!)
    await writeAudit(
      tx,
      scope,
      { action: 'org.changed', entityType: 'org', entityId: scope.orgId, before, after },
      clock,
    )
    // figures cached for the org (the reporting currency) are stale
    await signalOrgChanged(tx, scope.orgId)
    return after
  })
}

/** The currency the org reports in, for other modules' figures; null when none is chosen. */
export async function readReportingCurrency(db: Db, orgId: string): Promise<string | null> {
  const [org] = await db.select({ currency: orgs.reportingCurrency }).from(orgs).where(eq(orgs.id, orgId))
  return org?.currency ?? null
}

export interface NewUser {
  email: string
  name: string
  password: string
  role: Role
  partnerId?: string | null
}

/**
 * Checks a new user and hashes the password, touching the database only through `db` and the
 * partner directory: call it before opening a transaction (on the embedded database a query on
 * another handle inside a transaction would wait for that transaction forever).
 */
export async function prepareUser(
  db: Db,
  scope: Scope,
  input: NewUser,
  deps: Pick<IdentityDeps, 'clock' | 'partners'>,
): Promise<UserRow> {
  const email = normaliseEmail(input.email)
  if (input.password.length < 10) throw invalidField('password', 'must be at least 10 characters')
  const partnerId = await checkPartnerRole(scope.orgId, input.role, input.partnerId ?? null, deps.partners)
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, email))
  if (taken)
    throw new AppError('CONFLICT', `A user with email ${email} already exists`, [
      { path: 'email', message: 'is already in use' },
    ])
  return {
    orgId: scope.orgId,
    id: identityIds.user(),
    email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    partnerId,
    status: 'active',
    lastLoginAt: null,
    createdAt: deps.clock.now(),
  }
}

/** Stores a prepared user with its audit entry; run inside the caller's transaction. */
export async function insertUser(tx: Db, scope: Scope, row: UserRow, clock: Clock): Promise<UserView> {
  await tx.insert(users).values(row)
  await writeAudit(
    tx,
    scope,
    { action: 'user.created', entityType: 'user', entityId: row.id, after: toUserView(row) },
    clock,
  )
  return toUserView(row)
}

/** Creates a user directly (CLI, seed). The scope's org receives the user. */
export async function createUser(
  db: Db,
  scope: Scope,
  input: NewUser,
  deps: Pick<IdentityDeps, 'clock' | 'partners'>,
): Promise<UserView> {
  const row = await prepareUser(db, scope, input, deps)
  return db.transaction((tx) => insertUser(tx, scope, row, deps.clock))
}

/** A partner role needs an existing partner of the org; a staff role must have none. */
export async function checkPartnerRole(
  orgId: string,
  role: Role,
  partnerId: string | null,
  partners: ModuleDeps['partners'],
): Promise<string | null> {
  if (!isPartnerRole(role)) {
    if (partnerId) throw invalidField('partnerId', `must be empty for the staff role ${role}`)
    return null
  }
  if (!partnerId) throw invalidField('partnerId', `is required for the partner role ${role}`)
  if (!(await partners.findPartner(orgId, partnerId)))
    throw invalidField('partnerId', `partner ${partnerId} not found`)
  return partnerId
}

function userFilter(scope: Scope): SQL {
  const org = eq(users.orgId, scope.orgId)
  return scope.partnerId ? and(org, eq(users.partnerId, scope.partnerId))! : org
}

export async function listUsers(db: Db, scope: Scope, query: PageQuery) {
  identityPermissions.require(scope, 'users.read')
  const rows = await db
    .select()
    .from(users)
    .where(and(userFilter(scope), afterCursor(users.id, query.cursor)))
    .orderBy(desc(users.id))
    .limit(query.limit + 1)
  const total = await countRows(db, users, userFilter(scope))
  return toPage(rows, query.limit, (u) => u.id, toUserView, total)
}

/** An active user's e-mail, for mail another module sends them (a decision on what they submitted). */
export async function findUserEmail(db: Db, orgId: string, userId: string): Promise<string | null> {
  const [user] = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), eq(users.status, 'active')))
  return user?.email ?? null
}

export async function getUserRow(db: Db, scope: Scope, userId: string): Promise<UserRow> {
  const [user] = await db
    .select()
    .from(users)
    .where(and(userFilter(scope), eq(users.id, userId)))
  if (!user) throw notFound('User', userId)
  return user
}

export async function updateUser(
  db: Db,
  scope: Scope,
  userId: string,
  input: UpdateUserInput,
  deps: Pick<IdentityDeps, 'clock'>,
) {
  identityPermissions.require(scope, 'users.manage')
  const before = await getUserRow(db, scope, userId)
  if (input.role && input.role !== before.role) {
    if (!canGrantRole(scope, input.role) || !canGrantRole(scope, before.role as Role)) {
      throw new AppError(
        'FORBIDDEN',
        `Your role (${scope.actor.role}) may not change ${before.role} to ${input.role}`,
      )
    }
    if (isPartnerRole(input.role) !== isPartnerRole(before.role as Role)) {
      throw invalidField(
        'role',
        'cannot move a user between staff and partner roles; invite them again instead',
      )
    }
  }
  if (
    userId === scope.actor.id &&
    (input.status === 'disabled' || (input.role && input.role !== before.role))
  ) {
    throw new AppError('CONFLICT', 'You cannot disable yourself or change your own role')
  }
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.role !== undefined ? { role: input.role } : {}),
    ...(input.status !== undefined ? { status: input.status } : {}),
  }
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set(changes)
      .where(and(eq(users.orgId, scope.orgId), eq(users.id, userId)))
      .returning()
    await writeAudit(
      tx,
      scope,
      {
        action: 'user.updated',
        entityType: 'user',
        entityId: userId,
        before: toUserView(before),
        after: toUserView(after!),
      },
      deps.clock,
    )
    // a disabled user is signed out everywhere at once
    if (after!.status === 'disabled')
      await tx.delete(sessions).where(and(eq(sessions.orgId, scope.orgId), eq(sessions.userId, userId)))
    return toUserView(after!)
  })
}

/** People by id, staff or partner, active or not: names for lists that show who did what. */
export async function findUsers(
  db: Db,
  orgId: string,
  userIds: readonly string[],
): Promise<Map<string, { name: string; email: string; partnerId: string | null }>> {
  const ids = [...new Set(userIds)]
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, partnerId: users.partnerId })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.id, ids)))
  return new Map(rows.map((u) => [u.id, { name: u.name, email: u.email, partnerId: u.partnerId }]))
}

/** The org's active staff users among these ids, with their names: who may own a territory or review. */
export async function findStaffUsers(
  db: Db,
  orgId: string,
  userIds: readonly string[],
): Promise<Map<string, { name: string; email: string }>> {
  const ids = [...new Set(userIds)]
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.orgId, orgId),
        inArray(users.id, ids),
        eq(users.status, 'active'),
        isNull(users.partnerId),
      ),
    )
  return new Map(rows.map((u) => [u.id, { name: u.name, email: u.email }]))
}

/** Each partner's active partner admins with their e-mail: whom a later module writes about the partner. */
export async function findPartnerAdmins(
  db: Db,
  orgId: string,
  partnerIds: readonly string[],
): Promise<Map<string, { id: string; name: string; email: string }[]>> {
  const ids = [...new Set(partnerIds)]
  const found = new Map<string, { id: string; name: string; email: string }[]>()
  if (ids.length === 0) return found
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, partnerId: users.partnerId })
    .from(users)
    .where(
      and(
        eq(users.orgId, orgId),
        inArray(users.partnerId, ids),
        eq(users.role, 'partner_admin'),
        eq(users.status, 'active'),
      ),
    )
    .orderBy(users.id)
  for (const row of rows) {
    const list = found.get(row.partnerId!) ?? []
    list.push({ id: row.id, name: row.name, email: row.email })
    found.set(row.partnerId!, list)
  }
  return found
}
