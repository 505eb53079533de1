import { describe, expect, it } from 'vitest'
import type { DealSummaryView } from '../../../../src/modules/journeys/journeys.contract'
import { type PartnerCountsView, partnerTypes } from '../../../../src/modules/partners/partners.contract'
import { dealsByType, moneyCaption, partnerStats, winRate } from './dashboard-stats'

const total = (currency: string, amount: string, deals: number) => ({
  currency,
  amount,
  amountMinor: amount.replace('.', ''),
  deals,
})
const summary = (open: number, won: number, lost: number): DealSummaryView => ({
  total: open + won + lost,
  byStatus: { open, won, lost },
  openPipeline: [],
  wonRevenue: [],
})
const count = (n: number) => String(n)

describe('moneyCaption', () => {
  it('counts the deals of every currency shown, and says how many currencies there are', () => {
    const totals = [total('USD', '1000.00', 7), total('EUR', '500.00', 2), total('GBP', '90.00', 1)]
    expect(moneyCaption(totals, 'open', count)).toBe('10 open deals in 3 currencies')
  })

  it('needs no currency count for a single currency', () => {
    expect(moneyCaption([total('USD', '1.00', 1)], 'won', count)).toBe('1 won deal')
  })

  it('says zero when there is nothing', () => {
    expect(moneyCaption([], 'open', count)).toBe('0 open deals')
  })
})

describe('winRate', () => {
  it('is won over closed deals, ignoring open ones', () => {
    expect(winRate(summary(50, 3, 1))).toBe(0.75)
  })

  it('is unknown until a deal closes', () => {
    expect(winRate(summary(5, 0, 0))).toBeNull()
  })
})

describe('dealsByType', () => {
  it('makes one bar per type with its open, won and lost counts', () => {
    expect(dealsByType([{ type: 'renewal', summary: summary(1, 2, 3) }])).toEqual([
      { type: 'Renewal', Open: 1, Won: 2, Lost: 3 },
    ])
  })
})

describe('partnerStats', () => {
  it('gives a chart row for every type and status, from the server counts', () => {
    const byType = { reseller: 3, referral: 1 } as PartnerCountsView['byType']
    const byStatus = { active: 2, invited: 2 } as PartnerCountsView['byStatus']
    const stats = partnerStats({ total: 4, byType, byStatus })
    expect(stats.total).toBe(4)
    expect(stats.active).toBe(2)
    expect(stats.byType).toContainEqual({ type: 'Reseller', Partners: 3 })
    expect(stats.byType).toHaveLength(partnerTypes.length)
    expect(stats.byStatus).toContainEqual({ status: 'Churned', Partners: 0 })
  })
})
