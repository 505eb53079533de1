import { describe, expect, it } from 'vitest'
import type { PartnerHistoryView } from '../../../../src/modules/credits/figures.contract'
import { historyCurrencies, historyRows } from './credit-history'

const money = (amountMinor: string, currency: string) => ({ amountMinor, currency, amount: amountMinor })
const row = (month: string, modelId: string, currency: string, won: string, pipeline = '0') => ({
  month,
  modelId,
  currency,
  won: money(won, currency),
  pipeline: money(pipeline, currency),
  deals: 1,
})
const view: PartnerHistoryView = {
  partnerId: 'prt_1',
  models: [
    { id: 'm1', name: 'Time decay', role: 'paying' },
    { id: 'm2', name: 'Linear', role: 'shadow' },
  ],
  months: [
    row('2025-11', 'm1', 'USD', '100'),
    row('2025-11', 'm2', 'USD', '150'),
    row('2026-02', 'm1', 'USD', '300', '40'),
    row('2026-01', 'm1', 'EUR', '70'),
  ],
}

describe('credit history rows', () => {
  it('fills quiet months with zero across a year end, one number per model', () => {
    expect(historyRows(view, 'USD', 'won')).toEqual([
      { month: '2025-11', 'Time decay': 100, Linear: 150 },
      { month: '2025-12', 'Time decay': 0, Linear: 0 },
      { month: '2026-01', 'Time decay': 0, Linear: 0 },
      { month: '2026-02', 'Time decay': 300, Linear: 0 },
    ])
    expect(historyRows(view, 'USD', 'pipeline').at(-1)).toEqual({
      month: '2026-02',
      'Time decay': 40,
      Linear: 0,
    })
  })

  it('keeps currencies apart, the busiest first', () => {
    expect(historyCurrencies(view)).toEqual(['USD', 'EUR'])
    expect(historyRows(view, 'EUR', 'won')).toEqual([{ month: '2026-01', 'Time decay': 70, Linear: 0 }])
    expect(historyRows(view, 'GBP', 'won')).toEqual([])
  })
})
