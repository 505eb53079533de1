// Turns the partner and deal lists into the dashboard's counts, chart rows and money totals.
import type { DealView } from '../../../../src/modules/journeys/journeys.contract'
import { dealTypes } from '../../../../src/modules/journeys/journeys.contract'
import {
  type PartnerSummary,
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

export function partnerStats(partners: PartnerSummary[]): PartnerStats {
  const count = <K extends string>(keys: readonly K[], pick: (partner: PartnerSummary) => K) => {
    const counts = new Map<K, number>(keys.map((key) => [key, 0]))
    for (const partner of partners) counts.set(pick(partner), (counts.get(pick(partner)) ?? 0) + 1)
    return counts
  }
  const byType = count(partnerTypes, (partner) => partner.type)
  const byStatus = count(partnerStatuses, (partner) => partner.status)
  return {
    total: partners.length,
    active: byStatus.get('active') ?? 0,
    byType: partnerTypes.map((type) => ({ type: humanize(type), Partners: byType.get(type) ?? 0 })),
    byStatus: partnerStatuses.map((status) => ({
      status: humanize(status),
      Partners: byStatus.get(status) ?? 0,
    })),
  }
}

export type MoneyTotal = { currency: string; amountMinor: bigint; deals: number }

export type DealStats = {
  total: number
  open: number
  won: number
  lost: number
  /** Won deals over closed deals, or null when nothing has closed yet. */
  winRate: number | null
  /** Won value per currency, largest deal count first. */
  wonValue: MoneyTotal[]
  openValue: MoneyTotal[]
  byType: { type: string; Open: number; Won: number; Lost: number }[]
}

const addTo = (totals: Map<string, MoneyTotal>, deal: DealView) => {
  const current = totals.get(deal.amount.currency) ?? {
    currency: deal.amount.currency,
    amountMinor: 0n,
    deals: 0,
  }
  totals.set(deal.amount.currency, {
    currency: current.currency,
    amountMinor: current.amountMinor + BigInt(deal.amount.amountMinor),
    deals: current.deals + 1,
  })
}

const sorted = (totals: Map<string, MoneyTotal>) => [...totals.values()].sort((a, b) => b.deals - a.deals)

export function dealStats(deals: DealView[]): DealStats {
  const won = new Map<string, MoneyTotal>()
  const open = new Map<string, MoneyTotal>()
  const byType = new Map(dealTypes.map((type) => [type, { type: humanize(type), Open: 0, Won: 0, Lost: 0 }]))
  let wonCount = 0
  let lostCount = 0
  let openCount = 0
  for (const deal of deals) {
    const row = byType.get(deal.type)
    if (deal.status === 'won') {
      wonCount++
      addTo(won, deal)
      if (row) row.Won++
    } else if (deal.status === 'lost') {
      lostCount++
      if (row) row.Lost++
    } else {
      openCount++
      addTo(open, deal)
      if (row) row.Open++
    }
  }
  const closed = wonCount + lostCount
  return {
    total: deals.length,
    open: openCount,
    won: wonCount,
    lost: lostCount,
    winRate: closed === 0 ? null : wonCount / closed,
    wonValue: sorted(won),
    openValue: sorted(open),
    byType: [...byType.values()],
  }
}
