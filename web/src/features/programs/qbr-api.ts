// Quarterly business reviews: the list (a partner user's own shared ones), one review, generating one
// or every active partner's, goals, sharing, the PDF's address, and the quarters to choose from.
import type {
  GenerateQbrInput,
  QbrGoal,
  QbrPage,
  QbrRunView,
  QbrView,
} from '../../../../src/modules/programs/qbr/qbr.contract'
import { http } from '../../ui/api-client'

export const qbrApi = {
  list: (filters: { quarter?: string | null; partnerId?: string | null }, limit = 100) =>
    http.get<QbrPage>('/programs/qbrs', {
      ...(filters.quarter ? { quarter: filters.quarter } : {}),
      ...(filters.partnerId ? { partnerId: filters.partnerId } : {}),
      limit: String(limit),
    }),
  get: (id: string) => http.get<QbrView>(`/programs/qbrs/${id}`),
  generate: (partnerId: string, input: GenerateQbrInput) =>
    http.post<QbrView>(`/programs/partners/${partnerId}/qbrs`, input),
  saveGoals: (id: string, goals: QbrGoal[]) => http.put<QbrView>(`/programs/qbrs/${id}/goals`, { goals }),
  share: (id: string, isShared: boolean) => http.put<QbrView>(`/programs/qbrs/${id}/share`, { isShared }),
  runs: () => http.get<{ items: QbrRunView[] }>('/programs/qbr-runs'),
  run: (id: string) => http.get<QbrRunView>(`/programs/qbr-runs/${id}`),
  startRun: (quarter: string) => http.post<QbrRunView>('/programs/qbr-runs', { quarter }),
  pdfUrl: (id: string) => `/api/v1/programs/qbrs/${encodeURIComponent(id)}/pdf`,
}

export const qbrKeys = {
  all: ['qbrs'] as const,
  list: (quarter: string | null, partnerId: string | null) =>
    ['qbrs', 'list', quarter ?? 'all', partnerId ?? 'all'] as const,
  one: (id: string) => ['qbrs', 'one', id] as const,
  runs: ['qbrs', 'runs'] as const,
  run: (id: string) => ['qbrs', 'run', id] as const,
}

/** The quarter that holds `at` (UTC), e.g. 2026-Q3. */
export const quarterOf = (at: Date) => `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`

/** The current quarter and the `count - 1` before it, newest first. */
export function recentQuarters(now: Date, count = 8): string[] {
  const quarters: string[] = []
  let index = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3)
  for (let i = 0; i < count; i++, index--) quarters.push(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`)
  return quarters
}

/** The quarter a review is usually made for: the last one that ended. */
export const lastEndedQuarter = (now: Date) => recentQuarters(now, 2)[1]!
