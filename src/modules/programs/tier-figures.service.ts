// The figures tier criteria read, for a batch of partners at once: attributed revenue and deals under
// the paying model over the ladder's rolling period (summed on the server, converted once into the
// ladder's currency at the rates in force today), touches logged in the period (when a level asks for
// an activity level) and certified people (distinct, certificate unexpired).
import type { Db } from '../../db/client'
import { convert, MoneyError, type RateSnapshot, toMoneyView } from '../../money'
import { type PayingSumBook, ratesInForce, sumPayingCredits, sumsFromBook } from '../credits'
import { countPartnerTouches } from '../journeys'
import type { LadderDefinition, TierFiguresView } from './programs.contract'
import type { TierFigures } from './tier-rules'
import { countCertifiedPeople } from './training/certificates.service'

/** Rates by day, kept across the batches of one evaluation. */
export type RateCache = Map<string, RateSnapshot | null>

/** The start of a rolling period of whole months ending at `now`. */
export function periodStart(now: Date, months: number): Date {
  const start = new Date(now)
  start.setUTCMonth(start.getUTCMonth() - months)
  return start
}

export const noFigures = (definition: Pick<LadderDefinition, 'currency' | 'periodMonths'>): TierFigures => ({
  revenueMinor: 0n,
  currency: definition.currency,
  deals: 0,
  touches: 0,
  certifications: 0,
  periodMonths: definition.periodMonths,
  leftOut: [],
})

export async function measurePartners(
  db: Db,
  orgId: string,
  partnerIds: readonly string[],
  definition: Pick<LadderDefinition, 'currency' | 'periodMonths' | 'levels'>,
  now: Date,
  rates: RateCache = new Map(),
  /** The org's sums over this period read once (an org-wide evaluation): used while nothing moved. */
  book?: PayingSumBook,
): Promise<Map<string, TierFigures>> {
  const figures = new Map(partnerIds.map((id) => [id, noFigures(definition)]))
  const sums = book
    ? await sumsFromBook(db, orgId, book, partnerIds)
    : await sumPayingCredits(db, orgId, partnerIds, {
        from: periodStart(now, definition.periodMonths),
        to: now,
      })
  const today = now.toISOString().slice(0, 10)
  if (sums.some((s) => s.currency !== definition.currency) && !rates.has(today))
    rates.set(today, await ratesInForce(db, orgId, today))
  const snapshot = rates.get(today) ?? null
  for (const sum of sums) {
    const mine = figures.get(sum.partnerId)
    if (!mine) continue
    mine.deals += sum.deals
    if (sum.currency === definition.currency) {
      mine.revenueMinor += sum.creditMinor
      continue
    }
    try {
      if (!snapshot) throw new MoneyError('MISSING_RATE', 'no rates')
      mine.revenueMinor += convert(
        { amountMinor: sum.creditMinor, currency: sum.currency },
        definition.currency,
        snapshot,
      ).amountMinor
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error
      if (!mine.leftOut.includes(sum.currency)) mine.leftOut.push(sum.currency)
    }
  }
  // touches logged in the period, counted only when a level asks for an activity level
  if (definition.levels.some((level) => level.criteria.some((c) => c.kind === 'activity'))) {
    const from = periodStart(now, definition.periodMonths)
    for (const [partnerId, touches] of await countPartnerTouches(db, orgId, partnerIds, { from, to: now })) {
      const mine = figures.get(partnerId)
      if (mine) mine.touches = touches
    }
  }
  // certified sellers: each partner's people holding a certificate that has not expired, counted once
  const certified = await countCertifiedPeople(db, orgId, partnerIds, now)
  for (const [partnerId, people] of certified) {
    const mine = figures.get(partnerId)
    if (mine) mine.certifications = people
  }
  return figures
}

/** Figures as stored with a state, proposal or change (JSON: amounts as strings). */
export interface StoredFigures {
  revenueMinor: string
  currency: string
  deals: number
  /** Absent on figures stored before activity was measured. */
  touches?: number
  certifications: number
  periodMonths: number
  leftOut: string[]
}

export const storeFigures = (f: TierFigures): StoredFigures => ({
  revenueMinor: f.revenueMinor.toString(),
  currency: f.currency,
  deals: f.deals,
  touches: f.touches,
  certifications: f.certifications,
  periodMonths: f.periodMonths,
  leftOut: [...f.leftOut].sort(),
})

export const readFigures = (stored: unknown): TierFigures => {
  const f = stored as StoredFigures
  return { ...f, revenueMinor: BigInt(f.revenueMinor), touches: f.touches ?? 0, leftOut: f.leftOut ?? [] }
}

export const figuresView = (f: TierFigures): TierFiguresView => ({
  revenue: toMoneyView(f.revenueMinor, f.currency),
  deals: f.deals,
  touches: f.touches,
  certifications: f.certifications,
  periodMonths: f.periodMonths,
  leftOut: f.leftOut,
})
