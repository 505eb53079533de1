// Partner recommendations for a deal. Thin: parse, call, return.
import { type App, scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { idParam } from '../../../platform/platform.contract'
import { partnerRecommendationsView } from './partner-recommendations.contract'
import { recommendPartners } from './partner-recommendations.service'

export function partnerRecommendationRoutes(app: App, deps: ModuleDeps) {
  const { db } = deps
  app.get(
    '/deals/:id/partner-recommendations',
    {
      schema: {
        summary: 'Partners who win deals like this one',
        description:
          'Among closed deals like this one (same currency, half to double its amount, and the same industry and country while twenty or more remain), each partner that touched three or more: their win rate there, the win rate of the others, and the difference, with the reason in words. Staff only.',
        tags: ['forecast'],
        params: idParam,
        response: { 200: partnerRecommendationsView },
      },
    },
    (req) => recommendPartners(db, scopeOf(req), req.params.id),
  )
}
