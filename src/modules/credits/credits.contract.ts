// Credit on the wire: model settings with versions, a deal's credits with explanations, partner
// totals under a model, the comparison of every enabled model, and recompute progress.
import { z } from 'zod'
import { MODEL_KEYS } from '../../attribution/types'
import {
  currencyCode,
  entityId,
  isoDateTime,
  moneyView,
  page,
  pageQuery,
  patchOf,
  sortValues,
  timestamp,
} from '../../platform/platform.contract'

export const modelKey = z.enum(MODEL_KEYS)
export const modelRole = z
  .enum(['paying', 'shadow', 'off'])
  .describe('paying drives money; shadow runs beside it for comparison; off does not run')
export type ModelRole = z.infer<typeof modelRole>

export const attributionOptionsInput = z
  .object({
    lookbackDays: z.number().int().min(1).max(3650).optional(),
    excludeActivities: z.array(z.string().trim().min(1).max(50)).max(100).optional(),
    dedupe: z.enum(['none', 'consecutive', 'all']).optional(),
    tiers: z
      .object({
        defaultShare: z.number().min(0).max(1).optional(),
        parentKind: z.string().trim().min(1).max(50).optional(),
        linkShares: z
          .record(z.string().min(1).max(40), z.number().min(0).max(1))
          .optional()
          .describe(
            'Per link, by the id of the partner below: the share its parent takes instead of defaultShare',
          ),
      })
      .strict()
      .optional()
      .describe(
        'Multi-tier credit: each partner above another (a distributor above a reseller, up the whole parent chain) takes a share of what reached the one below',
      ),
    recurring: z
      .object({
        mode: z.enum(['own', 'inherit', 'mix']),
        decayPerRenewal: z.number().min(0).max(1).optional(),
        inheritWeight: z.number().min(0).max(1).optional(),
      })
      .optional(),
  })
  .strict()
export type AttributionOptionsInput = z.infer<typeof attributionOptionsInput>

export const createModelInput = z
  .object({
    key: modelKey,
    name: z.string().trim().min(1).max(100),
    role: modelRole.default('shadow'),
    params: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("The model's parameters, checked by the engine"),
    options: attributionOptionsInput.default({}),
  })
  .meta({
    id: 'NewAttributionModel',
    examples: [
      { key: 'time_decay', name: 'Time decay (30 days)', role: 'shadow', params: { halfLifeDays: 30 } },
    ],
  })
export type CreateModelInput = z.infer<typeof createModelInput>

export const updateModelInput = patchOf(
  z
    .object({
      name: z.string().trim().min(1).max(100),
      role: modelRole,
      params: z.record(z.string(), z.unknown()),
      options: attributionOptionsInput,
    })
    .partial(),
).meta({ id: 'AttributionModelChange' })
export type UpdateModelInput = z.infer<typeof updateModelInput>

export const modelPreviewInput = z
  .object({
    key: modelKey,
    params: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("The draft's parameters, checked by the engine as when saving"),
    options: attributionOptionsInput.default({}),
    modelId: entityId
      .optional()
      .describe('Compare with this model’s version in force; the paying model when omitted'),
    limit: z.number().int().min(1).max(50).default(10).describe('How many recent deals (at most 50)'),
  })
  .meta({
    id: 'AttributionModelDraft',
    examples: [{ key: 'role', params: { activityWeights: { referral: 5 } }, limit: 10 }],
  })
export type ModelPreviewInput = z.infer<typeof modelPreviewInput>

const previewCredit = z.object({ share: z.string(), amount: moneyView })

export const modelPreviewView = z
  .object({
    draft: z.object({
      key: modelKey,
      description: z.string().describe('What the draft does with its parameters, in words'),
    }),
    compared: z.object({
      id: z.string(),
      key: modelKey,
      name: z.string(),
      role: modelRole,
      version: z.number().int(),
    }),
    deals: z.array(
      z.object({
        dealId: z.string(),
        name: z.string(),
        status: z.enum(['open', 'won', 'lost']),
        amount: moneyView,
        actors: z.array(
          z.object({
            actor: z.string(),
            actorKind: z.string(),
            partnerName: z.string().nullable(),
            draft: previewCredit.describe('Under the draft; a zero share when it gives this actor nothing'),
            current: previewCredit.describe('Under the compared model'),
            explanation: z.string().describe('How this actor earns its share under the draft, in words'),
          }),
        ),
        notes: z.array(z.string()).describe('Notes of the draft on this deal'),
      }),
    ),
  })
  .meta({ id: 'AttributionModelPreview' })
export type ModelPreviewView = z.infer<typeof modelPreviewView>

const trainingView = z
  .object({
    journeys: z.number().int(),
    logLoss: z.number().optional(),
    baselineLogLoss: z.number().optional(),
    auc: z.number().optional(),
    baselineAuc: z.number().optional(),
    reliability: z
      .array(z.object({ journeys: z.number().int(), predicted: z.number(), observed: z.number() }))
      .optional()
      .describe('Held-out deals in ten bins by predicted win chance: predicted against observed'),
  })
  .nullable()
  .describe('What the model learned from: deals, and for ai its held-out quality against a baseline')

export const modelView = z
  .object({
    id: z.string(),
    key: modelKey,
    name: z.string(),
    role: modelRole,
    version: z.number().int(),
    params: z.record(z.string(), z.unknown()),
    options: z.record(z.string(), z.unknown()),
    description: z.string().describe('What the model does with these parameters, in words'),
    isLearned: z.boolean(),
    learnedVersion: z.string().nullable().describe('For learned models: the training run in force'),
    training: trainingView,
    candidateVersion: z
      .number()
      .int()
      .nullable()
      .describe('A trained version newer than the one in force, waiting to be promoted'),
    updatedAt: z.string(),
  })
  .meta({ id: 'AttributionModel' })
export type ModelView = z.infer<typeof modelView>
export const modelList = z.object({ items: z.array(modelView) })

export const modelVersionView = z
  .object({
    version: z.number().int(),
    inForce: z
      .boolean()
      .describe('The version credit is computed under now; others are history or candidates'),
    params: z.record(z.string(), z.unknown()),
    options: z.record(z.string(), z.unknown()),
    learnedVersion: z.string().nullable().describe('For learned models: what this version learned'),
    training: trainingView,
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'AttributionModelVersion' })
export type ModelVersionView = z.infer<typeof modelVersionView>

export const versionParams = z.object({
  id: entityId,
  version: z.coerce.number().int().min(1).max(1_000_000),
})
export const modelVersionList = z.object({ items: z.array(modelVersionView) })

export const touchExplanationView = z.object({
  touchId: z.string().nullable(),
  activity: z.string(),
  at: z.string(),
  daysBefore: z.number(),
  weight: z.number(),
  share: z.number(),
})

export const creditView = z
  .object({
    actor: z.string().describe('A partner id, or direct for the vendor’s own sellers'),
    actorKind: z.string(),
    partnerName: z.string().nullable(),
    share: z.string().describe('Exact decimal share; the shares of a deal sum to exactly 1'),
    amount: moneyView,
    explanation: z.string().describe('How this actor earned its share, in words'),
    touches: z.array(touchExplanationView),
    actorWeight: z.number(),
    totalWeight: z.number(),
    adjustments: z.array(z.object({ kind: z.string(), shareDelta: z.number(), text: z.string() })),
  })
  .meta({ id: 'Credit' })
export type CreditView = z.infer<typeof creditView>

export const dealAttributionView = z
  .object({
    dealId: z.string(),
    model: z.object({
      id: z.string(),
      key: modelKey,
      name: z.string(),
      role: modelRole,
      version: z.number().int(),
    }),
    runId: z.string(),
    computedAt: z.string(),
    amount: moneyView,
    credits: z.array(creditView),
    othersShare: z
      .string()
      .nullable()
      .describe('For a partner user: the share other actors took, without saying who'),
    notes: z.array(z.string()),
  })
  .meta({ id: 'DealAttribution' })
export type DealAttributionView = z.infer<typeof dealAttributionView>

export const dealAttributionQuery = z.object({
  model: entityId.optional().describe('A model id; the paying model when omitted'),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .describe('An earlier version of the model: the last run made under it (history stays readable)'),
})
export type DealAttributionQuery = z.infer<typeof dealAttributionQuery>

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

export const recomputeView = z
  .object({
    id: z.string(),
    reason: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    total: z.number().int(),
    done: z.number().int(),
    percent: z.number(),
    error: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'RecomputeJob' })
export type RecomputeView = z.infer<typeof recomputeView>
