// The portal's what-if: "if I add a demo to this open deal next week, my share under the paying model
// becomes …, my commission if it is won …". The credit comes from the same engine on a copy of the
// journey (credits' `simulateTouch`), the commission from the plans in force as if the deal were won
// today, before and after. An estimate; nothing is stored.
import type { Db } from '../../db/client'
import { toMoneyView } from '../../money'
import { invalidField, notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import type { Scope } from '../../platform/scope'
import { type SimulatedCredit, simulateTouch } from '../credits'
import { readDealFacts } from '../journeys'
import { computeEarnings } from './commission-calc'
import type { WhatIfInput, WhatIfView } from './incentives.contract'
import { incentivesPermissions } from './incentives.permissions'
import { readEarningInputs } from './ledger.service'
import { readPlanFacts } from './plans.service'
import { asWonToday, withTodayRates } from './projection.service'

const percent = (share: string) => `${(Number(share) * 100).toFixed(1)}%`

export async function whatIf(db: Db, scope: Scope, input: WhatIfInput, clock: Clock): Promise<WhatIfView> {
  incentivesPermissions.require(scope, 'incentives.read')
  if (scope.partnerId && input.partnerId && input.partnerId !== scope.partnerId)
    throw notFound('Partner', input.partnerId)
  const partnerId = scope.partnerId ?? input.partnerId
  if (!partnerId) throw invalidField('partnerId', 'name the partner whose touch to try')
  const sim = await simulateTouch(
    db,
    scope.orgId,
    {
      dealId: input.dealId,
      partnerId,
      activityType: input.activityType,
      at: new Date(input.occurredAt),
      partnerOnly: Boolean(scope.partnerId),
    },
    clock,
  )
  const deal = (await readDealFacts(db, scope.orgId, [sim.dealId])).get(sim.dealId)
  if (!deal) throw notFound('Deal', sim.dealId)

  const today = clock.now().toISOString().slice(0, 10)
  const plans = await readPlanFacts(db, scope.orgId)
  // the partner's won deals count towards the tiers this one would reach
  const inputs = await readEarningInputs(db, scope.orgId, [partnerId], plans)
  const partner = inputs.partners.get(partnerId)
  if (!partner) throw notFound('Partner', partnerId)
  const rateOn = await withTodayRates(db, scope.orgId, today, inputs.rateOn)
  const won = inputs.credited.get(partnerId) ?? []
  const ifWon = (credit: SimulatedCredit): bigint => {
    const asWon = asWonToday(
      {
        dealId: sim.dealId,
        share: credit.share,
        creditMinor: credit.amountMinor,
        currency: sim.currency,
        dealAmountMinor: sim.dealAmountMinor,
        modelId: sim.model.id,
        modelName: sim.model.name,
        modelVersion: sim.model.version,
        runId: 'what-if',
      },
      deal,
      today,
    )
    const earned = computeEarnings(plans, partner, [...won, asWon], rateOn)
    return earned.lines.filter((l) => l.dealId === sim.dealId).reduce((sum, l) => sum + l.amountMinor, 0n)
  }
  const side = (credit: SimulatedCredit) => ({
    share: credit.share,
    credit: toMoneyView(credit.amountMinor, sim.currency),
    commissionIfWon: toMoneyView(ifWon(credit), partner.currency),
    explanation: credit.explanation,
  })
  const before = side(sim.before)
  const after = side(sim.after)
  const day = input.occurredAt.slice(0, 10)
  const moved = after.share === before.share ? 'stays' : 'becomes'
  const summary =
    `With a ${sim.activityLabel.toLowerCase()} on ${day}, your share of ${deal.name} under ${sim.model.name} ` +
    `${moved} ${percent(after.share)} (now ${percent(before.share)}): ${after.credit.amount} ${sim.currency} of ` +
    `${toMoneyView(sim.dealAmountMinor, sim.currency).amount} ${sim.currency}, and ${after.commissionIfWon.amount} ` +
    `${partner.currency} commission if it is won (now ${before.commissionIfWon.amount} ${partner.currency}).`
  return {
    dealId: sim.dealId,
    dealName: deal.name,
    dealAmount: toMoneyView(sim.dealAmountMinor, sim.currency),
    model: sim.model,
    before,
    after,
    summary,
    isEstimate: true,
  }
}
