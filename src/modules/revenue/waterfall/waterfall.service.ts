// The revenue waterfall: partner-attributed recurring revenue per period, from the opening figure
// through new business, expansion, contraction and churn to the closing one, by partner and type, with
// the deals behind each bar. Every movement is split among partners by the credit a model gives them.
import type { Db } from '../../../db/client'
import { toMoneyView } from '../../../money'
import { invalidField } from '../../../platform/app-error'
import type { Clock } from '../../../platform/clock'
import type { Scope } from '../../../platform/scope'
import { modelFor, readDealPartnerCredits } from '../../credits'
import { readRevenueHistory } from '../../journeys'
import { findPartners } from '../../partners'
import {
  type Granularity,
  type PeriodRange,
  periodOf,
  periodOfKey,
  periodsAround,
} from '../forecast/forecast-math'
import { converterFor, reportCurrency } from '../report-currency'
import { revenuePermissions } from '../revenue.permissions'
import type {
  WaterfallDealsQuery,
  WaterfallDealsView,
  WaterfallQuery,
  WaterfallView,
} from './waterfall.contract'
import {
  type CreditedDeal,
  type HistoryDeal,
  type MovementLine,
  movementsOf,
  totalOf,
} from './waterfall-math'

/** The last `count` periods, this one last. */
function lastPeriods(now: Date, granularity: Granularity, count: number): PeriodRange[] {
  return [...periodsAround(now, granularity, -(count - 1)), periodOf(now, granularity)]
}

/** Every movement up to the end of `until`, in the report's currency, kept to the partners asked for. */
async function movementLines(
  db: Db,
  scope: Scope,
  query: Pick<WaterfallQuery, 'model' | 'partner' | 'partnerType' | 'currency'>,
  until: Date,
  clock: Clock,
) {
  const model = await modelFor(db, scope, query.model, clock)
  const currency = await reportCurrency(db, scope.orgId, query.currency)
  const converter = await converterFor(db, scope.orgId, currency, clock)
  const credited = new Map<string, CreditedDeal>()
  for (const deal of await readDealPartnerCredits(db, scope.orgId, model.row.id, { outcomes: ['won'] })) {
    const amountMinor = converter.value(deal.amountMinor, deal.currency)
    if (amountMinor === null) continue
    const partners = deal.partners
      .filter(
        (p) =>
          (!query.partner || p.partnerId === query.partner) &&
          (!query.partnerType || p.partnerType === query.partnerType),
      )
      .map((p) => ({ ...p, amountMinor: converter.value(p.amountMinor, deal.currency) ?? 0n }))
    credited.set(deal.dealId, { amountMinor, partners })
  }
  const history = await readRevenueHistory(db, scope.orgId, until)
  const deals: HistoryDeal[] = history.deals.flatMap((d) => {
    const amountMinor = converter.value(d.amountMinor, d.currency)
    if (amountMinor === null) return []
    const parentAmount = d.parent ? converter.value(d.parent.amountMinor, d.parent.currency) : null
    return [
      {
        ...d,
        amountMinor,
        parent:
          d.parent && parentAmount !== null ? { dealId: d.parent.dealId, amountMinor: parentAmount } : null,
      },
    ]
  })
  const lines = movementsOf(deals, history.churns, (id) => credited.get(id))
  return {
    modelView: { id: model.row.id, name: model.row.name, role: model.row.role },
    currency,
    lines,
    unconverted: converter.unconverted(),
  }
}

const zero = () => ({ new: 0n, expansion: 0n, contraction: 0n, churn: 0n })
type Sums = ReturnType<typeof zero>
const net = (s: Sums) => s.new + s.expansion + s.contraction + s.churn
const movesView = (s: Sums, currency: string) => ({
  new: toMoneyView(s.new, currency),
  expansion: toMoneyView(s.expansion, currency),
  contraction: toMoneyView(s.contraction, currency),
  churn: toMoneyView(s.churn, currency),
  net: toMoneyView(net(s), currency),
})
const largestNetFirst = (a: [string, Sums], b: [string, Sums]) => {
  const left = net(a[1]) < 0n ? -net(a[1]) : net(a[1])
  const right = net(b[1]) < 0n ? -net(b[1]) : net(b[1])
  return left === right ? a[0].localeCompare(b[0]) : left > right ? -1 : 1
}

export async function getWaterfall(
  db: Db,
  scope: Scope,
  query: WaterfallQuery,
  clock: Clock,
): Promise<WaterfallView> {
  revenuePermissions.require(scope, 'forecast.read')
  const periods = lastPeriods(clock.now(), query.granularity, query.periods)
  const first = periods[0]!
  const { modelView, currency, lines, unconverted } = await movementLines(
    db,
    scope,
    query,
    periods.at(-1)!.end,
    clock,
  )
  let opening = 0n
  const sums = new Map(periods.map((p) => [p.key, zero()]))
  const byPartner = new Map<string, Sums>()
  const typeOf = new Map<string, string>()
  const byType = new Map<string, Sums>()
  for (const line of lines) {
    if (line.at < first.start) {
      opening += totalOf(line)
      continue
    }
    const period = sums.get(periodOf(line.at, query.granularity).key)
    if (!period) continue
    for (const p of line.partners) {
      period[line.movement] += p.amountMinor
      const partner = byPartner.get(p.partnerId) ?? zero()
      partner[line.movement] += p.amountMinor
      byPartner.set(p.partnerId, partner)
      typeOf.set(p.partnerId, p.partnerType)
      const type = byType.get(p.partnerType) ?? zero()
      type[line.movement] += p.amountMinor
      byType.set(p.partnerType, type)
    }
  }
  const partners = [...byPartner].sort(largestNetFirst).slice(0, 25)
  const names = await findPartners(
    db,
    scope.orgId,
    partners.map(([id]) => id),
  )
  return {
    model: modelView,
    currency,
    granularity: query.granularity,
    periods: periods.map((p) => {
      const s = sums.get(p.key)!
      const start = opening
      opening += net(s)
      return {
        key: p.key,
        start: p.start.toISOString(),
        end: p.end.toISOString(),
        opening: toMoneyView(start, currency),
        ...movesView(s, currency),
        closing: toMoneyView(opening, currency),
      }
    }),
    partners: partners.map(([partnerId, s]) => ({
      partnerId,
      name: names.get(partnerId)?.name ?? partnerId,
      type: typeOf.get(partnerId) ?? 'partner',
      ...movesView(s, currency),
    })),
    types: [...byType].sort(largestNetFirst).map(([type, s]) => ({ type, ...movesView(s, currency) })),
    unconverted,
    notes: [
      `Recurring revenue is what partners hold of each won deal under ${modelView.name}: a new deal or an expansion adds its partner credit; a renewal adds (or takes away) its change from the deal it renews, split by the partners' credit on the renewal.`,
      'Churn takes away the partner credit of the deal churn was recorded on, or of the deal a lost renewal would have renewed — once.',
      'The opening figure is every movement before the first period.',
    ],
  }
}

/** The deals behind one bar: every movement of that kind in the period, largest first. */
export async function getWaterfallDeals(
  db: Db,
  scope: Scope,
  query: WaterfallDealsQuery,
  clock: Clock,
): Promise<WaterfallDealsView> {
  revenuePermissions.require(scope, 'forecast.read')
  const period = periodOfKey(query.period)
  if (period.start > clock.now())
    throw invalidField('period', 'is in the future: nothing has moved in it yet')
  const { currency, lines } = await movementLines(db, scope, query, period.end, clock)
  const chosen = lines.filter(
    (line: MovementLine) =>
      line.movement === query.movement && line.at >= period.start && line.at < period.end,
  )
  const names = await findPartners(db, scope.orgId, [
    ...new Set(chosen.flatMap((l) => l.partners.map((p) => p.partnerId))),
  ])
  const size = (value: bigint) => (value < 0n ? -value : value)
  return {
    period: period.key,
    movement: query.movement,
    total: toMoneyView(
      chosen.reduce((sum, l) => sum + totalOf(l), 0n),
      currency,
    ),
    items: chosen
      .sort((a, b) =>
        size(totalOf(b)) > size(totalOf(a)) ? 1 : size(totalOf(b)) < size(totalOf(a)) ? -1 : 0,
      )
      .slice(0, 200)
      .map((line) => ({
        dealId: line.dealId,
        name: line.name,
        at: line.at.toISOString(),
        amount: toMoneyView(totalOf(line), currency),
        partners: line.partners.map((p) => ({
          partnerId: p.partnerId,
          name: names.get(p.partnerId)?.name ?? p.partnerId,
          amount: toMoneyView(p.amountMinor, currency),
        })),
      })),
  }
}
