// Credit on the wire: model settings with versions, training and previews, a deal's credits with
// explanations, and recompute progress. The figures built on credit are in figures.contract.ts.
import { z } from 'zod'
import { MODEL_KEYS } from '../../attribution/types'
import { entityId, moneyView, patchOf } from '../../platform/platform.contract'

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
