// Programs on the wire: tier ladders with criteria as data, partners' tier standing with progress to
// the next level, proposals staff decide, tier history, and org-wide evaluations with progress.
import { z } from 'zod'
import {
  currencyCode,
  moneyView,
  page,
  pageQuery,
  patchOf,
  timestamp,
} from '../../platform/platform.contract'

const minorUnits = z.string().regex(/^\d{1,15}$/, 'must be a whole number of minor units, such as 40000000')
const levelKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a short lower-case key such as gold')
  .describe('What commission rules compare `partner.tier` with')

/** Which won deals a revenue or deals criterion counts: a condition on the deal's own fields. */
export const tierDealFilter = z
  .object({
    label: z.string().trim().min(1).max(60).describe('How the deals read in reasons, e.g. “renewals”'),
    when: z
      .unknown()
      .describe(
        'json-logic over { deal: { type, amount, currency, stage }, account: { country, industry } }; amount in major units',
      ),
  })
  .strict()
  .meta({ id: 'TierDealFilter' })
export type TierDealFilter = z.infer<typeof tierDealFilter>

export const tierCriterion = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('attributed_revenue'),
        minMinor: minorUnits.describe(
          'Credit under the paying model on deals won in the ladder’s period, in its currency',
        ),
        deals: tierDealFilter.optional().describe('Count only the won deals that pass; absent: every one'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('attributed_deals'),
        min: z
          .number()
          .int()
          .min(1)
          .max(1_000_000)
          .describe('Won deals in the period that credit the partner'),
        deals: tierDealFilter.optional().describe('Count only the won deals that pass; absent: every one'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('activity'),
        min: z
          .number()
          .int()
          .min(1)
          .max(1_000_000)
          .describe('Touches the partner logged on deals in the ladder’s period (activity level)'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('certifications'),
        min: z.number().int().min(1).max(10_000).describe('Certified sellers the partner has'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('partner'),
        label: z.string().trim().min(1).max(100).describe('How the condition reads, e.g. “EU reseller”'),
        when: z.unknown().describe('json-logic over { partner: { type, country, tags } }'),
      })
      .strict(),
  ])
  .meta({ id: 'TierCriterion' })
export type TierCriterion = z.infer<typeof tierCriterion>

export const tierLevel = z
  .object({
    key: levelKey,
    name: z.string().trim().min(1).max(60),
    criteria: z.array(tierCriterion).max(10).default([]).describe('All must hold; none: every partner'),
  })
  .strict()
export type TierLevel = z.infer<typeof tierLevel>

const definitionShape = {
  mode: z
    .enum(['automatic', 'review'])
    .default('automatic')
    .describe('automatic: changes apply at once; review: they become proposals staff approve'),
  graceDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .default(30)
    .describe('Days a partner that stops qualifying keeps its tier before it is demoted'),
  periodMonths: z
    .number()
    .int()
    .min(1)
    .max(36)
    .default(12)
    .describe('The rolling period revenue and deals are counted over'),
  audience: z
    .unknown()
    .default(true)
    .describe('json-logic over { partner }: which partners the ladder places'),
  levels: z.array(tierLevel).min(1).max(12).describe('Lowest first'),
}

/** A ladder's definition as given: the currency defaults to the org's reporting currency. */
export const ladderDefinitionInput = z
  .object({ ...definitionShape, currency: currencyCode.optional() })
  .strict()
  .meta({ id: 'NewTierLadderDefinition' })
export type LadderDefinitionInput = z.infer<typeof ladderDefinitionInput>

export const ladderDefinition = z
  .object({ ...definitionShape, currency: z.string() })
  .meta({ id: 'TierLadderDefinition' })
export type LadderDefinition = z.infer<typeof ladderDefinition>

export const createLadderInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    definition: ladderDefinitionInput,
  })
  .meta({
    id: 'NewTierLadder',
    examples: [
      {
        name: 'Partner tiers',
        definition: {
          mode: 'automatic',
          graceDays: 30,
          periodMonths: 12,
          currency: 'USD',
          levels: [
            { key: 'bronze', name: 'Bronze', criteria: [] },
            {
              key: 'silver',
              name: 'Silver',
              criteria: [{ kind: 'attributed_revenue', minMinor: '10000000' }],
            },
            {
              key: 'gold',
              name: 'Gold',
              criteria: [
                { kind: 'attributed_revenue', minMinor: '40000000' },
                { kind: 'attributed_deals', min: 5 },
              ],
            },
          ],
        },
      },
    ],
  })
export type CreateLadderInput = z.infer<typeof createLadderInput>

export const updateLadderInput = patchOf(
  z.object({
    name: z.string().trim().min(1).max(100).optional(),
    isActive: z.boolean().optional(),
    definition: ladderDefinitionInput.optional().describe('New levels and criteria: a new version'),
  }),
).meta({ id: 'TierLadderChange' })
export type UpdateLadderInput = z.infer<typeof updateLadderInput>

export const ladderView = z
  .object({
    id: z.string(),
    name: z.string(),
    isActive: z.boolean(),
    version: z.number().int(),
    definition: ladderDefinition.describe('The version in force'),
    versions: z
      .array(
        z.object({
          version: z.number().int(),
          definition: ladderDefinition,
          createdAt: timestamp,
          createdBy: z.string(),
        }),
      )
      .describe('Newest first'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'TierLadder' })
export type LadderView = z.infer<typeof ladderView>
export const ladderList = z.object({ items: z.array(ladderView) })

const tierRef = z.object({ key: z.string(), name: z.string() })

export const ladderPreviewInput = z
  .object({
    ladderId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe(
        'The ladder being edited: the draft takes its place; leave out for a new ladder, placed last',
      ),
    definition: ladderDefinitionInput,
  })
  .strict()
  .meta({ id: 'TierLadderPreviewRequest' })
export type LadderPreviewInput = z.infer<typeof ladderPreviewInput>

export const ladderPreviewView = z
  .object({
    partners: z.number().int().describe('Partners the draft would place'),
    promoted: z.number().int(),
    demoted: z.number().int().describe('Moved down now: no grace, or the grace already ended'),
    atRisk: z.number().int().describe('Below their tier, kept through the grace days'),
    unchanged: z.number().int(),
    leaving: z
      .number()
      .int()
      .describe('Placed by the edited ladder today, by another ladder or none with the draft'),
    summary: z
      .string()
      .describe('e.g. “With these criteria, 12 partners move up, 3 down and 2 are at risk.”'),
    moves: z
      .array(
        z.object({
          partnerId: z.string(),
          partnerName: z.string(),
          direction: z.enum(['promotion', 'demotion', 'at_risk', 'leaving']),
          from: z.object({ key: z.string(), name: z.string() }).nullable(),
          to: z.object({ key: z.string(), name: z.string() }).nullable(),
          explanation: z.string(),
        }),
      )
      .describe('The first 100 partners that move, promotions first, each with the reason'),
  })
  .meta({ id: 'TierLadderPreview' })
export type LadderPreviewView = z.infer<typeof ladderPreviewView>

/** What a partner's tier is worked out from, over the ladder's period. */
export const tierFiguresView = z.object({
  revenue: moneyView.describe('Attributed revenue under the paying model, in the ladder’s currency'),
  deals: z.number().int(),
  touches: z.number().int().describe('Touches the partner logged in the period'),
  certifications: z.number().int(),
  periodMonths: z.number().int(),
  leftOut: z.array(z.string()).describe('Deal currencies left out of the revenue: no FX rate converts them'),
  segments: z
    .array(z.object({ label: z.string(), revenue: moneyView, deals: z.number().int() }))
    .describe('Revenue and deals on the deals a criterion’s filter keeps (“renewals”), one per filter'),
})
export type TierFiguresView = z.infer<typeof tierFiguresView>

export const criterionProgressView = z.object({
  kind: z.enum(['attributed_revenue', 'attributed_deals', 'activity', 'certifications', 'partner']),
  label: z.string(),
  met: z.boolean(),
  /** For counted criteria: how far along (0–1); 1 or 0 for a condition. */
  ratio: z.number(),
  text: z.string().describe('e.g. “$310K of $400K”'),
})

export const levelProgressView = z.object({
  key: z.string(),
  name: z.string(),
  met: z.boolean(),
  criteria: z.array(criterionProgressView),
  summary: z.string().describe('e.g. “$310K of $400K; 1 of 2 certified sellers”'),
})
export type LevelProgressView = z.infer<typeof levelProgressView>

export const tierChangeView = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    from: tierRef.nullable(),
    to: tierRef.nullable(),
    direction: z.enum(['promotion', 'demotion']),
    explanation: z.string(),
    proposalId: z.string().nullable(),
    actor: z.string(),
    at: timestamp,
  })
  .meta({ id: 'TierChange' })
export type TierChangeView = z.infer<typeof tierChangeView>

export const proposalStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn'])
export const proposalView = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    partnerName: z.string().nullable(),
    ladderId: z.string(),
    ladderVersion: z.number().int(),
    from: tierRef.nullable(),
    to: tierRef.nullable(),
    direction: z.enum(['promotion', 'demotion']),
    explanation: z.string(),
    figures: tierFiguresView,
    status: proposalStatus,
    createdAt: timestamp,
    decidedAt: timestamp.nullable(),
    decidedBy: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'TierProposal' })
export type ProposalView = z.infer<typeof proposalView>

export const proposalQuery = pageQuery.extend({
  status: proposalStatus.optional().describe('pending by default'),
  partnerId: z.string().max(64).optional(),
})
export type ProposalQuery = z.infer<typeof proposalQuery>
export const proposalPage = page(proposalView)

export const decideProposalInput = z
  .object({ note: z.string().trim().max(1000).optional() })
  .meta({ id: 'TierProposalDecision' })
export const rejectProposalInput = z
  .object({ reason: z.string().trim().min(1).max(1000) })
  .meta({ id: 'TierProposalRejection' })

export const tierStatusView = z
  .object({
    partnerId: z.string(),
    partnerName: z.string(),
    ladder: z.object({ id: z.string(), name: z.string(), version: z.number().int() }).nullable(),
    tier: tierRef.nullable().describe('The tier the partner holds'),
    qualifies: tierRef.nullable().describe('The highest level whose criteria all hold today'),
    figures: tierFiguresView.nullable(),
    atRisk: z
      .object({ since: timestamp, until: timestamp, text: z.string() })
      .nullable()
      .describe('The partner no longer meets its tier and keeps it until the grace ends'),
    current: levelProgressView.nullable().describe('How the partner meets its own tier'),
    next: levelProgressView.nullable().describe('Progress to the level above the tier held'),
    levels: z.array(levelProgressView).describe('Every level of the ladder, lowest first'),
    pendingProposal: proposalView.nullable(),
    history: z.array(tierChangeView).describe('Newest first'),
  })
  .meta({ id: 'PartnerTierStatus' })
export type TierStatusView = z.infer<typeof tierStatusView>

export const tierListQuery = pageQuery.extend({
  tier: z.string().max(40).optional().describe('A level key, or “none” for partners without a tier'),
  atRisk: z.enum(['true', 'false']).optional(),
})
export type TierListQuery = z.infer<typeof tierListQuery>

export const tierListItem = z
  .object({
    partnerId: z.string(),
    partnerName: z.string(),
    ladderId: z.string().nullable(),
    tier: tierRef.nullable(),
    qualifies: tierRef.nullable(),
    figures: tierFiguresView,
    atRiskUntil: timestamp.nullable(),
    next: levelProgressView.nullable(),
    updatedAt: timestamp,
  })
  .meta({ id: 'PartnerTierStanding' })
export type TierListItem = z.infer<typeof tierListItem>
export const tierPage = page(tierListItem)

export const tierSummaryView = z
  .object({
    ladders: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        currency: z.string(),
        levels: z.array(
          z.object({
            key: z.string(),
            name: z.string(),
            partners: z.number().int(),
            revenue: moneyView.describe('Their attributed revenue in the period, summed'),
          }),
        ),
      }),
    ),
    untiered: z.number().int(),
    atRisk: z.number().int(),
    pendingProposals: z.number().int(),
  })
  .meta({ id: 'TierSummary' })
export type TierSummaryView = z.infer<typeof tierSummaryView>

export const evaluationView = z
  .object({
    id: z.string(),
    reason: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    total: z.number().int(),
    done: z.number().int(),
    changed: z.number().int().describe('Tiers changed'),
    proposed: z.number().int().describe('Proposals made for staff'),
    percent: z.number().int(),
    error: z.string().nullable(),
    createdAt: timestamp,
    finishedAt: timestamp.nullable(),
  })
  .meta({ id: 'TierEvaluation' })
export type EvaluationView = z.infer<typeof evaluationView>
