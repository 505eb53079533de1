// Proposals on ladders in review mode: staff list them, approve one (the tier changes with the
// proposal's reason and the approver on record) or reject it (not proposed again while the figures
// still call for it). Every decision is audited and announced.
import { and, desc, eq, lt, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { AppError, notFound } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import { countRows, toPage } from '../../platform/pagination'
import { actorLabel, type Scope } from '../../platform/scope'
import { findPartners, readPartnerFacts } from '../partners'
import type { ProposalQuery, ProposalView } from './programs.contract'
import { programEvents } from './programs.events'
import { programsPermissions } from './programs.permissions'
import { partnerTierStates, tierProposals } from './programs.tables'
import { applyTierChanges, lockTiers } from './tier-evaluation.service'
import { figuresView, readFigures } from './tier-figures.service'

type ProposalRow = typeof tierProposals.$inferSelect

const ref = (key: string | null, name: string | null) => (key ? { key, name: name ?? key } : null)

export const toProposalView = (row: ProposalRow, partnerName: string | null): ProposalView => ({
  id: row.id,
  partnerId: row.partnerId,
  partnerName,
  ladderId: row.ladderId,
  ladderVersion: row.ladderVersion,
  from: ref(row.fromTier, row.fromName),
  to: ref(row.toTier, row.toName),
  direction: row.direction,
  explanation: row.explanation,
  figures: figuresView(readFigures(row.figures)),
  status: row.status,
  createdAt: row.createdAt.toISOString(),
  decidedAt: row.decidedAt?.toISOString() ?? null,
  decidedBy: row.decidedBy,
  note: row.note,
})

export async function listProposals(db: Db, scope: Scope, query: ProposalQuery) {
  programsPermissions.require(scope, 'programs.read')
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'Tier proposals are decided by staff')
  const conditions: (SQL | undefined)[] = [
    eq(tierProposals.orgId, scope.orgId),
    eq(tierProposals.status, query.status ?? 'pending'),
    query.partnerId ? eq(tierProposals.partnerId, query.partnerId) : undefined,
  ]
  const rows = await db
    .select()
    .from(tierProposals)
    .where(and(...conditions, query.cursor ? lt(tierProposals.id, query.cursor) : undefined))
    .orderBy(desc(tierProposals.id))
    .limit(query.limit + 1)
  const names = await findPartners(
    db,
    scope.orgId,
    rows.map((r) => r.partnerId),
  )
  return toPage(
    rows,
    query.limit,
    (r) => r.id,
    (r) => toProposalView(r, names.get(r.partnerId)?.name ?? null),
    await countRows(db, tierProposals, and(...conditions)),
  )
}

async function decide(
  db: Db,
  scope: Scope,
  id: string,
  decision: { status: 'approved' | 'rejected'; note: string | null },
  clock: Clock,
): Promise<ProposalView> {
  programsPermissions.require(scope, 'programs.manage')
  const [found] = await db
    .select({ partnerId: tierProposals.partnerId })
    .from(tierProposals)
    .where(and(eq(tierProposals.orgId, scope.orgId), eq(tierProposals.id, id)))
  if (!found) throw notFound('Tier proposal', id)
  const row = await db.transaction(async (tx) => {
    // the partner's tier lock: an evaluation of this partner waits, then sees the decision
    await lockTiers(tx, scope.orgId, [found.partnerId])
    const [proposal] = await tx
      .select()
      .from(tierProposals)
      .where(and(eq(tierProposals.orgId, scope.orgId), eq(tierProposals.id, id)))
    if (!proposal) throw notFound('Tier proposal', id)
    if (proposal.status !== 'pending')
      throw new AppError('CONFLICT', `The proposal is already ${proposal.status}`, [
        { path: 'status', message: `is ${proposal.status}, not pending` },
      ])
    const now = clock.now()
    if (decision.status === 'approved') {
      const partner = (await readPartnerFacts(tx, scope.orgId, [proposal.partnerId])).get(proposal.partnerId)
      if ((partner?.tier ?? null) !== proposal.fromTier)
        throw new AppError(
          'CONFLICT',
          'The partner’s tier changed since this proposal was made; evaluate the partner again',
          [{ path: 'from', message: `the partner is now ${partner?.tierName ?? 'without a tier'}` }],
        )
      await applyTierChanges(
        tx,
        scope,
        [
          {
            partnerId: proposal.partnerId,
            ladder: { id: proposal.ladderId, version: proposal.ladderVersion },
            from: ref(proposal.fromTier, proposal.fromName),
            to: ref(proposal.toTier, proposal.toName),
            direction: proposal.direction,
            explanation: `${proposal.explanation} (approved by ${actorLabel(scope.actor)}${decision.note ? `: ${decision.note}` : ''})`,
            figures: readFigures(proposal.figures),
            proposalId: proposal.id,
          },
        ],
        clock,
      )
      await tx
        .update(partnerTierStates)
        .set({ tier: proposal.toTier, atRiskSince: null, graceUntil: null, declined: null, updatedAt: now })
        .where(
          and(eq(partnerTierStates.orgId, scope.orgId), eq(partnerTierStates.partnerId, proposal.partnerId)),
        )
    } else {
      // the same target is not proposed again until the figures call for something else
      await tx
        .update(partnerTierStates)
        .set({ declined: proposal.toTier ?? '', updatedAt: now })
        .where(
          and(eq(partnerTierStates.orgId, scope.orgId), eq(partnerTierStates.partnerId, proposal.partnerId)),
        )
    }
    const [updated] = await tx
      .update(tierProposals)
      .set({
        status: decision.status,
        decidedAt: now,
        decidedBy: actorLabel(scope.actor),
        note: decision.note,
      })
      .where(and(eq(tierProposals.orgId, scope.orgId), eq(tierProposals.id, id)))
      .returning()
    await writeAudit(
      tx,
      scope,
      {
        action: `tier_proposal.${decision.status}`,
        entityType: 'tier_proposal',
        entityId: id,
        before: { status: 'pending' },
        after: {
          status: decision.status,
          partnerId: proposal.partnerId,
          from: proposal.fromTier,
          to: proposal.toTier,
          note: decision.note,
        },
      },
      clock,
    )
    await publish(
      tx,
      scope,
      programEvents.event('tier_proposal.changed', id, {
        proposalId: id,
        partnerId: proposal.partnerId,
        status: decision.status,
      }),
      clock,
    )
    return updated!
  })
  const names = await findPartners(db, scope.orgId, [row.partnerId])
  return toProposalView(row, names.get(row.partnerId)?.name ?? null)
}

export const approveProposal = (db: Db, scope: Scope, id: string, note: string | undefined, clock: Clock) =>
  decide(db, scope, id, { status: 'approved', note: note ?? null }, clock)

export const rejectProposal = (db: Db, scope: Scope, id: string, reason: string, clock: Clock) =>
  decide(db, scope, id, { status: 'rejected', note: reason }, clock)
