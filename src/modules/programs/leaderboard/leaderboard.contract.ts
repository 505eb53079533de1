// The leaderboard on the wire: the org's settings, a partner's membership, and the board itself —
// partners that chose to appear, ranked by revenue attributed to them under the paying model.
import { z } from 'zod'
import { moneyView, timestamp } from '../../../platform/platform.contract'

export const leaderboardSettings = z.object({
  enabled: z.boolean().describe('Whether partners see the leaderboard in the portal'),
  periodMonths: z
    .number()
    .int()
    .min(1)
    .max(24)
    .describe('The rolling period ranked: revenue from deals won in the last N months'),
  showAmounts: z
    .boolean()
    .describe('Whether partners see each other’s attributed revenue, or only the ranks'),
  size: z.number().int().min(1).max(100).describe('How many places the board shows'),
})
export type LeaderboardSettings = z.infer<typeof leaderboardSettings>

export const defaultLeaderboardSettings: LeaderboardSettings = {
  enabled: false,
  periodMonths: 3,
  showAmounts: false,
  size: 10,
}

export const leaderboardSettingsView = z.object({
  settings: leaderboardSettings,
  isDefault: z.boolean().describe('True while the org has not saved its own settings'),
  updatedAt: timestamp.nullable(),
  members: z.number().int().describe('Partners that chose to appear on the board'),
})
export type LeaderboardSettingsView = z.infer<typeof leaderboardSettingsView>

export const leaderboardMembership = z.object({
  joined: z.boolean().describe('True to appear on the org’s leaderboard, false to leave it'),
})
export type LeaderboardMembership = z.infer<typeof leaderboardMembership>

export const leaderboardEntry = z.object({
  rank: z.number().int().describe('1 for the most attributed revenue; equal revenue shares a rank'),
  partnerId: z.string(),
  partnerName: z.string(),
  revenue: moneyView.nullable().describe('Null when the org shows partners only the ranks'),
  deals: z.number().int().describe('Won deals credited to the partner in the period'),
  isYou: z.boolean(),
})
export type LeaderboardEntry = z.infer<typeof leaderboardEntry>

export const leaderboardView = z.object({
  enabled: z.boolean(),
  periodMonths: z.number().int(),
  from: timestamp.describe('Deals won from this moment on count'),
  to: timestamp,
  currency: z.string().describe('The currency revenue is ranked in (the org’s reporting currency)'),
  members: z.number().int().describe('Partners on the board, ranked or not yet credited'),
  entries: z.array(leaderboardEntry),
  you: z
    .object({
      joined: z.boolean(),
      rank: z.number().int().nullable().describe('Null while not on the board'),
      revenue: moneyView,
      deals: z.number().int(),
    })
    .nullable()
    .describe('The signed-in partner’s own place; null for staff'),
  leftOut: z
    .array(z.string())
    .describe('Currencies of credit left out of the ranking because no rate converts them'),
})
export type LeaderboardView = z.infer<typeof leaderboardView>
