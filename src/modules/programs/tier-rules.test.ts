import { describe, expect, it } from 'vitest'
import type { LadderDefinition, TierCriterion } from './programs.contract'
import {
  checkCriterion,
  chooseLadder,
  dealFiltersOf,
  decideTier,
  levelProgress,
  qualifyingIndex,
  segmentKey,
  type TierFigures,
  type TierPartner,
} from './tier-rules'

const ladder: LadderDefinition = {
  mode: 'automatic',
  graceDays: 30,
  periodMonths: 12,
  currency: 'USD',
  audience: true,
  levels: [
    { key: 'bronze', name: 'Bronze', criteria: [] },
    { key: 'silver', name: 'Silver', criteria: [{ kind: 'attributed_revenue', minMinor: '10000000' }] },
    {
      key: 'gold',
      name: 'Gold',
      criteria: [
        { kind: 'attributed_revenue', minMinor: '40000000' },
        { kind: 'certifications', min: 2 },
      ],
    },
  ],
}

const figures = (revenueDollars: number, certifications = 0, deals = 0, touches = 0): TierFigures => ({
  revenueMinor: BigInt(revenueDollars) * 100n,
  currency: 'USD',
  deals,
  touches,
  certifications,
  periodMonths: 12,
  leftOut: [],
  segments: [],
})
const renewals = { label: 'renewals', when: { '==': [{ var: 'deal.type' }, 'renewal'] } }
/** Figures with $1M on every won deal, and these dollars and deals on renewals. */
const onRenewals = (dollars: number, deals: number): TierFigures => ({
  ...figures(1_000_000, 0, 12),
  segments: [{ key: segmentKey(renewals), label: 'renewals', revenueMinor: BigInt(dollars) * 100n, deals }],
})
const reseller: TierPartner = { type: 'reseller', country: 'NL', tags: ['benelux'] }
const now = new Date('2026-06-01T00:00:00Z')

describe('tier criteria', () => {
  it.each<[string, TierCriterion, TierFigures, boolean, string, string]>([
    [
      'revenue met',
      { kind: 'attributed_revenue', minMinor: '40000000' },
      figures(412_000),
      true,
      '$412,000 attributed revenue in the last 12 months ≥ $400,000',
      '$412K of $400K',
    ],
    [
      'revenue short',
      { kind: 'attributed_revenue', minMinor: '40000000' },
      figures(310_000),
      false,
      '$310,000 attributed revenue in the last 12 months < $400,000',
      '$310K of $400K',
    ],
    [
      'revenue with cents',
      { kind: 'attributed_revenue', minMinor: '100050' },
      { ...figures(0), revenueMinor: 100_050n },
      true,
      '$1,000.50 attributed revenue in the last 12 months ≥ $1,000.50',
      '$1K of $1K',
    ],
    [
      'activity met',
      { kind: 'activity', min: 40 },
      figures(0, 0, 0, 52),
      true,
      '52 touches in the last 12 months ≥ 40',
      '52 of 40 touches',
    ],
    [
      'activity short, one touch',
      { kind: 'activity', min: 40 },
      figures(0, 0, 0, 1),
      false,
      '1 touch in the last 12 months < 40',
      '1 of 40 touches',
    ],
    [
      'certifications met',
      { kind: 'certifications', min: 2 },
      figures(0, 2),
      true,
      '2 certified sellers ≥ 2',
      '2 of 2 certified sellers',
    ],
    [
      'certifications short',
      { kind: 'certifications', min: 2 },
      figures(0, 1),
      false,
      '1 certified seller < 2',
      '1 of 2 certified sellers',
    ],
    [
      'deals',
      { kind: 'attributed_deals', min: 3 },
      figures(0, 0, 1),
      false,
      '1 attributed deal in the last 12 months < 3',
      '1 of 3 attributed deals',
    ],
    [
      'revenue on renewals only',
      { kind: 'attributed_revenue', minMinor: '10000000', deals: renewals },
      onRenewals(120_000, 3),
      true,
      '$120,000 attributed revenue on renewals in the last 12 months ≥ $100,000',
      '$120K of $100K on renewals',
    ],
    [
      'renewal revenue short, whatever the total',
      { kind: 'attributed_revenue', minMinor: '10000000', deals: renewals },
      onRenewals(40_000, 1),
      false,
      '$40,000 attributed revenue on renewals in the last 12 months < $100,000',
      '$40K of $100K on renewals',
    ],
    [
      'deals on renewals',
      { kind: 'attributed_deals', min: 2, deals: renewals },
      onRenewals(40_000, 1),
      false,
      '1 attributed deal on renewals in the last 12 months < 2',
      '1 of 2 attributed deals on renewals',
    ],
    [
      'a filter not measured counts nothing',
      {
        kind: 'attributed_deals',
        min: 1,
        deals: { label: 'expansions', when: { '==': [{ var: 'deal.type' }, 'expansion'] } },
      },
      onRenewals(40_000, 1),
      false,
      '0 attributed deals on expansions in the last 12 months < 1',
      '0 of 1 attributed deal on expansions',
    ],
    [
      'partner condition met',
      { kind: 'partner', label: 'Benelux reseller', when: { in: ['benelux', { var: 'partner.tags' }] } },
      figures(0),
      true,
      'Benelux reseller',
      'Benelux reseller',
    ],
    [
      'partner condition not met',
      { kind: 'partner', label: 'US partner', when: { '==': [{ var: 'partner.country' }, 'US'] } },
      figures(0),
      false,
      'not US partner',
      'not US partner',
    ],
  ])('%s', (_name, criterion, f, met, statement, progress) => {
    const result = checkCriterion(criterion, f, reseller)
    expect(result).toMatchObject({ met, statement, progress })
  })

  it('measures each deal condition once, however many criteria use it', () => {
    const definition: LadderDefinition = {
      ...ladder,
      levels: [
        { key: 'a', name: 'A', criteria: [{ kind: 'attributed_deals', min: 1, deals: renewals }] },
        {
          key: 'b',
          name: 'B',
          criteria: [
            { kind: 'attributed_revenue', minMinor: '100', deals: { ...renewals, label: 'renewal deals' } },
            { kind: 'attributed_revenue', minMinor: '100' },
          ],
        },
      ],
    }
    expect(dealFiltersOf(definition)).toEqual([renewals])
    expect(dealFiltersOf(ladder)).toEqual([])
  })

  it('counts progress as a ratio that stops at 1', () => {
    expect(
      checkCriterion({ kind: 'attributed_revenue', minMinor: '40000000' }, figures(310_000), reseller).ratio,
    ).toBe(0.775)
    expect(checkCriterion({ kind: 'attributed_deals', min: 2 }, figures(0, 0, 5), reseller).ratio).toBe(1)
  })

  it('sums up a level’s progress in one line', () => {
    expect(levelProgress(ladder.levels[2]!, figures(310_000, 1), reseller).summary).toBe(
      '$310K of $400K; 1 of 2 certified sellers',
    )
    expect(levelProgress(ladder.levels[0]!, figures(0), reseller)).toMatchObject({
      met: true,
      summary: 'no criteria: every partner qualifies',
    })
  })

  it('qualifies for the highest level whose criteria all hold', () => {
    expect(qualifyingIndex(ladder, figures(412_000, 2), reseller)).toBe(2)
    expect(qualifyingIndex(ladder, figures(412_000, 1), reseller)).toBe(1)
    expect(qualifyingIndex(ladder, figures(50_000), reseller)).toBe(0)
    const noEntry = { ...ladder, levels: ladder.levels.slice(1) }
    expect(qualifyingIndex(noEntry, figures(50_000), reseller)).toBe(-1)
  })

  it('places a partner by the first ladder whose audience takes it', () => {
    const agencies = {
      id: 'agencies',
      definition: { ...ladder, audience: { '==': [{ var: 'partner.type' }, 'agency'] } },
    }
    const everyone = { id: 'everyone', definition: ladder }
    expect(chooseLadder([agencies, everyone], reseller)?.id).toBe('everyone')
    expect(chooseLadder([agencies, everyone], { ...reseller, type: 'agency' })?.id).toBe('agencies')
    expect(chooseLadder([agencies], reseller)).toBeNull()
  })
})

describe('deciding a tier', () => {
  const decide = (
    current: string | null,
    f: TierFigures,
    atRisk: { since: Date; until: Date } | null = null,
    at = now,
  ) => decideTier({ definition: ladder, figures: f, partner: reseller, current, atRisk, now: at })

  it('promotes at once, explained with every criterion and its numbers', () => {
    const decision = decide('silver', figures(412_000, 2))
    expect(decision.move).toEqual({
      to: ladder.levels[2],
      direction: 'promotion',
      explanation:
        'promoted to Gold: $412,000 attributed revenue in the last 12 months ≥ $400,000; 2 certified sellers ≥ 2',
    })
    expect(decision.atRisk).toBeNull()
  })

  it('places a new partner at the entry level', () => {
    expect(decide(null, figures(0)).move?.explanation).toBe(
      'promoted to Bronze: the entry level, no criteria',
    )
  })

  it('changes nothing when the partner holds the level it qualifies for', () => {
    expect(decide('gold', figures(500_000, 3))).toMatchObject({ move: null, atRisk: null })
  })

  it('keeps a partner that stops qualifying at risk until the grace ends, then demotes it', () => {
    const first = decide('gold', figures(310_000, 2))
    expect(first.move).toBeNull()
    expect(first.atRisk).toEqual({
      since: now,
      until: new Date('2026-07-01T00:00:00Z'),
      text: 'at risk until 2026-07-01: $310,000 attributed revenue in the last 12 months < $400,000 needed for Gold',
    })
    const kept = { since: first.atRisk!.since, until: first.atRisk!.until }
    expect(decide('gold', figures(310_000, 2), kept, new Date('2026-06-30T23:59:59Z')).move).toBeNull()
    const ended = decide('gold', figures(310_000, 2), kept, new Date('2026-07-01T00:00:00Z'))
    expect(ended.move).toEqual({
      to: ladder.levels[1],
      direction: 'demotion',
      explanation:
        'demoted to Silver: $310,000 attributed revenue in the last 12 months < $400,000 needed for Gold; the 30-day grace ended on 2026-07-01',
    })
  })

  it('demotes at once without a grace period, to no tier when no level holds', () => {
    const strict = { ...ladder, graceDays: 0, levels: ladder.levels.slice(1) }
    const decision = decideTier({
      definition: strict,
      figures: figures(50_000),
      partner: reseller,
      current: 'silver',
      atRisk: null,
      now,
    })
    expect(decision.move).toEqual({
      to: null,
      direction: 'demotion',
      explanation:
        'removed from Silver: $50,000 attributed revenue in the last 12 months < $100,000 needed for Silver',
    })
  })

  it('clears the risk when the partner qualifies again within the grace', () => {
    const kept = { since: now, until: new Date('2026-07-01T00:00:00Z') }
    expect(decide('gold', figures(400_000, 2), kept, new Date('2026-06-15T00:00:00Z'))).toMatchObject({
      move: null,
      atRisk: null,
    })
  })

  it('replaces a tier the ladder no longer has at once', () => {
    const decision = decide('platinum', figures(150_000))
    expect(decision.move).toMatchObject({ to: ladder.levels[1], direction: 'promotion' })
    expect(decision.move!.explanation).toBe(
      'moved from platinum, not a level of this ladder, to Silver: $150,000 attributed revenue in the last 12 months ≥ $100,000',
    )
  })

  it('says which currencies were left out for want of an FX rate', () => {
    const decision = decide('bronze', { ...figures(150_000), leftOut: ['GBP'] })
    expect(decision.move!.explanation).toContain('(GBP revenue left out: no FX rate)')
  })
})
