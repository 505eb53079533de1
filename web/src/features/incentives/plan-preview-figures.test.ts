import { describe, expect, it } from 'vitest'
import type { PlanPreviewView } from '../../../../src/modules/incentives/incentives.contract'
import {
  currentSeries,
  draftSeries,
  previewBars,
  previewCurrencies,
  signedMoney,
} from './plan-preview-figures'

const money = (amountMinor: string, currency = 'USD') => ({ amountMinor, currency, amount: '' })
const row = (name: string, current: string, draft: string, currency = 'USD') => ({
  partnerId: `prt_${name}`,
  partnerName: name,
  deals: 2,
  current: money(current, currency),
  draft: money(draft, currency),
  difference: money(String(BigInt(draft) - BigInt(current)), currency),
})
const view: PlanPreviewView = {
  from: '2025-01-01',
  to: '2025-03-31',
  totals: [{ current: money('300'), draft: money('500'), difference: money('200') }],
  partners: [row('Acme', '100', '300'), row('Kyoto', '0', '5000', 'JPY'), row('Bluefin', '200', '200')],
  problems: [],
}

describe('previewCurrencies', () => {
  it('lists the totals’ currencies, then any only a partner has', () => {
    expect(previewCurrencies(view)).toEqual(['USD', 'JPY'])
  })
})

describe('previewBars', () => {
  it('keeps the server’s order and one currency, as numbers of minor units', () => {
    expect(previewBars(view, 'USD')).toEqual([
      { partner: 'Acme', [currentSeries]: 100, [draftSeries]: 300 },
      { partner: 'Bluefin', [currentSeries]: 200, [draftSeries]: 200 },
    ])
  })

  it('shows at most `count` partners', () => {
    expect(previewBars(view, 'USD', 1)).toHaveLength(1)
  })
})

describe('signedMoney', () => {
  it.each([
    ['1250', '+$12.50'],
    ['-300', '-$3.00'],
    ['0', '$0.00'],
  ])('%s minor USD reads %s', (minor, text) => {
    expect(signedMoney(money(minor), 'en-US')).toBe(text)
  })
})
