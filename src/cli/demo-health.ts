// A partner story for the demo org's Health page: a distributor that started co-selling this quarter —
// four new deals, six meetings on each over the last eighty days, none won yet — and that has opened
// three disputes asking for credit. Its score falls into at risk for those figures (high activity, low
// attribution; open disputes) once the org's scores are computed after the credit.
import type { Db } from '../db/client'
import { openDispute } from '../modules/incentives'
import { recordTouchpoint, upsertDeal } from '../modules/journeys'
import { fixedClock } from '../platform/clock'
import type { Scope } from '../platform/scope'

const day = 86_400_000

export async function seedDemoHealth(
  db: Db,
  scope: Scope,
  options: { asOf: Date; partnerId: string; accountIds: readonly string[] },
): Promise<void> {
  const { asOf, partnerId } = options
  const at = (daysAgo: number) => new Date(asOf.getTime() - daysAgo * day)
  const dealIds: string[] = []
  for (const [i, product] of ['Platform', 'Enterprise', 'Growth plan', 'Team plan'].entries()) {
    const openedAt = at(85 - i * 5)
    const { deal } = await upsertDeal(
      db,
      scope,
      {
        name: `Co-sell ${i + 1} — ${product}`,
        accountId: options.accountIds[i % options.accountIds.length] ?? null,
        amount: `${(i + 2) * 9500}.00`,
        currency: 'USD',
        stage: 'evaluation',
        status: 'open',
        type: 'new',
        openedAt: openedAt.toISOString(),
      },
      fixedClock(openedAt),
    )
    dealIds.push(deal.id)
    for (let meeting = 0; meeting < 6; meeting++) {
      const occurredAt = at(80 - i * 5 - meeting * 12)
      await recordTouchpoint(
        db,
        scope,
        {
          dealId: deal.id,
          actor: { kind: 'partner', partnerId },
          activityType: 'co_sell_meeting',
          occurredAt: occurredAt.toISOString(),
          notes: 'Joint meeting with the customer',
        },
        fixedClock(occurredAt),
      )
    }
  }
  for (const [i, dealId] of dealIds.slice(0, 3).entries()) {
    const openedAt = at(20 - i * 5)
    await openDispute(
      db,
      scope,
      {
        dealId,
        partnerId,
        subject: 'Our meetings are not credited',
        message: 'We ran most of the meetings on this deal; please check that our touches count.',
        evidence: [],
      },
      fixedClock(openedAt),
    )
  }
}
