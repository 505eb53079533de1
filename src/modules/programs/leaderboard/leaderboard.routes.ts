// Leaderboard routes: anyone reads the board as their scope allows, staff set it up, a partner admin
// puts their partner on it or takes it off. Thin: parse, call, return.
import type { App } from '../../../platform/http'
import { scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import {
  leaderboardMembership,
  leaderboardSettings,
  leaderboardSettingsView,
  leaderboardView,
} from './leaderboard.contract'
import {
  getLeaderboard,
  getLeaderboardSettings,
  setLeaderboardMembership,
  updateLeaderboardSettings,
} from './leaderboard.service'

export function leaderboardRoutes(app: App, deps: ModuleDeps) {
  const tags = ['programs']
  const { db, clock } = deps

  app.get(
    '/programs/leaderboard',
    {
      schema: {
        summary: 'Get the partner leaderboard',
        description:
          'Partners that chose to appear, ranked by revenue attributed to them under the paying model on deals won in the rolling period, in the org’s reporting currency. A partner user sees it once the org switches it on, with amounts only if the org shows them, and always their own place.',
        tags,
        response: { 200: leaderboardView },
      },
    },
    (req) => getLeaderboard(db, scopeOf(req), clock),
  )

  app.put(
    '/programs/leaderboard/membership',
    {
      schema: {
        summary: 'Join or leave the partner leaderboard',
        description:
          'A partner admin chooses whether their partner appears on the org’s leaderboard (joined: true) or not (false). Audited; answers the board as the partner now sees it.',
        tags,
        body: leaderboardMembership,
        response: { 200: leaderboardView },
      },
    },
    (req) => setLeaderboardMembership(db, scopeOf(req), req.body, clock),
  )

  app.get(
    '/programs/leaderboard/settings',
    {
      schema: {
        summary: 'Get the leaderboard settings',
        description:
          'Whether partners see the leaderboard, the rolling period it ranks, whether amounts are shown, how many places, and how many partners joined — the defaults (off) until the org saves its own.',
        tags,
        response: { 200: leaderboardSettingsView },
      },
    },
    (req) => getLeaderboardSettings(db, scopeOf(req)),
  )

  app.put(
    '/programs/leaderboard/settings',
    {
      schema: {
        summary: 'Change the leaderboard settings',
        description:
          'Switches the portal’s leaderboard on or off and sets its period in months, whether partners see each other’s amounts, and its size. Audited.',
        tags,
        body: leaderboardSettings,
        response: { 200: leaderboardSettingsView },
      },
    },
    (req) => updateLeaderboardSettings(db, scopeOf(req), req.body, clock),
  )
}
