// The revenue waterfall on the wire: how partner-attributed recurring revenue moved in each period —
// new, expansion, contraction, churn — from the opening figure to the closing one, by partner and type.
import { z } from 'zod'
import { entityId, moneyView } from '../../../platform/platform.contract'
import { reportCurrency, reportGranularity, reportModel } from '../forecast/forecast.contract'

/** How recurring revenue moved: new business, expansion, contraction, churn. */
export const movement = z.enum(['new', 'expansion', 'contraction', 'churn'])
export type Movement = z.infer<typeof movement>

export const waterfallQuery = z.object({
  model: reportModel,
  granularity: reportGranularity,
  periods: z.coerce
    .number()
    .int()
    .min(1)
    .max(24)
    .default(4)
    .describe('How many periods, ending with this one'),
  partner: entityId.optional().describe('Only this partner’s part'),
  partnerType: z.string().max(50).optional().describe('Only partners of this type'),
  currency: reportCurrency,
})
export type WaterfallQuery = z.infer<typeof waterfallQuery>

const moves = z.object({
  new: moneyView,
  expansion: moneyView,
  contraction: moneyView,
  churn: moneyView,
  net: moneyView,
})

export const waterfallView = z
  .object({
    model: z.object({ id: z.string(), name: z.string(), role: z.string() }),
    currency: z.string(),
    granularity: z.enum(['month', 'quarter']),
    periods: z.array(
      z
        .object({
          key: z.string(),
          start: z.string(),
          end: z.string(),
          opening: moneyView,
          closing: moneyView,
        })
        .extend(moves.shape),
    ),
    partners: z
      .array(z.object({ partnerId: z.string(), name: z.string(), type: z.string() }).extend(moves.shape))
      .describe('Each partner’s movements over the whole range, largest net change first'),
    types: z.array(z.object({ type: z.string() }).extend(moves.shape)),
    unconverted: z.object({ deals: z.number().int(), currencies: z.array(z.string()) }),
    notes: z.array(z.string()),
  })
  .meta({ id: 'RevenueWaterfall' })
export type WaterfallView = z.infer<typeof waterfallView>

export const waterfallDealsQuery = waterfallQuery.omit({ periods: true }).extend({
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'must be a month (2026-04) or a quarter (2026-Q2)')
    .describe('The bar’s period'),
  movement,
})
export type WaterfallDealsQuery = z.infer<typeof waterfallDealsQuery>

export const waterfallDealsView = z
  .object({
    period: z.string(),
    movement,
    total: moneyView,
    items: z.array(
      z.object({
        dealId: z.string(),
        name: z.string(),
        at: z.string(),
        amount: moneyView.describe('The partners’ part of the movement, signed'),
        partners: z.array(z.object({ partnerId: z.string(), name: z.string(), amount: moneyView })),
      }),
    ),
  })
  .meta({ id: 'RevenueWaterfallDeals' })
export type WaterfallDealsView = z.infer<typeof waterfallDealsView>
