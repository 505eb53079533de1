// The demo org's leaderboard: switched on with amounts shown over the last twelve months, and the
// demo partner with the org's active resellers and referral partners on it (as their admins chose).
import type { Db } from '../db/client'
import { setLeaderboardMembership, updateLeaderboardSettings } from '../modules/programs'
import type { Clock } from '../platform/clock'
import type { Scope } from '../platform/scope'

export async function seedDemoLeaderboard(
  db: Db,
  scope: Scope,
  options: { clock: Clock; demoPartner: Scope; partnerIds: readonly string[] },
): Promise<void> {
  const { clock } = options
  await updateLeaderboardSettings(
    db,
    scope,
    { enabled: true, periodMonths: 12, showAmounts: true, size: 10 },
    clock,
  )
  await setLeaderboardMembership(db, options.demoPartner, { joined: true }, clock)
  for (const partnerId of options.partnerIds)
    await setLeaderboardMembership(
      db,
      { orgId: scope.orgId, partnerId, actor: { type: 'system', id: 'demo', role: 'partner_admin' } },
      { joined: true },
      clock,
    )
}
