// Business reviews for the demo org: last quarter's review for the demo partner (shared in its portal,
// so its login sees it at once) and for a second reseller (kept private in the console). A review keeps
// its figures as they were, so the two partners' deals are attributed and health and tiers computed
// first, here, rather than waiting for the worker's org-wide recompute (which finds them done).
import type { Db } from '../db/client'
import { attributeDeals } from '../modules/credits'
import { computeOrgHealth, evaluatePartners, generateQbr, shareQbr } from '../modules/programs'
import { fixedClock } from '../platform/clock'
import type { Scope } from '../platform/scope'

/** The quarter before the one holding `at`, e.g. 2026-Q3 for a day in October 2026. */
export function previousQuarter(at: Date): string {
  const index = at.getUTCFullYear() * 4 + Math.floor(at.getUTCMonth() / 3) - 1
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
}

export async function seedDemoQbrs(
  db: Db,
  staff: Scope,
  options: { asOf: Date; sharedPartnerId: string; privatePartnerId: string; dealIds: readonly string[] },
): Promise<string[]> {
  const clock = fixedClock(options.asOf)
  const { orgId } = staff
  for (let next = 0; next < options.dealIds.length; next += 200)
    await db.transaction((tx) => attributeDeals(tx, orgId, options.dealIds.slice(next, next + 200), clock))
  await computeOrgHealth(db, orgId, clock)
  const partnerIds = [options.sharedPartnerId, options.privatePartnerId]
  await db.transaction((tx) => evaluatePartners(tx, orgId, partnerIds, clock))
  const quarter = previousQuarter(options.asOf)
  const shared = await generateQbr(db, staff, options.sharedPartnerId, { quarter }, clock)
  await shareQbr(db, staff, shared.id, true, clock)
  const kept = await generateQbr(db, staff, options.privatePartnerId, { quarter }, clock)
  return [shared.id, kept.id]
}
