// How partner-attributed recurring revenue moved, pure: each won deal, renewal and churn becomes a
// movement (new, expansion, contraction or churn), split among the partners by the credit they hold.
// Amounts are minor units of the report's currency, converted before they come here.
import { roundHalfEven } from '../../../money'
import type { Movement } from './waterfall.contract'

export interface PartnerStake {
  partnerId: string
  partnerType: string
  amountMinor: bigint
}

/** A won deal's amount and its partners' credit, in the report's currency. */
export interface CreditedDeal {
  amountMinor: bigint
  partners: readonly PartnerStake[]
}

export interface HistoryDeal {
  dealId: string
  name: string
  type: 'new' | 'renewal' | 'expansion'
  status: 'won' | 'lost'
  closedAt: Date
  /** In the report's currency. */
  amountMinor: bigint
  parent: { dealId: string; amountMinor: bigint } | null
}

export interface MovementLine {
  /** The deal whose close (or churn) made the movement. */
  dealId: string
  name: string
  at: Date
  movement: Movement
  /** Each partner's part of it, signed: churn and contraction are below zero. */
  partners: PartnerStake[]
}

/** Each partner's credit on a deal, scaled to another amount in proportion, rounded half to even. */
function scaled(deal: CreditedDeal, amountMinor: bigint): PartnerStake[] {
  if (deal.amountMinor === 0n) return []
  return deal.partners.map((p) => ({
    ...p,
    amountMinor: roundHalfEven(amountMinor * p.amountMinor, deal.amountMinor),
  }))
}

const negated = (partners: readonly PartnerStake[]) =>
  partners.map((p) => ({ ...p, amountMinor: -p.amountMinor }))

/**
 * The movements in this history:
 * - a new deal won: new, each partner at their credit; an expansion won: expansion, the same way;
 * - a renewal won: the change from the deal it renews, as expansion (up) or contraction (down), split
 *   by the partners' credit on the renewal; a renewal at the same amount moves nothing;
 * - churn recorded on a won deal: churn of that deal's partner credit;
 * - a renewal lost: churn of the partner credit on the deal it would have renewed, unless churn was
 *   recorded on that deal already (counted once).
 */
export function movementsOf(
  deals: readonly HistoryDeal[],
  churns: readonly { dealId: string; occurredAt: Date }[],
  creditOf: (dealId: string) => CreditedDeal | undefined,
): MovementLine[] {
  const lines: MovementLine[] = []
  const churned = new Set(churns.map((c) => c.dealId))
  const names = new Map(deals.map((d) => [d.dealId, d.name]))
  const add = (
    deal: { dealId: string; name: string },
    at: Date,
    movement: Movement,
    partners: PartnerStake[],
  ) => {
    const moved = partners.filter((p) => p.amountMinor !== 0n)
    if (moved.length > 0) lines.push({ dealId: deal.dealId, name: deal.name, at, movement, partners: moved })
  }
  for (const deal of deals) {
    if (deal.status === 'lost') {
      if (deal.type !== 'renewal' || !deal.parent || churned.has(deal.parent.dealId)) continue
      const parent = creditOf(deal.parent.dealId)
      if (parent) add(deal, deal.closedAt, 'churn', negated(parent.partners))
      continue
    }
    const credit = creditOf(deal.dealId)
    if (!credit) continue
    if (deal.type !== 'renewal') {
      add(deal, deal.closedAt, deal.type === 'new' ? 'new' : 'expansion', [...credit.partners])
      continue
    }
    if (!deal.parent) continue
    const change = deal.amountMinor - deal.parent.amountMinor
    if (change !== 0n)
      add(deal, deal.closedAt, change > 0n ? 'expansion' : 'contraction', scaled(credit, change))
  }
  for (const churn of churns) {
    const credit = creditOf(churn.dealId)
    if (credit)
      add(
        { dealId: churn.dealId, name: names.get(churn.dealId) ?? churn.dealId },
        churn.occurredAt,
        'churn',
        negated(credit.partners),
      )
  }
  return lines.sort((a, b) => a.at.getTime() - b.at.getTime() || a.dealId.localeCompare(b.dealId))
}

export const totalOf = (line: { partners: readonly PartnerStake[] }) =>
  line.partners.reduce((sum, p) => sum + p.amountMinor, 0n)
