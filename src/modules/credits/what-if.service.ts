// "If I add a demo to this open deal next week": the deal's journey with one more touch by the partner,
// run by the paying model beside the journey as it is. Worked out on a copy, never stored.
import { AttributionError, type Credit, type Journey, type Touch } from '../../attribution'
import type { Db } from '../../db/client'
import { invalidField, notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import { readActivityLabels, readJourneyFacts } from '../journeys'
import { findPartners } from '../partners'
import { createContextAttributor, readActiveModels, settingsOf } from './attribute.service'
import { readDealContext } from './deal-context.service'
import { refusalOf } from './models.service'

export interface SimulatedCredit {
  /** Exact decimal string ("0.0000000000" when the partner has none). */
  share: string
  amountMinor: bigint
  explanation: string | null
}

export interface SimulatedTouch {
  dealId: string
  currency: string
  dealAmountMinor: bigint
  model: { id: string; name: string; version: number }
  activityLabel: string
  before: SimulatedCredit
  after: SimulatedCredit
}

const none: SimulatedCredit = { share: '0.0000000000', amountMinor: 0n, explanation: null }
const creditOf = (credits: readonly Credit[], partnerId: string): SimulatedCredit => {
  const credit = credits.find((c) => c.actor === partnerId)
  return credit
    ? { share: credit.shareDecimal, amountMinor: credit.amountMinor, explanation: credit.explanation.text }
    : none
}

/**
 * The partner's credit on an open deal under the paying model, now and with one more touch of this
 * activity at this time by the partner. A partner user may only try deals they are on (the deals
 * the portal shows them); the deal must still be open.
 */
export async function simulateTouch(
  db: Db,
  orgId: string,
  input: { dealId: string; partnerId: string; activityType: string; at: Date; partnerOnly: boolean },
  clock: Clock,
): Promise<SimulatedTouch> {
  const [journey] = await readJourneyFacts(db, orgId, [input.dealId])
  if (!journey || (input.partnerOnly && !journey.touches.some((t) => t.actor === input.partnerId)))
    throw notFound('Deal', input.dealId)
  if (journey.outcome !== 'open')
    throw invalidField('dealId', `the deal is ${journey.outcome}: only an open deal can still change`)
  const labels = await readActivityLabels(db, orgId)
  if (!(input.activityType in labels))
    throw invalidField('activityType', `the org has no activity type ${input.activityType}`)
  const partner = (await findPartners(db, orgId, [input.partnerId])).get(input.partnerId)
  if (!partner) throw invalidField('partnerId', `partner ${input.partnerId} not found`)
  const paying = (await readActiveModels(db, orgId, clock)).find((m) => m.row.role === 'paying')
  if (!paying) throw invalidField('dealId', 'no model pays in this org, so there is no credit to change')

  const touch: Touch = {
    id: 'what-if',
    actor: input.partnerId,
    actorKind: partner.type,
    activity: input.activityType,
    at: input.at.getTime(),
    ...(partner.parentId ? { parentActor: partner.parentId } : {}),
  }
  const tried: Journey = { ...journey, touches: [...journey.touches, touch] }
  const settings = settingsOf(paying)
  // the tried journey: a partner new to the deal brings its chain (multi-tier credit)
  const context = await readDealContext(db, orgId, [tried], [settings.options])
  const run = (j: Journey) => {
    try {
      // one attributor a journey: a recurring model keeps what it worked out by deal id
      return createContextAttributor(settings, context)(j)
    } catch (error) {
      if (error instanceof AttributionError) throw refusalOf(error)
      throw error
    }
  }
  return {
    dealId: journey.id,
    currency: journey.currency,
    dealAmountMinor: journey.amountMinor,
    model: { id: paying.row.id, name: paying.row.name, version: paying.row.version },
    activityLabel: labels[input.activityType] ?? input.activityType,
    before: creditOf(run(journey).credits, input.partnerId),
    after: creditOf(run(tried).credits, input.partnerId),
  }
}
