// Partner health: the org's partners by band and score, one partner's score with its factors and trend,
// a partner user's own, the settings, and recomputing every score.
import type {
  HealthBandValue,
  HealthPage,
  HealthSettings,
  HealthSettingsView,
  PartnerHealthView,
  RecomputeHealthView,
} from '../../../../src/modules/programs/health/health.contract'
import { http } from '../../ui/api-client'

export const healthApi = {
  list: (band: HealthBandValue | null, cursor: string | null = null, limit = 50) =>
    http.get<HealthPage>('/programs/health', {
      ...(band ? { band } : {}),
      ...(cursor ? { cursor } : {}),
      limit: String(limit),
    }),
  partner: (partnerId: string) => http.get<PartnerHealthView>(`/programs/partners/${partnerId}/health`),
  mine: () => http.get<PartnerHealthView>('/programs/health/me'),
  settings: () => http.get<HealthSettingsView>('/programs/health/settings'),
  saveSettings: (settings: HealthSettings) =>
    http.put<HealthSettingsView>('/programs/health/settings', settings),
  recompute: () => http.post<RecomputeHealthView>('/programs/health/recompute'),
}

export const healthKeys = {
  all: ['health'] as const,
  list: (band: string | null) => ['health', 'list', band ?? 'all'] as const,
  partner: (partnerId: string) => ['health', 'partner', partnerId] as const,
  mine: ['health', 'mine'] as const,
}
