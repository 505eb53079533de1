// The figures partner health weighs, read for a batch of partners at once and summed on the server:
// attributed won revenue under the paying model in the last window and the window before (the credits
// module's sums, converted once into the org's reporting currency), touches, the last touch and the win
// rate on deals they touched (journeys), certificates lapsed (training), and open disputes (incentives).
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { convert, MoneyError, type RateSnapshot } from '../../../money'
import { type PayingCreditSum, ratesInForce, sumPayingCredits } from '../../credits'
import { readReportingCurrency } from '../../identity'
import { countOpenDisputes } from '../../incentives'
import { readPartnerActivity, readPartnerWinRate } from '../../journeys'
import { certificates } from '../training/training.tables'
import type { HealthSettings } from './health.contract'
import type { HealthFigures } from './health-rules'

const dayMs = 86_400_000

/** What stays the same for every batch of one org's computation. */
export interface HealthBook {
  currency: string
  rates: RateSnapshot | null
  orgClosedDeals: number
  orgWonDeals: number
}

export async function readHealthBook(
  db: Db,
  orgId: string,
  settings: HealthSettings,
  now: Date,
): Promise<HealthBook> {
  const from = new Date(now.getTime() - settings.windowDays * dayMs)
  const org = await readPartnerWinRate(db, orgId, { from, to: now })
  return {
    currency: (await readReportingCurrency(db, orgId)) ?? (await mostPaidCurrency(db, orgId, now, settings)),
    rates: await ratesInForce(db, orgId, now.toISOString().slice(0, 10)),
    orgClosedDeals: org.closedDeals,
    orgWonDeals: org.wonDeals,
  }
}

/** Without a reporting currency, revenue is weighed in the currency most credit was paid in. */
async function mostPaidCurrency(db: Db, orgId: string, now: Date, settings: HealthSettings): Promise<string> {
  const sums = await sumPayingCredits(db, orgId, null, {
    from: new Date(now.getTime() - 2 * settings.windowDays * dayMs),
    to: now,
  })
  const byCurrency = new Map<string, bigint>()
  for (const s of sums) byCurrency.set(s.currency, (byCurrency.get(s.currency) ?? 0n) + s.creditMinor)
  let best: [string, bigint] = ['USD', -1n]
  for (const [currency, total] of byCurrency) if (total > best[1]) best = [currency, total]
  return best[0]
}

function addSums(
  figures: Map<string, HealthFigures>,
  sums: readonly PayingCreditSum[],
  book: HealthBook,
  field: 'revenueMinor' | 'previousRevenueMinor',
) {
  for (const sum of sums) {
    const mine = figures.get(sum.partnerId)
    if (!mine) continue
    if (sum.currency === book.currency) {
      mine[field] += sum.creditMinor
      continue
    }
    try {
      if (!book.rates) throw new MoneyError('MISSING_RATE', 'no rates')
      mine[field] += convert(
        { amountMinor: sum.creditMinor, currency: sum.currency },
        book.currency,
        book.rates,
      ).amountMinor
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error
      if (!mine.leftOutCurrencies.includes(sum.currency)) mine.leftOutCurrencies.push(sum.currency)
      if (field === 'revenueMinor' && sum.creditMinor > 0n) mine.hasUnconvertedRevenueNow = true
    }
  }
}

export async function measureHealth(
  db: Db,
  orgId: string,
  partnerIds: readonly string[],
  settings: HealthSettings,
  book: HealthBook,
  now: Date,
): Promise<Map<string, HealthFigures>> {
  const window = settings.windowDays * dayMs
  const from = new Date(now.getTime() - window)
  const before = new Date(now.getTime() - 2 * window)
  const figures = new Map<string, HealthFigures>(
    partnerIds.map((id) => [
      id,
      {
        currency: book.currency,
        revenueMinor: 0n,
        previousRevenueMinor: 0n,
        leftOutCurrencies: [],
        hasUnconvertedRevenueNow: false,
        touches: 0,
        lastTouchAt: null,
        closedDeals: 0,
        wonDeals: 0,
        orgClosedDeals: book.orgClosedDeals,
        orgWonDeals: book.orgWonDeals,
        lapsedCertificates: 0,
        validCertificates: 0,
        hasEverCertified: false,
        openDisputes: 0,
      },
    ]),
  )
  if (partnerIds.length === 0) return figures
  addSums(figures, await sumPayingCredits(db, orgId, partnerIds, { from, to: now }), book, 'revenueMinor')
  addSums(
    figures,
    await sumPayingCredits(db, orgId, partnerIds, { from: before, to: from }),
    book,
    'previousRevenueMinor',
  )
  for (const [partnerId, activity] of await readPartnerActivity(db, orgId, partnerIds, { from, to: now })) {
    const mine = figures.get(partnerId)
    if (!mine) continue
    mine.touches = activity.touches
    mine.lastTouchAt = activity.lastTouchAt
    mine.closedDeals = activity.closedDeals
    mine.wonDeals = activity.wonDeals
  }
  const fromAt = from.toISOString()
  const nowAt = now.toISOString()
  const certs = await db
    .select({
      partnerId: certificates.partnerId,
      lapsed: sql<number>`count(*) filter (where ${certificates.expiresAt} >= ${fromAt}::timestamptz
        and ${certificates.expiresAt} < ${nowAt}::timestamptz)::int`,
      valid: sql<number>`count(*) filter (where ${certificates.expiresAt} is null
        or ${certificates.expiresAt} >= ${nowAt}::timestamptz)::int`,
    })
    .from(certificates)
    .where(and(eq(certificates.orgId, orgId), inArray(certificates.partnerId, [...new Set(partnerIds)])))
    .groupBy(certificates.partnerId)
  for (const row of certs) {
    const mine = figures.get(row.partnerId ?? '')
    if (!mine) continue
    mine.lapsedCertificates = Number(row.lapsed)
    mine.validCertificates = Number(row.valid)
    mine.hasEverCertified = true
  }
  for (const [partnerId, open] of await countOpenDisputes(db, orgId, partnerIds)) {
    const mine = figures.get(partnerId)
    if (mine) mine.openDisputes = open
  }
  return figures
}
