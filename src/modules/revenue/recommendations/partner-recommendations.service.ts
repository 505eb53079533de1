// Which partners to bring into a deal: among closed deals like it (same currency, half to double its
// amount, and the same industry and country as far as enough deals remain), each partner's win rate
// on the deals they touched beside the win rate of the others — the change their involvement goes
// with. A partner needs three similar deals to be ranked; the sample sizes are in every reason.
import type { Db } from '../../../db/client'
import { notFound } from '../../../platform/app-error'
import type { Scope } from '../../../platform/scope'
import { readSimilarClosedDeals } from '../../journeys'
import { findPartners } from '../../partners'
import { revenuePermissions } from '../revenue.permissions'
import type { PartnerRecommendationsView } from './partner-recommendations.contract'

const leastDeals = 3
const most = 10
const percent = (rate: number) => `${Math.round(rate * 100)}%`

export async function recommendPartners(
  db: Db,
  scope: Scope,
  dealId: string,
): Promise<PartnerRecommendationsView> {
  revenuePermissions.require(scope, 'forecast.read')
  const similar = await readSimilarClosedDeals(db, scope.orgId, dealId)
  if (!similar) throw notFound('Deal', dealId)
  const total = similar.deals.length
  const wonTotal = similar.deals.filter((d) => d.isWon).length
  const byPartner = new Map<string, { deals: number; won: number }>()
  for (const deal of similar.deals)
    for (const partnerId of deal.partnerIds) {
      const entry = byPartner.get(partnerId) ?? { deals: 0, won: 0 }
      entry.deals++
      if (deal.isWon) entry.won++
      byPartner.set(partnerId, entry)
    }
  const ranked = [...byPartner]
    .filter(([, e]) => e.deals >= leastDeals)
    .map(([partnerId, e]) => {
      const others = total - e.deals
      const winRate = e.won / e.deals
      const winRateWithout = others === 0 ? null : (wonTotal - e.won) / others
      return {
        partnerId,
        ...e,
        winRate,
        winRateWithout,
        lift: winRateWithout === null ? null : winRate - winRateWithout,
      }
    })
    .sort(
      (a, b) =>
        (b.lift ?? b.winRate) - (a.lift ?? a.winRate) ||
        b.deals - a.deals ||
        a.partnerId.localeCompare(b.partnerId),
    )
    .slice(0, most)
  const names = await findPartners(
    db,
    scope.orgId,
    ranked.map((r) => r.partnerId),
  )
  const onDeal = new Set(similar.dealPartners)
  return {
    dealId,
    likeness: similar.likeness,
    similarDeals: total,
    winRate: total === 0 ? null : Math.round((wonTotal / total) * 1000) / 1000,
    items: ranked.map((r) => {
      const name = names.get(r.partnerId)?.name ?? r.partnerId
      const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000)
      return {
        partnerId: r.partnerId,
        name,
        deals: r.deals,
        won: r.won,
        winRate: round(r.winRate)!,
        winRateWithout: round(r.winRateWithout),
        lift: round(r.lift),
        isOnDeal: onDeal.has(r.partnerId),
        reason:
          r.winRateWithout === null
            ? `${name} worked all ${r.deals} similar deals and won ${r.won} (${percent(r.winRate)}).`
            : `${name} worked ${r.deals} similar deals and won ${r.won} (${percent(r.winRate)}); the other ${total - r.deals} were won ${percent(r.winRateWithout)} of the time: ${r.lift! >= 0 ? '+' : '−'}${Math.abs(Math.round(r.lift! * 100))} points.`,
      }
    }),
  }
}
