// Leads as staff and integrations create them and staff read them: creation routes each to the owner of
// the most specific territory that takes it (idempotent with an Idempotency-Key or the source's own id),
// the list with its filters, and one lead with the other territories that take it. Staff only.
import { and, desc, eq, ilike, or, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import { canonicalJson } from '../../../platform/canonical-json'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { sha256Hex } from '../../../platform/hash'
import { afterCursor, countRows, toPage } from '../../../platform/pagination'
import { actorLabel, type Scope } from '../../../platform/scope'
import { containsPattern } from '../../../platform/search'
import { findStaffUsers } from '../../identity'
import { findDealNames } from '../../journeys'
import { readDomain } from '../registrations/conflicts.service'
import { revenueEvents } from '../revenue.events'
import { revenuePermissions } from '../revenue.permissions'
import { assigneeCondition, routeByTerritory, type TerritoryRouting } from '../territory-routing.service'
import type { CreateLeadInput, LeadDetailView, LeadView, ListLeadsQuery } from './leads.contract'
import { leadIds, leads } from './leads.tables'

export type LeadRow = typeof leads.$inferSelect
type Names = Map<string, { name: string }>

/** Leads are staff's: a partner user is refused whatever their role. */
export function requireLeads(scope: Scope, permission: 'leads.read' | 'leads.write'): void {
  revenuePermissions.require(scope, permission)
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'Leads are worked by staff')
}

/** The facts of a lead that territories route by, in words: "country US, industry Retail". */
function describeFacts(lead: Pick<LeadRow, 'country' | 'region' | 'industry' | 'domain'>): string {
  return [
    lead.country ? `country ${lead.country}` : null,
    lead.region ? `region ${lead.region}` : null,
    lead.industry ? `industry ${lead.industry}` : null,
    lead.domain ? `domain ${lead.domain}` : null,
  ]
    .filter(Boolean)
    .join(', ')
}

/**
 * Where a lead goes: the owner of the most specific active territory that takes it, with the reason;
 * unassigned, saying why, when none does. Every match comes back too (the others are an overlap).
 */
export async function routeLead(
  db: Db,
  orgId: string,
  lead: Pick<LeadRow, 'country' | 'region' | 'industry' | 'domain'>,
) {
  const { routing, matches } = await routeByTerritory(db, orgId, { id: null, ...lead })
  if (routing.assignedTo) return { routing, matches }
  const facts = describeFacts(lead)
  const routingReason = facts
    ? `unassigned: no active territory takes ${facts}`
    : 'unassigned: no country, region, industry or domain to route it by'
  return { routing: { ...routing, routingReason } satisfies TerritoryRouting, matches }
}

export function toLeadView(row: LeadRow, assignees: Names): LeadView {
  return {
    id: row.id,
    companyName: row.companyName,
    domain: row.domain,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    country: row.country,
    region: row.region,
    industry: row.industry,
    source: row.source,
    externalId: row.externalId,
    notes: row.notes,
    status: row.status,
    assignee: row.assignedTo
      ? { id: row.assignedTo, name: assignees.get(row.assignedTo)?.name ?? null }
      : null,
    territoryId: row.territoryId,
    routingReason: row.routingReason,
    dealId: row.dealId,
    disqualifiedReason: row.disqualifiedReason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

export async function listLeads(db: Db, scope: Scope, query: ListLeadsQuery) {
  requireLeads(scope, 'leads.read')
  const filters = and(
    eq(leads.orgId, scope.orgId),
    query.status ? eq(leads.status, query.status) : undefined,
    assigneeCondition(scope, leads.assignedTo, query.assignedTo),
    query.q
      ? or(ilike(leads.companyName, containsPattern(query.q)), ilike(leads.domain, containsPattern(query.q)))
      : undefined,
  )
  const rows = await db
    .select()
    .from(leads)
    .where(and(filters, afterCursor(leads.id, query.cursor)))
    .orderBy(desc(leads.id))
    .limit(query.limit + 1)
  const assignees = await findStaffUsers(
    db,
    scope.orgId,
    rows.flatMap((r) => (r.assignedTo ? [r.assignedTo] : [])),
  )
  return toPage(
    rows,
    query.limit,
    (row) => row.id,
    (row) => toLeadView(row, assignees),
    await countRows(db, leads, filters),
  )
}

/** The lead in the caller's org, or 404. `forUpdate` locks it for a change. */
export async function findLead(db: Db, scope: Scope, id: string, forUpdate = false): Promise<LeadRow> {
  const query = db
    .select()
    .from(leads)
    .where(and(eq(leads.orgId, scope.orgId), eq(leads.id, id)))
  const [row] = forUpdate ? await query.for('update') : await query
  if (!row) throw notFound('Lead', id)
  return row
}

/** The lead with its deal's name and the other active territories that take it now. */
export async function viewLeadDetail(db: Db, scope: Scope, row: LeadRow): Promise<LeadDetailView> {
  const { matches } = await routeLead(db, scope.orgId, row)
  const others = matches.filter((m) => m.territoryId !== row.territoryId)
  const people = await findStaffUsers(db, scope.orgId, [
    ...(row.assignedTo ? [row.assignedTo] : []),
    ...others.map((m) => m.ownerUserId),
  ])
  const dealNames = row.dealId ? await findDealNames(db, scope.orgId, [row.dealId]) : new Map()
  return {
    ...toLeadView(row, people),
    dealName: row.dealId ? (dealNames.get(row.dealId) ?? null) : null,
    otherTerritories: others.map((m) => ({
      territoryId: m.territoryId,
      territoryName: m.territoryName,
      owner: { id: m.ownerUserId, name: people.get(m.ownerUserId)?.name ?? null },
      reason: m.reason,
    })),
  }
}

export async function getLead(db: Db, scope: Scope, id: string): Promise<LeadDetailView> {
  requireLeads(scope, 'leads.read')
  return viewLeadDetail(db, scope, await findLead(db, scope, id))
}

/**
 * The lead an earlier request made: the same Idempotency-Key, or the same source and external id.
 * Requests naming either wait for each other here, so the first inserts and the rest find it; the same
 * key or source id with other fields is refused.
 */
async function findEarlier(
  tx: Db,
  orgId: string,
  ref: { requestKey: string | null; source: string; externalId: string | null; requestHash: string },
): Promise<LeadRow | null> {
  const { requestKey, source, externalId } = ref
  if (!requestKey && !externalId) return null
  // always the key's lock before the source id's, so two requests never wait on each other in a circle
  if (requestKey)
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`lead-key:${orgId}:${requestKey}`}))`)
  if (externalId)
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`lead-ref:${orgId}:${source}:${externalId}`}))`,
    )
  const found = await tx
    .select()
    .from(leads)
    .where(
      and(
        eq(leads.orgId, orgId),
        or(
          requestKey ? eq(leads.requestKey, requestKey) : undefined,
          externalId ? and(eq(leads.source, source), eq(leads.externalId, externalId)) : undefined,
        ),
      ),
    )
    .limit(2)
  // the key's lead first: the key names the request, the source id names the record
  const seen = found.find((row) => requestKey !== null && row.requestKey === requestKey) ?? found[0]
  if (!seen || seen.requestHash === ref.requestHash) return seen ?? null
  if (requestKey && seen.requestKey === requestKey)
    throw new AppError(
      'CONFLICT',
      `Idempotency-Key ${requestKey} was already used for another lead (${seen.id})`,
    )
  throw new AppError(
    'CONFLICT',
    `A lead from ${source} with external id ${externalId} exists already (${seen.id}) with other fields`,
    [{ path: 'externalId', message: `is lead ${seen.id} already` }],
  )
}

/**
 * Creates a lead routed to the owner of the most specific active territory that takes it (unassigned,
 * saying why, when none does); audited and announced. Sent again with the same Idempotency-Key, or the
 * same source and external id, even at once, it answers the first lead and makes no other.
 */
export async function createLead(
  db: Db,
  scope: Scope,
  input: CreateLeadInput,
  clock: Clock,
  requestKey: string | null = null,
): Promise<{ lead: LeadDetailView; created: boolean }> {
  requireLeads(scope, 'leads.write')
  const fields = {
    companyName: input.companyName,
    domain: readDomain(input.domain),
    contactName: input.contactName?.trim() || null,
    contactEmail: input.contactEmail?.toLowerCase() ?? null,
    country: input.country ?? null,
    region: input.region?.trim() || null,
    industry: input.industry?.trim() || null,
    source: input.source,
    externalId: input.externalId?.trim() || null,
    notes: input.notes?.trim() || null,
  }
  const requestHash = sha256Hex(canonicalJson(fields))
  const now = clock.now()
  const { routing } = await routeLead(db, scope.orgId, fields)
  const { row, created } = await db.transaction(async (tx) => {
    const seen = await findEarlier(tx, scope.orgId, { ...fields, requestKey, requestHash })
    if (seen) return { row: seen, created: false }
    const [inserted] = await tx
      .insert(leads)
      .values({
        orgId: scope.orgId,
        id: leadIds.lead(),
        ...fields,
        status: 'new',
        ...routing,
        dealId: null,
        disqualifiedReason: null,
        requestKey,
        requestHash,
        createdBy: actorLabel(scope.actor),
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    const row = inserted!
    await writeAudit(
      tx,
      scope,
      { action: 'lead.created', entityType: 'lead', entityId: row.id, after: { ...fields, ...routing } },
      clock,
    )
    await publish(
      tx,
      scope,
      revenueEvents.event('lead.created', row.id, {
        leadId: row.id,
        assignedTo: routing.assignedTo,
        territoryId: routing.territoryId,
      }),
      clock,
    )
    return { row, created: true }
  })
  return { lead: await viewLeadDetail(db, scope, row), created }
}
