// Support tickets: a partner user (or staff for a partner) opens one with a subject, category, priority
// and first message, optionally about a deal; both sides reply in a thread while staff also keep internal
// notes the partner never sees; staff move its status, priority and assignee. Due times come from the
// org's SLA targets at opening; the resolution clock stands still while the ticket waits on the partner.
// Every change is audited; the other side is mailed through the outbox.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, invalidField, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import { publish } from '../../../platform/events'
import { actorLabel, type Scope } from '../../../platform/scope'
import { findStaffUsers, findUsers } from '../../identity'
import { getDeal } from '../../journeys'
import { readPartnerFacts } from '../../partners'
import { programEvents } from '../programs.events'
import { programsPermissions } from '../programs.permissions'
import type {
  OpenTicketInput,
  TicketMessageInput,
  TicketStatus,
  TicketView,
  UpdateTicketInput,
} from './support.contract'
import { supportIds, supportMessages, supportTickets } from './support.tables'
import { getTicket, type TicketRow } from './support-reads'
import { dueTimes, isActiveStatus, pauseChange, pausingStatus, statusAfterReply } from './support-rules'
import { readSupportSettings } from './support-settings.service'
import { excerpt, mailPartner, mailStaff, type SupportDeps } from './ticket-mail'

type Side = 'partner' | 'staff'
const sideOf = (scope: Scope): Side => (scope.partnerId ? 'partner' : 'staff')

/** The name shown on a message: the person's, or what kind of caller it was. */
async function authorNameOf(db: Db, scope: Scope): Promise<string> {
  if (scope.actor.type === 'user')
    return (await findUsers(db, scope.orgId, [scope.actor.id])).get(scope.actor.id)?.name ?? 'A user'
  return scope.actor.type === 'api_key' ? 'API key' : 'Credence'
}

/** The partner a request acts for: a partner user's own (naming another is refused); staff name one. */
function partnerOf(scope: Scope, asked: string | undefined): string {
  if (scope.partnerId) {
    if (asked && asked !== scope.partnerId)
      throw invalidField('partnerId', 'must be your own partner, or left out')
    return scope.partnerId
  }
  if (!asked) throw invalidField('partnerId', 'name the partner the ticket is for')
  return asked
}

export async function openTicket(
  db: Db,
  scope: Scope,
  input: OpenTicketInput,
  deps: SupportDeps,
): Promise<TicketView> {
  programsPermissions.require(scope, 'support.write')
  const partnerId = partnerOf(scope, input.partnerId)
  if ((await readPartnerFacts(db, scope.orgId, [partnerId])).size === 0)
    throw invalidField('partnerId', 'names no partner')
  if (input.dealId) {
    // a partner may not learn of a deal through a ticket: one they cannot see is as if missing
    try {
      await getDeal(db, scope, input.dealId)
    } catch {
      throw invalidField('dealId', 'names no deal')
    }
  }
  const side = sideOf(scope)
  const now = deps.clock.now()
  const settings = await readSupportSettings(db, scope.orgId)
  const due = dueTimes(now, input.priority, settings)
  const authorName = await authorNameOf(db, scope)
  const id = supportIds.ticket()
  // staff opening one for a partner have spoken first: it waits on the partner, its resolution paused
  const status: TicketStatus = side === 'partner' ? 'open' : 'pending_partner'
  const row: TicketRow = {
    orgId: scope.orgId,
    id,
    partnerId,
    subject: input.subject,
    category: input.category,
    priority: input.priority,
    status,
    dealId: input.dealId ?? null,
    assigneeId: null,
    openedBy: actorLabel(scope.actor),
    openedByName: authorName,
    openedByUserId: side === 'partner' && scope.actor.type === 'user' ? scope.actor.id : null,
    openedAt: now,
    firstResponseAt: side === 'staff' ? now : null,
    ...due,
    pausedAt: status === pausingStatus ? now : null,
    pausedSeconds: 0,
    resolvedAt: null,
    closedAt: null,
    lastMessageAt: now,
  }
  await db.transaction(async (tx) => {
    await tx.insert(supportTickets).values(row)
    await tx.insert(supportMessages).values({
      orgId: scope.orgId,
      id: supportIds.message(),
      ticketId: id,
      author: actorLabel(scope.actor),
      authorName,
      side,
      isInternal: false,
      body: input.message,
      createdAt: now,
    })
    await writeAudit(
      tx,
      scope,
      {
        action: 'ticket.opened',
        entityType: 'ticket',
        entityId: id,
        after: {
          partnerId,
          subject: input.subject,
          category: input.category,
          priority: input.priority,
          dealId: input.dealId ?? null,
          status: row.status,
          side,
        },
      },
      deps.clock,
    )
    await publish(
      tx,
      scope,
      programEvents.event('ticket.opened', id, {
        ticketId: id,
        partnerId,
        category: input.category,
        priority: input.priority,
        side,
      }),
      deps.clock,
    )
    const partnerName = (await readPartnerFacts(tx, scope.orgId, [partnerId])).get(partnerId)?.name
    if (side === 'partner')
      await mailStaff(
        tx,
        row,
        `New ${input.priority} ticket from ${partnerName ?? 'a partner'}: ${input.subject}`,
        `${authorName} wrote:\n\n${excerpt(input.message)}`,
        deps,
      )
    else
      await mailPartner(
        tx,
        row,
        `The partner team opened a ticket: ${input.subject}`,
        `${authorName} wrote:\n\n${excerpt(input.message)}`,
        deps,
      )
  })
  return getTicket(db, scope, id, deps.clock)
}

/** Locks the ticket the scope may see for a change. */
async function lockTicket(tx: Db, scope: Scope, id: string): Promise<TicketRow> {
  const [row] = await tx
    .select()
    .from(supportTickets)
    .where(
      and(
        eq(supportTickets.orgId, scope.orgId),
        eq(supportTickets.id, id),
        scope.partnerId ? eq(supportTickets.partnerId, scope.partnerId) : undefined,
      ),
    )
    .for('update')
  if (!row) throw notFound('Ticket', id)
  return row
}

/**
 * The columns that move with a status: resolved and closed stop the clocks, reopening restarts them, and
 * waiting on the partner pauses the resolution clock (leaving it pushes the due time back).
 */
function statusChange(ticket: TicketRow, to: TicketStatus, now: Date): Partial<TicketRow> {
  const pause = pauseChange(ticket, to, now)
  if (isActiveStatus(to)) return { status: to, resolvedAt: null, closedAt: null, ...pause }
  return {
    status: to,
    resolvedAt: ticket.resolvedAt ?? now,
    closedAt: to === 'closed' ? now : null,
    ...pause,
  }
}

/**
 * A reply either side can read. A partner's reply reopens a resolved ticket; a closed one takes no
 * replies. Staff's first reply meets the first-response SLA.
 */
export async function replyToTicket(
  db: Db,
  scope: Scope,
  id: string,
  input: TicketMessageInput,
  deps: SupportDeps,
): Promise<TicketView> {
  programsPermissions.require(scope, 'support.write')
  const side = sideOf(scope)
  const authorName = await authorNameOf(db, scope)
  await db.transaction(async (tx) => {
    const ticket = await lockTicket(tx, scope, id)
    if (ticket.status === 'closed')
      throw new AppError('CONFLICT', 'The ticket is closed: open a new one', [
        { path: 'status', message: 'is closed' },
      ])
    const now = deps.clock.now()
    const to = statusAfterReply(ticket.status, side)
    const changes: Partial<TicketRow> = {
      ...(to !== ticket.status ? statusChange(ticket, to, now) : {}),
      lastMessageAt: now,
      ...(side === 'staff' && ticket.firstResponseAt === null ? { firstResponseAt: now } : {}),
    }
    const messageId = supportIds.message()
    await tx.insert(supportMessages).values({
      orgId: scope.orgId,
      id: messageId,
      ticketId: id,
      author: actorLabel(scope.actor),
      authorName,
      side,
      isInternal: false,
      body: input.message,
      createdAt: now,
    })
    await tx
      .update(supportTickets)
      .set(changes)
      .where(and(eq(supportTickets.orgId, scope.orgId), eq(supportTickets.id, id)))
    await writeAudit(
      tx,
      scope,
      {
        action: 'ticket.replied',
        entityType: 'ticket',
        entityId: id,
        before: { status: ticket.status, resolutionDueAt: ticket.resolutionDueAt },
        after: {
          status: to,
          messageId,
          side,
          resolutionDueAt: changes.resolutionDueAt ?? ticket.resolutionDueAt,
        },
      },
      deps.clock,
    )
    await publish(
      tx,
      scope,
      programEvents.event('ticket.replied', id, { ticketId: id, partnerId: ticket.partnerId, side }),
      deps.clock,
    )
    if (to !== ticket.status)
      await publish(
        tx,
        scope,
        programEvents.event('ticket.status_changed', id, {
          ticketId: id,
          partnerId: ticket.partnerId,
          from: ticket.status,
          to,
        }),
        deps.clock,
      )
    const text = `${authorName} wrote:\n\n${excerpt(input.message)}`
    if (side === 'partner') await mailStaff(tx, ticket, `Partner replied: ${ticket.subject}`, text, deps)
    else await mailPartner(tx, ticket, `The partner team replied: ${ticket.subject}`, text, deps)
  })
  return getTicket(db, scope, id, deps.clock)
}

/** A staff-only note on the thread: no status change, no mail, no event the partner could see. */
export async function addInternalNote(
  db: Db,
  scope: Scope,
  id: string,
  input: TicketMessageInput,
  deps: SupportDeps,
): Promise<TicketView> {
  programsPermissions.require(scope, 'support.manage')
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'Internal notes are for the partner team')
  const authorName = await authorNameOf(db, scope)
  await db.transaction(async (tx) => {
    await lockTicket(tx, scope, id)
    const messageId = supportIds.message()
    await tx.insert(supportMessages).values({
      orgId: scope.orgId,
      id: messageId,
      ticketId: id,
      author: actorLabel(scope.actor),
      authorName,
      side: 'staff',
      isInternal: true,
      body: input.message,
      createdAt: deps.clock.now(),
    })
    await writeAudit(
      tx,
      scope,
      { action: 'ticket.note_added', entityType: 'ticket', entityId: id, after: { messageId } },
      deps.clock,
    )
  })
  return getTicket(db, scope, id, deps.clock)
}

/**
 * Staff move a ticket: its status (a closed one is final), its priority (the due times are worked out
 * again from the opening) and who owns it (an active staff user, or nobody).
 */
export async function updateTicket(
  db: Db,
  scope: Scope,
  id: string,
  input: UpdateTicketInput,
  deps: SupportDeps,
): Promise<TicketView> {
  programsPermissions.require(scope, 'support.manage')
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'The partner team moves tickets')
  if (input.assigneeId) {
    const staff = await findStaffUsers(db, scope.orgId, [input.assigneeId])
    if (!staff.has(input.assigneeId)) throw invalidField('assigneeId', 'is not an active staff user')
  }
  await db.transaction(async (tx) => {
    const ticket = await lockTicket(tx, scope, id)
    const now = deps.clock.now()
    if (ticket.status === 'closed' && input.status !== undefined && input.status !== 'closed')
      throw new AppError('CONFLICT', 'The ticket is closed: open a new one', [
        { path: 'status', message: 'a closed ticket is final' },
      ])
    const changes: Partial<TicketRow> = {}
    if (input.status !== undefined && input.status !== ticket.status)
      Object.assign(changes, statusChange(ticket, input.status, now))
    if (input.priority !== undefined && input.priority !== ticket.priority)
      Object.assign(changes, {
        priority: input.priority,
        ...dueTimes(
          ticket.openedAt,
          input.priority,
          await readSupportSettings(tx, scope.orgId),
          changes.pausedSeconds ?? ticket.pausedSeconds,
        ),
      })
    if (input.assigneeId !== undefined && input.assigneeId !== ticket.assigneeId)
      changes.assigneeId = input.assigneeId
    if (Object.keys(changes).length === 0) return
    await tx
      .update(supportTickets)
      .set(changes)
      .where(and(eq(supportTickets.orgId, scope.orgId), eq(supportTickets.id, id)))
    const before = Object.fromEntries(
      Object.keys(changes).map((key) => [key, ticket[key as keyof TicketRow] ?? null]),
    )
    await writeAudit(
      tx,
      scope,
      { action: 'ticket.changed', entityType: 'ticket', entityId: id, before, after: changes },
      deps.clock,
    )
    if (changes.status) {
      await publish(
        tx,
        scope,
        programEvents.event('ticket.status_changed', id, {
          ticketId: id,
          partnerId: ticket.partnerId,
          from: ticket.status,
          to: changes.status,
        }),
        deps.clock,
      )
      if (changes.status === 'resolved' || changes.status === 'closed')
        await mailPartner(
          tx,
          ticket,
          `Your ticket was ${changes.status}: ${ticket.subject}`,
          changes.status === 'resolved'
            ? 'The partner team marked it resolved. Reply to it if something is still wrong.'
            : 'The partner team closed it.',
          deps,
        )
    }
    if (changes.assigneeId)
      await mailStaff(
        tx,
        { ...ticket, assigneeId: changes.assigneeId },
        `A ticket is yours: ${ticket.subject}`,
        `You now own this ${changes.priority ?? ticket.priority} ticket.`,
        deps,
      )
  })
  return getTicket(db, scope, id, deps.clock)
}
