// Quarterly business reviews on the wire: a review's figures (kept as they were at generation), its
// goals for the next quarter, sharing in the portal, the list, and org-wide generation with progress.
import { z } from 'zod'
import { currencyCode, moneyView, pageQuery, timestamp } from '../../../platform/platform.contract'

export const quarterText = z
  .string()
  .regex(/^(2\d{3})-Q[1-4]$/, 'must be a quarter such as 2026-Q3 (Q1 to Q4)')
  .describe('A calendar quarter in UTC, e.g. 2026-Q3')

const minorText = z.string().regex(/^-?\d{1,30}$/, 'must be a whole number of minor units such as 150000')

export const qbrGoal = z.object({
  text: z.string().trim().min(1).max(500).describe('The goal in words'),
  metric: z
    .enum(['attributed_revenue', 'won_deals', 'certifications', 'other'])
    .default('other')
    .describe('What the optional target measures'),
  currency: currencyCode.nullable().default(null).describe('For a money target'),
  targetMinor: minorText
    .nullable()
    .default(null)
    .describe('Optional numeric target: minor units for money, a count otherwise'),
})
export type QbrGoal = z.infer<typeof qbrGoal>

const revenueLine = z.object({
  current: moneyView.describe('Attributed won revenue in the quarter'),
  previous: moneyView.describe('In the quarter before'),
  changePercent: z.number().int().nullable().describe('Null when there was none the quarter before'),
})

export const qbrModelFigures = z.object({
  modelId: z.string(),
  modelKey: z.string(),
  modelName: z.string(),
  role: z.enum(['paying', 'shadow']).describe('Paying drives money; shadow models run for comparison'),
  revenue: z.array(revenueLine).describe('Per currency'),
  pipeline: z
    .array(z.object({ amount: moneyView, deals: z.number().int() }))
    .describe('Attributed credit on deals open when the review was generated, per currency'),
  wonDeals: z.number().int().describe('Won deals in the quarter crediting the partner'),
})

export const qbrTopDeal = z.object({
  dealId: z.string(),
  dealName: z.string(),
  dealAmount: moneyView,
  credit: moneyView.describe('The partner’s attributed amount'),
  share: z.string().describe('The partner’s share of the deal (decimal, 0–1)'),
  shareOfRevenue: z.string().describe('Its part of the partner’s attributed revenue in the quarter (0–1)'),
  modelName: z.string(),
})

export const qbrFigures = z
  .object({
    quarter: quarterText,
    previousQuarter: quarterText,
    nextQuarter: quarterText,
    from: timestamp,
    to: timestamp,
    partnerName: z.string(),
    chartCurrency: z.string().describe('The currency the revenue chart compares models in'),
    models: z.array(qbrModelFigures).describe('The paying model first, then shadow models'),
    wonDeals: z.number().int().describe('Won deals in the quarter under the paying model'),
    topDeals: z.array(qbrTopDeal).describe('Up to 5, largest attributed amount first (paying model)'),
    commissions: z
      .array(z.object({ earned: moneyView, paid: moneyView, pending: moneyView }))
      .describe('Commission on lines dated in the quarter, per currency; pending is earned and not paid yet'),
    tier: z
      .object({
        ladderName: z.string().nullable(),
        current: z.object({ key: z.string(), name: z.string() }).nullable(),
        next: z
          .object({ key: z.string(), name: z.string(), met: z.boolean(), summary: z.string() })
          .nullable()
          .describe('Progress to the level above'),
      })
      .describe('Tier when the review was generated'),
    health: z
      .object({
        score: z.number().int().nullable(),
        band: z.string(),
        day: z.string(),
        reasons: z.array(
          z.object({ key: z.string(), points: z.number().int().nullable(), reason: z.string() }),
        ),
      })
      .nullable()
      .describe('The latest health score when generated; null before the first'),
    certifications: z.object({
      valid: z.number().int().describe('Certificates valid at the end of the quarter'),
      earnedInQuarter: z.number().int(),
      names: z.array(z.string()).describe('Distinct certifications held, by name'),
    }),
  })
  .meta({ id: 'QbrFigures' })
export type QbrFigures = z.infer<typeof qbrFigures>

export const qbrView = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    partnerName: z.string(),
    quarter: quarterText,
    version: z.number().int().describe('1 for the first generation; regenerating adds a version'),
    source: z.enum(['on_demand', 'batch', 'scheduled']),
    figures: qbrFigures,
    goals: z.array(qbrGoal),
    isShared: z.boolean().describe('Shown to the partner in the portal'),
    sharedAt: timestamp.nullable(),
    generatedBy: z.string(),
    createdAt: timestamp,
    updatedAt: timestamp,
    versions: z
      .array(
        z.object({ id: z.string(), version: z.number().int(), isShared: z.boolean(), createdAt: timestamp }),
      )
      .describe('Every version for this partner and quarter a reader may see, newest first'),
  })
  .meta({ id: 'Qbr' })
export type QbrView = z.infer<typeof qbrView>

export const qbrListItem = z.object({
  id: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  quarter: quarterText,
  version: z.number().int(),
  source: z.enum(['on_demand', 'batch', 'scheduled']),
  isShared: z.boolean(),
  revenue: z.array(moneyView).describe('Attributed revenue under the paying model, per currency'),
  healthScore: z.number().int().nullable(),
  tierName: z.string().nullable(),
  createdAt: timestamp,
})
export type QbrListItem = z.infer<typeof qbrListItem>

export const qbrListQuery = pageQuery.extend({
  quarter: quarterText.optional(),
  partnerId: z.string().max(64).optional(),
})
export type QbrListQuery = z.infer<typeof qbrListQuery>

export const qbrPage = z.object({
  items: z.array(qbrListItem).describe('The newest version per partner and quarter, newest quarter first'),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
})
export type QbrPage = z.infer<typeof qbrPage>

export const generateQbrInput = z.object({
  quarter: quarterText,
  goals: z
    .array(qbrGoal)
    .max(20)
    .optional()
    .describe(
      'Goals for the next quarter; when left out, the previous version’s or a suggested +10% revenue goal',
    ),
})
export type GenerateQbrInput = z.infer<typeof generateQbrInput>

export const updateQbrGoalsInput = z.object({ goals: z.array(qbrGoal).max(20) })
export type UpdateQbrGoalsInput = z.infer<typeof updateQbrGoalsInput>

export const shareQbrInput = z.object({ isShared: z.boolean().describe('True shows it in the portal') })

export const qbrRunInput = z.object({ quarter: quarterText })

export const qbrRunView = z
  .object({
    id: z.string(),
    quarter: quarterText,
    reason: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    total: z.number().int(),
    done: z.number().int(),
    percent: z.number().int(),
    generated: z.number().int().describe('Reviews generated (active partners)'),
    error: z.string().nullable(),
    createdAt: timestamp,
    finishedAt: timestamp.nullable(),
  })
  .meta({ id: 'QbrRun' })
export type QbrRunView = z.infer<typeof qbrRunView>
