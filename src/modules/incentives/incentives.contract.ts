// Incentives on the wire: commission plans and SPIFs with effective-dated terms, the ledger's
// entries with their receipts, and partner balances by status.
import { z } from 'zod'
import {
  currencyCode,
  isoDateTime,
  moneyView,
  pageQuery,
  patchOf,
  timestamp,
} from '../../platform/platform.contract'

/** A rate as a decimal fraction: "0.1" is 10%. */
const rate = z
  .string()
  .regex(/^(0(\.\d{1,10})?|1(\.0{1,10})?)$/, 'must be a decimal fraction from 0 to 1, such as 0.1 for 10%')
const minorUnits = z.string().regex(/^\d{1,15}$/, 'must be a whole number of minor units, such as 50000')
const isoDay = z.iso.date()

export const planRule = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a short key such as resellers-new')
      .describe('Stable within the plan: a line keeps its id across versions'),
    label: z.string().trim().min(1).max(100),
    when: z
      .unknown()
      .default(true)
      .describe(
        'json-logic over { deal: { type, amount, currency, stage }, account: { country, industry }, partner: { type, country, tags, tier }, share }',
      ),
    rate: rate.optional().describe('Commission as a fraction of the credited amount'),
    tiered: z.literal(true).optional().describe('The rate comes from the plan’s tiers'),
    flatMinor: minorUnits.optional().describe('A fixed amount per matching deal, in the plan’s currency'),
    capMinor: minorUnits.optional().describe('At most this much per deal, in the plan’s currency'),
    floorMinor: minorUnits.optional().describe('At least this much per deal, in the plan’s currency'),
  })
  .strict()
  .refine((r) => [r.rate, r.tiered, r.flatMinor].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of rate, tiered or flatMinor',
  })
export type PlanRule = z.infer<typeof planRule>

export const tierBracket = z
  .object({
    fromMinor: minorUnits
      .optional()
      .describe('Attributed revenue in the period from which this rate applies'),
    fromPercentOfTarget: z
      .number()
      .min(0)
      .max(1000)
      .optional()
      .describe('Or: from this percent of the target'),
    rate,
  })
  .strict()
  .refine((b) => (b.fromMinor === undefined) !== (b.fromPercentOfTarget === undefined), {
    message: 'give fromMinor or fromPercentOfTarget',
  })

export const planTerms = z
  .object({
    audience: z.unknown().default(true).describe('json-logic over { partner }: who the plan is for'),
    matchPolicy: z
      .enum(['first', 'highest', 'stacked'])
      .default('first')
      .describe('When several rules match a deal: the first in order, the one paying most, or all of them'),
    rules: z.array(planRule).min(1).max(50),
    tiers: z
      .object({
        period: z.enum(['month', 'quarter', 'year', 'window']),
        mode: z
          .enum(['marginal', 'retroactive'])
          .describe(
            'marginal: each bracket’s rate on the revenue inside it; retroactive: the reached rate on all',
          ),
        targetMinor: minorUnits.optional(),
        brackets: z.array(tierBracket).min(1).max(20),
      })
      .strict()
      .nullable()
      .default(null),
    recurring: z
      .object({ months: z.number().int().min(1).max(120) })
      .strict()
      .nullable()
      .default(null)
      .describe('Renewals and expansions earn only this many months after the original deal closed'),
    clawback: z
      .object({ days: z.number().int().min(1).max(3650) })
      .strict()
      .nullable()
      .default(null)
      .describe(
        'Refunds and churn within this many days of the close claw commission back (a refund in proportion, churn in full); without it every refund claws back in proportion and churn claws nothing back',
      ),
    window: z
      .object({ from: isoDay, to: isoDay })
      .strict()
      .nullable()
      .default(null)
      .describe('Only deals closed in these days earn (a SPIF’s time limit)'),
    holdDays: z
      .number()
      .int()
      .min(0)
      .max(365)
      .default(30)
      .describe('Days after the close before a line is payable'),
  })
  .strict()
export type PlanTerms = z.infer<typeof planTerms>
export type PlanTermsInput = z.input<typeof planTerms>

export const createPlanInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: z.enum(['commission', 'spif']).default('commission'),
    currency: currencyCode,
    effectiveFrom: isoDay.optional().describe('Defaults to today'),
    terms: planTerms,
  })
  .meta({ id: 'NewCommissionPlan' })
export type CreatePlanInput = z.infer<typeof createPlanInput>

export const updatePlanInput = patchOf(
  z.object({
    name: z.string().trim().min(1).max(100).optional(),
    isActive: z.boolean().optional(),
    effectiveFrom: isoDay.optional().describe('When new terms take effect; defaults to today'),
    terms: planTerms.optional().describe('New terms: a new version'),
  }),
)
export type UpdatePlanInput = z.infer<typeof updatePlanInput>

export const planVersionView = z.object({
  version: z.number().int(),
  effectiveFrom: z.string(),
  terms: planTerms,
  createdAt: timestamp,
  createdBy: z.string(),
})
export const planView = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['commission', 'spif']),
    currency: z.string(),
    isActive: z.boolean(),
    version: z.number().int(),
    versions: z.array(planVersionView).describe('Newest first'),
  })
  .meta({ id: 'CommissionPlan' })
export type PlanView = z.infer<typeof planView>
export const planList = z.object({ items: z.array(planView) })

export const entryStatus = z.enum(['pending', 'approved', 'held', 'paid', 'reversed'])
export type EntryStatus = z.infer<typeof entryStatus>

export const receiptView = z
  .object({
    deal: z.object({
      id: z.string(),
      name: z.string(),
      type: z.string(),
      amount: moneyView,
      closedOn: z.string(),
    }),
    credit: z.object({
      share: z.string(),
      amount: moneyView,
      modelId: z.string(),
      modelName: z.string(),
      modelVersion: z.number().int(),
      runId: z.string(),
    }),
    plan: z.object({
      id: z.string(),
      name: z.string(),
      version: z.number().int(),
      effectiveFrom: z.string(),
    }),
    rule: z.object({ id: z.string(), label: z.string(), why: z.string() }),
    steps: z.array(z.string()).describe('The math, one step a line'),
    fx: z.object({ from: z.string(), to: z.string(), rate: z.string(), day: z.string() }).nullable(),
    revenue: z
      .object({
        refunded: moneyView.describe('Refunds counted against the deal'),
        churnedOn: z.string().nullable().describe('The day the customer churned, when it claws back'),
      })
      .nullable()
      .optional()
      .describe('Refunds and churn that clawed this line back; absent when none did'),
    result: moneyView,
  })
  .meta({ id: 'CommissionReceipt' })
export type ReceiptView = z.infer<typeof receiptView>

export const entryView = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    partnerName: z.string(),
    dealId: z.string(),
    dealName: z.string().nullable(),
    planId: z.string(),
    lineKey: z.string(),
    kind: z.enum(['earned', 'reversal']),
    reversesId: z.string().nullable(),
    amount: moneyView,
    lineDate: z.string(),
    holdUntil: timestamp,
    status: entryStatus,
    reason: z.string(),
    receipt: receiptView.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'CommissionEntry' })
export type EntryView = z.infer<typeof entryView>

export const entryQuery = pageQuery.extend({
  partnerId: z.string().max(64).optional(),
  dealId: z.string().max(64).optional(),
  status: entryStatus.optional(),
})
export type EntryQuery = z.infer<typeof entryQuery>
export const entryPage = z.object({
  items: z.array(entryView),
  nextCursor: z.string().nullable(),
  total: z.number().int().describe('How many entries match the filters, over all pages'),
})

export const balanceView = z
  .object({
    partnerId: z.string(),
    partnerName: z.string(),
    currency: z.string(),
    pending: moneyView,
    approved: moneyView,
    held: moneyView,
    paid: moneyView,
    reversed: moneyView.describe('Earned and then reversed before it was paid (not owed)'),
    total: moneyView.describe('Everything earned less everything reversed: pending + approved + held + paid'),
  })
  .meta({ id: 'CommissionBalance' })
export type BalanceView = z.infer<typeof balanceView>
export const balanceList = z.object({ items: z.array(balanceView) })
export const balanceQuery = z.object({ partnerId: z.string().max(64).optional() })
export const statementQuery = z.object({
  from: isoDay.optional().describe('First day; the first of last month by default'),
  to: isoDay.optional().describe('Last day; the last of last month by default'),
})

export const syncView = z
  .object({
    id: z.string(),
    reason: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    total: z.number().int(),
    done: z.number().int(),
    posted: z.number().int(),
    percent: z.number().int(),
    error: z.string().nullable(),
    createdAt: timestamp,
    finishedAt: timestamp.nullable(),
  })
  .meta({ id: 'CommissionSync' })
export type SyncView = z.infer<typeof syncView>

export const planPreviewInput = z
  .object({
    planId: z.string().max(64).optional().describe('The plan the draft would replace; omit for a new plan'),
    name: z.string().trim().min(1).max(100).default('Draft'),
    kind: z.enum(['commission', 'spif']).default('commission'),
    currency: currencyCode,
    terms: planTerms,
    from: isoDay.optional().describe('First close day; the start of last quarter by default'),
    to: isoDay.optional().describe('Last close day; the end of last quarter by default'),
  })
  .meta({ id: 'CommissionPlanPreview' })
export type PlanPreviewInput = z.infer<typeof planPreviewInput>

const previewFigures = z.object({ current: moneyView, draft: moneyView, difference: moneyView })
export const planPreviewView = z
  .object({
    from: z.string(),
    to: z.string(),
    totals: z.array(previewFigures).describe('Per currency, over every partner'),
    partners: z
      .array(
        previewFigures.extend({ partnerId: z.string(), partnerName: z.string(), deals: z.number().int() }),
      )
      .describe('The 50 partners the draft changes most'),
    problems: z.array(z.object({ dealId: z.string(), reason: z.string() })),
  })
  .meta({ id: 'CommissionPlanPreviewResult' })
export type PlanPreviewView = z.infer<typeof planPreviewView>

export const projectionView = z
  .object({
    partnerId: z.string(),
    asOf: z.string(),
    isEstimate: z.literal(true),
    note: z.string(),
    items: z.array(
      z.object({
        dealId: z.string(),
        dealName: z.string(),
        dealAmount: moneyView,
        share: z.string(),
        winChance: z.number().describe('0 to 1'),
        winChanceSource: z.string(),
        ifWon: moneyView.describe('What the plans in force would pay if the deal were won today'),
        expected: moneyView.describe('ifWon × winChance'),
      }),
    ),
    totals: z.array(z.object({ ifWon: moneyView, expected: moneyView })),
  })
  .meta({ id: 'CommissionProjection' })
export type ProjectionView = z.infer<typeof projectionView>
export const projectionQuery = z.object({ partnerId: z.string().max(64).optional() })

export const whatIfInput = z
  .object({
    dealId: z.string().min(1).max(64),
    activityType: z.string().min(1).max(64).describe('The touch to try, e.g. demo'),
    occurredAt: isoDateTime.describe('When it would happen'),
    partnerId: z.string().max(64).optional().describe('Staff name the partner; a partner user is themselves'),
  })
  .strict()
  .meta({ id: 'WhatIfRequest' })
export type WhatIfInput = z.infer<typeof whatIfInput>

const whatIfSide = z.object({
  share: z.string().describe('Exact decimal share of the deal under the paying model'),
  credit: moneyView,
  commissionIfWon: moneyView.describe('What the plans in force would pay on this deal if it were won today'),
  explanation: z.string().nullable(),
})

export const whatIfView = z
  .object({
    dealId: z.string(),
    dealName: z.string(),
    dealAmount: moneyView,
    model: z.object({ id: z.string(), name: z.string(), version: z.number().int() }),
    before: whatIfSide,
    after: whatIfSide,
    summary: z.string().describe('The change in one sentence'),
    isEstimate: z.literal(true),
  })
  .meta({ id: 'WhatIf' })
export type WhatIfView = z.infer<typeof whatIfView>
