// The figures tier criteria read, for a batch of partners at once: attributed revenue and deals under
// the paying model over the ladder's rolling period (summed on the server, converted once into the
// ladder's currency at the rates in force today), the same on the won deals a criterion's deal filter
// keeps (read per deal, only when a level filters), touches logged in the period (when a level asks for
// an activity level) and certified people (distinct, certificate unexpired).
import { evaluateLogic, isTruthyLogic } from '../../attribution'
import type { Db } from '../../db/client'
import { convert, formatAmount, MoneyError, type RateSnapshot, toMoneyView } from '../../money'
import {
  type PayingCredit,
  type PayingSumBook,
  ratesInForce,
  readPayingCredits,
  sumPayingCredits,
  sumsFromBook,
} from '../credits'
import { countPartnerTouches, type DealFacts, readDealFacts } from '../journeys'
import type { LadderDefinition, TierFiguresView } from './programs.contract'
import { type DealSegment, dealFiltersOf, segmentKey, type TierFigures } from './tier-rules'
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
  segments: [],
})

/** The facts a deal filter tests, as incentives' rule conditions see them (amount in major units). */
const dealData = (deal: DealFacts, credit: PayingCredit) => ({
  deal: {
    type: deal.type,
    amount: Number(formatAmount(credit.dealAmountMinor, credit.currency)),
    currency: credit.currency,
    stage: deal.stage,
  },
  account: deal.account,
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
  const period = { from: periodStart(now, definition.periodMonths), to: now }
  const today = now.toISOString().slice(0, 10)
  /** A sum in the ladder's currency, or null (its currency noted as left out) when no rate converts it. */
  const inLadderCurrency = async (mine: TierFigures, minor: bigint, currency: string) => {
    if (currency === definition.currency) return minor
    if (!rates.has(today)) rates.set(today, await ratesInForce(db, orgId, today))
    try {
      const snapshot = rates.get(today)
      if (!snapshot) throw new MoneyError('MISSING_RATE', 'no rates')
      return convert({ amountMinor: minor, currency }, definition.currency, snapshot).amountMinor
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error
      if (!mine.leftOut.includes(currency)) mine.leftOut.push(currency)
      return null
    }
  }
  const sums = book
    ? await sumsFromBook(db, orgId, book, partnerIds)
    : await sumPayingCredits(db, orgId, partnerIds, period)
  for (const sum of sums) {
    const mine = figures.get(sum.partnerId)
    if (!mine) continue
    mine.deals += sum.deals
    mine.revenueMinor += (await inLadderCurrency(mine, sum.creditMinor, sum.currency)) ?? 0n
  }
  // revenue and deals on the won deals each deal filter keeps, read per deal only when a level filters
  const filters = dealFiltersOf(definition)
  if (filters.length > 0) {
    const credits = await readPayingCredits(db, orgId, partnerIds, { closed: period })
    const deals = await readDealFacts(db, orgId, [...new Set(credits.map((c) => c.dealId))])
    for (const filter of filters) {
      const kept = new Map<
        string,
        { partnerId: string; currency: string; creditMinor: bigint; deals: number }
      >()
      for (const credit of credits) {
        const deal = deals.get(credit.dealId)
        if (!deal || !isTruthyLogic(evaluateLogic(filter.when, dealData(deal, credit)))) continue
        const at = `${credit.partnerId} ${credit.currency}`
        const sum = kept.get(at) ?? {
          partnerId: credit.partnerId,
          currency: credit.currency,
          creditMinor: 0n,
          deals: 0,
        }
        sum.creditMinor += credit.creditMinor
        if (Number(credit.share) > 0) sum.deals++
        kept.set(at, sum)
      }
      const segments = new Map<string, DealSegment>()
      for (const [partnerId, mine] of figures) {
        const segment = { key: segmentKey(filter), label: filter.label, revenueMinor: 0n, deals: 0 }
        mine.segments.push(segment)
        segments.set(partnerId, segment)
      }
      for (const sum of kept.values()) {
        const mine = figures.get(sum.partnerId)
        const segment = segments.get(sum.partnerId)
        if (!mine || !segment) continue
        segment.deals += sum.deals
        segment.revenueMinor += (await inLadderCurrency(mine, sum.creditMinor, sum.currency)) ?? 0n
      }
    }
  }
  // touches logged in the period, counted only when a level asks for an activity level
  if (definition.levels.some((level) => level.criteria.some((c) => c.kind === 'activity'))) {
    for (const [partnerId, touches] of await countPartnerTouches(db, orgId, partnerIds, period)) {
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
  /** Absent on figures stored before deal filters were measured. */
  segments?: Array<{ key: string; label: string; revenueMinor: string; deals: number }>
}

export const storeFigures = (f: TierFigures): StoredFigures => ({
  revenueMinor: f.revenueMinor.toString(),
  currency: f.currency,
  deals: f.deals,
  touches: f.touches,
  certifications: f.certifications,
  periodMonths: f.periodMonths,
  leftOut: [...f.leftOut].sort(),
  segments: f.segments.map((s) => ({ ...s, revenueMinor: s.revenueMinor.toString() })),
})

export const readFigures = (stored: unknown): TierFigures => {
  const f = stored as StoredFigures
  return {
    ...f,
    revenueMinor: BigInt(f.revenueMinor),
    touches: f.touches ?? 0,
    leftOut: f.leftOut ?? [],
    segments: (f.segments ?? []).map((s) => ({ ...s, revenueMinor: BigInt(s.revenueMinor) })),
  }
}

export const figuresView = (f: TierFigures): TierFiguresView => ({
  revenue: toMoneyView(f.revenueMinor, f.currency),
  deals: f.deals,
  touches: f.touches,
  certifications: f.certifications,
  periodMonths: f.periodMonths,
  leftOut: f.leftOut,
  segments: f.segments.map((s) => ({
    label: s.label,
    revenue: toMoneyView(s.revenueMinor, f.currency),
    deals: s.deals,
  })),
})
