// A plan preview's figures as the region shows them: the currencies it has, the bars of the partners
// the draft changes most in one currency, and a difference with its sign.
import type { PlanPreviewView } from '../../../../src/modules/incentives/incentives.contract'
import type { MoneyView } from '../../../../src/platform/platform.contract'
import { formatMoney } from '../../ui/money'

export const currentSeries = 'Under the plans in force'
export const draftSeries = 'Under this draft'

/** Currencies with a total, or with a partner whose figures changed, in the server's order. */
export const previewCurrencies = (view: PlanPreviewView): string[] => [
  ...new Set([
    ...view.totals.map((total) => total.current.currency),
    ...view.partners.map((partner) => partner.current.currency),
  ]),
]

/**
 * The partners in `currency` the draft changes most (the server sends them largest change first), as
 * bars of current and draft minor units. A chart reads numbers; the labels format them exactly.
 */
export function previewBars(view: PlanPreviewView, currency: string, count = 10) {
  return view.partners
    .filter((partner) => partner.current.currency === currency)
    .slice(0, count)
    .map((partner) => ({
      partner: partner.partnerName,
      [currentSeries]: Number(partner.current.amountMinor),
      [draftSeries]: Number(partner.draft.amountMinor),
    }))
}

/** A difference people read at a glance: "+$12.50", "−$3.00", "$0.00". */
export function signedMoney(money: Pick<MoneyView, 'amountMinor' | 'currency'>, locale?: string): string {
  const minor = BigInt(money.amountMinor)
  const text = formatMoney(money, locale ? { locale } : {})
  return minor > 0n ? `+${text}` : text
}
