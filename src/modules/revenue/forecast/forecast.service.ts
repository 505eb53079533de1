// Forecasts and the partner pipeline: each open deal is valued at the partner credit a model gives it,
// weighted by its chance of being won (the org's trained AI-weighted model, the stage probabilities it
// set, or its win rate) and placed in the period it is expected to close. A backtest puts the method
// against what partners won in each of the last four quarters.
import type { Db } from '../../../db/client'
import { toMoneyView } from '../../../money'
import { invalidField } from '../../../platform/app-error'
import type { Clock } from '../../../platform/clock'
import type { Scope } from '../../../platform/scope'
import { type DealPartnerCredit, modelFor, readDealPartnerCredits, readWinChances } from '../../credits'
import { type OpenDealPlan, readClosingHistory, readOpenDealPlans } from '../../journeys'
import { findPartners } from '../../partners'
import { converterFor, reportCurrency } from '../report-currency'
import { revenuePermissions } from '../revenue.permissions'
import type { ForecastQuery, ForecastView, PipelineQuery, PipelineView } from './forecast.contract'
import {
  bandOf,
  type Placement,
  periodOf,
  periodsAround,
  placeDeal,
  relativeError,
  roundToMinor,
  winRateOf,
} from './forecast-math'
import { readStageProbabilities } from './stage-probabilities.service'

type Source = 'ai' | 'stages' | 'win-rate'

export interface Chances {
  source: Source
  label: string
  of: (dealId: string, stage: string) => number
}

/** Each open deal's chance of being won, from the source asked for (auto: the first the org has). */
export async function winChances(
  db: Db,
  orgId: string,
  wanted: ForecastQuery['probabilities'],
  plans: readonly OpenDealPlan[],
  clock: Clock,
): Promise<Chances> {
  const history = await readClosingHistory(db, orgId, clock.now())
  const winRate = winRateOf(history) ?? 0
  const closed = history.won + history.lost
  const rateLabel = `the org’s win rate, ${Math.round(winRate * 1000) / 10}% over ${closed} closed deals`
  if (wanted === 'ai' || wanted === 'auto') {
    const learned = await readWinChances(
      db,
      orgId,
      plans.map((p) => p.dealId),
      clock,
    )
    const first = learned.values().next().value
    if (first?.isLearned)
      return {
        source: 'ai',
        label: first.source,
        of: (dealId) => learned.get(dealId)?.probability ?? winRate,
      }
    if (wanted === 'ai')
      throw invalidField(
        'probabilities',
        'the org has no trained AI-weighted model; train one, or ask for stages',
      )
  }
  const stages = await readStageProbabilities(db, orgId)
  if (wanted === 'stages' || (wanted === 'auto' && stages.size > 0)) {
    if (stages.size === 0)
      throw invalidField(
        'probabilities',
        'the org has set no stage probabilities; set them, or ask for win-rate',
      )
    return {
      source: 'stages',
      label: `the stage probabilities the org set (${rateLabel} for a stage without one)`,
      of: (_dealId, stage) => stages.get(stage) ?? winRate,
    }
  }
  return { source: 'win-rate', label: rateLabel, of: () => winRate }
}

/** One open deal as a forecast sees it: its plan, its credit, its chance, all in one currency. */
interface ValuedDeal {
  plan: OpenDealPlan
  credit: DealPartnerCredit
  probability: number
  amountMinor: bigint
  partnerMinor: bigint
  partners: { partnerId: string; partnerType: string; amountMinor: bigint }[]
}

async function valueOpenDeals(
  db: Db,
  scope: Scope,
  query: { model?: string; currency?: string },
  clock: Clock,
) {
  const model = await modelFor(db, scope, query.model, clock)
  const currency = await reportCurrency(db, scope.orgId, query.currency)
  const plans = await readOpenDealPlans(db, scope.orgId)
  const credits = new Map(
    (await readDealPartnerCredits(db, scope.orgId, model.row.id, { outcomes: ['open'] })).map((c) => [
      c.dealId,
      c,
    ]),
  )
  const converter = await converterFor(db, scope.orgId, currency, clock)
  const valued: Omit<ValuedDeal, 'probability'>[] = []
  for (const plan of plans) {
    const credit = credits.get(plan.dealId)
    // a deal opened since the model last ran has no credit yet: it joins once attributed
    if (!credit) continue
    const amountMinor = converter.value(credit.amountMinor, credit.currency)
    if (amountMinor === null) continue
    const partners = credit.partners.map((p) => ({
      ...p,
      amountMinor: converter.value(p.amountMinor, credit.currency) ?? 0n,
    }))
    valued.push({
      plan,
      credit,
      amountMinor,
      partners,
      partnerMinor: partners.reduce((sum, p) => sum + p.amountMinor, 0n),
    })
  }
  const modelView = { id: model.row.id, name: model.row.name, role: model.row.role }
  return { model, modelView, currency, plans: valued, converter }
}

const money = (amountMinor: bigint, currency: string) => toMoneyView(amountMinor, currency)

export async function getForecast(
  db: Db,
  scope: Scope,
  query: ForecastQuery,
  clock: Clock,
): Promise<ForecastView> {
  revenuePermissions.require(scope, 'forecast.read')
  const now = clock.now()
  const { model, modelView, currency, plans, converter } = await valueOpenDeals(db, scope, query, clock)
  const chances = await winChances(
    db,
    scope.orgId,
    query.probabilities,
    plans.map((p) => p.plan),
    clock,
  )
  const history = await readClosingHistory(db, scope.orgId, now)
  const periods = periodsAround(now, query.granularity, query.periods)
  const horizon = periods.at(-1)!.end
  const placed: (ValuedDeal & { period: string | null; placement: Placement })[] = plans.map((deal) => {
    const { at, placement } = placeDeal(deal.plan, now, history.medianDaysToWin)
    return {
      ...deal,
      probability: chances.of(deal.plan.dealId, deal.plan.stage),
      period: at < horizon ? periodOf(at, query.granularity).key : null,
      placement,
    }
  })
  const inHorizon = placed.filter((d) => d.period !== null && d.partnerMinor > 0n)
  const bandView = (deals: typeof placed) => {
    const b = bandOf(deals.map((d) => ({ probability: d.probability, valueMinor: d.partnerMinor })))
    return {
      likely: money(b.likely, currency),
      worst: money(b.worst, currency),
      best: money(b.best, currency),
    }
  }
  const later = placed.filter((d) => d.period === null && d.partnerMinor > 0n)
  const placement = { expected: 0, overdue: 0, estimated: 0 }
  for (const d of inHorizon) placement[d.placement]++

  // each partner's likely value: their own credit on each deal, times the deal's chance
  const byPartner = new Map<string, { deals: number; likely: number; pipeline: bigint }>()
  for (const d of inHorizon)
    for (const p of d.partners) {
      const entry = byPartner.get(p.partnerId) ?? { deals: 0, likely: 0, pipeline: 0n }
      entry.deals++
      entry.likely += d.probability * Number(p.amountMinor)
      entry.pipeline += p.amountMinor
      byPartner.set(p.partnerId, entry)
    }
  const topPartners = [...byPartner].sort((a, b) => b[1].likely - a[1].likely).slice(0, 10)
  const names = await findPartners(
    db,
    scope.orgId,
    topPartners.map(([id]) => id),
  )
  const likelyOf = (d: (typeof placed)[number]) => d.probability * Number(d.partnerMinor)

  return {
    model: modelView,
    currency,
    granularity: query.granularity,
    probability: { source: chances.source, label: chances.label },
    periods: periods.map((period) => {
      const deals = inHorizon.filter((d) => d.period === period.key)
      return {
        key: period.key,
        start: period.start.toISOString(),
        end: period.end.toISOString(),
        deals: deals.length,
        partnerPipeline: money(
          deals.reduce((sum, d) => sum + d.partnerMinor, 0n),
          currency,
        ),
        sourced: bandView(deals.filter((d) => d.plan.isPartnerSourced)),
        influenced: bandView(deals.filter((d) => !d.plan.isPartnerSourced)),
        total: bandView(deals),
      }
    }),
    later: {
      deals: later.length,
      partnerPipeline: money(
        later.reduce((sum, d) => sum + d.partnerMinor, 0n),
        currency,
      ),
    },
    placement,
    partners: topPartners.map(([partnerId, entry]) => ({
      partnerId,
      name: names.get(partnerId)?.name ?? partnerId,
      deals: entry.deals,
      likely: money(roundToMinor(entry.likely), currency),
      pipeline: money(entry.pipeline, currency),
    })),
    deals: [...inHorizon]
      .sort((a, b) => likelyOf(b) - likelyOf(a))
      .slice(0, 20)
      .map((d) => ({
        dealId: d.plan.dealId,
        name: d.plan.name,
        stage: d.plan.stage,
        period: d.period!,
        placement: d.placement,
        probability: Math.round(d.probability * 10_000) / 10_000,
        partnerCredit: money(d.partnerMinor, currency),
        likely: money(bandOf([{ probability: d.probability, valueMinor: d.partnerMinor }]).likely, currency),
        isPartnerSourced: d.plan.isPartnerSourced,
      })),
    backtest: await backtest(db, scope.orgId, model.row.id, currency, converter.value, now),
    unconverted: converter.unconverted(),
    notes: [
      `Each deal counts at the partner credit ${model.row.name} gives it, times its chance of being won (${chances.label}).`,
      'A deal is placed at its expected close date; at today when that date has passed; and, without one, at its opening plus the org’s median time to win.',
      'The band is the 10th to 90th percentile of the total, treating each deal’s outcome as independent.',
      'The backtest forecasts each past quarter as the method would have at its start, with the win rate and time to win known then, and compares it with the partner credit of the deals won in the quarter.',
    ],
  }
}

/**
 * What the method would have forecast at the start of each of the last four quarters, with the win
 * rate and median time to win known then, beside the partner credit of the deals won in the quarter.
 */
async function backtest(
  db: Db,
  orgId: string,
  modelId: string,
  currency: string,
  value: (amountMinor: bigint, from: string) => bigint | null,
  now: Date,
): Promise<ForecastView['backtest']> {
  const quarters = periodsAround(now, 'quarter', -4)
  const deals = await readDealPartnerCredits(db, orgId, modelId, {
    outcomes: ['open', 'won', 'lost'],
    openedBefore: quarters.at(-1)!.end,
    activeSince: quarters[0]!.start,
  })
  const partnerValue = new Map(deals.map((d) => [d.dealId, value(d.partnerMinor, d.currency)]))
  const results: ForecastView['backtest'] = []
  for (const quarter of quarters) {
    const history = await readClosingHistory(db, orgId, quarter.start)
    const winRate = winRateOf(history)
    let expected = 0
    let actual = 0n
    let count = 0
    for (const d of deals) {
      const v = partnerValue.get(d.dealId)
      if (v === null || v === undefined) continue
      const isClosedInQuarter = d.outcome !== 'open' && d.dealAt >= quarter.start && d.dealAt < quarter.end
      if (d.outcome === 'won' && isClosedInQuarter) actual += v
      // open at the quarter's start: opened before it, not closed before it
      const wasOpen = d.openedAt < quarter.start && (d.outcome === 'open' || d.dealAt >= quarter.start)
      if (!wasOpen) continue
      const { at } = placeDeal(
        { expectedCloseAt: null, openedAt: d.openedAt },
        quarter.start,
        history.medianDaysToWin,
      )
      if (at >= quarter.end) continue
      count++
      expected += (winRate ?? 0) * Number(v)
    }
    const forecast = roundToMinor(expected)
    results.push({
      key: quarter.key,
      forecast: money(forecast, currency),
      actual: money(actual, currency),
      error: relativeError(forecast, actual),
      winRate: winRate === null ? null : Math.round(winRate * 1000) / 1000,
      deals: count,
    })
  }
  return results
}

/** Open deals grouped by stage, partner, partner type or source, valued three ways. */
export async function getPipeline(
  db: Db,
  scope: Scope,
  query: PipelineQuery,
  clock: Clock,
): Promise<PipelineView> {
  revenuePermissions.require(scope, 'forecast.read')
  const { modelView, currency, plans, converter } = await valueOpenDeals(db, scope, query, clock)
  const chances = await winChances(
    db,
    scope.orgId,
    'auto',
    plans.map((p) => p.plan),
    clock,
  )
  const groups = new Map<
    string,
    { label: string; deals: number; amount: bigint; credit: bigint; weighted: number }
  >()
  const add = (key: string, label: string, amount: bigint, credit: bigint, probability: number) => {
    const group = groups.get(key) ?? { label, deals: 0, amount: 0n, credit: 0n, weighted: 0 }
    group.deals++
    group.amount += amount
    group.credit += credit
    group.weighted += probability * Number(credit)
    groups.set(key, group)
  }
  for (const d of plans) {
    const probability = chances.of(d.plan.dealId, d.plan.stage)
    if (query.by === 'stage') add(d.plan.stage, d.plan.stage, d.amountMinor, d.partnerMinor, probability)
    else if (query.by === 'source') {
      const source =
        d.partnerMinor === 0n ? 'direct' : d.plan.isPartnerSourced ? 'partner-sourced' : 'partner-influenced'
      add(source, sourceLabels[source], d.amountMinor, d.partnerMinor, probability)
    } else if (query.by === 'partner-type') {
      const byType = new Map<string, bigint>()
      for (const p of d.partners) byType.set(p.partnerType, (byType.get(p.partnerType) ?? 0n) + p.amountMinor)
      for (const [type, credit] of byType) add(type, type, d.amountMinor, credit, probability)
    } else
      for (const p of d.partners) add(p.partnerId, p.partnerId, d.amountMinor, p.amountMinor, probability)
  }
  if (query.by === 'partner') {
    const names = await findPartners(db, scope.orgId, [...groups.keys()])
    for (const [id, group] of groups) group.label = names.get(id)?.name ?? id
  }
  return {
    model: modelView,
    currency,
    by: query.by,
    probability: { source: chances.source, label: chances.label },
    groups: [...groups]
      .sort((a, b) =>
        b[1].credit > a[1].credit ? 1 : b[1].credit < a[1].credit ? -1 : a[0].localeCompare(b[0]),
      )
      .map(([key, g]) => ({
        key,
        label: g.label,
        deals: g.deals,
        amount: money(g.amount, currency),
        partnerCredit: money(g.credit, currency),
        weighted: money(roundToMinor(g.weighted), currency),
      })),
    unconverted: converter.unconverted(),
  }
}

const sourceLabels: Record<string, string> = {
  'partner-sourced': 'Partner-sourced',
  'partner-influenced': 'Partner-influenced',
  direct: 'Direct (no partner credit)',
}
