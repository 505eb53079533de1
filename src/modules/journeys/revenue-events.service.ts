// What happened to a won deal's revenue after it closed: refunds and churn, recorded as facts that
// are never changed. Commission clawbacks are worked out from them (incentives). A replay — the same
// (source, external id) or the same Idempotency-Key — records nothing and answers with the first.
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { formatAmount, MoneyError, parseAmount, toMoneyView } from '../../money'
import { AppError, invalidField, notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import { insertOrFindImported } from '../../platform/external-ref'
import { actorLabel, type Scope } from '../../platform/scope'
import { getDeal } from './deals.service'
import type { RecordRevenueEventInput, RevenueEventKind, RevenueEventView } from './journeys.contract'
import { journeyEvents } from './journeys.events'
import { journeysPermissions } from './journeys.permissions'
import { dealRevenueEvents, deals, journeyIds } from './journeys.tables'

type RevenueEventRow = typeof dealRevenueEvents.$inferSelect

/** The source a request's Idempotency-Key is kept under when the event names no source of its own. */
const requestKeySource = 'idempotency-key'

const toView = (row: RevenueEventRow): RevenueEventView => ({
  id: row.id,
  dealId: row.dealId,
  kind: row.kind,
  amount: row.amountMinor === null ? null : toMoneyView(row.amountMinor, row.currency),
  occurredAt: row.occurredAt.toISOString(),
  reason: row.reason,
  source: row.source,
  externalId: row.externalId,
  recordedBy: row.recordedBy,
  createdAt: row.createdAt.toISOString(),
})

/**
 * Records a refund or churn on a won deal and announces `deal.revenue_recorded`. Refunds never add
 * up to more than the deal's amount and a deal churns once; both are checked under a lock on the
 * deal, so requests at once cannot pass the check together.
 */
export async function recordRevenueEvent(
  db: Db,
  scope: Scope,
  dealId: string,
  input: RecordRevenueEventInput,
  clock: Clock,
  requestKey: string | null = null,
): Promise<{ event: RevenueEventView; created: boolean }> {
  journeysPermissions.require(scope, 'journeys.revenue')
  if (input.externalId && !input.source) throw invalidField('source', 'is required with externalId')
  const ref =
    input.externalId && input.source
      ? { source: input.source, externalId: input.externalId }
      : requestKey
        ? { source: requestKeySource, externalId: `${dealId}:${requestKey}` }
        : { source: input.source ?? null, externalId: null }
  return db.transaction(async (tx) => {
    const [deal] = await tx
      .select()
      .from(deals)
      .where(and(eq(deals.orgId, scope.orgId), eq(deals.id, dealId)))
      .for('update')
    if (!deal) throw notFound('Deal', dealId)
    if (ref.externalId) {
      const [seen] = await tx
        .select()
        .from(dealRevenueEvents)
        .where(
          and(
            eq(dealRevenueEvents.orgId, scope.orgId),
            eq(dealRevenueEvents.source, ref.source!),
            eq(dealRevenueEvents.externalId, ref.externalId),
          ),
        )
      if (seen) {
        if (seen.dealId !== dealId || seen.kind !== input.kind)
          throw new AppError(
            'CONFLICT',
            `${ref.source}/${input.externalId ?? requestKey} already recorded a ${seen.kind} on deal ${seen.dealId}`,
          )
        return { event: toView(seen), created: false }
      }
    }
    if (deal.status !== 'won' || !deal.closedAt)
      throw new AppError(
        'CONFLICT',
        `Deal ${dealId} is ${deal.status}: only a won deal is refunded or churns`,
      )
    const occurredAt = new Date(input.occurredAt)
    if (occurredAt < deal.closedAt)
      throw invalidField('occurredAt', `must be on or after the deal closed (${deal.closedAt.toISOString()})`)
    const earlier = await tx
      .select({ kind: dealRevenueEvents.kind, amountMinor: dealRevenueEvents.amountMinor })
      .from(dealRevenueEvents)
      .where(and(eq(dealRevenueEvents.orgId, scope.orgId), eq(dealRevenueEvents.dealId, dealId)))
    const amountMinor = input.kind === 'refund' ? refundAmount(input, deal, earlier) : null
    if (input.kind === 'churn' && input.amount !== undefined)
      throw invalidField('amount', 'churn has no amount: record what was paid back as a refund')
    if (input.kind === 'churn' && earlier.some((e) => e.kind === 'churn'))
      throw new AppError('CONFLICT', `Deal ${dealId} has already churned`)
    const id = journeyIds.revenueEvent()
    const claim = await insertOrFindImported(tx, dealRevenueEvents, {
      orgId: scope.orgId,
      id,
      dealId,
      kind: input.kind,
      amountMinor,
      currency: deal.currency,
      occurredAt,
      reason: input.reason ?? null,
      ...ref,
      recordedBy: actorLabel(scope.actor),
      createdAt: clock.now(),
    })
    const [row] = await tx
      .select()
      .from(dealRevenueEvents)
      .where(and(eq(dealRevenueEvents.orgId, scope.orgId), eq(dealRevenueEvents.id, claim.id)))
    if (claim.created)
      await publish(
        tx,
        scope,
        journeyEvents.event('deal.revenue_recorded', dealId, { dealId, eventId: id, kind: input.kind }),
        clock,
      )
    return { event: toView(row!), created: claim.created }
  })
}

function refundAmount(
  input: RecordRevenueEventInput,
  deal: typeof deals.$inferSelect,
  earlier: readonly { kind: RevenueEventKind; amountMinor: bigint | null }[],
): bigint {
  if (input.amount === undefined) throw invalidField('amount', 'is required for a refund')
  let amountMinor: bigint
  try {
    amountMinor = parseAmount(input.amount, deal.currency)
  } catch (error) {
    if (error instanceof MoneyError) throw invalidField('amount', error.message)
    throw error
  }
  if (amountMinor <= 0n) throw invalidField('amount', 'must be more than zero')
  const refunded = earlier.reduce((sum, e) => sum + (e.amountMinor ?? 0n), 0n)
  if (refunded + amountMinor > deal.amountMinor)
    throw invalidField(
      'amount',
      `refunds would come to more than the deal's ${formatAmount(deal.amountMinor, deal.currency)} ${deal.currency} (${formatAmount(refunded, deal.currency)} refunded already)`,
    )
  return amountMinor
}

/** A deal's refunds and churn, oldest first, with what was refunded and what is left. */
export async function listRevenueEvents(db: Db, scope: Scope, dealId: string) {
  const deal = await getDeal(db, scope, dealId)
  const rows = await db
    .select()
    .from(dealRevenueEvents)
    .where(and(eq(dealRevenueEvents.orgId, scope.orgId), eq(dealRevenueEvents.dealId, dealId)))
    .orderBy(asc(dealRevenueEvents.occurredAt), asc(dealRevenueEvents.id))
  const amountMinor = BigInt(deal.amount.amountMinor)
  const refunded = rows.reduce((sum, r) => sum + (r.amountMinor ?? 0n), 0n)
  return {
    items: rows.map(toView),
    refunded: toMoneyView(refunded, deal.amount.currency),
    net: toMoneyView(amountMinor - refunded, deal.amount.currency),
  }
}

export interface RevenueFact {
  kind: RevenueEventKind
  /** A refund's amount in the deal's currency; null for churn. */
  amountMinor: bigint | null
  occurredAt: Date
  reason: string | null
}

/** The refunds and churn of these deals, oldest first per deal, for what money works out. */
export async function readRevenueFacts(
  db: Db,
  orgId: string,
  dealIds: readonly string[],
): Promise<Map<string, RevenueFact[]>> {
  const facts = new Map<string, RevenueFact[]>()
  if (dealIds.length === 0) return facts
  const rows = await db
    .select({
      dealId: dealRevenueEvents.dealId,
      kind: dealRevenueEvents.kind,
      amountMinor: dealRevenueEvents.amountMinor,
      occurredAt: dealRevenueEvents.occurredAt,
      reason: dealRevenueEvents.reason,
    })
    .from(dealRevenueEvents)
    .where(
      and(
        eq(dealRevenueEvents.orgId, orgId),
        sql`${dealRevenueEvents.dealId} = any(${sql.param([...dealIds])}::text[])`,
      ),
    )
    .orderBy(asc(dealRevenueEvents.occurredAt), asc(dealRevenueEvents.id))
  for (const { dealId, ...fact } of rows) {
    const list = facts.get(dealId) ?? []
    list.push(fact)
    facts.set(dealId, list)
  }
  return facts
}
