// The leaderboard: the board as the signed-in user may see it, joining or leaving it (a partner admin),
// and its settings (staff).
import type {
  LeaderboardSettings,
  LeaderboardSettingsView,
  LeaderboardView,
} from '../../../../src/modules/programs/leaderboard/leaderboard.contract'
import { http } from '../../ui/api-client'

export const leaderboardApi = {
  board: () => http.get<LeaderboardView>('/programs/leaderboard'),
  join: (joined: boolean) => http.put<LeaderboardView>('/programs/leaderboard/membership', { joined }),
  settings: () => http.get<LeaderboardSettingsView>('/programs/leaderboard/settings'),
  saveSettings: (settings: LeaderboardSettings) =>
    http.put<LeaderboardSettingsView>('/programs/leaderboard/settings', settings),
}

export const leaderboardKeys = {
  all: ['leaderboard'] as const,
  board: ['leaderboard', 'board'] as const,
  settings: ['leaderboard', 'settings'] as const,
}
