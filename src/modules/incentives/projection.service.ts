// What a partner may earn on their open pipeline: each open deal they have credit on under the paying
// model, worked out under the plans in force as if it were won today, times its chance of being won
// (the org's learned model, or its win rate) — an estimate, and labelled so.
import type { Db } from '../../db/client'
import { toMoneyView } from '../../money'
import { invalidField, notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import type { Scope } from '../../platform/scope'
import { type PayingCredit, readPayingCredits, readWinChances } from '../credits'
import { type DealFacts, readDealFacts } from '../journeys'
import { type CreditedDeal, computeEarnings, type RateOn } from './commission-calc'
import { Decimal, toMinor } from './commission-math'
import type { ProjectionView } from './incentives.contract'
import { incentivesPermissions } from './incentives.permissions'
import { rateBook, readEarningInputs } from './ledger.service'
import { readPlanFacts } from './plans.service'

export async function projectCommissions(
  db: Db,
  scope: Scope,
  asked: string | undefined,
  clock: Clock,
): Promise<ProjectionView> {
  incentivesPermissions.require(scope, 'incentives.read')
  if (scope.partnerId && asked && asked !== scope.partnerId) throw notFound('Partner', asked)
  const partnerId = scope.partnerId ?? asked
  if (!partnerId) throw invalidField('partnerId', 'name the partner to project')
  const today = clock.now().toISOString().slice(0, 10)
  const plans = await readPlanFacts(db, scope.orgId)
  // the partner's won deals count towards tiers the open ones would reach
  const inputs = await readEarningInputs(db, scope.orgId, [partnerId], plans)
  const partner = inputs.partners.get(partnerId)
  if (!partner) throw notFound('Partner', partnerId)
  const open = await readPayingCredits(db, scope.orgId, [partnerId], { outcome: 'open' })
  const deals = await readDealFacts(
    db,
    scope.orgId,
    open.map((c) => c.dealId),
  )
  const asWon: CreditedDeal[] = open.flatMap((c) => {
    const deal = deals.get(c.dealId)
    return deal?.status === 'open' ? [asWonToday(c, deal, today)] : []
  })
  const earned = computeEarnings(
    plans,
    partner,
    [...(inputs.credited.get(partnerId) ?? []), ...asWon],
    await withTodayRates(db, scope.orgId, today, inputs.rateOn),
  )
  const chances = await readWinChances(
    db,
    scope.orgId,
    asWon.map((d) => d.dealId),
    clock,
  )
  const openIds = new Map(asWon.map((d) => [d.dealId, d]))
  const byDeal = new Map<string, bigint>()
  for (const line of earned.lines)
    if (openIds.has(line.dealId)) byDeal.set(line.dealId, (byDeal.get(line.dealId) ?? 0n) + line.amountMinor)
  const totals = new Map<string, { ifWon: bigint; expected: bigint }>()
  const items = [...byDeal].map(([dealId, ifWon]) => {
    const deal = openIds.get(dealId)!
    const chance = chances.get(dealId) ?? { probability: 0, source: 'no estimate' }
    const expected = toMinor(new Decimal(ifWon.toString()).times(chance.probability.toFixed(6)))
    const total = totals.get(partner.currency) ?? { ifWon: 0n, expected: 0n }
    totals.set(partner.currency, { ifWon: total.ifWon + ifWon, expected: total.expected + expected })
    return {
      dealId,
      dealName: deal.dealName,
      dealAmount: toMoneyView(deal.amountMinor, deal.currency),
      share: deal.credit.share,
      winChance: Number(chance.probability.toFixed(4)),
      winChanceSource: chance.source,
      ifWon: toMoneyView(ifWon, partner.currency),
      expected: toMoneyView(expected, partner.currency),
    }
  })
  items.sort((a, b) => (BigInt(b.expected.amountMinor) > BigInt(a.expected.amountMinor) ? 1 : -1))
  return {
    partnerId,
    asOf: today,
    isEstimate: true,
    note: 'An estimate, not earnings: open deals worked out under today’s plans as if won today, times their chance of being won. It changes as deals move.',
    items,
    totals: [...totals].map(([currency, t]) => ({
      ifWon: toMoneyView(t.ifWon, currency),
      expected: toMoneyView(t.expected, currency),
    })),
  }
}

/** An open deal worked out as if won today, with the partner's credit on it. */
export function asWonToday(
  c: Pick<
    PayingCredit,
    | 'dealId'
    | 'share'
    | 'creditMinor'
    | 'currency'
    | 'dealAmountMinor'
    | 'modelId'
    | 'modelName'
    | 'modelVersion'
    | 'runId'
  >,
  deal: DealFacts,
  today: string,
): CreditedDeal {
  return {
    dealId: c.dealId,
    dealName: deal.name,
    dealType: deal.type,
    stage: deal.stage,
    amountMinor: c.dealAmountMinor,
    currency: c.currency,
    closedOn: today,
    account: deal.account,
    originClosedOn:
      deal.type === 'new' || !deal.originClosedAt ? null : deal.originClosedAt.toISOString().slice(0, 10),
    credit: {
      share: c.share,
      amountMinor: c.creditMinor,
      modelId: c.modelId,
      modelName: c.modelName,
      modelVersion: c.modelVersion,
      runId: c.runId,
    },
    // an open deal has no refunds or churn yet
    revenue: [],
  }
}

/** The ledger's rates, with today's read for the deals worked out as if won today. */
export async function withTodayRates(db: Db, orgId: string, today: string, rateOn: RateOn): Promise<RateOn> {
  const todayRates = await rateBook(db, orgId, [today], new Map())
  return (from, to, day) => (day === today ? todayRates : rateOn)(from, to, day)
}
