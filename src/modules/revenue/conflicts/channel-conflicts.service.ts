// Channel conflicts: accounts whose open deals carry touches from two partners or more, with each
// partner's touches as evidence, and staff's decision on each — who owns the account, or that it is
// no conflict. A decision holds while the same partners are on the account; another partner arriving
// opens the conflict again. Decisions are audited and announced.
import { eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { toMoneyView } from '../../../money'
import { invalidField, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { actorLabel, type Scope } from '../../../platform/scope'
import { type ContestedAccount, readContestedAccounts } from '../../journeys'
import { findPartners } from '../../partners'
import { revenueEvents } from '../revenue.events'
import { revenuePermissions } from '../revenue.permissions'
import type { ChannelConflictView, ConflictsQuery, DecideConflictInput } from './channel-conflicts.contract'
import { channelConflictDecisions } from './channel-conflicts.tables'

type Decision = typeof channelConflictDecisions.$inferSelect

const samePartners = (decision: Decision, contested: ContestedAccount) => {
  const now = contested.partners.map((p) => p.partnerId).sort()
  return now.length === decision.partnerIds.length && now.every((id, i) => id === decision.partnerIds[i])
}

async function conflictViews(db: Db, orgId: string): Promise<ChannelConflictView[]> {
  const contested = await readContestedAccounts(db, orgId)
  const decisions = new Map(
    (await db.select().from(channelConflictDecisions).where(eq(channelConflictDecisions.orgId, orgId))).map(
      (d) => [d.key, d],
    ),
  )
  const names = await findPartners(db, orgId, [
    ...new Set(contested.flatMap((c) => c.partners.map((p) => p.partnerId))),
  ])
  return contested.map((c) => {
    const decision = decisions.get(c.key)
    const inForce = decision && samePartners(decision, c) ? decision : null
    return {
      key: c.key,
      account: c.account,
      deals: c.deals.map((d) => ({
        id: d.id,
        name: d.name,
        amount: toMoneyView(d.amountMinor, d.currency),
        stage: d.stage,
        openedAt: d.openedAt.toISOString(),
      })),
      partners: c.partners.map((p) => ({
        partnerId: p.partnerId,
        name: names.get(p.partnerId)?.name ?? p.partnerId,
        deals: p.deals,
        touches: p.touches,
        firstAt: p.firstAt.toISOString(),
        lastAt: p.lastAt.toISOString(),
        activities: p.activities,
      })),
      status: inForce ? 'decided' : 'open',
      decision: inForce
        ? {
            outcome: inForce.outcome,
            ownerPartnerId: inForce.ownerPartnerId,
            note: inForce.note,
            decidedBy: inForce.decidedBy,
            decidedAt: inForce.decidedAt.toISOString(),
          }
        : null,
    }
  })
}

/** The org's contested accounts, open ones by default, the most partners first, and how many there are. */
export async function listChannelConflicts(
  db: Db,
  scope: Scope,
  query: ConflictsQuery,
): Promise<{ items: ChannelConflictView[]; total: number }> {
  revenuePermissions.require(scope, 'conflicts.read')
  const views = (await conflictViews(db, scope.orgId))
    .filter((v) => query.status === 'all' || v.status === query.status)
    .sort((a, b) => b.partners.length - a.partners.length || a.key.localeCompare(b.key))
  return { items: views.slice(0, query.limit), total: views.length }
}

/** Records who owns a contested account (one of its partners), or that it is no conflict. */
export async function decideChannelConflict(
  db: Db,
  scope: Scope,
  key: string,
  input: DecideConflictInput,
  clock: Clock,
): Promise<ChannelConflictView> {
  revenuePermissions.require(scope, 'conflicts.decide')
  const find = async () => (await conflictViews(db, scope.orgId)).find((v) => v.key === key)
  const conflict = await find()
  if (!conflict) throw notFound('Channel conflict', key)
  const partnerIds = conflict.partners.map((p) => p.partnerId).sort()
  if (input.outcome === 'owner' && !input.ownerPartnerId)
    throw invalidField('ownerPartnerId', 'is required when a partner owns the account')
  if (input.outcome === 'owner' && !partnerIds.includes(input.ownerPartnerId!))
    throw invalidField('ownerPartnerId', 'must be one of the partners on the account')
  const row = {
    outcome: input.outcome,
    ownerPartnerId: input.outcome === 'owner' ? input.ownerPartnerId! : null,
    note: input.note,
    partnerIds,
    decidedBy: actorLabel(scope.actor),
    decidedAt: clock.now(),
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(channelConflictDecisions)
      .values({ orgId: scope.orgId, key, ...row })
      .onConflictDoUpdate({
        target: [channelConflictDecisions.orgId, channelConflictDecisions.key],
        set: row,
      })
    await writeAudit(
      tx,
      scope,
      {
        action: 'channel_conflict.decided',
        entityType: 'channel_conflict',
        entityId: key,
        before: conflict.decision,
        after: { outcome: row.outcome, ownerPartnerId: row.ownerPartnerId, note: row.note, partnerIds },
      },
      clock,
    )
    await publish(
      tx,
      scope,
      revenueEvents.event('channel_conflict.decided', key, {
        key,
        outcome: row.outcome,
        ownerPartnerId: row.ownerPartnerId,
        partnerIds,
      }),
      clock,
    )
  })
  const decided = await find()
  if (!decided) throw notFound('Channel conflict', key)
  return decided
}
