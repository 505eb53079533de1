// Disputes: a partner flags a commission line, or a deal they believe they touched; both sides add
// to a thread with evidence; staff close it — adjusting the ledger with an entry of its own,
// resolving it (the credit was put right at its source), or denying it with the reason — before its
// answer is due. A disputed line is held from payouts while the dispute is open.
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { toMoneyView } from '../../../money'
import { AppError, invalidField, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { actorLabel, type Scope } from '../../../platform/scope'
import { getDeal } from '../../journeys'
import { readPartnerFacts } from '../../partners'
import { incentiveEvents } from '../incentives.events'
import { incentivesPermissions } from '../incentives.permissions'
import { commissionEntries, incentiveIds } from '../incentives.tables'
import type {
  DisputeMessageInput,
  DisputeView,
  OpenDisputeInput,
  ResolveDisputeInput,
} from './disputes.contract'
import { commissionDisputeMessages, commissionDisputes, disputeIds } from './disputes.tables'

/** How long staff have to answer a dispute. */
export const disputeSlaDays = 5
const dayMs = 86_400_000

type DisputeRow = typeof commissionDisputes.$inferSelect

/** The partner a request acts for: a partner user's own; staff name one. */
function partnerOf(scope: Scope, asked: string | undefined): string {
  if (scope.partnerId) {
    if (asked && asked !== scope.partnerId) throw notFound('Partner', asked)
    return scope.partnerId
  }
  if (!asked) throw invalidField('partnerId', 'name the partner the dispute is for')
  return asked
}

async function readDispute(db: Db, scope: Scope, id: string): Promise<DisputeRow> {
  const [row] = await db
    .select()
    .from(commissionDisputes)
    .where(
      and(
        eq(commissionDisputes.orgId, scope.orgId),
        eq(commissionDisputes.id, id),
        scope.partnerId ? eq(commissionDisputes.partnerId, scope.partnerId) : undefined,
      ),
    )
  if (!row) throw notFound('Dispute', id)
  return row
}

async function toView(db: Db, scope: Scope, row: DisputeRow, clock: Clock): Promise<DisputeView> {
  const [facts, messages] = await Promise.all([
    disputeFacts(db, scope.orgId, [row]),
    db
      .select()
      .from(commissionDisputeMessages)
      .where(
        and(
          eq(commissionDisputeMessages.orgId, scope.orgId),
          eq(commissionDisputeMessages.disputeId, row.id),
        ),
      )
      .orderBy(asc(commissionDisputeMessages.createdAt), asc(commissionDisputeMessages.id)),
  ])
  return {
    ...facts.summary(row, clock),
    messages: messages.map((m) => ({
      id: m.id,
      author: m.author,
      side: m.side,
      message: m.body,
      evidence: m.evidence as string[],
      createdAt: m.createdAt.toISOString(),
    })),
  }
}

const summaryOf = (
  row: DisputeRow,
  partner: { name: string; currency: string },
  adjustment: { amountMinor: bigint; currency: string } | undefined,
  clock: Clock,
) => ({
  id: row.id,
  partnerId: row.partnerId,
  partnerName: partner.name,
  currency: partner.currency,
  entryId: row.entryId,
  dealId: row.dealId,
  subject: row.subject,
  status: row.status,
  openedBy: row.openedBy,
  openedAt: row.openedAt.toISOString(),
  dueAt: row.dueAt.toISOString(),
  isOverdue: row.status === 'open' && row.dueAt < clock.now(),
  closedBy: row.closedBy,
  closedAt: row.closedAt?.toISOString() ?? null,
  resolution: row.resolution,
  adjustment: adjustment ? toMoneyView(adjustment.amountMinor, adjustment.currency) : null,
})

/** The partners' names and currencies, and the adjustments the disputes posted, in two reads. */
async function disputeFacts(db: Db, orgId: string, rows: DisputeRow[]) {
  const partners = await readPartnerFacts(
    db,
    orgId,
    rows.map((r) => r.partnerId),
  )
  const entryIds = rows.flatMap((r) => (r.adjustmentEntryId ? [r.adjustmentEntryId] : []))
  const adjustments = new Map(
    entryIds.length === 0
      ? []
      : (
          await db
            .select({
              id: commissionEntries.id,
              amountMinor: commissionEntries.amountMinor,
              currency: commissionEntries.currency,
            })
            .from(commissionEntries)
            .where(and(eq(commissionEntries.orgId, orgId), inArray(commissionEntries.id, entryIds)))
        ).map((e) => [e.id, e]),
  )
  const partnerOf = (row: DisputeRow) => {
    const facts = partners.get(row.partnerId)
    return { name: facts?.name ?? row.partnerId, currency: facts?.currency ?? 'USD' }
  }
  return {
    summary: (row: DisputeRow, clock: Clock) =>
      summaryOf(
        row,
        partnerOf(row),
        row.adjustmentEntryId ? adjustments.get(row.adjustmentEntryId) : undefined,
        clock,
      ),
  }
}

export async function openDispute(
  db: Db,
  scope: Scope,
  input: OpenDisputeInput,
  clock: Clock,
): Promise<DisputeView> {
  incentivesPermissions.require(scope, 'incentives.read')
  const partnerId = partnerOf(scope, input.partnerId)
  if ((await readPartnerFacts(db, scope.orgId, [partnerId])).size === 0) throw notFound('Partner', partnerId)
  let dealId = input.dealId
  if (input.entryId) {
    const [entry] = await db
      .select({ dealId: commissionEntries.dealId, partnerId: commissionEntries.partnerId })
      .from(commissionEntries)
      .where(and(eq(commissionEntries.orgId, scope.orgId), eq(commissionEntries.id, input.entryId)))
    if (!entry || entry.partnerId !== partnerId)
      throw invalidField('entryId', 'is not one of the partner’s lines')
    dealId = entry.dealId
  } else {
    // a partner may not learn of a deal through a dispute: one they cannot see is as if missing
    try {
      await getDeal(db, { ...scope, partnerId: undefined }, dealId!)
    } catch {
      throw invalidField('dealId', 'names no deal')
    }
  }
  const now = clock.now()
  const id = disputeIds.dispute()
  await db.transaction(async (tx) => {
    await tx.insert(commissionDisputes).values({
      orgId: scope.orgId,
      id,
      partnerId,
      entryId: input.entryId ?? null,
      dealId: dealId!,
      subject: input.subject,
      status: 'open',
      openedBy: actorLabel(scope.actor),
      openedAt: now,
      dueAt: new Date(now.getTime() + disputeSlaDays * dayMs),
    })
    await tx.insert(commissionDisputeMessages).values({
      orgId: scope.orgId,
      id: disputeIds.message(),
      disputeId: id,
      author: actorLabel(scope.actor),
      side: scope.partnerId ? 'partner' : 'staff',
      body: input.message,
      evidence: input.evidence,
      createdAt: now,
    })
    await writeAudit(
      tx,
      scope,
      {
        action: 'dispute.opened',
        entityType: 'dispute',
        entityId: id,
        after: { partnerId, dealId, entryId: input.entryId ?? null, subject: input.subject },
      },
      clock,
    )
    await publish(
      tx,
      scope,
      incentiveEvents.event('dispute.changed', id, { disputeId: id, partnerId, status: 'open' }),
      clock,
    )
  })
  return getDispute(db, scope, id, clock)
}

export async function getDispute(db: Db, scope: Scope, id: string, clock: Clock): Promise<DisputeView> {
  incentivesPermissions.require(scope, 'incentives.read')
  return toView(db, scope, await readDispute(db, scope, id), clock)
}

/** Disputes, open ones first by when their answer is due, then the closed newest first. */
export async function listDisputes(
  db: Db,
  scope: Scope,
  query: { status?: DisputeRow['status'] },
  clock: Clock,
) {
  incentivesPermissions.require(scope, 'incentives.read')
  const filters: (SQL | undefined)[] = [
    eq(commissionDisputes.orgId, scope.orgId),
    scope.partnerId ? eq(commissionDisputes.partnerId, scope.partnerId) : undefined,
    query.status ? eq(commissionDisputes.status, query.status) : undefined,
  ]
  const rows = await db
    .select()
    .from(commissionDisputes)
    .where(and(...filters))
    .orderBy(
      desc(eq(commissionDisputes.status, 'open')),
      asc(commissionDisputes.dueAt),
      desc(commissionDisputes.id),
    )
    .limit(200)
  const facts = await disputeFacts(db, scope.orgId, rows)
  return { items: rows.map((row) => facts.summary(row, clock)) }
}

export async function addDisputeMessage(
  db: Db,
  scope: Scope,
  id: string,
  input: DisputeMessageInput,
  clock: Clock,
): Promise<DisputeView> {
  incentivesPermissions.require(scope, 'incentives.read')
  const dispute = await readDispute(db, scope, id)
  if (dispute.status !== 'open')
    throw new AppError('CONFLICT', `The dispute is ${dispute.status}: open a new one`)
  if (!scope.partnerId) incentivesPermissions.require(scope, 'incentives.finance')
  await db.transaction(async (tx) => {
    await tx.insert(commissionDisputeMessages).values({
      orgId: scope.orgId,
      id: disputeIds.message(),
      disputeId: id,
      author: actorLabel(scope.actor),
      side: scope.partnerId ? 'partner' : 'staff',
      body: input.message,
      evidence: input.evidence,
      createdAt: clock.now(),
    })
    await writeAudit(
      tx,
      scope,
      {
        action: 'dispute.message_added',
        entityType: 'dispute',
        entityId: id,
        after: { evidence: input.evidence.length },
      },
      clock,
    )
  })
  return getDispute(db, scope, id, clock)
}

/**
 * Staff close a dispute. `adjusted` posts an entry of its own to the ledger (its line key is the
 * dispute's, so no sync ever reverses it), in the partner's currency, payable at once. The same
 * Idempotency-Key answers again with the dispute as closed; another close of a closed one is refused.
 */
export async function resolveDispute(
  db: Db,
  scope: Scope,
  id: string,
  input: ResolveDisputeInput,
  requestKey: string | null,
  clock: Clock,
): Promise<DisputeView> {
  incentivesPermissions.require(scope, 'incentives.finance')
  if (input.outcome === 'adjusted' && (!input.adjustmentMinor || BigInt(input.adjustmentMinor) === 0n))
    throw invalidField('adjustmentMinor', 'an adjustment needs an amount other than zero')
  if (input.outcome !== 'adjusted' && input.adjustmentMinor !== undefined)
    throw invalidField(
      'adjustmentMinor',
      `only an adjusted dispute posts an amount, not a ${input.outcome} one`,
    )
  await db.transaction(async (tx) => {
    const [dispute] = await tx
      .select()
      .from(commissionDisputes)
      .where(and(eq(commissionDisputes.orgId, scope.orgId), eq(commissionDisputes.id, id)))
      .for('update')
    if (!dispute) throw notFound('Dispute', id)
    if (dispute.status !== 'open') {
      if (requestKey && dispute.resolutionKey === requestKey) return
      throw new AppError('CONFLICT', `The dispute is already ${dispute.status}`)
    }
    const now = clock.now()
    let adjustmentEntryId: string | null = null
    if (input.outcome === 'adjusted') {
      const [partner] = (await readPartnerFacts(tx, scope.orgId, [dispute.partnerId])).values()
      adjustmentEntryId = incentiveIds.entry()
      await tx.insert(commissionEntries).values({
        orgId: scope.orgId,
        id: adjustmentEntryId,
        partnerId: dispute.partnerId,
        dealId: dispute.dealId,
        planId: 'adjustment',
        lineKey: `adjustment:${dispute.id}`,
        seq: 1,
        kind: 'earned',
        reversesId: null,
        amountMinor: BigInt(input.adjustmentMinor!),
        currency: partner!.currency,
        lineDate: now.toISOString().slice(0, 10),
        holdUntil: now,
        receipt: null,
        reason: `Adjusted on dispute ${dispute.id} (${dispute.subject}): ${input.reason}`,
        createdAt: now,
      })
    }
    await tx
      .update(commissionDisputes)
      .set({
        status: input.outcome,
        closedBy: actorLabel(scope.actor),
        closedAt: now,
        resolution: input.reason,
        adjustmentEntryId,
        resolutionKey: requestKey,
      })
      .where(and(eq(commissionDisputes.orgId, scope.orgId), eq(commissionDisputes.id, id)))
    await writeAudit(
      tx,
      scope,
      {
        action: `dispute.${input.outcome}`,
        entityType: 'dispute',
        entityId: id,
        before: { status: 'open' },
        after: {
          status: input.outcome,
          reason: input.reason,
          adjustmentMinor: input.adjustmentMinor ?? null,
        },
      },
      clock,
    )
    await publish(
      tx,
      scope,
      incentiveEvents.event('dispute.changed', id, {
        disputeId: id,
        partnerId: dispute.partnerId,
        status: input.outcome,
      }),
      clock,
    )
  })
  return getDispute(db, scope, id, clock)
}
