import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DesiredLine } from './commission-calc'
import type { ReceiptView } from './incentives.contract'
import { liveEntries, type PostedEntry, planPostings } from './ledger-plan'

const receipt = (share: string, amountMinor: bigint, currency: string, version = 1): ReceiptView => ({
  deal: {
    id: 'deal_1',
    name: 'Deal',
    type: 'new',
    amount: { amountMinor: '100000', currency, amount: '1000.00' },
    closedOn: '2026-10-01',
  },
  credit: {
    share,
    amount: { amountMinor: '0', currency, amount: '0' },
    modelId: 'mdl',
    modelName: 'Linear',
    modelVersion: 1,
    runId: 'run',
  },
  plan: { id: 'pln', name: 'Plan', version, effectiveFrom: '2026-01-01' },
  rule: { id: 'r', label: 'Rule', why: 'the only rule that matched' },
  steps: [],
  fx: null,
  result: { amountMinor: amountMinor.toString(), currency, amount: '' },
})

const line = (key: string, amountMinor: bigint, currency = 'USD', share = '0.5'): DesiredLine => ({
  lineKey: key,
  planId: 'pln',
  dealId: `deal_${key}`,
  partnerId: 'prt',
  ruleId: 'r',
  lineDate: '2026-10-01',
  holdDays: 30,
  amountMinor,
  currency,
  receipt: receipt(share, amountMinor, currency),
})

/** Posts what the plan says, as the ledger service does, and returns the ledger after. */
function apply(ledger: PostedEntry[], desired: DesiredLine[], scope: (key: string) => boolean = () => true) {
  const postings = planPostings(ledger, desired, scope, () => 'gone')
  const next = [...ledger]
  for (const posting of postings)
    next.push({
      id: `e${next.length + 1}`,
      lineKey: posting.lineKey,
      seq: posting.seq,
      kind: posting.kind,
      reversesId: posting.reversesId,
      amountMinor: posting.amountMinor,
      currency: posting.currency,
      receipt: posting.receipt,
      partnerId: posting.line.partnerId,
      dealId: posting.line.dealId,
      planId: posting.line.planId,
      lineDate: posting.line.lineDate,
    })
  return { ledger: next, postings }
}

/** Net per line and currency: what the partner has earned on it, all entries summed. */
function netByLine(ledger: PostedEntry[]) {
  const net = new Map<string, bigint>()
  for (const entry of ledger) {
    const key = `${entry.lineKey}|${entry.currency}`
    net.set(key, (net.get(key) ?? 0n) + entry.amountMinor)
  }
  for (const [key, value] of net) if (value === 0n) net.delete(key)
  return net
}

const desiredArb = fc.uniqueArray(
  fc.record({
    key: fc.constantFrom('a', 'b', 'c', 'd'),
    amount: fc.bigInt({ min: -5_000_000n, max: 50_000_000_000n }),
    currency: fc.constantFrom('USD', 'EUR', 'JPY'),
    share: fc.constantFrom('0.25', '0.5', '1'),
  }),
  { selector: (l) => l.key, maxLength: 4 },
)

describe('the ledger plan', () => {
  it('after any history of desired states, each line nets to exactly what is desired now', () => {
    fc.assert(
      fc.property(fc.array(desiredArb, { minLength: 1, maxLength: 8 }), (states) => {
        let ledger: PostedEntry[] = []
        for (const state of states)
          ledger = apply(
            ledger,
            state.map((l) => line(l.key, l.amount, l.currency, l.share)),
          ).ledger
        const last = states.at(-1)!
        const expected = new Map(
          last.filter((l) => l.amount !== 0n).map((l) => [`${l.key}|${l.currency}`, l.amount] as const),
        )
        expect(netByLine(ledger)).toEqual(expected)
        // one live entry a desired line at most, and every reversal cancels exactly one entry
        expect([...liveEntries(ledger).keys()].sort()).toEqual(
          last
            .filter((l) => l.amount !== 0n)
            .map((l) => l.key)
            .sort(),
        )
        const reversed = ledger.filter((e) => e.reversesId).map((e) => e.reversesId)
        expect(new Set(reversed).size).toBe(reversed.length)
        for (const entry of ledger.filter((e) => e.kind === 'reversal')) {
          const original = ledger.find((e) => e.id === entry.reversesId)!
          expect(entry.amountMinor).toBe(-original.amountMinor)
          expect(entry.currency).toBe(original.currency)
        }
      }),
    )
  })

  it('posts nothing when the same state is worked out again (a replay)', () => {
    fc.assert(
      fc.property(desiredArb, (state) => {
        const desired = state.map((l) => line(l.key, l.amount, l.currency, l.share))
        const { ledger } = apply([], desired)
        expect(apply(ledger, desired).postings).toEqual([])
      }),
    )
  })

  it('numbers each line’s entries 1, 2, 3… without a gap or a repeat', () => {
    fc.assert(
      fc.property(fc.array(desiredArb, { minLength: 1, maxLength: 6 }), (states) => {
        let ledger: PostedEntry[] = []
        for (const state of states)
          ledger = apply(
            ledger,
            state.map((l) => line(l.key, l.amount, l.currency)),
          ).ledger
        const byLine = new Map<string, number[]>()
        for (const entry of ledger)
          byLine.set(entry.lineKey, [...(byLine.get(entry.lineKey) ?? []), entry.seq])
        for (const seqs of byLine.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1))
      }),
    )
  })

  it('a changed share reverses the line and posts it again, saying what changed', () => {
    const first = apply([], [line('a', 40_000n, 'USD', '0.4')])
    const second = apply(first.ledger, [line('a', 25_000n, 'USD', '0.25')])
    expect(second.postings.map((p) => [p.kind, p.amountMinor, p.reason])).toEqual([
      ['reversal', -40_000n, 'Replaced: attribution share 40% → 25%'],
      ['earned', 25_000n, 'Earned again under Plan v1, Rule: attribution share 40% → 25%'],
    ])
    expect(second.postings[0]!.reversesId).toBe(first.ledger[0]!.id)
  })

  it('reversing a reversal restores the line: earned, gone, earned again nets to the amount', () => {
    const posted = apply([], [line('a', 40_000n)])
    const gone = apply(posted.ledger, [])
    expect(gone.postings).toMatchObject([{ kind: 'reversal', amountMinor: -40_000n, reason: 'gone' }])
    const back = apply(gone.ledger, [line('a', 40_000n)])
    expect(back.postings).toMatchObject([{ kind: 'earned', amountMinor: 40_000n, seq: 3 }])
    expect(netByLine(back.ledger)).toEqual(new Map([['a|USD', 40_000n]]))
  })

  it('leaves lines outside its scope alone', () => {
    const posted = apply([], [line('a', 1n), line('b', 2n)])
    expect(apply(posted.ledger, [line('a', 1n)], (key) => key === 'a').postings).toEqual([])
  })
})
