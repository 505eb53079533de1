import { describe, expect, it } from 'vitest'
import {
  type CreditedDeal,
  computeEarnings,
  type PartnerFacts,
  type PlanFacts,
  type RateOn,
  versionOn,
} from './commission-calc'
import { periodOf } from './commission-math'
import { type PlanTermsInput, planTerms } from './incentives.contract'

const partner: PartnerFacts = {
  id: 'prt_a',
  name: 'Acme',
  type: 'reseller',
  country: 'NL',
  tags: ['gold'],
  tier: null,
  currency: 'USD',
}

let sequence = 0
function deal(
  overrides: Partial<CreditedDeal> & { share?: string; creditMinor?: bigint } = {},
): CreditedDeal {
  const { share = '0.4', creditMinor, ...rest } = overrides
  const amountMinor = rest.amountMinor ?? 1_000_000n
  sequence += 1
  return {
    dealId: `deal_${String(sequence).padStart(3, '0')}`,
    dealName: `Deal ${sequence}`,
    dealType: 'new',
    stage: 'closed_won',
    amountMinor,
    currency: 'USD',
    closedOn: '2026-10-15',
    account: { country: 'NL', industry: 'software' },
    originClosedOn: null,
    revenue: [],
    ...rest,
    credit: {
      share,
      amountMinor: creditMinor ?? (amountMinor * BigInt(Math.round(Number(share) * 10_000))) / 10_000n,
      modelId: 'mdl_x',
      modelName: 'Linear',
      modelVersion: 1,
      runId: 'run_x',
    },
  }
}

function plan(
  terms: PlanTermsInput,
  extra: Partial<PlanFacts> = {},
  effectiveFrom = '2020-01-01',
): PlanFacts {
  return {
    id: 'pln_a',
    name: 'Resellers',
    kind: 'commission',
    currency: 'USD',
    versions: [{ version: 1, effectiveFrom, terms: planTerms.parse(terms) }],
    ...extra,
  }
}

const noRates: RateOn = () => null
const amounts = (result: ReturnType<typeof computeEarnings>) => result.lines.map((l) => l.amountMinor)

describe('commission = deal amount × attribution share × rate', () => {
  it('pays the rate on the credited amount, rounded half-even once, and shows the math', () => {
    // $10,000.00 × 40% = $4,000.00 credit; × 10% = $400.00
    const result = computeEarnings(
      [plan({ rules: [{ id: 'all', label: 'All deals', rate: '0.1' }] })],
      partner,
      [deal()],
      noRates,
    )
    expect(amounts(result)).toEqual([40_000n])
    const receipt = result.lines[0]!.receipt
    expect(receipt.steps.join('\n')).toContain(
      'Deal 10000.00 USD × attribution share 40% (Linear v1) = credit 4000.00 USD',
    )
    expect(receipt.steps.join('\n')).toContain('4000.00 USD × 10% = 400.00 USD')
    expect(receipt).toMatchObject({
      plan: { id: 'pln_a', version: 1 },
      rule: { id: 'all', why: 'the only rule that matched' },
    })
  })

  it.each([
    // credit 333 minor × 12.5% = 41.625 → 42 (half-even on .625 is not a tie) ; 41.5 → 42 ; 42.5 → 42
    [333n, '0.125', 42n],
    [83n, '0.5', 42n],
    [85n, '0.5', 42n],
    [87n, '0.5', 44n],
  ])('credit %s × rate %s rounds half-even to %s', (creditMinor, rate, expected) => {
    const result = computeEarnings(
      [plan({ rules: [{ id: 'r', label: 'r', rate }] })],
      partner,
      [deal({ creditMinor })],
      noRates,
    )
    expect(amounts(result)).toEqual([expected])
  })

  it('matches rules on the deal, the account and the partner; first, highest or stacked', () => {
    const rules = [
      { id: 'renewals', label: 'Renewals', when: { '==': [{ var: 'deal.type' }, 'renewal'] }, rate: '0.2' },
      { id: 'gold', label: 'Gold', when: { in: ['gold', { var: 'partner.tags' }] }, rate: '0.05' },
      { id: 'nl', label: 'Dutch accounts', when: { '==': [{ var: 'account.country' }, 'NL'] }, rate: '0.08' },
    ]
    const one = [deal()]
    expect(amounts(computeEarnings([plan({ rules, matchPolicy: 'first' })], partner, one, noRates))).toEqual([
      20_000n,
    ])
    const highest = computeEarnings([plan({ rules, matchPolicy: 'highest' })], partner, one, noRates)
    expect(amounts(highest)).toEqual([32_000n])
    expect(highest.lines[0]!.receipt.rule).toMatchObject({
      id: 'nl',
      why: 'the highest-paying of 2 matching rules',
    })
    const stacked = computeEarnings([plan({ rules, matchPolicy: 'stacked' })], partner, one, noRates)
    expect(stacked.lines.map((l) => [l.ruleId, l.amountMinor])).toEqual([
      ['gold', 20_000n],
      ['nl', 32_000n],
    ])
    expect(new Set(stacked.lines.map((l) => l.lineKey)).size).toBe(2)
  })

  it('applies caps and floors per deal, in the plan’s currency', () => {
    const rules = [{ id: 'r', label: 'r', rate: '0.1', capMinor: '30000', floorMinor: '5000' }]
    const result = computeEarnings([plan({ rules })], partner, [deal(), deal({ share: '0.01' })], noRates)
    expect(amounts(result)).toEqual([30_000n, 5_000n])
    expect(result.lines[0]!.receipt.steps).toContain('Capped at 300.00 USD a deal')
  })

  it('leaves out partners outside the audience and deals outside a SPIF window', () => {
    const spif = plan({
      audience: { '==': [{ var: 'partner.type' }, 'reseller'] },
      window: { from: '2026-07-01', to: '2026-09-30' },
      rules: [
        { id: 'logo', label: 'New logo', when: { '==': [{ var: 'deal.type' }, 'new'] }, flatMinor: '50000' },
      ],
    })
    const deals = [
      deal({ closedOn: '2026-08-01' }),
      deal({ closedOn: '2026-10-01' }),
      deal({ closedOn: '2026-09-30', dealType: 'renewal' }),
    ]
    expect(amounts(computeEarnings([spif], partner, deals, noRates))).toEqual([50_000n])
    expect(computeEarnings([spif], { ...partner, type: 'referral' }, deals, noRates).lines).toEqual([])
  })

  it('pays renewals only inside the recurring limit, counted from the original deal', () => {
    const recurring = plan({ recurring: { months: 12 }, rules: [{ id: 'r', label: 'r', rate: '0.1' }] })
    const deals = [
      deal({ dealType: 'renewal', closedOn: '2026-10-15', originClosedOn: '2025-10-16' }),
      deal({ dealType: 'renewal', closedOn: '2026-10-15', originClosedOn: '2025-10-15' }),
    ]
    const result = computeEarnings([recurring], partner, deals, noRates)
    expect(result.lines.map((l) => l.dealId)).toEqual([deals[0]!.dealId])
    expect(result.lines[0]!.receipt.steps[0]).toContain('11 months after the original deal closed')
  })

  it('uses the terms in force on the day the deal closed', () => {
    const versioned: PlanFacts = {
      ...plan({ rules: [{ id: 'r', label: 'r', rate: '0.1' }] }),
      versions: [
        {
          version: 1,
          effectiveFrom: '2026-01-01',
          terms: planTerms.parse({ rules: [{ id: 'r', label: 'r', rate: '0.1' }] }),
        },
        {
          version: 2,
          effectiveFrom: '2026-10-01',
          terms: planTerms.parse({ rules: [{ id: 'r', label: 'r', rate: '0.2' }] }),
        },
      ],
    }
    const deals = [
      deal({ closedOn: '2026-09-30' }),
      deal({ closedOn: '2026-10-01' }),
      deal({ closedOn: '2025-12-31' }),
    ]
    const result = computeEarnings([versioned], partner, deals, noRates)
    expect(result.lines.map((l) => [l.lineDate, l.amountMinor, l.receipt.plan.version])).toEqual([
      ['2026-09-30', 40_000n, 1],
      ['2026-10-01', 80_000n, 2],
    ])
    expect(versionOn(versioned, '2025-12-31')).toBeNull()
    // a newer version dated back replaces the terms from its day on
    const backdated = {
      ...versioned,
      versions: [
        ...versioned.versions,
        { ...versioned.versions[0]!, version: 3, effectiveFrom: '2026-09-01' },
      ],
    }
    expect(versionOn(backdated, '2026-10-15')?.version).toBe(3)
    expect(versionOn(backdated, '2026-08-31')?.version).toBe(1)
  })
})

describe('tiers over the period’s attributed revenue', () => {
  const tiers = (mode: 'marginal' | 'retroactive') =>
    plan({
      tiers: {
        period: 'quarter',
        mode,
        brackets: [
          { fromMinor: '0', rate: '0.1' },
          { fromMinor: '500000', rate: '0.2' },
        ],
      },
      rules: [{ id: 't', label: 'Tiered', tiered: true }],
    })
  // credits of $4,000 each: the second crosses $5,000 half-way
  const quarter = () => [
    deal({ closedOn: '2026-10-02' }),
    deal({ closedOn: '2026-11-02' }),
    deal({ closedOn: '2026-12-02' }),
    deal({ closedOn: '2027-01-02' }),
  ]

  it('marginal: each part of a credit earns its bracket’s rate, from where the period stood', () => {
    // 4000×10% = 400; 1000×10% + 3000×20% = 700; 4000×20% = 800; next quarter starts again: 400
    expect(amounts(computeEarnings([tiers('marginal')], partner, quarter(), noRates))).toEqual([
      40_000n,
      70_000n,
      80_000n,
      40_000n,
    ])
  })

  it('retroactive: the rate the period reached applies to every deal in it', () => {
    expect(amounts(computeEarnings([tiers('retroactive')], partner, quarter(), noRates))).toEqual([
      80_000n,
      80_000n,
      80_000n,
      40_000n,
    ])
  })

  it('an accelerator above 120% of target pays only on the revenue beyond it', () => {
    const accelerator = plan(
      {
        window: { from: '2026-07-01', to: '2026-09-30' },
        tiers: {
          period: 'window',
          mode: 'marginal',
          targetMinor: '500000',
          brackets: [
            { fromMinor: '0', rate: '0' },
            { fromPercentOfTarget: 120, rate: '0.05' },
          ],
        },
        rules: [{ id: 'acc', label: 'Accelerator', tiered: true }],
      },
      { kind: 'spif' },
    )
    const deals = [deal({ closedOn: '2026-07-10' }), deal({ closedOn: '2026-08-10' })]
    // target $5,000 → accelerator from $6,000: first $4,000 earns 0; second: $2,000 at 0 + $2,000 at 5%
    expect(amounts(computeEarnings([accelerator], partner, deals, noRates))).toEqual([0n, 10_000n])
  })

  it('periods are calendar months, quarters and years', () => {
    expect(periodOf('quarter', '2026-11-30', null)).toEqual({
      from: '2026-10-01',
      to: '2026-12-31',
      label: '2026-Q4',
    })
    expect(periodOf('month', '2028-02-10', null)).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
      label: '2028-02',
    })
    expect(periodOf('year', '2026-05-05', null).label).toBe('2026')
  })
})

describe('currencies', () => {
  const rates: RateOn = (from, to, day) => {
    const table: Record<string, string> = { 'EUR>USD': '1.08', 'USD>EUR': '0.925', 'USD>JPY': '150.25' }
    return table[`${from}>${to}`]
      ? { rate: table[`${from}>${to}`]!, day: day > '2026-10-10' ? '2026-10-10' : day }
      : null
  }

  it('pays the partner in their own currency at the last rate on or before the close, stored on the line', () => {
    const result = computeEarnings(
      [plan({ rules: [{ id: 'r', label: 'r', rate: '0.1' }] })],
      { ...partner, currency: 'EUR' },
      [deal()],
      rates,
    )
    // $400.00 × 0.925 = €370.00
    expect(result.lines[0]).toMatchObject({ amountMinor: 37_000n, currency: 'EUR' })
    expect(result.lines[0]!.receipt.fx).toEqual({ from: 'USD', to: 'EUR', rate: '0.925', day: '2026-10-10' })
  })

  it('converts a deal in another currency into the plan’s before caps, tiers and flats, and to yen with no decimals', () => {
    const result = computeEarnings(
      [plan({ rules: [{ id: 'r', label: 'r', rate: '0.1', capMinor: '100000000' }] })],
      { ...partner, currency: 'JPY' },
      [deal({ currency: 'EUR' })],
      rates,
    )
    // €4,000 credit → $4,320.00 → × 10% = $432.00 → ¥64,908
    expect(result.lines[0]).toMatchObject({ amountMinor: 64_908n, currency: 'JPY' })
  })

  it('pays a plain rate on the credit in the deal’s own currency: a euro deal for a euro partner needs no rate', () => {
    const result = computeEarnings(
      [plan({ rules: [{ id: 'r', label: 'r', rate: '0.1' }] })],
      { ...partner, currency: 'EUR' },
      [deal({ currency: 'EUR' })],
      noRates,
    )
    expect(result.lines[0]).toMatchObject({ amountMinor: 40_000n, currency: 'EUR' })
    expect(result.lines[0]!.receipt.fx).toBeNull()
  })

  it('reports a deal it cannot convert instead of guessing', () => {
    const result = computeEarnings(
      [plan({ rules: [{ id: 'r', label: 'r', rate: '0.1' }] })],
      { ...partner, currency: 'GBP' },
      [deal()],
      rates,
    )
    expect(result.lines).toEqual([])
    expect(result.problems[0]!.reason).toBe('no USD→GBP rate on or before 2026-10-15: load FX rates')
  })
})

describe('refunds and churn', () => {
  const refund = (amountMinor: bigint, on: string) => ({
    kind: 'refund' as const,
    amountMinor,
    on,
    reason: null,
  })
  const churn = (on: string) => ({ kind: 'churn' as const, amountMinor: null, on, reason: null })
  const rate = { id: 'all', label: 'All deals', rate: '0.1' }
  const flat = { id: 'logo', label: 'New logo', flatMinor: '50000' }

  it('without a clawback window: every refund claws back in proportion, churn claws nothing back', () => {
    // credit $4,000.00; $2,500.00 of $10,000.00 refunded a year later → 75% kept → $300.00
    const terms = { rules: [rate] }
    expect(
      amounts(
        computeEarnings(
          [plan(terms)],
          partner,
          [deal({ revenue: [refund(250_000n, '2027-10-15')] })],
          noRates,
        ),
      ),
    ).toEqual([30_000n])
    const churned = computeEarnings(
      [plan(terms)],
      partner,
      [deal({ revenue: [churn('2026-10-20')] })],
      noRates,
    )
    expect(amounts(churned)).toEqual([40_000n])
    expect(churned.lines[0]!.receipt.steps).toContain(
      'Customer churned on 2026-10-20, 5 days after the close: the plan claws nothing back on churn',
    )
    expect(churned.lines[0]!.receipt.revenue).toBeNull()
  })

  it('with a window: counts what happened inside it; churn inside it takes the whole line, flat amounts too', () => {
    const terms = { clawback: { days: 30 }, matchPolicy: 'stacked' as const, rules: [rate, flat] }
    const late = computeEarnings(
      [plan(terms)],
      partner,
      [deal({ revenue: [refund(500_000n, '2026-11-15'), churn('2026-12-01')] })],
      noRates,
    )
    // the refund came 31 days after the close: outside the window
    expect(amounts(late)).toEqual([40_000n, 50_000n])
    const inside = computeEarnings(
      [plan(terms)],
      partner,
      [deal({ revenue: [refund(500_000n, '2026-10-20')] })],
      noRates,
    )
    // half refunded: the rate pays on half the credit; a flat amount per deal stands
    expect(amounts(inside)).toEqual([20_000n, 50_000n])
    const churned = computeEarnings(
      [plan(terms)],
      partner,
      [deal({ revenue: [churn('2026-11-14')] })],
      noRates,
    )
    expect(amounts(churned)).toEqual([0n, 0n])
    expect(churned.lines[1]!.receipt.revenue).toEqual({
      refunded: { amountMinor: '0', currency: 'USD', amount: '0.00' },
      churnedOn: '2026-11-14',
    })
  })

  it('counts refunded revenue out of the period’s tiers', () => {
    // tier from $5,000.00 of credit: two deals of $4,000.00 credit reach it, unless one is 80% refunded
    const terms = {
      tiers: {
        period: 'quarter' as const,
        mode: 'retroactive' as const,
        brackets: [
          { fromMinor: '0', rate: '0.05' },
          { fromMinor: '500000', rate: '0.1' },
        ],
      },
      rules: [{ id: 'tiered', label: 'Tiered', tiered: true as const }],
    }
    const both = [deal({ closedOn: '2026-10-01' }), deal({ closedOn: '2026-10-02' })]
    expect(amounts(computeEarnings([plan(terms)], partner, both, noRates))).toEqual([40_000n, 40_000n])
    const refunded = [
      deal({ closedOn: '2026-10-01', revenue: [refund(800_000n, '2026-10-05')] }),
      deal({ closedOn: '2026-10-02' }),
    ]
    expect(amounts(computeEarnings([plan(terms)], partner, refunded, noRates))).toEqual([4_000n, 20_000n])
  })
})
