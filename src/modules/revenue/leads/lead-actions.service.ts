// What staff do with a lead: route it again by the territories as they are now, assign it to a staff
// user by hand, and move it along new → working → converted (into a deal of the org) | disqualified
// (with the reason). Each change is audited with before and after and announced; nothing is written
// when nothing changes.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, invalidField } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import type { Scope } from '../../../platform/scope'
import { findStaffUsers } from '../../identity'
import { findDealNames } from '../../journeys'
import { revenueEvents } from '../revenue.events'
import { isSameRouting, type TerritoryRouting } from '../territory-routing.service'
import type { AssignLeadInput, ChangeLeadStatusInput, LeadDetailView, LeadStatus } from './leads.contract'
import { findLead, getLead, type LeadRow, requireLeads, routeLead } from './leads.service'
import { leads } from './leads.tables'

/** Where a lead may go from each status. */
const nextStatuses: Record<LeadStatus, readonly LeadStatus[]> = {
  // spam and mistakes go straight from new
  new: ['working', 'disqualified'],
  working: ['converted', 'disqualified'],
  converted: [],
  disqualified: [],
}

const isOpen = (row: LeadRow) => row.status === 'new' || row.status === 'working'

function requireOpen(row: LeadRow, action: string) {
  if (!isOpen(row))
    throw new AppError('CONFLICT', `The lead is ${row.status}: only a new or working lead is ${action}`, [
      { path: 'status', message: `is ${row.status}, not new or working` },
    ])
}

const routingOf = (row: LeadRow): TerritoryRouting => ({
  assignedTo: row.assignedTo,
  territoryId: row.territoryId,
  routingReason: row.routingReason,
})

/** Writes a lead's new routing in the caller's transaction, audited and announced. */
async function writeRouting(
  tx: Db,
  scope: Scope,
  row: LeadRow,
  after: TerritoryRouting,
  how: 'territory' | 'hand',
  clock: Clock,
) {
  await tx
    .update(leads)
    .set({ ...after, updatedAt: clock.now() })
    .where(and(eq(leads.orgId, scope.orgId), eq(leads.id, row.id)))
  await writeAudit(
    tx,
    scope,
    {
      action: how === 'territory' ? 'lead.rerouted' : 'lead.assigned',
      entityType: 'lead',
      entityId: row.id,
      before: routingOf(row),
      after,
    },
    clock,
  )
  await publish(
    tx,
    scope,
    revenueEvents.event('lead.routed', row.id, {
      leadId: row.id,
      assignedTo: after.assignedTo,
      territoryId: after.territoryId,
      fromAssignedTo: row.assignedTo,
      how,
    }),
    clock,
  )
}

/**
 * Routes an open lead again, after territories changed: to the owner of the most specific active
 * territory that takes it now, or unassigned when none does.
 */
export async function rerouteLead(db: Db, scope: Scope, id: string, clock: Clock): Promise<LeadDetailView> {
  requireLeads(scope, 'leads.write')
  await db.transaction(async (tx) => {
    const row = await findLead(tx, scope, id, true)
    requireOpen(row, 'routed')
    const { routing } = await routeLead(tx, scope.orgId, row)
    if (isSameRouting(routingOf(row), routing)) return
    await writeRouting(tx, scope, row, routing, 'territory', clock)
  })
  return getLead(db, scope, id)
}

/** Assigns an open lead to a staff user of the org by hand (null leaves it unassigned). */
export async function assignLead(
  db: Db,
  scope: Scope,
  id: string,
  input: AssignLeadInput,
  clock: Clock,
): Promise<LeadDetailView> {
  requireLeads(scope, 'leads.write')
  await db.transaction(async (tx) => {
    const row = await findLead(tx, scope, id, true)
    requireOpen(row, 'assigned')
    const people = await findStaffUsers(tx, scope.orgId, input.userId ? [input.userId] : [])
    const assignee = input.userId ? people.get(input.userId) : undefined
    if (input.userId && !assignee)
      throw invalidField('userId', `no active staff user ${input.userId} in this org`)
    if (row.assignedTo === input.userId) return
    const after: TerritoryRouting = {
      assignedTo: input.userId,
      territoryId: null,
      routingReason: assignee ? `assigned by hand to ${assignee.name}` : 'unassigned by hand',
    }
    await writeRouting(tx, scope, row, after, 'hand', clock)
  })
  return getLead(db, scope, id)
}

/** The deal a lead is converted into: one of the org's, named by field when missing or unknown. */
async function readDealId(db: Db, scope: Scope, dealId: string | undefined): Promise<string> {
  if (!dealId) throw invalidField('dealId', 'name the deal the lead was converted into')
  const names = await findDealNames(db, scope.orgId, [dealId])
  if (!names.has(dealId)) throw invalidField('dealId', `no deal ${dealId} in this org`)
  return dealId
}

/** Moves a lead along its workflow: new → working → converted | disqualified (new → disqualified too). */
export async function changeLeadStatus(
  db: Db,
  scope: Scope,
  id: string,
  input: ChangeLeadStatusInput,
  clock: Clock,
): Promise<LeadDetailView> {
  requireLeads(scope, 'leads.write')
  await db.transaction(async (tx) => {
    const row = await findLead(tx, scope, id, true)
    if (!nextStatuses[row.status].includes(input.status)) {
      const allowed = nextStatuses[row.status]
      throw new AppError('CONFLICT', `A ${row.status} lead cannot become ${input.status}`, [
        {
          path: 'status',
          message: allowed.length
            ? `a ${row.status} lead may become ${allowed.join(' or ')}`
            : `a ${row.status} lead is closed`,
        },
      ])
    }
    const dealId = input.status === 'converted' ? await readDealId(tx, scope, input.dealId) : null
    const reason = input.reason?.trim() || null
    if (input.status === 'disqualified' && !reason)
      throw invalidField('reason', 'say why the lead is disqualified')
    const after = {
      status: input.status,
      dealId,
      disqualifiedReason: input.status === 'disqualified' ? reason : null,
    }
    await tx
      .update(leads)
      .set({ ...after, updatedAt: clock.now() })
      .where(and(eq(leads.orgId, scope.orgId), eq(leads.id, id)))
    await writeAudit(
      tx,
      scope,
      {
        action: 'lead.status_changed',
        entityType: 'lead',
        entityId: id,
        before: { status: row.status, dealId: row.dealId, disqualifiedReason: row.disqualifiedReason },
        after,
      },
      clock,
    )
    await publish(
      tx,
      scope,
      revenueEvents.event('lead.status_changed', id, {
        leadId: id,
        status: input.status,
        from: row.status,
        dealId,
      }),
      clock,
    )
  })
  return getLead(db, scope, id)
}
