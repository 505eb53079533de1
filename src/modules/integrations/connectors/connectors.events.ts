// What the connectors announce: a sync asked for (their own worker takes it), and a sync's end.
import { z } from 'zod'
import { defineEvents } from '../../../platform/events'
import { providers } from './connectors.contract'

export const connectorEvents = defineEvents({
  'connection.sync_requested': z.object({ runId: z.string(), provider: z.enum(providers) }),
  'connection.synced': z.object({
    runId: z.string(),
    provider: z.enum(providers),
    dryRun: z.boolean(),
    status: z.enum(['done', 'failed']),
    inserted: z.number().int().describe('Records created (accounts, deals and touches)'),
    updated: z.number().int().describe('Records changed'),
    removed: z
      .number()
      .int()
      .describe('Deals closed and touches removed because they were deleted at the source'),
    error: z.string().nullable(),
  }),
})
