// What credits publishes: a deal's credit under a model changed, with each actor's before and after.
import { z } from 'zod'
import { defineEvents } from '../../platform/events'

const actorCredit = z.object({ actor: z.string(), share: z.string(), amountMinor: z.string() })

export const creditEvents = defineEvents({
  'credit.changed': z.object({
    dealId: z.string(),
    modelId: z.string(),
    role: z.enum(['paying', 'shadow', 'off']),
    runId: z.string(),
    currency: z.string(),
    /** The deal's outcome now and before (absent on events stored before they were carried). */
    outcome: z.enum(['open', 'won', 'lost']).optional(),
    previousOutcome: z.enum(['open', 'won', 'lost']).nullable().optional(),
    before: z.array(actorCredit),
    after: z.array(actorCredit),
  }),
  'attribution.model_changed': z.object({ modelId: z.string(), version: z.number().int(), role: z.string() }),
  'attribution.recompute_requested': z.object({ jobId: z.string() }),
  /** An org-wide recompute finished: every deal's credit is current (runs changed without credit.changed). */
  'attribution.recomputed': z.object({ jobIds: z.array(z.string()), deals: z.number().int() }),
  'fx_rates.loaded': z.object({ days: z.number().int(), from: z.string(), to: z.string() }),
})
