import { describe, expect, it } from 'vitest'
import { type CreditedDeal, type HistoryDeal, movementsOf, totalOf } from './waterfall-math'

const at = (day: string) => new Date(`${day}T00:00:00Z`)
const won = (
  dealId: string,
  type: HistoryDeal['type'],
  day: string,
  amount: bigint,
  parent?: [string, bigint],
) =>
  ({
    dealId,
    name: `Deal ${dealId}`,
    type,
    status: 'won',
    closedAt: at(day),
    amountMinor: amount,
    parent: parent ? { dealId: parent[0], amountMinor: parent[1] } : null,
  }) satisfies HistoryDeal

describe('revenue movements', () => {
  // Harbor holds 60% of the first deal and Quill 40%; the renewal is Harbor's alone
  const credits = new Map<string, CreditedDeal>([
    [
      'D1',
      {
        amountMinor: 100_000n,
        partners: [
          { partnerId: 'harbor', partnerType: 'reseller', amountMinor: 60_000n },
          { partnerId: 'quill', partnerType: 'referral', amountMinor: 40_000n },
        ],
      },
    ],
    [
      'R1',
      {
        amountMinor: 130_000n,
        partners: [{ partnerId: 'harbor', partnerType: 'reseller', amountMinor: 130_000n }],
      },
    ],
    [
      'R2',
      {
        amountMinor: 90_000n,
        partners: [{ partnerId: 'quill', partnerType: 'referral', amountMinor: 45_000n }],
      },
    ],
    ['X1', { amountMinor: 20_000n, partners: [] }],
  ])
  const creditOf = (id: string) => credits.get(id)

  it('counts new business at each partner’s credit, and a renewal by how far it moved from the deal it renews', () => {
    const lines = movementsOf(
      [
        won('D1', 'new', '2026-01-10', 100_000n),
        won('R1', 'renewal', '2027-01-10', 130_000n, ['D1', 100_000n]),
        won('R2', 'renewal', '2027-02-10', 90_000n, ['D1', 100_000n]),
      ],
      [],
      creditOf,
    )
    expect(lines.map((l) => [l.dealId, l.movement, totalOf(l)])).toEqual([
      ['D1', 'new', 100_000n],
      // up 30,000, all Harbor's on the renewal
      ['R1', 'expansion', 30_000n],
      // down 10,000, half of the renewal credited to Quill: 5,000 of the drop is Quill's
      ['R2', 'contraction', -5_000n],
    ])
    expect(lines[0]!.partners.map((p) => [p.partnerId, p.amountMinor])).toEqual([
      ['harbor', 60_000n],
      ['quill', 40_000n],
    ])
  })

  it('churns the partner credit of a deal once, whether churn is recorded on it or its renewal is lost', () => {
    const lostRenewal: HistoryDeal = {
      ...won('L1', 'renewal', '2027-03-01', 100_000n, ['D1', 100_000n]),
      status: 'lost',
    }
    const fromLoss = movementsOf([won('D1', 'new', '2026-01-10', 100_000n), lostRenewal], [], creditOf)
    expect(fromLoss.map((l) => [l.dealId, l.movement, totalOf(l)])).toEqual([
      ['D1', 'new', 100_000n],
      ['L1', 'churn', -100_000n],
    ])
    const both = movementsOf(
      [won('D1', 'new', '2026-01-10', 100_000n), lostRenewal],
      [{ dealId: 'D1', occurredAt: at('2026-12-20') }],
      creditOf,
    )
    expect(both.map((l) => [l.dealId, l.movement, totalOf(l), l.at.toISOString().slice(0, 10)])).toEqual([
      ['D1', 'new', 100_000n, '2026-01-10'],
      ['D1', 'churn', -100_000n, '2026-12-20'],
    ])
  })

  it('leaves out what moves no partner credit: a direct deal, a flat renewal, a renewal without its parent', () => {
    const lines = movementsOf(
      [
        won('X1', 'expansion', '2026-05-01', 20_000n),
        won('R1', 'renewal', '2027-01-10', 100_000n, ['D1', 100_000n]),
        won('R2', 'renewal', '2027-02-10', 90_000n),
      ],
      [],
      creditOf,
    )
    expect(lines).toEqual([])
  })
})
