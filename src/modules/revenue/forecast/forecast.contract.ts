// Forecasts and the partner pipeline on the wire: open deals valued by partner credit under a model,
// weighted by their chance of being won, placed in the months or quarters they are expected to close.
import { z } from 'zod'
import { currencyCode, moneyView } from '../../../platform/platform.contract'

export const probabilitySources = ['auto', 'ai', 'stages', 'win-rate'] as const

/** What every revenue report is asked: the model its credit is valued under, its periods, its currency. */
export const reportModel = z
  .string()
  .max(100)
  .optional()
  .describe('An enabled model’s id; the paying model by default')
export const reportGranularity = z.enum(['month', 'quarter']).default('quarter')
export const reportCurrency = currencyCode
  .optional()
  .describe('Report in this currency; the org’s reporting currency by default')

export const forecastQuery = z.object({
  model: reportModel,
  granularity: reportGranularity,
  periods: z.coerce
    .number()
    .int()
    .min(1)
    .max(12)
    .default(4)
    .describe('How many periods ahead, this one first'),
  probabilities: z
    .enum(probabilitySources)
    .default('auto')
    .describe(
      'Where each deal’s win chance comes from: the org’s trained AI-weighted model, the stage probabilities the org set, or its win rate; auto takes the first the org has',
    ),
  currency: reportCurrency,
})
export type ForecastQuery = z.infer<typeof forecastQuery>

const band = z
  .object({ likely: moneyView, worst: moneyView, best: moneyView })
  .describe('Likely value, and the 80% band around it (10th to 90th percentile)')

export const forecastView = z
  .object({
    model: z.object({ id: z.string(), name: z.string(), role: z.string() }),
    currency: z.string(),
    granularity: z.enum(['month', 'quarter']),
    probability: z.object({
      source: z.enum(['ai', 'stages', 'win-rate']),
      label: z.string().describe('Where the win chances came from, in words'),
    }),
    periods: z.array(
      z.object({
        key: z.string(),
        start: z.string(),
        end: z.string(),
        deals: z.number().int(),
        partnerPipeline: moneyView.describe('Partner credit of the deals expected to close in the period'),
        sourced: band.describe('Deals a partner brought in (their first touch is a partner’s)'),
        influenced: band.describe('Other deals where partners hold credit'),
        total: band,
      }),
    ),
    later: z.object({ deals: z.number().int(), partnerPipeline: moneyView }),
    placement: z
      .object({ expected: z.number().int(), overdue: z.number().int(), estimated: z.number().int() })
      .describe(
        'How the deals were placed: at their expected close, now (that date passed), or by the median time to win',
      ),
    partners: z.array(
      z.object({
        partnerId: z.string(),
        name: z.string(),
        deals: z.number().int(),
        likely: moneyView,
        pipeline: moneyView,
      }),
    ),
    deals: z
      .array(
        z.object({
          dealId: z.string(),
          name: z.string(),
          stage: z.string(),
          period: z.string(),
          placement: z.enum(['expected', 'overdue', 'estimated']),
          probability: z.number(),
          partnerCredit: moneyView,
          likely: moneyView,
          isPartnerSourced: z.boolean(),
        }),
      )
      .describe('The deals weighing most on the forecast, largest likely value first'),
    backtest: z
      .array(
        z.object({
          key: z.string(),
          forecast: moneyView,
          actual: moneyView,
          error: z.number().nullable().describe('(forecast − actual) / actual'),
          winRate: z.number().nullable(),
          deals: z.number().int(),
        }),
      )
      .describe(
        'The last four quarters: what this method would have forecast at each one’s start, beside what partners then won',
      ),
    unconverted: z
      .object({ deals: z.number().int(), currencies: z.array(z.string()) })
      .describe('Deals left out: their currency has no stored rate to the report’s currency'),
    notes: z.array(z.string()),
  })
  .meta({ id: 'Forecast' })
export type ForecastView = z.infer<typeof forecastView>

export const pipelineQuery = z.object({
  model: reportModel,
  by: z.enum(['stage', 'partner', 'partner-type', 'source']).default('stage'),
  currency: reportCurrency,
})
export type PipelineQuery = z.infer<typeof pipelineQuery>

export const pipelineView = z
  .object({
    model: z.object({ id: z.string(), name: z.string(), role: z.string() }),
    currency: z.string(),
    by: z.enum(['stage', 'partner', 'partner-type', 'source']),
    probability: z.object({ source: z.enum(['ai', 'stages', 'win-rate']), label: z.string() }),
    groups: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        deals: z.number().int(),
        amount: moneyView.describe('The deals’ full amounts (tagged pipeline)'),
        partnerCredit: moneyView.describe('What the model credits to partners (attributed pipeline)'),
        weighted: moneyView.describe('Partner credit × each deal’s win chance'),
      }),
    ),
    unconverted: z.object({ deals: z.number().int(), currencies: z.array(z.string()) }),
  })
  .meta({ id: 'PartnerPipeline' })
export type PipelineView = z.infer<typeof pipelineView>

const probability = z
  .string()
  .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, 'must be a decimal from 0 to 1, e.g. "0.35"')

export const stageProbabilitiesInput = z
  .object({
    items: z
      .array(z.object({ stage: z.string().trim().min(1).max(100), probability }))
      .max(200)
      .describe('Every stage’s win chance; stages left out have none (the win rate is used for them)'),
  })
  .meta({ id: 'StageProbabilitiesChange' })
export type StageProbabilitiesInput = z.infer<typeof stageProbabilitiesInput>

export const stageProbabilitiesView = z
  .object({
    items: z.array(
      z.object({
        stage: z.string(),
        probability: z.string().nullable(),
        openDeals: z.number().int(),
      }),
    ),
    winRate: z
      .number()
      .nullable()
      .describe('The org’s win rate over its closed deals: the chance of a stage with none'),
  })
  .meta({ id: 'StageProbabilities' })
export type StageProbabilitiesView = z.infer<typeof stageProbabilitiesView>
