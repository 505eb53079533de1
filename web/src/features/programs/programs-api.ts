// Territories, and tiers: ladders with their versions, org-wide evaluations, proposals staff decide, partners by tier,
// a partner's standing with progress and history, and a partner user's own tier.
import type { MeView, Role } from '../../../../src/modules/identity/identity.contract'
import type {
  CreateLadderInput,
  EvaluationView,
  LadderPreviewInput,
  LadderPreviewView,
  LadderView,
  ProposalView,
  TierListItem,
  TierStatusView,
  TierSummaryView,
  UpdateLadderInput,
} from '../../../../src/modules/programs/programs.contract'
import type {
  CreateTerritoryInput,
  TerritoryView,
  UpdateTerritoryInput,
} from '../../../../src/modules/programs/territories.contract'
import { http } from '../../ui/api-client'

export type TierPage = { items: TierListItem[]; nextCursor: string | null; total: number }
export type TierFilters = { tier?: string; atRisk?: 'true' | 'false' }

export const programsApi = {
  ladders: () => http.get<{ items: LadderView[] }>('/programs/ladders'),
  ladder: (id: string) => http.get<LadderView>(`/programs/ladders/${id}`),
  createLadder: (input: CreateLadderInput) => http.post<LadderView>('/programs/ladders', input),
  updateLadder: (id: string, input: UpdateLadderInput) =>
    http.patch<LadderView>(`/programs/ladders/${id}`, input),
  previewLadder: (input: LadderPreviewInput) =>
    http.post<LadderPreviewView>('/programs/ladders/preview', input),
  startEvaluation: () => http.post<EvaluationView>('/programs/evaluations'),
  evaluations: () => http.get<{ items: EvaluationView[] }>('/programs/evaluations'),
  evaluation: (id: string) => http.get<EvaluationView>(`/programs/evaluations/${id}`),
  proposals: () => http.get<{ items: ProposalView[]; total: number }>('/programs/proposals', { limit: 100 }),
  approve: (id: string, note?: string) =>
    http.post<ProposalView>(`/programs/proposals/${id}/approve`, note ? { note } : {}),
  reject: (id: string, reason: string) =>
    http.post<ProposalView>(`/programs/proposals/${id}/reject`, { reason }),
  tiers: (filters: TierFilters, cursor: string | null, limit = 50) =>
    http.get<TierPage>('/programs/tiers', { ...filters, cursor, limit }),
  summary: () => http.get<TierSummaryView>('/programs/tiers/summary'),
  partnerTier: (partnerId: string) => http.get<TierStatusView>(`/programs/partners/${partnerId}/tier`),
  evaluatePartner: (partnerId: string) =>
    http.post<TierStatusView>(`/programs/partners/${partnerId}/tier/evaluate`),
  myTier: () => http.get<TierStatusView>('/programs/my-tier'),
  territories: () => http.get<{ items: TerritoryView[] }>('/programs/territories'),
  createTerritory: (input: CreateTerritoryInput) => http.post<TerritoryView>('/programs/territories', input),
  updateTerritory: (id: string, input: UpdateTerritoryInput) =>
    http.patch<TerritoryView>(`/programs/territories/${id}`, input),
  deleteTerritory: (id: string) => http.delete(`/programs/territories/${id}`),
}

export const programKeys = {
  all: ['programs'] as const,
  ladders: ['programs', 'ladders'] as const,
  ladder: (id: string) => ['programs', 'ladders', id] as const,
  evaluations: ['programs', 'evaluations'] as const,
  evaluation: (id: string) => ['programs', 'evaluations', id] as const,
  proposals: ['programs', 'proposals'] as const,
  tiers: (filters: TierFilters) => ['programs', 'tiers', filters] as const,
  summary: ['programs', 'summary'] as const,
  partnerTier: (partnerId: string) => ['programs', 'partner', partnerId] as const,
  myTier: ['programs', 'mine'] as const,
  territories: ['programs', 'territories'] as const,
}

const programRoles: readonly Role[] = ['owner', 'admin', 'partner_manager']

/** Ladders, evaluations and proposal decisions are run by these roles (the server checks again). */
export const canRunProgram = (me: MeView): boolean => programRoles.includes(me.user.role)
