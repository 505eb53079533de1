// Partner recommendations for a deal on the wire: the partners who win deals like it, and by how much
// their involvement moves the win rate of such deals.
import { z } from 'zod'

export const partnerRecommendationsView = z
  .object({
    dealId: z.string(),
    likeness: z.string().describe('What "like this deal" meant: the industry, country and size it shared'),
    similarDeals: z.number().int(),
    winRate: z.number().nullable().describe('The win rate of the similar deals'),
    items: z.array(
      z.object({
        partnerId: z.string(),
        name: z.string(),
        deals: z.number().int().describe('Similar deals the partner touched'),
        won: z.number().int(),
        winRate: z.number(),
        winRateWithout: z
          .number()
          .nullable()
          .describe('The win rate of the similar deals the partner did not touch'),
        lift: z.number().nullable().describe('winRate − winRateWithout'),
        isOnDeal: z.boolean(),
        reason: z.string(),
      }),
    ),
  })
  .meta({ id: 'PartnerRecommendations' })
export type PartnerRecommendationsView = z.infer<typeof partnerRecommendationsView>
