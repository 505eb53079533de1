// Account overlap on the wire: a partner's account list goes in as CSV and is kept only as keyed
// hashes; what comes out is the overlap alone — the accounts both sides have, with where each stands.
import { z } from 'zod'

export const accountStanding = z.enum(['customer', 'open', 'prospect'])
export type AccountStanding = z.infer<typeof accountStanding>

export const overlapListView = z
  .object({
    partnerId: z.string(),
    rows: z.number().int(),
    uploadedAt: z.string(),
    overlap: z.number().int().describe('How many of the org’s accounts the list matches'),
  })
  .meta({ id: 'OverlapList' })
export type OverlapListView = z.infer<typeof overlapListView>

const statusCount = z.object({ ours: accountStanding, theirs: accountStanding, accounts: z.number().int() })

export const overlapView = z
  .object({
    partner: z.object({ id: z.string(), name: z.string() }),
    list: z.object({ rows: z.number().int(), uploadedAt: z.string() }).nullable(),
    total: z.number().int(),
    counts: z.array(statusCount).describe('Overlapping accounts by where the org and the partner each stand'),
    items: z.array(
      z.object({
        accountId: z.string(),
        name: z.string(),
        domain: z.string().nullable(),
        ours: accountStanding.describe('Where the account stands with the org'),
        theirs: accountStanding.describe('Where it stands with the partner'),
        matchedOn: z.enum(['domain', 'name']),
      }),
    ),
  })
  .meta({ id: 'AccountOverlap' })
export type OverlapView = z.infer<typeof overlapView>

export const overlapQuery = z.object({
  ours: accountStanding.optional().describe('Only accounts standing so with the org'),
  theirs: accountStanding.optional().describe('Only accounts standing so with the partner'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export type OverlapQuery = z.infer<typeof overlapQuery>

export const overlapSummaryView = z
  .object({
    items: z.array(
      z.object({
        partnerId: z.string(),
        name: z.string(),
        rows: z.number().int(),
        uploadedAt: z.string(),
        overlap: z.number().int(),
        customers: z.number().int().describe('Overlapping accounts that are the org’s customers'),
        open: z.number().int(),
        prospects: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'AccountOverlapSummary' })
export type OverlapSummaryView = z.infer<typeof overlapSummaryView>
