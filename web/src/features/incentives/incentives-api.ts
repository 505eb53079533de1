// Commissions and payouts: plans with their versions and previews, ledger entries with receipts,
// balances per partner, org-wide syncs, disputes with their threads, where partners are paid, and
// payout batches.
import type {
  DisputeMessageInput,
  DisputeView,
  OpenDisputeInput,
  ResolveDisputeInput,
} from '../../../../src/modules/incentives/disputes/disputes.contract'
import type {
  BalanceView,
  CreatePlanInput,
  EntryQuery,
  EntryView,
  PlanPreviewInput,
  PlanPreviewView,
  PlanView,
  ProjectionView,
  SyncView,
  UpdatePlanInput,
  WhatIfInput,
  WhatIfView,
} from '../../../../src/modules/incentives/incentives.contract'
import type {
  BatchView,
  CreateBatchInput,
  PayoutAccountInput,
  PayoutAccountView,
} from '../../../../src/modules/incentives/payouts/payouts.contract'
import { http, isApiError } from '../../ui/api-client'

export type EntryFilters = Omit<Partial<EntryQuery>, 'cursor' | 'limit'>
export type BatchSummary = Omit<BatchView, 'payouts' | 'heldBack'>
export type EntryPage = { items: EntryView[]; nextCursor: string | null }
export type DisputeStatus = DisputeView['status']
export type DisputeSummary = Omit<DisputeView, 'messages'>

export const incentivesApi = {
  plans: () => http.get<{ items: PlanView[] }>('/incentives/plans'),
  plan: (id: string) => http.get<PlanView>(`/incentives/plans/${id}`),
  createPlan: (input: CreatePlanInput) => http.post<PlanView>('/incentives/plans', input),
  updatePlan: (id: string, input: UpdatePlanInput) => http.patch<PlanView>(`/incentives/plans/${id}`, input),
  /** What a draft would have paid on a past period (last quarter unless told), beside the plans in force. */
  previewPlan: (input: PlanPreviewInput) => http.post<PlanPreviewView>('/incentives/plans/preview', input),
  entries: (filters: EntryFilters, cursor: string | null, limit = 50) =>
    http.get<EntryPage>('/incentives/entries', { ...filters, cursor, limit }),
  balances: (partnerId?: string) => http.get<{ items: BalanceView[] }>('/incentives/balances', { partnerId }),
  startSync: () => http.post<SyncView>('/incentives/sync'),
  syncs: () => http.get<{ items: SyncView[] }>('/incentives/sync'),
  sync: (id: string) => http.get<SyncView>(`/incentives/sync/${id}`),
  projection: (partnerId: string) => http.get<ProjectionView>('/incentives/projection', { partnerId }),
  whatIf: (input: WhatIfInput) => http.post<WhatIfView>('/incentives/what-if', input),
  statementUrl: (partnerId: string, from: string, to: string) =>
    `/api/v1/incentives/statements/${partnerId}.pdf?from=${from}&to=${to}`,
}

export const disputesApi = {
  list: (status?: DisputeStatus) => http.get<{ items: DisputeSummary[] }>('/incentives/disputes', { status }),
  get: (id: string) => http.get<DisputeView>(`/incentives/disputes/${id}`),
  open: (input: OpenDisputeInput) => http.post<DisputeView>('/incentives/disputes', input),
  addMessage: (id: string, input: DisputeMessageInput) =>
    http.post<DisputeView>(`/incentives/disputes/${id}/messages`, input),
  /** One key per submitted form: the same key sent twice closes the dispute once. */
  resolve: (id: string, input: ResolveDisputeInput, idempotencyKey: string) =>
    http.post<DisputeView>(`/incentives/disputes/${id}/resolve`, input, {
      'idempotency-key': idempotencyKey,
    }),
}

export const payoutsApi = {
  /** Where the partner is paid, or null before anyone has said. */
  account: async (partnerId: string): Promise<PayoutAccountView | null> => {
    try {
      return await http.get<PayoutAccountView>(`/partners/${partnerId}/payout-account`)
    } catch (error) {
      if (isApiError(error, 404)) return null
      throw error
    }
  },
  setAccount: (partnerId: string, input: PayoutAccountInput) =>
    http.put<PayoutAccountView>(`/partners/${partnerId}/payout-account`, input),
  batches: () => http.get<{ items: BatchSummary[] }>('/payout-batches'),
  batch: (id: string) => http.get<BatchView>(`/payout-batches/${id}`),
  /** One key per submitted form: the same key sent twice makes one batch. */
  createBatch: (input: CreateBatchInput, idempotencyKey: string) =>
    http.post<BatchView>('/payout-batches', input, { 'idempotency-key': idempotencyKey }),
  approve: (id: string) => http.post<BatchView>(`/payout-batches/${id}/approve`),
  execute: (id: string) => http.post<BatchView>(`/payout-batches/${id}/execute`),
  releaseFailed: (id: string, reason: string) =>
    http.post<BatchView>(`/payout-batches/${id}/release-failed`, { reason }),
  markPaid: (id: string, reference?: string) =>
    http.post<BatchView>(`/payout-batches/${id}/paid`, reference ? { reference } : {}),
  fileUrl: (id: string) => `/api/v1/payout-batches/${id}/file`,
}

export const incentiveKeys = {
  all: ['incentives'] as const,
  plans: ['incentives', 'plans'] as const,
  plan: (id: string) => ['incentives', 'plans', id] as const,
  entries: (filters: EntryFilters) => ['incentives', 'entries', filters] as const,
  balances: (partnerId?: string) => ['incentives', 'balances', partnerId ?? 'all'] as const,
  syncs: ['incentives', 'sync'] as const,
  sync: (id: string) => ['incentives', 'sync', id] as const,
  projection: (partnerId: string) => ['incentives', 'projection', partnerId] as const,
  /** Keyed by the request body as JSON, so the same draft is asked once. */
  preview: (body: string | null) => ['incentives', 'plans', 'preview', body] as const,
  disputes: ['incentives', 'disputes'] as const,
  disputeList: (status?: DisputeStatus) => ['incentives', 'disputes', 'list', status ?? 'all'] as const,
  dispute: (id: string) => ['incentives', 'disputes', id] as const,
}

export const payoutKeys = {
  all: ['payouts'] as const,
  account: (partnerId: string) => ['payouts', 'account', partnerId] as const,
  batches: ['payouts', 'batches'] as const,
  batch: (id: string) => ['payouts', 'batches', id] as const,
}
