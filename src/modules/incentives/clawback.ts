// Refunds and churn after a deal closed, under a plan's clawback terms: what is left of the deal's
// credit to earn commission on, and the words that say why. Pure.
import { Decimal, daysBetween, money, percent, type Words } from './commission-math'
import type { PlanTerms } from './incentives.contract'

export interface RevenueEvent {
  kind: 'refund' | 'churn'
  /** A refund's amount in the deal's currency; null for churn. */
  amountMinor: bigint | null
  on: string
  reason: string | null
}

/** What refunds and churn leave of a deal's credit under a plan's clawback terms. */
export interface RevenueEffect {
  /** The part of the credit still earned: 0 after churn inside the window or a full refund. */
  kept: Decimal
  refundedMinor: bigint
  churnedOn: string | null
  steps: Words[]
}

/**
 * Refunds claw back in proportion and churn in full — inside the plan's clawback window when it has
 * one; without one every refund counts and churn claws nothing back. Null when the deal has neither.
 */
export function revenueEffect(
  deal: { amountMinor: bigint; currency: string; closedOn: string; revenue: readonly RevenueEvent[] },
  clawback: PlanTerms['clawback'] | undefined,
): RevenueEffect | null {
  if (deal.revenue.length === 0) return null
  const steps: Words[] = []
  let refundedMinor = 0n
  let churnedOn: string | null = null
  for (const event of deal.revenue) {
    const days = daysBetween(deal.closedOn, event.on)
    const what =
      event.kind === 'refund'
        ? `Refund of ${money(event.amountMinor ?? 0n, deal.currency)} on ${event.on}`
        : `Customer churned on ${event.on}`
    const said = `${what}${event.reason ? ` (${event.reason})` : ''}, ${days} day${days === 1 ? '' : 's'} after the close`
    if (clawback && days > clawback.days) {
      steps.push(
        () => `${said}: outside the plan’s ${clawback.days}-day clawback window, nothing clawed back`,
      )
    } else if (event.kind === 'churn') {
      if (clawback) churnedOn ??= event.on
      steps.push(() =>
        clawback
          ? `${said}: inside the plan’s ${clawback.days}-day clawback window, the commission is clawed back in full`
          : `${said}: the plan claws nothing back on churn`,
      )
    } else {
      refundedMinor += event.amountMinor ?? 0n
      steps.push(() =>
        clawback ? `${said}: inside the plan’s ${clawback.days}-day clawback window` : `${said}: clawed back`,
      )
    }
  }
  const left = deal.amountMinor - refundedMinor
  const kept =
    churnedOn || left <= 0n || deal.amountMinor === 0n
      ? new Decimal(0)
      : new Decimal(left.toString()).div(deal.amountMinor.toString())
  if (!churnedOn && refundedMinor > 0n)
    steps.push(
      () =>
        `Commission is earned on the ${money(left > 0n ? left : 0n, deal.currency)} kept of ${money(deal.amountMinor, deal.currency)} (${percent(kept)})`,
    )
  return { kept, refundedMinor, churnedOn, steps }
}
