// Partner goals: a quarterly target for attributed revenue (the partner's credit under the paying model
// on deals won in the quarter) or for won deals, with live progress and the chance of reaching it — what
// is done plus the open deals expected to close in the quarter, each at its win chance, by the normal
// approximation — and the reasons in words. A partner user reads only their own partner's goals.
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { formatAmount, parseAmount, toMoneyView } from '../../../money'
import { invalidField, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { actorLabel, type Scope } from '../../../platform/scope'
import { readPayingCredits, sumPayingCredits } from '../../credits'
import { readClosingHistory, readOpenDealPlans } from '../../journeys'
import { findPartners } from '../../partners'
import { winChances } from '../forecast/forecast.service'
import { chanceToReach, periodOf, periodOfKey, placeDeal } from '../forecast/forecast-math'
import { converterFor } from '../report-currency'
import { revenuePermissions } from '../revenue.permissions'
import type { GoalsQuery, GoalView, SetGoalInput } from './goals.contract'
import { goalIds, partnerGoals } from './goals.tables'

type GoalRow = typeof partnerGoals.$inferSelect

/** Sets a partner's target for a quarter and metric, replacing the one there was; audited. */
export async function setGoal(db: Db, scope: Scope, input: SetGoalInput, clock: Clock): Promise<GoalView> {
  revenuePermissions.require(scope, 'goals.write')
  if (!(await findPartners(db, scope.orgId, [input.partnerId])).has(input.partnerId))
    throw invalidField('partnerId', `partner ${input.partnerId} not found`)
  const isRevenue = input.metric === 'revenue'
  if (isRevenue && !input.currency) throw invalidField('currency', 'is required for a revenue goal')
  if (!isRevenue && !/^\d+$/.test(input.target))
    throw invalidField('target', 'must be a whole number of deals')
  const target = isRevenue
    ? {
        targetMinor: parseAmount(input.target, input.currency!),
        currency: input.currency!,
        targetDeals: null,
      }
    : { targetMinor: null, currency: null, targetDeals: Number(input.target) }
  const now = clock.now()
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partnerGoals)
      .values({
        orgId: scope.orgId,
        id: goalIds.goal(),
        partnerId: input.partnerId,
        quarter: input.quarter,
        metric: input.metric,
        ...target,
        setBy: actorLabel(scope.actor),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [partnerGoals.orgId, partnerGoals.partnerId, partnerGoals.quarter, partnerGoals.metric],
        set: { ...target, setBy: actorLabel(scope.actor), updatedAt: now },
      })
      .returning({ id: partnerGoals.id })
    await writeAudit(
      tx,
      scope,
      { action: 'goal.set', entityType: 'goal', entityId: row!.id, before: null, after: input },
      clock,
    )
    return row!.id
  })
  const [view] = (
    await listGoals(db, scope, { quarter: input.quarter, partnerId: input.partnerId }, clock)
  ).items.filter((g) => g.id === id)
  return view!
}

export async function removeGoal(db: Db, scope: Scope, id: string, clock: Clock): Promise<void> {
  revenuePermissions.require(scope, 'goals.write')
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(partnerGoals)
      .where(and(eq(partnerGoals.orgId, scope.orgId), eq(partnerGoals.id, id)))
      .returning()
    if (!row) throw notFound('Goal', id)
    await writeAudit(
      tx,
      scope,
      { action: 'goal.removed', entityType: 'goal', entityId: id, before: row, after: null },
      clock,
    )
  })
}

/** The quarter's goals (this quarter by default) with progress and the chance of reaching each. */
export async function listGoals(
  db: Db,
  scope: Scope,
  query: GoalsQuery,
  clock: Clock,
): Promise<{ items: GoalView[] }> {
  revenuePermissions.require(scope, 'goals.read')
  const now = clock.now()
  const quarter = query.quarter ?? periodOf(now, 'quarter').key
  const partnerId = scope.partnerId ?? query.partnerId
  const rows = await db
    .select()
    .from(partnerGoals)
    .where(
      and(
        eq(partnerGoals.orgId, scope.orgId),
        eq(partnerGoals.quarter, quarter),
        partnerId ? eq(partnerGoals.partnerId, partnerId) : undefined,
      ),
    )
    .orderBy(asc(partnerGoals.partnerId), asc(partnerGoals.metric))
  if (rows.length === 0) return { items: [] }
  const range = periodOfKey(quarter)
  const partnerIds = [...new Set(rows.map((r) => r.partnerId))]
  const names = await findPartners(db, scope.orgId, partnerIds)
  const won = await sumPayingCredits(db, scope.orgId, partnerIds, { from: range.start, to: range.end })
  const isOver = now >= range.end
  // the open deals each partner holds paying credit on, expected to close before the quarter ends
  const open = isOver ? [] : await readPayingCredits(db, scope.orgId, partnerIds, { outcome: 'open' })
  const plans = new Map((isOver ? [] : await readOpenDealPlans(db, scope.orgId)).map((p) => [p.dealId, p]))
  const history = await readClosingHistory(db, scope.orgId, now)
  const chances = isOver ? null : await winChances(db, scope.orgId, 'auto', [...plans.values()], clock)
  const closing = open.filter((c) => {
    const plan = plans.get(c.dealId)
    return (
      plan !== undefined && placeDeal(plan, now, history.medianDaysToWin).at < range.end && c.creditMinor > 0n
    )
  })
  const items: GoalView[] = []
  for (const row of rows) {
    const currency = row.currency ?? 'USD'
    const converter = await converterFor(db, scope.orgId, currency, clock)
    const mine = won.filter((w) => w.partnerId === row.partnerId)
    const achievedMinor = mine.reduce(
      (sum, w) => sum + (converter.value(w.creditMinor, w.currency) ?? 0n),
      0n,
    )
    const achievedDeals = mine.reduce((sum, w) => sum + w.deals, 0)
    const deals = closing
      .filter((c) => c.partnerId === row.partnerId)
      .map((c) => ({
        probability: chances!.of(c.dealId, plans.get(c.dealId)!.stage),
        value: row.metric === 'revenue' ? Number(converter.value(c.creditMinor, c.currency) ?? 0n) : 1,
      }))
    items.push(
      goalView(
        row,
        names.get(row.partnerId)?.name ?? row.partnerId,
        { achievedMinor, achievedDeals, deals, isOver },
        chances?.label,
      ),
    )
  }
  return { items }
}

function goalView(
  row: GoalRow,
  name: string,
  state: {
    achievedMinor: bigint
    achievedDeals: number
    deals: { probability: number; value: number }[]
    isOver: boolean
  },
  chanceLabel: string | undefined,
): GoalView {
  const isRevenue = row.metric === 'revenue'
  const currency = row.currency ?? 'USD'
  const target = isRevenue ? Number(row.targetMinor) : row.targetDeals!
  const done = isRevenue ? Number(state.achievedMinor) : state.achievedDeals
  const likely = state.deals.reduce((sum, d) => sum + d.probability * d.value, 0)
  const chance = state.isOver ? (done >= target ? 1 : 0) : chanceToReach(done, target, state.deals)
  const status = done >= target ? 'hit' : state.isOver ? 'missed' : chance >= 0.5 ? 'on_track' : 'at_risk'
  const show = (value: number) =>
    isRevenue
      ? `${formatAmount(BigInt(Math.round(value)), currency)} ${currency}`
      : `${Math.round(value * 10) / 10} deals`
  const reasons = [
    `${show(done)} of ${show(target)} so far (${Math.round((done / target) * 100)}%).`,
    ...(state.isOver
      ? ['The quarter is over.']
      : [
          `${state.deals.length} open deals expected to close this quarter would add ${show(likely)} at their win chance (${chanceLabel ?? 'the win rate'}).`,
          `${Math.round(chance * 100)}% chance to reach the target.`,
        ]),
  ]
  return {
    id: row.id,
    partner: { id: row.partnerId, name },
    quarter: row.quarter,
    metric: row.metric,
    target: {
      money: isRevenue ? toMoneyView(row.targetMinor!, currency) : null,
      deals: isRevenue ? null : row.targetDeals,
    },
    achieved: {
      money: isRevenue ? toMoneyView(state.achievedMinor, currency) : null,
      deals: state.achievedDeals,
    },
    expected: {
      money: isRevenue ? toMoneyView(BigInt(Math.round(likely)), currency) : null,
      deals: isRevenue ? state.deals.reduce((sum, d) => sum + d.probability, 0) : likely,
    },
    progress: target === 0 ? 1 : Math.round((done / target) * 1000) / 1000,
    chance: Math.round(chance * 1000) / 1000,
    status,
    reasons,
  }
}
