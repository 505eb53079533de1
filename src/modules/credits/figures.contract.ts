// Credit figures on the wire: totals per actor, the comparison of every enabled model, the
// dashboard, the deals behind a figure, a partner's history, the recommendation, exchange rates.
import { z } from 'zod'
import {
  currencyCode,
  entityId,
  isoDateTime,
  moneyView,
  page,
  pageQuery,
  sortValues,
  timestamp,
} from '../../platform/platform.contract'
import { modelKey, modelRole } from './credits.contract'

export const periodQuery = z.object({
  from: isoDateTime.optional().describe('Deals closed (or, when open, opened) from this time'),
  to: isoDateTime.optional().describe('… up to this time'),
})

export const actorTotalView = z.object({
  actor: z.string(),
  actorKind: z.string(),
  partnerName: z.string().nullable(),
  currency: z.string(),
  won: moneyView.describe('Credited amount of won deals'),
  pipeline: moneyView.describe('Credited amount of open deals'),
  conversions: z.string().describe('Sum of shares over won deals'),
  deals: z.number().int(),
})
export const partnerTotalsView = z
  .object({ model: z.object({ id: z.string(), name: z.string() }), items: z.array(actorTotalView) })
  .meta({ id: 'AttributedTotals' })

export const comparisonView = z
  .object({
    models: z.array(z.object({ id: z.string(), key: modelKey, name: z.string(), role: modelRole })),
    rows: z.array(
      z.object({
        actor: z.string(),
        actorKind: z.string(),
        partnerName: z.string().nullable(),
        currency: z.string(),
        wonByModel: z.record(z.string(), z.string()).describe('Model id → won value in minor units'),
        deltaFromPaying: z
          .record(z.string(), z.string())
          .describe('Model id → won value minus the paying model’s, in minor units'),
      }),
    ),
  })
  .meta({ id: 'ModelComparison' })
export type ComparisonView = z.infer<typeof comparisonView>

const outcomeSplit = z.object({
  deals: z.number().int().describe('Closed deals'),
  won: z.number().int(),
  winRate: z.number().nullable().describe('won ÷ closed, null without closed deals'),
  averageCycleDays: z.number().nullable().describe('Mean days from opening to close of won deals'),
})

/** The partner program at a glance, from attributed credit: computed on the server. */
export const attributionDashboardView = z
  .object({
    model: z.object({ id: z.string(), name: z.string() }),
    currencies: z.array(
      z.object({
        currency: z.string(),
        partnerWon: moneyView.describe('Won value credited to partners'),
        directWon: moneyView.describe('Won value credited to the vendor’s own sellers'),
        partnerPipeline: moneyView,
        directPipeline: moneyView,
      }),
    ),
    withPartners: outcomeSplit.describe('Deals where a partner earned credit'),
    withoutPartners: outcomeSplit.describe('Deals won or lost without partner credit'),
    trend: z.array(
      z.object({
        month: z.string().describe('YYYY-MM, by close date'),
        currency: z.string(),
        partnerWonMinor: z.string(),
        directWonMinor: z.string(),
      }),
    ),
    converted: z
      .object({
        currency: z.string(),
        ratesAsOf: z.string().nullable().describe('The day of the ECB rates used; null when none is loaded'),
        source: z.string(),
        partnerWon: moneyView,
        directWon: moneyView,
        partnerPipeline: moneyView,
        directPipeline: moneyView,
        trend: z
          .array(
            z.object({
              month: z.string(),
              ratesAsOf: z
                .string()
                .nullable()
                .describe('The day of the rates used: the month’s last rated day'),
              partnerWonMinor: z.string(),
              directWonMinor: z.string(),
              leftOut: z.array(z.string()).describe('Currencies without a rate that month, not in its sums'),
            }),
          )
          .describe('The monthly trend in this currency, each month at the rates of its last day'),
        leftOut: z.array(z.string()).describe('Currencies without a rate on that day, not in the sums'),
      })
      .nullable()
      .describe(
        'Every currency converted into the one asked for (?currency=), or else the org’s reporting currency, labelled with its rates',
      ),
  })
  .meta({ id: 'AttributionDashboard' })

/** Partner types as a comma-separated list: `reseller,distributor`. */
const partnerTypeList = z
  .string()
  .max(500)
  .regex(/^[a-z_]+(,[a-z_]+)*$/, 'must be partner types separated by commas, e.g. reseller,distributor')
  .transform((value) => [...new Set(value.split(','))])
  .describe('Only credit earned by partners of these types (comma-separated); direct is always shown')

export const partnerTotalsQuery = periodQuery.extend({
  model: entityId.optional().describe('A model id; the paying model when omitted'),
  partnerId: entityId.optional().describe('Only this partner (a partner user always sees only their own)'),
  partnerType: partnerTypeList.optional(),
})

export const dashboardQuery = periodQuery.extend({
  model: entityId.optional().describe('A model id; the paying model when omitted'),
  currency: currencyCode.optional().describe('Also give the sums converted into this currency'),
  partnerType: partnerTypeList.optional(),
})
export type DashboardQuery = z.infer<typeof dashboardQuery>

export const partnerHistoryView = z
  .object({
    partnerId: z.string(),
    models: z
      .array(z.object({ id: z.string(), name: z.string(), role: modelRole }))
      .describe('Every enabled model for staff; the paying model alone for a partner user'),
    months: z.array(
      z.object({
        month: z.string().describe('YYYY-MM: won deals by close date, open deals by creation date'),
        modelId: z.string(),
        currency: z.string(),
        won: moneyView.describe('Credited amount of won deals'),
        pipeline: moneyView.describe('Credited amount of open deals'),
        deals: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'PartnerCreditHistory' })
export type PartnerHistoryView = z.infer<typeof partnerHistoryView>

export const recommendationView = z
  .object({
    currency: z.string().nullable().describe('The currency compared (amounts are compared as numbers)'),
    splitAt: timestamp
      .nullable()
      .describe(
        'Deals closed before this are the earlier half, after it the later; null when too few closed',
      ),
    earlierDeals: z.number().int(),
    laterDeals: z.number().int(),
    actors: z.number().int(),
    scores: z.array(
      z.object({
        modelId: z.string(),
        name: z.string(),
        role: modelRole,
        rankCorrelation: z
          .number()
          .describe('Spearman rank correlation of earlier credit with later won revenue, -1 to 1'),
        weightedError: z
          .number()
          .describe('Distance between the credit shares and the later revenue shares, 0 to 1'),
        rank: z.number().int(),
      }),
    ),
    best: z.object({ modelId: z.string(), name: z.string() }).nullable(),
    explanation: z.string().describe('The result in plain words, and what it means for the paying model'),
  })
  .meta({ id: 'ModelRecommendation' })
export type RecommendationView = z.infer<typeof recommendationView>

export const recommendationQuery = z.object({
  currency: currencyCode
    .optional()
    .describe('The currency of deals to compare; the one with most closed deals by default'),
})

export const creditedDealsQuery = periodQuery.extend({
  ...pageQuery.shape,
  model: entityId.optional().describe('A model id; the paying model when omitted'),
  partnerType: partnerTypeList.optional(),
  credited: z
    .union([z.enum(['partners', 'direct', 'no-partner']), entityId])
    .default('partners')
    .describe(
      'partners: deals where partners earned credit (the credited amount is theirs); direct: where the vendor’s sellers did; no-partner: deals no partner earned any of; or a partner id',
    ),
  outcome: z.enum(['won', 'open', 'lost', 'closed']).optional().describe('closed is won or lost'),
  currency: currencyCode.optional().describe('Only deals in this currency'),
  sort: z.enum(sortValues(['dealAt', 'amount', 'credited'])).default('-dealAt'),
})
export type CreditedDealsQuery = z.infer<typeof creditedDealsQuery>

export const creditedDealView = z.object({
  dealId: z.string(),
  name: z.string(),
  outcome: z.enum(['won', 'open', 'lost']),
  dealAt: timestamp.describe('Close date, or creation date when open'),
  amount: moneyView,
  credited: moneyView.describe('The part of the deal credited to what the filter names'),
  share: z.string().describe('credited ÷ amount, as a decimal'),
})

export const creditedDealsView = page(creditedDealView)
  .extend({
    model: z.object({ id: z.string(), name: z.string() }),
    sums: z
      .array(z.object({ currency: z.string(), deals: z.number().int(), credited: moneyView }))
      .describe('Over every page: the figures the dashboard shows for the same filter'),
  })
  .meta({ id: 'CreditedDeals' })
export type CreditedDealsView = z.infer<typeof creditedDealsView>

export const enterRateInput = z
  .object({
    perEur: z
      .string()
      .regex(/^\d{1,9}(\.\d{1,10})?$/, 'must be a positive decimal such as 1.0821')
      .refine((v) => Number(v) > 0, 'must be above zero')
      .describe('Units of the currency per 1 EUR'),
  })
  .strict()
export const rateParams = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a currency code such as USD'),
  day: z.iso.date(),
})

export const fxRatesView = z
  .object({
    days: z.number().int(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    currencies: z.array(z.string()),
    skipped: z.array(z.object({ line: z.number().int(), reason: z.string() })).optional(),
  })
  .meta({ id: 'FxRates' })
export type AttributionDashboardView = z.infer<typeof attributionDashboardView>
