// Credit from the platform: model settings and versions, a deal's explained credits, totals per
// actor, the comparison of every enabled model, and org-wide recomputes.
import type { z } from 'zod'
import type {
  CreateModelInput,
  DealAttributionView,
  ModelPreviewInput,
  ModelPreviewView,
  ModelView,
  modelVersionView,
  RecomputeView,
  UpdateModelInput,
} from '../../../../src/modules/credits/credits.contract'
import type {
  AttributionDashboardView,
  ComparisonView,
  CreditedDealsView,
  PartnerHistoryView,
  partnerTotalsView,
  RecommendationView,
} from '../../../../src/modules/credits/figures.contract'
import { http } from '../../ui/api-client'

export type ModelVersion = z.infer<typeof modelVersionView>
export type AttributedTotals = z.infer<typeof partnerTotalsView>
export type ActorTotal = AttributedTotals['items'][number]
export type Period = { from?: string; to?: string }
/** What every credit figure is read under: a model, a period, the partner types counted. */
export type FigureQuery = Period & { model?: string; partnerType?: string }
export type CreditedDealsQuery = FigureQuery & {
  credited?: string
  outcome?: 'won' | 'open' | 'lost' | 'closed'
  currency?: string
  sort?: string
}

export const creditsApi = {
  models: () => http.get<{ items: ModelView[] }>('/attribution/models'),
  createModel: (input: CreateModelInput) => http.post<ModelView>('/attribution/models', input),
  updateModel: (id: string, input: UpdateModelInput) =>
    http.patch<ModelView>(`/attribution/models/${id}`, input),
  preview: (draft: Partial<ModelPreviewInput> & Pick<ModelPreviewInput, 'key'>) =>
    http.post<ModelPreviewView>('/attribution/models/preview', draft),
  versions: (id: string) => http.get<{ items: ModelVersion[] }>(`/attribution/models/${id}/versions`),
  train: (id: string) => http.post<ModelVersion>(`/attribution/models/${id}/train`),
  promote: (id: string, version: number) =>
    http.post<ModelView>(`/attribution/models/${id}/versions/${version}/promote`),
  dealAttribution: (dealId: string, modelId?: string) =>
    http.get<DealAttributionView>(`/deals/${dealId}/attribution`, { model: modelId }),
  totals: (query: FigureQuery & { partnerId?: string } = {}) =>
    http.get<AttributedTotals>('/attribution/totals', query),
  comparison: (period: Period = {}) => http.get<ComparisonView>('/attribution/comparison', period),
  dashboard: (query: FigureQuery & { currency?: string } = {}) =>
    http.get<AttributionDashboardView>('/attribution/dashboard', query),
  creditedDeals: (query: CreditedDealsQuery, cursor: string | null) =>
    http.get<CreditedDealsView>('/attribution/deals', { ...query, cursor: cursor ?? undefined }),
  history: (partnerId: string) => http.get<PartnerHistoryView>(`/attribution/partners/${partnerId}/history`),
  recommendation: () => http.get<RecommendationView>('/attribution/recommendation'),
  fxRates: () => http.get<{ currencies: string[]; to: string | null }>('/fx-rates'),
  startRecompute: () => http.post<RecomputeView>('/attribution/recompute'),
  recompute: (id: string) => http.get<RecomputeView>(`/attribution/recompute/${id}`),
  recomputes: () => http.get<{ items: RecomputeView[] }>('/attribution/recompute'),
}

export const creditKeys = {
  all: ['credits'] as const,
  models: ['credits', 'models'] as const,
  versions: (id: string) => ['credits', 'models', id, 'versions'] as const,
  preview: (draft: unknown) => ['credits', 'preview', draft] as const,
  deal: (dealId: string, modelId: string | null) => ['credits', 'deal', dealId, modelId] as const,
  totals: (query: FigureQuery & { partnerId?: string }) => ['credits', 'totals', query] as const,
  comparison: (period: Period) => ['credits', 'comparison', period] as const,
  dashboard: (query: FigureQuery & { currency?: string }) => ['credits', 'dashboard', query] as const,
  creditedDeals: (query: CreditedDealsQuery) => ['credits', 'credited-deals', query] as const,
  history: (partnerId: string) => ['credits', 'history', partnerId] as const,
  recommendation: ['credits', 'recommendation'] as const,
  fxRates: ['credits', 'fx-rates'] as const,
  recompute: (id: string) => ['credits', 'recompute', id] as const,
  recomputes: ['credits', 'recompute'] as const,
}
