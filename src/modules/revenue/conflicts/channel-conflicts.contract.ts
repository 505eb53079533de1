// Channel conflicts on the wire: accounts with open deals several partners are touching, the evidence
// per partner, and staff's decision (who owns it, or no conflict).
import { z } from 'zod'
import { entityId, moneyView } from '../../../platform/platform.contract'

export const conflictsQuery = z.object({
  status: z.enum(['open', 'decided', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type ConflictsQuery = z.infer<typeof conflictsQuery>

export const channelConflictView = z
  .object({
    key: z.string().describe('The account’s id, or the deal’s when it names no account'),
    account: z.object({ id: z.string(), name: z.string() }).nullable(),
    deals: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        amount: moneyView,
        stage: z.string(),
        openedAt: z.string(),
      }),
    ),
    partners: z
      .array(
        z.object({
          partnerId: z.string(),
          name: z.string(),
          deals: z.number().int(),
          touches: z.number().int(),
          firstAt: z.string(),
          lastAt: z.string(),
          activities: z.array(z.string()),
        }),
      )
      .describe('Each partner’s touches on the open deals, earliest first'),
    status: z.enum(['open', 'decided']),
    decision: z
      .object({
        outcome: z.enum(['owner', 'dismissed']),
        ownerPartnerId: z.string().nullable(),
        note: z.string(),
        decidedBy: z.string(),
        decidedAt: z.string(),
      })
      .nullable()
      .describe(
        'The decision in force; null while open (a decision made before another partner arrived is not in force)',
      ),
  })
  .meta({ id: 'ChannelConflict' })
export type ChannelConflictView = z.infer<typeof channelConflictView>

export const channelConflictList = z
  .object({ items: z.array(channelConflictView), total: z.number().int() })
  .meta({ id: 'ChannelConflicts' })

export const decideConflictInput = z
  .object({
    outcome: z
      .enum(['owner', 'dismissed'])
      .describe('owner: the partner who owns the account; dismissed: no conflict'),
    ownerPartnerId: entityId.optional().describe('With owner: one of the partners on the account'),
    note: z.string().trim().min(1).max(2000).describe('Why, for the partners’ managers and the audit log'),
  })
  .meta({ id: 'ChannelConflictDecision' })
export type DecideConflictInput = z.infer<typeof decideConflictInput>
