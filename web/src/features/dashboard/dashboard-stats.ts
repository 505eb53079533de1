// Turns the server's partner counts and the server's deal summaries into the dashboard's counts, chart rows and captions.
import type { DealSummaryView, DealType } from '../../../../src/modules/journeys/journeys.contract'
import {
  type PartnerCountsView,
  partnerStatuses,
  partnerTypes,
} from '../../../../src/modules/partners/partners.contract'
import { humanize } from '../../ui/labels'

export type PartnerStats = {
  total: number
  active: number
  byType: { type: string; Partners: number }[]
  byStatus: { status: string; Partners: number }[]
}

/** Chart rows for every type and status, zero where the server counted none. */
export function partnerStats(counts: PartnerCountsView): PartnerStats {
  return {
    total: counts.total,
    active: counts.byStatus.active ?? 0,
    byType: partnerTypes.map((type) => ({ type: humanize(type), Partners: counts.byType[type] ?? 0 })),
    byStatus: partnerStatuses.map((status) => ({
      status: humanize(status),
      Partners: counts.byStatus[status] ?? 0,
    })),
  }
}

/** Won deals over closed deals, or null when nothing has closed yet. */
export function winRate(summary: Pick<DealSummaryView, 'byStatus'>): number | null {
  const closed = summary.byStatus.won + summary.byStatus.lost
  return closed === 0 ? null : summary.byStatus.won / closed
}

/** One stacked bar per deal type, from one summary per type. */
export const dealsByType = (summaries: { type: DealType; summary: DealSummaryView }[]) =>
  summaries.map(({ type, summary }) => ({
    type: humanize(type),
    Open: summary.byStatus.open,
    Won: summary.byStatus.won,
    Lost: summary.byStatus.lost,
  }))

type CurrencyTotal = DealSummaryView['openPipeline'][number]

/**
 * The caption under a money total, counting the same deals the figures above it add up:
 * "312 open deals in 3 currencies".
 */
export function moneyCaption(totals: CurrencyTotal[], what: 'open' | 'won', count: (n: number) => string) {
  const deals = totals.reduce((sum, total) => sum + total.deals, 0)
  const noun = `${count(deals)} ${what} ${deals === 1 ? 'deal' : 'deals'}`
  if (totals.length <= 1) return noun
  return `${noun} in ${count(totals.length)} currencies`
}
