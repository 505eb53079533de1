import { describe, expect, it } from 'vitest'
import { chartRows, currenciesOf, movers } from './comparison-data'

const comparison = {
  models: [
    { id: 'm1', key: 'time_decay' as const, name: 'Decay', role: 'paying' as const },
    { id: 'm2', key: 'linear' as const, name: 'Linear', role: 'shadow' as const },
  ],
  rows: [
    {
      actor: 'p1',
      actorKind: 'reseller',
      partnerName: 'A',
      currency: 'USD',
      wonByModel: { m1: '1000', m2: '1500' },
      deltaFromPaying: { m1: '0', m2: '500' },
    },
    {
      actor: 'p2',
      actorKind: 'reseller',
      partnerName: 'B',
      currency: 'USD',
      wonByModel: { m1: '3000', m2: '2000' },
      deltaFromPaying: { m1: '0', m2: '-1000' },
    },
    {
      actor: 'direct',
      actorKind: 'direct',
      partnerName: null,
      currency: 'EUR',
      wonByModel: { m1: '5', m2: '5' },
      deltaFromPaying: { m1: '0', m2: '0' },
    },
  ],
}

describe('model comparison', () => {
  it('lists the most used currency first', () => {
    expect(currenciesOf(comparison.rows)).toEqual(['USD', 'EUR'])
  })

  it('draws one row per actor in the currency, largest paying value first, in major units', () => {
    expect(chartRows(comparison, 'USD', 10)).toEqual([
      { actor: 'B', Decay: 30, Linear: 20 },
      { actor: 'A', Decay: 10, Linear: 15 },
    ])
  })

  it('splits winners and losers of a switch, biggest change first', () => {
    const { winners, losers } = movers(comparison, 'USD', 'm2')
    expect(winners.map((m) => [m.name, m.deltaMinor])).toEqual([['A', 500n]])
    expect(losers.map((m) => [m.name, m.deltaMinor])).toEqual([['B', -1000n]])
  })
})
