// Revenue waterfall routes: the movements of partner-attributed recurring revenue per period, and the
// deals behind one bar. Thin: parse, call, return.
import { type App, scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { cachedReports } from '../report-cache'
import { waterfallDealsQuery, waterfallDealsView, waterfallQuery, waterfallView } from './waterfall.contract'
import { getWaterfall, getWaterfallDeals } from './waterfall.service'

export function waterfallRoutes(app: App, deps: ModuleDeps) {
  const tags = ['forecast']
  const { db, clock } = deps
  const cached = cachedReports(db, deps.eventSignal)
  const waterfall = cached('waterfall', getWaterfall)
  const deals = cached('waterfall-deals', getWaterfallDeals)

  app.get(
    '/waterfall',
    {
      schema: {
        summary: 'Revenue waterfall: how partner-attributed recurring revenue moved',
        description:
          'Per month or quarter, ending with this one: the opening figure, new business, expansion, contraction and churn, and the closing figure — each movement split among partners by the credit a model gives them (the paying model by default); by partner and by partner type over the whole range. Staff only.',
        tags,
        querystring: waterfallQuery,
        response: { 200: waterfallView },
      },
    },
    (req) => waterfall(scopeOf(req), req.query, clock),
  )

  app.get(
    '/waterfall/deals',
    {
      schema: {
        summary: 'The deals behind one bar of the revenue waterfall',
        description:
          'Every deal that made this movement in this period, with each partner’s part, largest first.',
        tags,
        querystring: waterfallDealsQuery,
        response: { 200: waterfallDealsView },
      },
    },
    (req) => deals(scopeOf(req), req.query, clock),
  )
}
