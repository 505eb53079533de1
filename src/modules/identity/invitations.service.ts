// Invitations: signed, expiring, single-use links that let a new staff or partner user set a password.
import { createHmac } from 'node:crypto'
import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { AppError, invalidField, notFound } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import { secretsEqual } from '../../platform/hash'
import { queueMail } from '../../platform/mail'
import { afterCursor, countRows, toPage } from '../../platform/pagination'
import type { PageQuery } from '../../platform/platform.contract'
import type { Scope } from '../../platform/scope'
import type {
  AcceptInvitationInput,
  CreateInvitationInput,
  InvitationPreview,
  InvitationView,
  Role,
} from './identity.contract'
import { identityIds, invitations, orgs, users } from './identity.tables'
import { canGrantRole, identityPermissions } from './permissions'
import { type SignedIn, startSession } from './sessions.service'
import { checkPartnerRole, type IdentityDeps, insertUser, normaliseEmail, prepareUser } from './users.service'

export const invitationTtlMs = 7 * 24 * 3600_000

type InvitationRow = typeof invitations.$inferSelect

function statusOf(row: InvitationRow, now: Date): InvitationView['status'] {
  if (row.acceptedAt) return 'accepted'
  if (row.revokedAt) return 'revoked'
  return row.expiresAt <= now ? 'expired' : 'pending'
}

const toView = (row: InvitationRow, now: Date): InvitationView => ({
  id: row.id,
  email: row.email,
  role: row.role as Role,
  partnerId: row.partnerId,
  status: statusOf(row, now),
  expiresAt: row.expiresAt.toISOString(),
  createdAt: row.createdAt.toISOString(),
})

// token = base64url("<invitation id>.<expiry ms>") + "." + HMAC-SHA256 of that part
function signToken(secret: string, id: string, expiresAt: Date): string {
  const body = Buffer.from(`${id}.${expiresAt.getTime()}`).toString('base64url')
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`
}

function readToken(secret: string, token: string, now: Date): { id: string } {
  const [body, signature] = token.split('.')
  const expected = body ? createHmac('sha256', secret).update(body).digest('base64url') : ''
  const valid = !!signature && !!body && secretsEqual(signature, expected)
  if (!valid) throw new AppError('NOT_FOUND', 'This invitation link is not valid')
  const [id, expiry] = Buffer.from(body!, 'base64url').toString().split('.')
  if (!id || Number(expiry) <= now.getTime())
    throw new AppError('GONE', 'This invitation link has expired; ask for a new one')
  return { id }
}

export async function createInvitation(
  db: Db,
  scope: Scope,
  input: CreateInvitationInput,
  deps: IdentityDeps,
) {
  identityPermissions.require(scope, 'users.manage')
  if (!canGrantRole(scope, input.role)) throw invalidField('role', `your role may not grant ${input.role}`)
  const partnerId = scope.partnerId ?? input.partnerId ?? null
  if (scope.partnerId && input.partnerId && input.partnerId !== scope.partnerId) {
    throw invalidField('partnerId', 'you may invite people to your own partner only')
  }
  await checkPartnerRole(scope.orgId, input.role, partnerId, deps.partners)
  const email = normaliseEmail(input.email)
  // only an account in this org is reported: saying that another org has the address would leak it
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, scope.orgId), eq(users.email, email)))
  if (existing)
    throw new AppError('CONFLICT', `${email} already has an account`, [
      { path: 'email', message: 'already has an account' },
    ])

  const now = deps.clock.now()
  const row: InvitationRow = {
    orgId: scope.orgId,
    id: identityIds.invitation(),
    email,
    role: input.role,
    partnerId,
    invitedBy: scope.actor.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + invitationTtlMs),
    acceptedAt: null,
    revokedAt: null,
  }
  const link = `${deps.publicUrl.replace(/\/$/, '')}/invite/${signToken(deps.secret, row.id, row.expiresAt)}`
  const [org] = await db.select().from(orgs).where(eq(orgs.id, scope.orgId))
  await db.transaction(async (tx) => {
    // a new invitation replaces any pending one for the same address
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.orgId, scope.orgId),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
    await tx.insert(invitations).values(row)
    await writeAudit(
      tx,
      scope,
      { action: 'invitation.created', entityType: 'invitation', entityId: row.id, after: toView(row, now) },
      deps.clock,
    )
    await queueMail(
      tx,
      scope.orgId,
      {
        to: email,
        subject: `You are invited to ${org?.name ?? 'Credence'}`,
        text: `You have been invited to ${org?.name ?? 'Credence'} on Credence as ${input.role}.\n\nSet your password here (the link expires on ${row.expiresAt.toISOString()}):\n${link}\n`,
      },
      deps.clock,
    )
  })
  return { ...toView(row, now), link }
}

export async function listInvitations(
  db: Db,
  scope: Scope,
  query: PageQuery,
  deps: Pick<IdentityDeps, 'clock'>,
) {
  identityPermissions.require(scope, 'users.read')
  const visible = and(
    eq(invitations.orgId, scope.orgId),
    scope.partnerId ? eq(invitations.partnerId, scope.partnerId) : undefined,
  )
  const rows = await db
    .select()
    .from(invitations)
    .where(and(visible, afterCursor(invitations.id, query.cursor)))
    .orderBy(desc(invitations.id))
    .limit(query.limit + 1)
  const now = deps.clock.now()
  return toPage(
    rows,
    query.limit,
    (r) => r.id,
    (r) => toView(r, now),
    await countRows(db, invitations, visible),
  )
}

export async function revokeInvitation(db: Db, scope: Scope, id: string, deps: Pick<IdentityDeps, 'clock'>) {
  identityPermissions.require(scope, 'users.manage')
  const [row] = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.orgId, scope.orgId),
        eq(invitations.id, id),
        scope.partnerId ? eq(invitations.partnerId, scope.partnerId) : undefined,
      ),
    )
  if (!row) throw notFound('Invitation', id)
  if (row.acceptedAt) throw new AppError('CONFLICT', 'This invitation has already been accepted')
  await db.transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({ revokedAt: deps.clock.now() })
      .where(and(eq(invitations.orgId, scope.orgId), eq(invitations.id, id)))
    await writeAudit(
      tx,
      scope,
      { action: 'invitation.revoked', entityType: 'invitation', entityId: id },
      deps.clock,
    )
  })
}

async function openInvitation(
  db: Db,
  token: string,
  deps: Pick<IdentityDeps, 'clock' | 'secret'>,
): Promise<InvitationRow> {
  const now = deps.clock.now()
  const { id } = readToken(deps.secret, token, now)
  const [row] = await db.select().from(invitations).where(eq(invitations.id, id))
  if (!row) throw new AppError('NOT_FOUND', 'This invitation link is not valid')
  const status = statusOf(row, now)
  if (status !== 'pending')
    throw new AppError('GONE', `This invitation has been ${status}; ask for a new one`)
  return row
}

export async function previewInvitation(
  db: Db,
  token: string,
  deps: IdentityDeps,
): Promise<InvitationPreview> {
  const row = await openInvitation(db, token, deps)
  const [org] = await db.select().from(orgs).where(eq(orgs.id, row.orgId))
  const partner = row.partnerId ? await deps.partners.findPartner(row.orgId, row.partnerId) : null
  return {
    email: row.email,
    orgName: org?.name ?? '',
    role: row.role as Role,
    partnerName: partner?.name ?? null,
    expiresAt: row.expiresAt.toISOString(),
  }
}

/** Creates the invited user with their chosen password and signs them in; the link then stops working. */
export async function acceptInvitation(
  db: Db,
  input: AcceptInvitationInput,
  deps: IdentityDeps,
): Promise<SignedIn> {
  const row = await openInvitation(db, input.token, deps)
  const scope: Scope = { orgId: row.orgId, actor: { type: 'user', id: row.invitedBy, role: 'owner' } }
  const prepared = await prepareUser(
    db,
    scope,
    {
      email: row.email,
      name: input.name,
      password: input.password,
      role: row.role as Role,
      partnerId: row.partnerId,
    },
    deps,
  )
  // claiming the invitation and creating the user commit together, or not at all
  const user = await db.transaction(async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: deps.clock.now() })
      .where(
        and(eq(invitations.orgId, row.orgId), eq(invitations.id, row.id), isNull(invitations.acceptedAt)),
      )
      .returning({ id: invitations.id })
    if (claimed.length === 0) throw new AppError('GONE', 'This invitation has already been accepted')
    return insertUser(tx, scope, prepared, deps.clock)
  })
  return startSession(db, row.orgId, user.id, deps)
}
