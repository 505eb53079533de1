// Partner health on the wire: the org's settings (window, thresholds, band limits, factor weights),
// a partner's latest score with its factors and reasons, its history, and the org's list by band.
import { z } from 'zod'
import { page, pageQuery, sortValues, timestamp } from '../../../platform/platform.contract'

const weight = z.number().int().min(0).max(100)

export const healthSettings = z
  .object({
    windowDays: z
      .number()
      .int()
      .min(7)
      .max(365)
      .describe('Days each period covers: revenue now is the last window, compared with the window before'),
    highActivityTouches: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .describe(
        'Touches in the window from which no attributed won revenue reads as high activity, low attribution',
      ),
    minClosedDeals: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .describe('Closed deals a partner needs in the window before its win rate counts'),
    freshDays: z
      .number()
      .int()
      .min(0)
      .max(365)
      .describe('Days since the last touch that still earn full points'),
    staleDays: z.number().int().min(1).max(730).describe('Days since the last touch that earn no points'),
    bands: z.object({
      healthyMin: z.number().int().min(1).max(100).describe('A score at or above this is healthy'),
      atRiskBelow: z.number().int().min(0).max(99).describe('A score below this is at risk'),
    }),
    weights: z.object({
      revenue_trend: weight,
      activity_attribution: weight,
      win_rate: weight,
      recency: weight,
      certifications: weight,
      disputes: weight,
    }),
  })
  .superRefine((s, ctx) => {
    if (s.bands.atRiskBelow > s.bands.healthyMin)
      ctx.addIssue({
        code: 'custom',
        path: ['bands', 'atRiskBelow'],
        message: 'must not be above bands.healthyMin',
      })
    if (s.staleDays <= s.freshDays)
      ctx.addIssue({ code: 'custom', path: ['staleDays'], message: 'must be more than freshDays' })
    if (Object.values(s.weights).every((w) => w === 0))
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        message: 'at least one factor needs a weight above 0',
      })
  })
export type HealthSettings = z.infer<typeof healthSettings>

export const healthSettingsView = z.object({
  settings: healthSettings,
  isDefault: z.boolean().describe('True while the org has not saved its own settings'),
  updatedAt: timestamp.nullable(),
})
export type HealthSettingsView = z.infer<typeof healthSettingsView>

export const healthFactorKey = z.enum([
  'revenue_trend',
  'activity_attribution',
  'win_rate',
  'recency',
  'certifications',
  'disputes',
])
export const healthBand = z.enum(['healthy', 'watch', 'at_risk', 'unscored'])
export type HealthBandValue = z.infer<typeof healthBand>

export const healthFactorView = z.object({
  key: healthFactorKey,
  points: z.number().int().nullable().describe('0–100; null when the factor has no data and is left out'),
  weight: z.number().int().describe('The weight the org set'),
  share: z.number().describe('Its share of the score once factors without data are left out (0–1)'),
  reason: z.string().describe('In words, with the numbers'),
})
export type HealthFactorView = z.infer<typeof healthFactorView>

export const healthSnapshotView = z.object({
  partnerId: z.string(),
  partnerName: z.string(),
  day: z.string().describe('The day (UTC) the score is for'),
  score: z.number().int().nullable().describe('0–100; null when nothing could be weighed yet'),
  band: healthBand,
  factors: z.array(healthFactorView),
  computedAt: timestamp,
})
export type HealthSnapshotView = z.infer<typeof healthSnapshotView>

export const partnerHealthView = z.object({
  partnerId: z.string(),
  latest: healthSnapshotView.nullable().describe('Null before the first score is computed'),
  history: z
    .array(z.object({ day: z.string(), score: z.number().int().nullable(), band: healthBand }))
    .describe('The last 12 scores, oldest first'),
})
export type PartnerHealthView = z.infer<typeof partnerHealthView>

export const healthListQuery = pageQuery.extend({
  band: healthBand.optional(),
  sort: z
    .enum(sortValues(['score']))
    .default('score')
    .describe('score: worst first; -score: best first'),
})
export type HealthListQuery = z.infer<typeof healthListQuery>

export const healthListItem = healthSnapshotView.extend({
  topReasons: z.array(healthFactorView).describe('The factors that cost the most points, worst first'),
})
export const healthPage = page(healthListItem).extend({
  bands: z
    .object({
      healthy: z.number().int(),
      watch: z.number().int(),
      at_risk: z.number().int(),
      unscored: z.number().int(),
    })
    .describe('Partners per band on their latest score, over the whole org'),
})
export type HealthPage = z.infer<typeof healthPage>

export const recomputeHealthView = z.object({
  day: z.string(),
  partners: z.number().int().describe('Partners scored'),
  enteredAtRisk: z.number().int().describe('Partners that entered at risk with this computation'),
})
export type RecomputeHealthView = z.infer<typeof recomputeHealthView>
