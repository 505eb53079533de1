import { describe, expect, it } from 'vitest'
import type { HealthSettings } from './health.contract'
import { healthSettings } from './health.contract'
import { bandOf, defaultHealthSettings, type HealthFigures, scoreHealth, topReasons } from './health-rules'

const now = new Date('2026-06-01T09:00:00Z')
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000)

const figures = (extra: Partial<HealthFigures> = {}): HealthFigures => ({
  currency: 'USD',
  revenueMinor: 0n,
  previousRevenueMinor: 0n,
  leftOutCurrencies: [],
  hasUnconvertedRevenueNow: false,
  touches: 0,
  lastTouchAt: null,
  closedDeals: 0,
  wonDeals: 0,
  orgClosedDeals: 0,
  orgWonDeals: 0,
  lapsedCertificates: 0,
  validCertificates: 0,
  hasEverCertified: false,
  openDisputes: 0,
  ...extra,
})

const factor = (f: HealthFigures, key: string, settings: HealthSettings = defaultHealthSettings) =>
  scoreHealth(f, settings, now).factors.find((x) => x.key === key)!

describe('health factors', () => {
  it('revenue down 42% scores 58 points and names both periods', () => {
    const f = factor(
      figures({ revenueMinor: 5_800_000n, previousRevenueMinor: 10_000_000n }),
      'revenue_trend',
    )
    expect(f.points).toBe(58)
    expect(f.reason).toBe('attributed revenue down 42% — $58K in the last 90 days vs $100K the 90 before')
  })

  it('revenue up earns full points', () => {
    const f = factor(
      figures({ revenueMinor: 12_000_000n, previousRevenueMinor: 10_000_000n }),
      'revenue_trend',
    )
    expect(f.points).toBe(100)
    expect(f.reason).toContain('up 20%')
  })

  it('revenue new this period earns full points without a made-up percentage', () => {
    const f = factor(figures({ revenueMinor: 500_000n }), 'revenue_trend')
    expect(f.points).toBe(100)
    expect(f.reason).toBe('new attributed revenue: $5K in the last 90 days, none the 90 before')
  })

  it('many touches and no won credit is high activity, low attribution', () => {
    const f = factor(figures({ touches: 38, lastTouchAt: daysAgo(1) }), 'activity_attribution')
    expect(f.points).toBe(0)
    expect(f.reason).toBe('38 touches in 90 days, 0 attributed won revenue: high activity, low attribution')
  })

  it('won revenue only in a currency without a rate is not read as zero', () => {
    const f = figures({
      touches: 30,
      lastTouchAt: daysAgo(1),
      previousRevenueMinor: 1_000_000n,
      leftOutCurrencies: ['EUR'],
      hasUnconvertedRevenueNow: true,
    })
    expect(factor(f, 'activity_attribution').points).toBe(100)
    expect(factor(f, 'activity_attribution').reason).not.toContain('high activity')
    expect(factor(f, 'revenue_trend').points).toBeNull()
    expect(factor(f, 'revenue_trend').reason).toContain('EUR left out: no rate')
  })

  it('a few touches without won credit yet is half marks, not the high-activity warning', () => {
    const f = factor(figures({ touches: 4, lastTouchAt: daysAgo(1) }), 'activity_attribution')
    expect(f.points).toBe(50)
    expect(f.reason).not.toContain('high activity')
  })

  it('win rate is weighed against the org-wide rate', () => {
    const f = factor(
      figures({ closedDeals: 25, wonDeals: 3, orgClosedDeals: 100, orgWonDeals: 31 }),
      'win_rate',
    )
    expect(f.reason).toBe('win rate 12% on 25 closed deals vs 31% org-wide')
    expect(f.points).toBe(39) // 0.12 / 0.31
  })

  it('win rate at or above the org rate is full marks', () => {
    const f = factor(
      figures({ closedDeals: 10, wonDeals: 5, orgClosedDeals: 100, orgWonDeals: 31 }),
      'win_rate',
    )
    expect(f.points).toBe(100)
  })

  it('too few closed deals leaves the win rate out', () => {
    const f = factor(
      figures({ closedDeals: 3, wonDeals: 0, touches: 3, lastTouchAt: daysAgo(2) }),
      'win_rate',
    )
    expect(f.points).toBeNull()
    expect(f.share).toBe(0)
    expect(f.reason).toContain('left out')
  })

  it.each([
    [0, 100, 'last touch today'],
    [14, 100, 'no touch for 14 days'],
    [67, 30, 'no touch for 67 days'],
    [90, 0, 'no touch for 90 days'],
    [200, 0, 'no touch for 200 days'],
  ])('a last touch %i days ago earns %i points', (days, points, reason) => {
    const f = factor(figures({ lastTouchAt: daysAgo(days) }), 'recency')
    expect(f.points).toBe(points)
    expect(f.reason).toBe(reason)
  })

  it('lapsed certificates cost points and are counted in words', () => {
    const f = factor(
      figures({ hasEverCertified: true, lapsedCertificates: 2, validCertificates: 1 }),
      'certifications',
    )
    expect(f.points).toBe(0)
    expect(f.reason).toBe('2 certificates lapsed in the last 90 days; 1 valid certificate')
  })

  it('open disputes cost points', () => {
    const f = factor(figures({ openDisputes: 3, touches: 1, lastTouchAt: daysAgo(1) }), 'disputes')
    expect(f.points).toBe(0)
    expect(f.reason).toBe('3 open disputes')
    expect(factor(figures({ openDisputes: 1, lastTouchAt: daysAgo(1) }), 'disputes').points).toBe(65)
  })
})

describe('health score', () => {
  it('a brand-new partner is unscored: every factor left out, no number made up', () => {
    const result = scoreHealth(figures(), defaultHealthSettings, now)
    expect(result.score).toBeNull()
    expect(result.band).toBe('unscored')
    expect(result.factors.every((f) => f.points === null && f.share === 0)).toBe(true)
    expect(result.factors.every((f) => f.reason.includes('left out'))).toBe(true)
  })

  it('factors without data are left out and the other weights re-normalised', () => {
    // only recency (weight 15, 30 points at 67 days) and disputes (weight 10, 100 points) have data
    const result = scoreHealth(figures({ lastTouchAt: daysAgo(67) }), defaultHealthSettings, now)
    expect(result.score).toBe(Math.round((30 * 15 + 100 * 10) / 25))
    const shares = result.factors.filter((f) => f.share > 0)
    expect(shares.map((f) => f.key).sort()).toEqual(['disputes', 'recency'])
    expect(shares.reduce((s, f) => s + f.share, 0)).toBeCloseTo(1, 3)
  })

  it('every factor with data: the weighted mean of points', () => {
    const result = scoreHealth(
      figures({
        revenueMinor: 5_800_000n,
        previousRevenueMinor: 10_000_000n,
        touches: 30,
        lastTouchAt: daysAgo(3),
        closedDeals: 10,
        wonDeals: 5,
        orgClosedDeals: 20,
        orgWonDeals: 10,
        hasEverCertified: true,
        lapsedCertificates: 1,
        validCertificates: 2,
        openDisputes: 1,
      }),
      defaultHealthSettings,
      now,
    )
    // 58·30 + 100·20 + 100·20 + 100·15 + 50·5 + 65·10 = 8140 over 100
    expect(result.score).toBe(81)
    expect(result.band).toBe('healthy')
  })

  it('a factor weighted 0 is not counted', () => {
    const settings = { ...defaultHealthSettings, weights: { ...defaultHealthSettings.weights, disputes: 0 } }
    const result = scoreHealth(figures({ lastTouchAt: daysAgo(67), openDisputes: 2 }), settings, now)
    expect(result.score).toBe(30)
  })

  it.each([
    [70, 'healthy'],
    [69, 'watch'],
    [40, 'watch'],
    [39, 'at_risk'],
    [0, 'at_risk'],
    [null, 'unscored'],
  ] as const)('a score of %s is %s', (score, band) => {
    expect(bandOf(score, defaultHealthSettings)).toBe(band)
  })

  it('top reasons are the factors that cost the most weighted points', () => {
    const result = scoreHealth(
      figures({ touches: 38, lastTouchAt: daysAgo(67), openDisputes: 1 }),
      defaultHealthSettings,
      now,
    )
    expect(result.band).toBe('at_risk')
    expect(topReasons(result.factors).map((f) => f.key)).toEqual([
      'activity_attribution',
      'recency',
      'disputes',
    ])
  })
})

describe('health settings', () => {
  it('the defaults are valid', () => {
    expect(healthSettings.safeParse(defaultHealthSettings).success).toBe(true)
  })

  it.each([
    [{ bands: { healthyMin: 40, atRiskBelow: 60 } }, 'bands.atRiskBelow'],
    [{ freshDays: 30, staleDays: 20 }, 'staleDays'],
    [
      {
        weights: {
          revenue_trend: 0,
          activity_attribution: 0,
          win_rate: 0,
          recency: 0,
          certifications: 0,
          disputes: 0,
        },
      },
      'weights',
    ],
    [{ windowDays: 2 }, 'windowDays'],
  ])('bad settings name the field', (change, path) => {
    const parsed = healthSettings.safeParse({ ...defaultHealthSettings, ...change })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(path)
  })
})
