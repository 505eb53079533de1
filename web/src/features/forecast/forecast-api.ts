// Forecasts, the partner pipeline and the stage probabilities behind them, and the revenue waterfall.
import type { MeView, Role } from '../../../../src/modules/identity/identity.contract'
import type {
  ForecastView,
  PipelineView,
  StageProbabilitiesInput,
  StageProbabilitiesView,
} from '../../../../src/modules/revenue/forecast/forecast.contract'
import type { PartnerRecommendationsView } from '../../../../src/modules/revenue/recommendations/partner-recommendations.contract'
import type {
  Movement,
  WaterfallDealsView,
  WaterfallView,
} from '../../../../src/modules/revenue/waterfall/waterfall.contract'
import { http } from '../../ui/api-client'

export type ForecastSearch = {
  model?: string
  granularity: 'month' | 'quarter'
  probabilities: 'auto' | 'ai' | 'stages' | 'win-rate'
}
export type PipelineGrouping = PipelineView['by']
export type WaterfallSearch = { model?: string; granularity: 'month' | 'quarter'; periods: number }

export const forecastApi = {
  forecast: (search: ForecastSearch) => http.get<ForecastView>('/forecast', { ...search, periods: 4 }),
  pipeline: (by: PipelineGrouping, model?: string) => http.get<PipelineView>('/pipeline', { by, model }),
  stageProbabilities: () => http.get<StageProbabilitiesView>('/forecast/stage-probabilities'),
  setStageProbabilities: (input: StageProbabilitiesInput) =>
    http.put<StageProbabilitiesView>('/forecast/stage-probabilities', input),
  waterfall: (search: WaterfallSearch) => http.get<WaterfallView>('/waterfall', search),
  recommendations: (dealId: string) =>
    http.get<PartnerRecommendationsView>(`/deals/${dealId}/partner-recommendations`),
  waterfallDeals: (model: string | undefined, period: string, movement: Movement) =>
    http.get<WaterfallDealsView>('/waterfall/deals', { model, period, movement }),
}

export const forecastKeys = {
  all: ['forecast'] as const,
  forecast: (search: ForecastSearch) => ['forecast', 'periods', search] as const,
  pipeline: (by: PipelineGrouping, model?: string) => ['forecast', 'pipeline', by, model ?? null] as const,
  stages: ['forecast', 'stages'] as const,
  recommendations: (dealId: string) => ['forecast', 'recommendations', dealId] as const,
  waterfall: (search: WaterfallSearch) => ['forecast', 'waterfall', search] as const,
  waterfallDeals: (model: string | undefined, period: string, movement: Movement) =>
    ['forecast', 'waterfall', 'deals', model ?? null, period, movement] as const,
}

const settingRoles: readonly Role[] = ['owner', 'admin', 'partner_manager']

/** Stage probabilities are set by these roles (the server checks again). */
export const canSetStageProbabilities = (me: MeView): boolean => settingRoles.includes(me.user.role)
