// The 1099-NEC reporting threshold of a payment year: the IRS's ($600 through 2025, $2,000 for
// payments after 2025), or the org's own amount where it sets one.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { toMoneyView } from '../../../money'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { actorLabel, type Scope } from '../../../platform/scope'
import { incentivesPermissions } from '../incentives.permissions'
import type { SetTaxThresholdInput, TaxThresholdView } from './tax.contract'
import { taxThresholds } from './tax.tables'

/** The IRS's 1099-NEC threshold: $600 for payments through 2025, $2,000 for payments after 2025. */
export const irsThresholdMinor = (year: number): bigint => (year <= 2025 ? 60_000n : 200_000n)

/** The 1099-NEC threshold of a payment year: the org's own amount, or the IRS's. */
export async function thresholdFor(db: Db, orgId: string, year: number): Promise<TaxThresholdView> {
  const [own] = await db
    .select({ amountMinor: taxThresholds.amountMinor })
    .from(taxThresholds)
    .where(and(eq(taxThresholds.orgId, orgId), eq(taxThresholds.year, year)))
  return own
    ? { year, threshold: toMoneyView(own.amountMinor, 'USD'), source: 'org' }
    : { year, threshold: toMoneyView(irsThresholdMinor(year), 'USD'), source: 'irs' }
}

/** The thresholds of the last four years and of every year the org set its own, newest first. */
export async function listThresholds(db: Db, scope: Scope, clock: Clock) {
  incentivesPermissions.require(scope, 'incentives.tax_review')
  const own = await db.select().from(taxThresholds).where(eq(taxThresholds.orgId, scope.orgId))
  const thisYear = clock.now().getUTCFullYear()
  const years = new Set([thisYear, thisYear - 1, thisYear - 2, thisYear - 3, ...own.map((t) => t.year)])
  const byYear = new Map(own.map((t) => [t.year, t.amountMinor]))
  return {
    items: [...years]
      .sort((a, b) => b - a)
      .map((year): TaxThresholdView => {
        const amount = byYear.get(year)
        return amount === undefined
          ? { year, threshold: toMoneyView(irsThresholdMinor(year), 'USD'), source: 'irs' }
          : { year, threshold: toMoneyView(amount, 'USD'), source: 'org' }
      }),
  }
}

/** Sets the org's own threshold for a payment year (audited). */
export async function setThreshold(
  db: Db,
  scope: Scope,
  input: SetTaxThresholdInput,
  clock: Clock,
): Promise<TaxThresholdView> {
  incentivesPermissions.require(scope, 'incentives.tax_review')
  const amountMinor = BigInt(input.amountMinor)
  const now = clock.now()
  await db.transaction(async (tx) => {
    const before = await thresholdFor(tx, scope.orgId, input.year)
    await tx
      .insert(taxThresholds)
      .values({
        orgId: scope.orgId,
        year: input.year,
        amountMinor,
        updatedBy: actorLabel(scope.actor),
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [taxThresholds.orgId, taxThresholds.year],
        set: { amountMinor, updatedBy: actorLabel(scope.actor), updatedAt: now },
      })
    await writeAudit(
      tx,
      scope,
      {
        action: 'tax_threshold.set',
        entityType: 'tax_threshold',
        entityId: String(input.year),
        before: before.threshold,
        after: toMoneyView(amountMinor, 'USD'),
      },
      clock,
    )
  })
  return thresholdFor(db, scope.orgId, input.year)
}
