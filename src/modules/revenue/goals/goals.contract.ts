// Partner goals on the wire: a quarterly target for attributed revenue (under the paying model) or won
// deals, its progress, and the chance of reaching it with the reasons.
import { z } from 'zod'
import { currencyCode, entityId, moneyView } from '../../../platform/platform.contract'

export const quarterKey = z.string().regex(/^\d{4}-Q[1-4]$/, 'must be a quarter such as 2026-Q3')

export const setGoalInput = z
  .object({
    partnerId: entityId,
    quarter: quarterKey,
    metric: z.enum(['revenue', 'deals']),
    target: z
      .string()
      .regex(
        /^\d{1,15}(\.\d{1,4})?$/,
        'must be a positive amount such as 50000.00, or a whole number of deals',
      )
      .describe('Revenue in major units of `currency`, or a number of won deals'),
    currency: currencyCode.optional().describe('Required for a revenue goal'),
  })
  .meta({ id: 'GoalChange' })
export type SetGoalInput = z.infer<typeof setGoalInput>

export const goalView = z
  .object({
    id: z.string(),
    partner: z.object({ id: z.string(), name: z.string() }),
    quarter: z.string(),
    metric: z.enum(['revenue', 'deals']),
    target: z.object({ money: moneyView.nullable(), deals: z.number().int().nullable() }),
    achieved: z.object({ money: moneyView.nullable(), deals: z.number().int() }),
    expected: z
      .object({ money: moneyView.nullable(), deals: z.number() })
      .describe('What the open deals expected to close this quarter add, likely'),
    progress: z.number().describe('Achieved over target'),
    chance: z.number().describe('The chance of reaching the target by the quarter’s end'),
    status: z.enum(['hit', 'on_track', 'at_risk', 'missed']),
    reasons: z.array(z.string()),
  })
  .meta({ id: 'PartnerGoal' })
export type GoalView = z.infer<typeof goalView>

export const goalsQuery = z.object({
  quarter: quarterKey.optional().describe('This quarter by default'),
  partnerId: entityId.optional(),
})
export type GoalsQuery = z.infer<typeof goalsQuery>
