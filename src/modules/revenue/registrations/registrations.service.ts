// Deal registrations as partners submit them and everyone reads them: submission (idempotent with an
// Idempotency-Key, conflicts checked first), the list with filters and the overdue and inactivity
// flags, and one registration with its live conflicts and history. A partner user sees only their own.
import { and, asc, desc, eq, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { MoneyError, parseAmount, toMoneyView } from '../../../money'
import { AppError, invalidField, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import { canonicalJson } from '../../../platform/canonical-json'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { sha256Hex } from '../../../platform/hash'
import { afterCursor, countRows, toPage } from '../../../platform/pagination'
import { actorLabel, type Scope } from '../../../platform/scope'
import { containsPattern } from '../../../platform/search'
import { findStaffUsers } from '../../identity'
import { readPartnerActivityAfter } from '../../journeys'
import { findPartners } from '../../partners'
import { revenueEvents } from '../revenue.events'
import { revenuePermissions } from '../revenue.permissions'
import {
  assigneeCondition,
  isSameRouting,
  routeByTerritory,
  type TerritoryRouting,
} from '../territory-routing.service'
import { conflictsFor, findConflicts, readAccountKey, readDomain, resolvePartner } from './conflicts.service'
import { readRegistrationSettings } from './registration-settings.service'
import type {
  ListRegistrationsQuery,
  RegistrationDetailView,
  RegistrationView,
  SubmitRegistrationInput,
  SubmittedRegistrationView,
} from './registrations.contract'
import { dealRegistrationNotes, dealRegistrations, registrationIds } from './registrations.tables'

export type RegistrationRow = typeof dealRegistrations.$inferSelect
type NoteRow = typeof dealRegistrationNotes.$inferSelect

/** The source a submission's Idempotency-Key is kept under. */
const requestKeySource = 'idempotency-key'
const hour = 3_600_000
const day = 24 * hour
/** An approved registration whose partner has not touched its deal for this long is flagged. */
export const inactivityDays = 30

/** A partner user sees only their own partner's registrations. */
export function visibleRegistrations(scope: Scope): SQL {
  const org = eq(dealRegistrations.orgId, scope.orgId)
  return scope.partnerId ? and(org, eq(dealRegistrations.partnerId, scope.partnerId))! : org
}

export const addHours = (at: Date, hours: number) => new Date(at.getTime() + hours * hour)
export const addDays = (at: Date, days: number) => new Date(at.getTime() + days * day)

/** Appends a line to a registration's history in the caller's transaction. */
export async function addNote(
  tx: Db,
  scope: Scope,
  registrationId: string,
  note: { kind: NoteRow['kind']; message: string | null },
  at: Date,
): Promise<void> {
  await tx.insert(dealRegistrationNotes).values({
    orgId: scope.orgId,
    id: registrationIds.registrationNote(),
    registrationId,
    ...note,
    side: scope.actor.type === 'system' ? 'system' : scope.partnerId ? 'partner' : 'staff',
    actor: actorLabel(scope.actor),
    at,
  })
}

interface ReadExtras {
  partnerNames: Map<string, { name: string }>
  /** Assignees' names; empty for a partner user, who never sees staff's names. */
  assignees: Map<string, { name: string }>
  /** The latest message of a kind, by `${registrationId}:${kind}`. */
  statusNotes: Map<string, string>
  lastActivity: Map<string, Date | null>
}

/** Partner names, what staff said and partner activity for a page of registrations, in three reads. */
async function readExtras(db: Db, scope: Scope, rows: RegistrationRow[]): Promise<ReadExtras> {
  const orgId = scope.orgId
  const assignees = scope.partnerId
    ? new Map<string, { name: string }>()
    : await findStaffUsers(
        db,
        orgId,
        rows.flatMap((r) => (r.assignedTo ? [r.assignedTo] : [])),
      )
  const partnerNames = await findPartners(
    db,
    orgId,
    rows.map((r) => r.partnerId),
  )
  // what staff said with the status: the question while info is requested, the reason once rejected
  const explained = rows.filter((r) => r.status === 'info_requested' || r.status === 'rejected')
  const said =
    explained.length === 0
      ? []
      : await db
          .select({
            registrationId: dealRegistrationNotes.registrationId,
            kind: dealRegistrationNotes.kind,
            message: dealRegistrationNotes.message,
          })
          .from(dealRegistrationNotes)
          .where(
            and(
              eq(dealRegistrationNotes.orgId, orgId),
              inArray(
                dealRegistrationNotes.registrationId,
                explained.map((r) => r.id),
              ),
              inArray(dealRegistrationNotes.kind, ['info_requested', 'rejected']),
            ),
          )
          .orderBy(asc(dealRegistrationNotes.at), asc(dealRegistrationNotes.id))
  // the latest of each kind wins
  const statusNotes = new Map(said.map((n) => [`${n.registrationId}:${n.kind}`, n.message ?? ''] as const))
  const linked = rows.filter((r) => r.dealId && (r.status === 'approved' || r.status === 'expired'))
  const activity = await readPartnerActivityAfter(
    db,
    orgId,
    linked.map((r) => ({ dealId: r.dealId!, partnerId: r.partnerId, after: r.submittedAt })),
  )
  const lastActivity = new Map(linked.map((r, i) => [r.id, activity[i] ?? null] as const))
  return { partnerNames, assignees, statusNotes, lastActivity }
}

export function toRegistrationView(
  row: RegistrationRow,
  extras: ReadExtras,
  now: Date,
  isPartner: boolean,
): RegistrationView {
  const lastActivity = extras.lastActivity.get(row.id) ?? null
  // who reviews it and why is staff's business
  const routed = !isPartner && row.assignedTo !== null
  return {
    id: row.id,
    partnerId: row.partnerId,
    partnerName: extras.partnerNames.get(row.partnerId)?.name ?? null,
    status: row.status,
    accountName: row.accountName,
    domain: row.domain,
    contact: { name: row.contactName, email: row.contactEmail },
    amount: toMoneyView(row.amountMinor, row.currency),
    expectedCloseOn: row.expectedCloseOn,
    products: row.products,
    notes: row.notes,
    submittedAt: row.submittedAt.toISOString(),
    reviewDueAt: row.reviewDueAt?.toISOString() ?? null,
    isOverdue: row.status === 'pending' && row.reviewDueAt !== null && row.reviewDueAt < now,
    infoRequest:
      row.status === 'info_requested' ? (extras.statusNotes.get(`${row.id}:info_requested`) ?? null) : null,
    rejectionReason:
      row.status === 'rejected' ? (extras.statusNotes.get(`${row.id}:rejected`) ?? null) : null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    protectedUntil: row.protectedUntil?.toISOString() ?? null,
    extensions: row.extensions,
    dealId: row.dealId,
    accountId: row.accountId,
    conflictsAtSubmission: row.conflictsAtSubmission,
    isInactive:
      row.status === 'approved' &&
      row.dealId !== null &&
      lastActivity === null &&
      now >= addDays(row.submittedAt, inactivityDays),
    lastPartnerActivityAt: lastActivity?.toISOString() ?? null,
    country: row.country,
    industry: row.industry,
    assignee: routed
      ? { id: row.assignedTo!, name: extras.assignees.get(row.assignedTo!)?.name ?? null }
      : null,
    territoryId: routed ? row.territoryId : null,
    routingReason: routed ? row.routingReason : null,
  }
}

/** Registrations as the list and detail show them, with partner names, questions and activity. */
export async function viewRegistrations(
  db: Db,
  scope: Scope,
  rows: RegistrationRow[],
  now: Date,
): Promise<RegistrationView[]> {
  const extras = await readExtras(db, scope, rows)
  return rows.map((row) => toRegistrationView(row, extras, now, Boolean(scope.partnerId)))
}

export async function listRegistrations(db: Db, scope: Scope, query: ListRegistrationsQuery, clock: Clock) {
  revenuePermissions.require(scope, 'registrations.read')
  if (scope.partnerId && query.partnerId && query.partnerId !== scope.partnerId)
    throw new AppError(
      'FORBIDDEN',
      "query.partnerId: a partner user sees only their own partner's registrations",
      [{ path: 'query.partnerId', message: 'may name only your own partner' }],
    )
  const now = clock.now()
  const r = dealRegistrations
  const filters = and(
    visibleRegistrations(scope),
    query.status ? eq(r.status, query.status) : undefined,
    query.partnerId ? eq(r.partnerId, query.partnerId) : undefined,
    assigneeCondition(scope, dealRegistrations.assignedTo, query.assignedTo),
    query.overdue === true ? and(eq(r.status, 'pending'), lt(r.reviewDueAt, now)) : undefined,
    query.overdue === false
      ? sql`not (${r.status} = 'pending' and ${r.reviewDueAt} < ${now.toISOString()}::timestamptz)`
      : undefined,
    query.q
      ? or(ilike(r.accountName, containsPattern(query.q)), ilike(r.domain, containsPattern(query.q)))
      : undefined,
  )
  const rows = await db
    .select()
    .from(r)
    .where(and(filters, afterCursor(r.id, query.cursor)))
    .orderBy(desc(r.id))
    .limit(query.limit + 1)
  const views = await viewRegistrations(db, scope, rows.slice(0, query.limit), now)
  return toPage(
    rows,
    query.limit,
    (row) => row.id,
    (_, i) => views[i]!,
    await countRows(db, r, filters),
  )
}

/** The registration in the caller's view, or 404. `forUpdate` locks it for a change. */
export async function findRegistration(
  db: Db,
  scope: Scope,
  id: string,
  forUpdate = false,
): Promise<RegistrationRow> {
  const query = db
    .select()
    .from(dealRegistrations)
    .where(and(visibleRegistrations(scope), eq(dealRegistrations.id, id)))
  const [row] = forUpdate ? await query.for('update') : await query
  if (!row) throw notFound('Deal registration', id)
  return row
}

export async function getRegistration(
  db: Db,
  scope: Scope,
  id: string,
  clock: Clock,
): Promise<RegistrationDetailView> {
  revenuePermissions.require(scope, 'registrations.read')
  const row = await findRegistration(db, scope, id)
  const now = clock.now()
  const [view] = await viewRegistrations(db, scope, [row], now)
  const notes = await db
    .select()
    .from(dealRegistrationNotes)
    .where(and(eq(dealRegistrationNotes.orgId, scope.orgId), eq(dealRegistrationNotes.registrationId, id)))
    .orderBy(asc(dealRegistrationNotes.at), asc(dealRegistrationNotes.id))
  // a decided registration no longer competes: its conflicts are history, not a warning
  const isOpen = row.status === 'pending' || row.status === 'info_requested'
  const conflicts = isOpen
    ? await findConflicts(
        db,
        scope.orgId,
        { partnerId: row.partnerId, accountKey: row.accountKey, domain: row.domain, excludeId: row.id },
        now,
      )
    : []
  return {
    ...view!,
    conflicts: conflictsFor(scope, conflicts),
    history: notes.map((n) => ({
      kind: n.kind,
      message: n.message,
      side: n.side,
      actor: scope.partnerId ? null : n.actor,
      at: n.at.toISOString(),
    })),
  }
}

function readAmount(amount: string, currency: string): bigint {
  let amountMinor: bigint
  try {
    amountMinor = parseAmount(amount, currency)
  } catch (error) {
    if (error instanceof MoneyError) throw invalidField('amount', error.message)
    throw error
  }
  if (amountMinor <= 0n) throw invalidField('amount', 'must be more than zero')
  return amountMinor
}

/** The reviewer a registration goes to: the owner of the most specific territory that takes its account. */
async function routeRegistration(
  db: Db,
  orgId: string,
  account: { domain: string | null; country: string | null; industry: string | null },
): Promise<TerritoryRouting> {
  return (await routeByTerritory(db, orgId, account)).routing
}

/**
 * Routes a registration awaiting review again, after territories changed: to the owner of the most
 * specific territory that takes its account now (unassigned when none does). Staff only; audited with
 * where it was and where it goes; nothing is written when the routing stays the same.
 */
export async function rerouteRegistration(
  db: Db,
  scope: Scope,
  id: string,
  clock: Clock,
): Promise<RegistrationDetailView> {
  revenuePermissions.require(scope, 'registrations.review')
  await db.transaction(async (tx) => {
    const row = await findRegistration(tx, scope, id, true)
    if (row.status !== 'pending' && row.status !== 'info_requested')
      throw new AppError(
        'CONFLICT',
        `The registration is ${row.status}: only one awaiting review is routed`,
        [{ path: 'status', message: `is ${row.status}, not pending or info_requested` }],
      )
    const before = {
      assignedTo: row.assignedTo,
      territoryId: row.territoryId,
      routingReason: row.routingReason,
    }
    const after = await routeRegistration(tx, scope.orgId, row)
    if (isSameRouting(before, after)) return
    await tx
      .update(dealRegistrations)
      .set({ ...after, updatedAt: clock.now() })
      .where(and(eq(dealRegistrations.orgId, scope.orgId), eq(dealRegistrations.id, id)))
    await writeAudit(
      tx,
      scope,
      {
        action: 'registration.rerouted',
        entityType: 'deal_registration',
        entityId: id,
        before,
        after,
      },
      clock,
    )
  })
  return getRegistration(db, scope, id, clock)
}

/**
 * Submits a registration: checked for conflicts first (their number is kept, the partner is shown them
 * as they may see them), due for review after the org's SLA. With an Idempotency-Key the same request
 * sent again, even at once, answers with the first registration and makes no other; the same key with
 * other fields is refused.
 */
export async function submitRegistration(
  db: Db,
  scope: Scope,
  input: SubmitRegistrationInput,
  clock: Clock,
  requestKey: string | null = null,
): Promise<{ registration: SubmittedRegistrationView; created: boolean }> {
  revenuePermissions.require(scope, 'registrations.submit')
  const partnerId = (await resolvePartner(db, scope, input.partnerId, true))!
  const accountKey = readAccountKey(input.accountName)
  const domain = readDomain(input.domain)
  const amountMinor = readAmount(input.amount, input.currency)
  const fields = {
    partnerId,
    accountName: input.accountName,
    accountKey,
    domain,
    contactName: input.contact.name,
    contactEmail: input.contact.email.toLowerCase(),
    amountMinor,
    currency: input.currency,
    expectedCloseOn: input.expectedCloseOn,
    products: input.products,
    notes: input.notes?.trim() || null,
    country: input.country ?? null,
    industry: input.industry?.trim() || null,
  }
  const requestHash = sha256Hex(canonicalJson(fields))
  const now = clock.now()
  const conflicts = await findConflicts(db, scope.orgId, { partnerId, accountKey, domain }, now)
  const settings = await readRegistrationSettings(db, scope.orgId)
  const routing = await routeRegistration(db, scope.orgId, {
    domain,
    country: fields.country,
    industry: fields.industry,
  })
  const ref = requestKey
    ? { source: requestKeySource, externalId: `${partnerId}:${requestKey}` }
    : { source: null, externalId: null }
  const { row, created } = await db.transaction(async (tx) => {
    if (ref.externalId) {
      // requests with one key wait for each other here: the first inserts, the rest find it
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(${`registration:${scope.orgId}:${ref.externalId}`}))`,
      )
      const [seen] = await tx
        .select()
        .from(dealRegistrations)
        .where(
          and(
            eq(dealRegistrations.orgId, scope.orgId),
            eq(dealRegistrations.source, requestKeySource),
            eq(dealRegistrations.externalId, ref.externalId),
          ),
        )
      if (seen) {
        if (seen.requestHash !== requestHash)
          throw new AppError(
            'CONFLICT',
            `Idempotency-Key ${requestKey} was already used for another registration (${seen.id})`,
          )
        return { row: seen, created: false }
      }
    }
    const [inserted] = await tx
      .insert(dealRegistrations)
      .values({
        orgId: scope.orgId,
        id: registrationIds.registration(),
        ...fields,
        status: 'pending',
        conflictsAtSubmission: conflicts.length,
        ...routing,
        submittedAt: now,
        submittedBy: actorLabel(scope.actor),
        submitterUserId: scope.actor.type === 'user' ? scope.actor.id : null,
        reviewDueAt: addHours(now, settings.reviewSlaHours),
        extensions: 0,
        ...ref,
        requestHash,
        updatedAt: now,
      })
      .returning()
    const row = inserted!
    await addNote(tx, scope, row.id, { kind: 'submitted', message: fields.notes }, now)
    await writeAudit(
      tx,
      scope,
      {
        action: 'registration.submitted',
        entityType: 'deal_registration',
        entityId: row.id,
        after: { ...fields, status: 'pending', conflicts: conflicts.length, ...routing },
      },
      clock,
    )
    await publish(
      tx,
      scope,
      revenueEvents.event('registration.submitted', row.id, { registrationId: row.id, partnerId }),
      clock,
    )
    return { row, created: true }
  })
  const [view] = await viewRegistrations(db, scope, [row], now)
  return { registration: { ...view!, conflicts: conflictsFor(scope, conflicts) }, created }
}
