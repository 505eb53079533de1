// Reading tickets: one the scope may see (a partner user only their own partner's), the inbox page with
// its filters, the counts beside it (aggregated in SQL), and a ticket's thread — internal notes and their
// files left out for a partner user in every read.
import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { notFound } from '../../../platform/app-error'
import type { Clock } from '../../../platform/clock'
import { countRows, keyset, toPage } from '../../../platform/pagination'
import type { Page } from '../../../platform/platform.contract'
import type { Scope } from '../../../platform/scope'
import { findUsers } from '../../identity'
import { findDealNames } from '../../journeys'
import { readPartnerFacts } from '../../partners'
import { programsPermissions } from '../programs.permissions'
import {
  type AttachmentView,
  activeTicketStatuses,
  type TicketCountsView,
  type TicketListQuery,
  type TicketSummaryView,
  type TicketView,
  ticketStatuses,
} from './support.contract'
import { supportAttachments, supportMessages, supportTickets } from './support.tables'
import { slaOf } from './support-rules'
import { readSupportSettings } from './support-settings.service'

export type TicketRow = typeof supportTickets.$inferSelect

/** The tickets a scope may see: the org's, and for a partner user only their partner's. */
export const visibleTickets = (scope: Scope): SQL =>
  and(
    eq(supportTickets.orgId, scope.orgId),
    scope.partnerId ? eq(supportTickets.partnerId, scope.partnerId) : undefined,
  )!

export async function readTicket(db: Db, scope: Scope, id: string): Promise<TicketRow> {
  const [row] = await db
    .select()
    .from(supportTickets)
    .where(and(visibleTickets(scope), eq(supportTickets.id, id)))
  if (!row) throw notFound('Ticket', id)
  return row
}

const isActive = inArray(supportTickets.status, [...activeTicketStatuses])

/**
 * A due time passed unmet, now or back then: the same rule as slaOf, in SQL. A paused resolution clock
 * is read where it stopped, so waiting on the partner never breaches it.
 */
const breachedAt = (now: Date): SQL => {
  const at = sql`${now.toISOString()}::timestamptz`
  return sql`(coalesce(${supportTickets.firstResponseAt}, ${supportTickets.resolvedAt}, ${at}) > ${supportTickets.firstResponseDueAt} or coalesce(${supportTickets.resolvedAt}, ${supportTickets.pausedAt}, ${at}) > ${supportTickets.resolutionDueAt})`
}

/**
 * Active, not breached, and a running due time within the warning hours: the same rule as slaOf. A
 * paused resolution clock is not running, so it never makes a ticket due soon.
 */
const dueSoonAt = (now: Date, warnHours: number): SQL => {
  const until = sql`${new Date(now.getTime() + warnHours * 3_600_000).toISOString()}::timestamptz`
  return sql`(${isActive} and not ${breachedAt(now)} and ((${supportTickets.firstResponseAt} is null and ${supportTickets.firstResponseDueAt} <= ${until}) or (${supportTickets.pausedAt} is null and ${supportTickets.resolutionDueAt} <= ${until})))`
}

/** Partner, deal and assignee names for a page of tickets, in three reads. */
async function ticketSummaries(db: Db, orgId: string, rows: TicketRow[], clock: Clock) {
  const [partners, deals, people, settings] = await Promise.all([
    readPartnerFacts(
      db,
      orgId,
      rows.map((r) => r.partnerId),
    ),
    findDealNames(
      db,
      orgId,
      rows.flatMap((r) => (r.dealId ? [r.dealId] : [])),
    ),
    findUsers(
      db,
      orgId,
      rows.flatMap((r) => (r.assigneeId ? [r.assigneeId] : [])),
    ),
    readSupportSettings(db, orgId),
  ])
  const now = clock.now()
  return (row: TicketRow): TicketSummaryView => ({
    id: row.id,
    partnerId: row.partnerId,
    partnerName: partners.get(row.partnerId)?.name ?? row.partnerId,
    subject: row.subject,
    category: row.category,
    priority: row.priority,
    status: row.status,
    dealId: row.dealId,
    dealName: row.dealId ? (deals.get(row.dealId) ?? null) : null,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeId ? (people.get(row.assigneeId)?.name ?? null) : null,
    openedByName: row.openedByName,
    openedAt: row.openedAt.toISOString(),
    lastMessageAt: row.lastMessageAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    sla: slaOf(row, now, settings.warnHours),
  })
}

export async function getTicket(db: Db, scope: Scope, id: string, clock: Clock): Promise<TicketView> {
  programsPermissions.require(scope, 'support.read')
  const row = await readTicket(db, scope, id)
  // a partner user never receives an internal note, nor a file on one
  const forPartner = scope.partnerId !== undefined
  const [summary, messages, files] = await Promise.all([
    ticketSummaries(db, scope.orgId, [row], clock),
    db
      .select()
      .from(supportMessages)
      .where(
        and(
          eq(supportMessages.orgId, scope.orgId),
          eq(supportMessages.ticketId, id),
          forPartner ? eq(supportMessages.isInternal, false) : undefined,
        ),
      )
      .orderBy(asc(supportMessages.createdAt), asc(supportMessages.id)),
    db
      .select()
      .from(supportAttachments)
      .where(and(eq(supportAttachments.orgId, scope.orgId), eq(supportAttachments.ticketId, id)))
      .orderBy(asc(supportAttachments.id)),
  ])
  const filesOf = new Map<string, AttachmentView[]>()
  for (const file of files) {
    const list = filesOf.get(file.messageId) ?? []
    list.push(toAttachmentView(file))
    filesOf.set(file.messageId, list)
  }
  return {
    ...summary(row),
    messages: messages.map((m) => ({
      id: m.id,
      side: m.side,
      authorName: m.authorName,
      isInternal: m.isInternal,
      message: m.body,
      createdAt: m.createdAt.toISOString(),
      attachments: filesOf.get(m.id) ?? [],
    })),
  }
}

export const toAttachmentView = (row: typeof supportAttachments.$inferSelect): AttachmentView => ({
  id: row.id,
  messageId: row.messageId,
  name: row.name,
  contentType: row.contentType,
  sizeBytes: row.sizeBytes,
  sha256: row.sha256,
  createdAt: row.createdAt.toISOString(),
})

const sortColumns = {
  lastMessageAt: {
    column: supportTickets.lastMessageAt,
    type: 'timestamptz',
    valueOf: (r: TicketRow) => r.lastMessageAt.toISOString(),
  },
  openedAt: {
    column: supportTickets.openedAt,
    type: 'timestamptz',
    valueOf: (r: TicketRow) => r.openedAt.toISOString(),
  },
  resolutionDueAt: {
    column: supportTickets.resolutionDueAt,
    type: 'timestamptz',
    valueOf: (r: TicketRow) => r.resolutionDueAt.toISOString(),
  },
} as const

/** The inbox: tickets the scope may see, filtered, in the chosen order, a page at a time. */
export async function listTickets(
  db: Db,
  scope: Scope,
  query: TicketListQuery,
  clock: Clock,
): Promise<Page<TicketSummaryView>> {
  programsPermissions.require(scope, 'support.read')
  const now = clock.now()
  const settings = query.sla === 'due_soon' ? await readSupportSettings(db, scope.orgId) : null
  const where = and(
    visibleTickets(scope),
    query.status === 'active' ? isActive : query.status ? eq(supportTickets.status, query.status) : undefined,
    query.priority ? eq(supportTickets.priority, query.priority) : undefined,
    query.partnerId ? eq(supportTickets.partnerId, query.partnerId) : undefined,
    query.assigneeId === 'none'
      ? isNull(supportTickets.assigneeId)
      : query.assigneeId
        ? eq(supportTickets.assigneeId, query.assigneeId)
        : undefined,
    query.sla === 'breached' ? and(isActive, breachedAt(now)) : undefined,
    settings ? dueSoonAt(now, settings.warnHours) : undefined,
  )
  const order = keyset<TicketRow>(
    sortColumns,
    { column: supportTickets.id, valueOf: (r) => r.id },
    query.sort,
    query.cursor,
  )
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(supportTickets)
      .where(and(where, order.after))
      .orderBy(...order.orderBy)
      .limit(query.limit + 1),
    countRows(db, supportTickets, where),
  ])
  const summary = await ticketSummaries(db, scope.orgId, rows.slice(0, query.limit), clock)
  return toPage(rows, query.limit, order.cursorOf, summary, total)
}

/** The inbox badges: tickets by status, and active ones due soon, breached and unassigned, in one query. */
export async function countTickets(db: Db, scope: Scope, clock: Clock): Promise<TicketCountsView> {
  programsPermissions.require(scope, 'support.read')
  const now = clock.now()
  const { warnHours } = await readSupportSettings(db, scope.orgId)
  const count = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`
  const [row] = await db
    .select({
      ...Object.fromEntries(ticketStatuses.map((s) => [s, count(eq(supportTickets.status, s))])),
      active: count(isActive),
      dueSoon: count(dueSoonAt(now, warnHours)),
      breached: count(and(isActive, breachedAt(now))!),
      unassigned: count(and(isActive, isNull(supportTickets.assigneeId))!),
    })
    .from(supportTickets)
    .where(visibleTickets(scope))
  const n = (key: string) => Number((row as Record<string, unknown> | undefined)?.[key] ?? 0)
  return {
    byStatus: {
      open: n('open'),
      pending_partner: n('pending_partner'),
      pending_vendor: n('pending_vendor'),
      resolved: n('resolved'),
      closed: n('closed'),
    },
    active: n('active'),
    dueSoon: n('dueSoon'),
    breached: n('breached'),
    unassigned: n('unassigned'),
  }
}
