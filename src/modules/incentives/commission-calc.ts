// What a partner has earned, worked out from facts alone: each credited won deal under the plan
// version in force on the day it closed — commission = deal amount × attribution share × rate — with
// tiers over the period's attributed revenue, caps, floors, recurring limits and SPIF windows, and a
// receipt that shows every step. Pure: the caller reads the facts and the rates.
import DecimalBase from 'decimal.js'
import { evaluateLogic, isTruthyLogic } from '../../attribution'
import { currencyExponent, formatAmount, toMoneyView } from '../../money'
import type { PlanTerms, ReceiptView } from './incentives.contract'

const Decimal = DecimalBase.clone({ precision: 60 })
type Decimal = InstanceType<typeof Decimal>

export interface CreditedDeal {
  dealId: string
  dealName: string
  dealType: 'new' | 'renewal' | 'expansion'
  stage: string
  amountMinor: bigint
  currency: string
  /** The close day, YYYY-MM-DD. */
  closedOn: string
  account: { country: string | null; industry: string | null }
  /** The close day of the first deal this renewal or expansion grew from; null for a new deal. */
  originClosedOn: string | null
  credit: {
    share: string
    amountMinor: bigint
    modelId: string
    modelName: string
    modelVersion: number
    runId: string
  }
}

export interface PartnerFacts {
  id: string
  name: string
  type: string
  country: string | null
  tags: readonly string[]
  tier: string | null
  /** What the partner is paid in. */
  currency: string
}

export interface PlanVersionTerms {
  version: number
  effectiveFrom: string
  terms: PlanTerms
}

export interface PlanFacts {
  id: string
  name: string
  kind: 'commission' | 'spif'
  currency: string
  /** Newest first or in any order: the one in force on a day is picked by its effectiveFrom. */
  versions: readonly PlanVersionTerms[]
}

/** Units of `to` for one unit of `from` on the last publication day on or before `day`. */
export type RateOn = (from: string, to: string, day: string) => { rate: string; day: string } | null

export interface DesiredLine {
  lineKey: string
  planId: string
  dealId: string
  partnerId: string
  ruleId: string
  lineDate: string
  holdDays: number
  amountMinor: bigint
  currency: string
  receipt: ReceiptView
}

export interface PartnerEarnings {
  lines: DesiredLine[]
  /** Deals that could not be worked out, with why (a missing FX rate). */
  problems: { dealId: string; planId: string; reason: string }[]
}

export const lineKeyOf = (planId: string, dealId: string, partnerId: string, ruleId: string) =>
  `${planId}:${dealId}:${partnerId}:${ruleId}`

/**
 * The version in force on a day: of the versions that had taken effect by then, the newest. A new
 * version dated back replaces the terms from its day on; days before it keep what they had.
 */
export function versionOn(plan: PlanFacts, day: string): PlanVersionTerms | null {
  let found: PlanVersionTerms | null = null
  for (const version of plan.versions)
    if (version.effectiveFrom <= day && (!found || version.version > found.version)) found = version
  return found
}

const percent = (fraction: Decimal | string) =>
  `${new Decimal(fraction).times(100).toDecimalPlaces(4).toString()}%`
const money = (minor: Decimal | bigint, currency: string) => {
  const rounded =
    typeof minor === 'bigint' ? minor : BigInt(minor.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0))
  return `${formatAmount(rounded, currency)} ${currency}`
}
const toMinor = (value: Decimal) => BigInt(value.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0))

/** Minor units of one currency as (unrounded) minor units of another at a rate. */
function convertMinor(minor: Decimal, from: string, to: string, rate: string): Decimal {
  return minor.times(rate).times(new Decimal(10).pow(currencyExponent(to) - currencyExponent(from)))
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number]
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0)
}

/** The tier period a day falls in: its first and last day and a label. */
export function periodOf(
  period: 'month' | 'quarter' | 'year' | 'window',
  day: string,
  window: { from: string; to: string } | null,
): { from: string; to: string; label: string } {
  const year = day.slice(0, 4)
  const month = Number(day.slice(5, 7))
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
  const pad = (n: number) => String(n).padStart(2, '0')
  if (period === 'month')
    return {
      from: `${year}-${pad(month)}-01`,
      to: `${year}-${pad(month)}-${lastDay(Number(year), month)}`,
      label: `${year}-${pad(month)}`,
    }
  if (period === 'quarter') {
    const quarter = Math.floor((month - 1) / 3)
    const first = quarter * 3 + 1
    return {
      from: `${year}-${pad(first)}-01`,
      to: `${year}-${pad(first + 2)}-${lastDay(Number(year), first + 2)}`,
      label: `${year}-Q${quarter + 1}`,
    }
  }
  if (period === 'window' && window) return { ...window, label: `${window.from} – ${window.to}` }
  return { from: `${year}-01-01`, to: `${year}-12-31`, label: year }
}

interface Candidate {
  ruleId: string
  label: string
  /** In the partner's currency, not yet rounded. */
  value: Decimal
  fx: ReceiptView['fx']
  steps: Words[]
}

/** A step of a receipt, worded only when the receipt is read: a line that is not posted never is. */
type Words = () => string

type Bracket = { from: Decimal; rate: Decimal }

function bracketsOf(tiers: NonNullable<PlanTerms['tiers']>): Bracket[] {
  const target = new Decimal(tiers.targetMinor ?? 0)
  return tiers.brackets
    .map((b) => ({
      from:
        b.fromMinor !== undefined
          ? new Decimal(b.fromMinor)
          : target.times(b.fromPercentOfTarget ?? 0).div(100),
      rate: new Decimal(b.rate),
    }))
    .sort((a, b) => a.from.comparedTo(b.from))
}

/** The commission a tiered rule pays on `amount` when `before` was already earned in the period. */
function tieredValue(
  tiers: NonNullable<PlanTerms['tiers']>,
  amount: Decimal,
  before: Decimal,
  periodTotal: Decimal,
  currency: string,
): { value: Decimal; steps: Words[] } {
  const brackets = bracketsOf(tiers)
  if (tiers.mode === 'retroactive') {
    let reached = brackets[0]!
    for (const bracket of brackets) if (periodTotal.gte(bracket.from)) reached = bracket
    if (periodTotal.lt(brackets[0]!.from)) reached = { from: brackets[0]!.from, rate: new Decimal(0) }
    return {
      value: amount.times(reached.rate),
      steps: [
        () =>
          `Attributed revenue in the period: ${money(periodTotal, currency)}, which reaches the ${percent(reached.rate)} tier (from ${money(reached.from, currency)}); retroactive, so it applies to the whole credit`,
        () =>
          `${money(amount, currency)} × ${percent(reached.rate)} = ${money(amount.times(reached.rate), currency)}`,
      ],
    }
  }
  // marginal: the credit fills the brackets from where the period stood before this deal
  let value = new Decimal(0)
  const parts: { slice: Decimal; rate: Decimal }[] = []
  const start = before
  const end = before.plus(amount)
  for (let i = 0; i < brackets.length; i++) {
    const low = Decimal.max(brackets[i]!.from, start)
    const high = i + 1 < brackets.length ? Decimal.min(brackets[i + 1]!.from, end) : end
    if (high.lte(low)) continue
    const slice = high.minus(low)
    value = value.plus(slice.times(brackets[i]!.rate))
    parts.push({ slice, rate: brackets[i]!.rate })
  }
  return {
    value,
    steps: [
      () =>
        `Attributed revenue in the period before this deal: ${money(before, currency)}; marginal, so each part of the credit earns its bracket’s rate`,
      () =>
        `${parts.map((p) => `${money(p.slice, currency)} at ${percent(p.rate)}`).join(' + ') || money(0n, currency)} = ${money(value, currency)}`,
    ],
  }
}

/**
 * Every line the partner has earned on these deals under these plans. `deals` are the partner's
 * credited won deals; for a tiered plan they must hold every deal of the periods touched.
 */
export function computeEarnings(
  plans: readonly PlanFacts[],
  partner: PartnerFacts,
  deals: readonly CreditedDeal[],
  rateOn: RateOn,
): PartnerEarnings {
  const lines: DesiredLine[] = []
  const problems: PartnerEarnings['problems'] = []
  const ordered = [...deals].sort((a, b) =>
    a.closedOn < b.closedOn ? -1 : a.closedOn > b.closedOn ? 1 : a.dealId < b.dealId ? -1 : 1,
  )
  const partnerData = {
    type: partner.type,
    country: partner.country,
    tags: [...partner.tags],
    tier: partner.tier,
  }
  for (const plan of plans) {
    // each deal's credit in the plan's currency, for tiers; null where no rate converts it
    const inPlan = new Map<string, { value: Decimal; fx: { rate: string; day: string } | null } | null>()
    for (const deal of ordered) {
      if (deal.currency === plan.currency) {
        inPlan.set(deal.dealId, { value: new Decimal(deal.credit.amountMinor.toString()), fx: null })
        continue
      }
      const fx = rateOn(deal.currency, plan.currency, deal.closedOn)
      inPlan.set(
        deal.dealId,
        fx
          ? {
              value: convertMinor(
                new Decimal(deal.credit.amountMinor.toString()),
                deal.currency,
                plan.currency,
                fx.rate,
              ),
              fx,
            }
          : null,
      )
    }
    // each period's attributed revenue, and how much of it came before each deal: one pass a period
    const periods = new Map<string, { total: Decimal; before: Map<string, Decimal> }>()
    const periodFigures = (period: { from: string; to: string }, dealId: string) => {
      const key = `${period.from}|${period.to}`
      let figures = periods.get(key)
      if (!figures) {
        let running = new Decimal(0)
        const before = new Map<string, Decimal>()
        for (const other of ordered) {
          if (other.closedOn < period.from || other.closedOn > period.to) continue
          before.set(other.dealId, running)
          running = running.plus(inPlan.get(other.dealId)?.value ?? 0)
        }
        figures = { total: running, before }
        periods.set(key, figures)
      }
      return { before: figures.before.get(dealId) ?? new Decimal(0), total: figures.total }
    }
    for (const deal of ordered) {
      const version = versionOn(plan, deal.closedOn)
      if (!version) continue
      const { terms } = version
      if (terms.window && (deal.closedOn < terms.window.from || deal.closedOn > terms.window.to)) continue
      if (!isTruthyLogic(evaluateLogic(terms.audience, { partner: partnerData }))) continue
      const steps: Words[] = []
      if (deal.dealType !== 'new' && terms.recurring) {
        const origin = deal.originClosedOn ?? deal.closedOn
        const months = monthsBetween(origin, deal.closedOn)
        const limit = terms.recurring.months
        if (months >= limit) continue
        steps.push(
          () =>
            `A ${deal.dealType} ${months} month${months === 1 ? '' : 's'} after the original deal closed (${origin}): inside the ${limit}-month recurring limit`,
        )
      }
      const data = {
        deal: {
          type: deal.dealType,
          amount: Number(formatAmount(deal.amountMinor, deal.currency)),
          currency: deal.currency,
          stage: deal.stage,
        },
        account: deal.account,
        partner: partnerData,
        share: Number(deal.credit.share),
      }
      const dealCredit = new Decimal(deal.credit.amountMinor.toString())
      const creditSteps: Words[] = [
        () =>
          `Deal ${money(deal.amountMinor, deal.currency)} × attribution share ${percent(deal.credit.share)} (${deal.credit.modelName} v${deal.credit.modelVersion}) = credit ${money(deal.credit.amountMinor, deal.currency)}`,
      ]
      const missingRate = (from: string, to: string) =>
        problems.push({
          dealId: deal.dealId,
          planId: plan.id,
          reason: `no ${from}→${to} rate on or before ${deal.closedOn}: load FX rates`,
        })
      const candidates: Candidate[] = []
      let blocked = false
      for (const rule of terms.rules) {
        if (!isTruthyLogic(evaluateLogic(rule.when ?? true, data))) continue
        const ruleSteps: Words[] = []
        let value: Decimal
        let currency = plan.currency
        // a plain rate is paid on the credit as it is; amounts written in the plan's currency
        // (flat amounts, caps, floors, tier thresholds) need the credit in that currency
        const isPlain =
          rule.rate !== undefined && rule.capMinor === undefined && rule.floorMinor === undefined
        if (isPlain) {
          currency = deal.currency
          const paid = dealCredit.times(rule.rate!)
          value = paid
          ruleSteps.push(
            () =>
              `${money(dealCredit, deal.currency)} × ${percent(rule.rate!)} = ${money(paid, deal.currency)}`,
          )
        } else if (rule.flatMinor !== undefined) {
          value = new Decimal(rule.flatMinor)
          ruleSteps.push(() => `A fixed ${money(BigInt(rule.flatMinor!), plan.currency)} per deal`)
        } else {
          const credit = inPlan.get(deal.dealId)
          if (!credit) {
            blocked = true
            break
          }
          const toPlan = credit.fx
          if (toPlan)
            ruleSteps.push(
              () =>
                `Credit in the plan’s currency: ${money(deal.credit.amountMinor, deal.currency)} × ${toPlan.rate} (${deal.currency}→${plan.currency}, ${toPlan.day}) = ${money(credit.value, plan.currency)}`,
            )
          if (rule.rate !== undefined) {
            const paid = credit.value.times(rule.rate)
            const rate = rule.rate
            value = paid
            ruleSteps.push(
              () =>
                `${money(credit.value, plan.currency)} × ${percent(rate)} = ${money(paid, plan.currency)}`,
            )
          } else {
            if (!terms.tiers) continue
            const period = periodOf(terms.tiers.period, deal.closedOn, terms.window)
            const { before, total } = periodFigures(period, deal.dealId)
            const tiered = tieredValue(terms.tiers, credit.value, before, total, plan.currency)
            value = tiered.value
            ruleSteps.push(() => `Tiers over ${period.label}:`, ...tiered.steps)
          }
        }
        if (rule.capMinor !== undefined && value.gt(rule.capMinor)) {
          value = new Decimal(rule.capMinor)
          ruleSteps.push(() => `Capped at ${money(BigInt(rule.capMinor!), plan.currency)} a deal`)
        }
        if (rule.floorMinor !== undefined && value.lt(rule.floorMinor)) {
          value = new Decimal(rule.floorMinor)
          ruleSteps.push(
            () => `Raised to the floor of ${money(BigInt(rule.floorMinor!), plan.currency)} a deal`,
          )
        }
        // what the partner is paid, in their currency, before the one rounding
        let result = value
        let fx: ReceiptView['fx'] = null
        if (currency !== partner.currency) {
          const rate = rateOn(currency, partner.currency, deal.closedOn)
          if (!rate) {
            missingRate(currency, partner.currency)
            blocked = true
            break
          }
          const converted = value
          const from = currency
          result = convertMinor(value, currency, partner.currency, rate.rate)
          fx = { from: currency, to: partner.currency, rate: rate.rate, day: rate.day }
          ruleSteps.push(
            () =>
              `In the partner’s currency: ${money(converted, from)} × ${rate.rate} (${from}→${partner.currency}, ${rate.day})`,
          )
        }
        candidates.push({ ruleId: rule.id, label: rule.label, value: result, fx, steps: ruleSteps })
      }
      if (blocked) {
        if (!problems.some((p) => p.dealId === deal.dealId && p.planId === plan.id))
          missingRate(deal.currency, plan.currency)
        continue
      }
      if (candidates.length === 0) continue
      const matched = candidates.length
      let chosen: Candidate[]
      let why: string
      if (terms.matchPolicy === 'stacked') {
        chosen = candidates
        why =
          matched === 1
            ? 'the only rule that matched'
            : `one of ${matched} matching rules, all paid (stacked)`
      } else if (terms.matchPolicy === 'highest') {
        const best = candidates.reduce((a, b) => (b.value.gt(a.value) ? b : a))
        chosen = [best]
        why = matched === 1 ? 'the only rule that matched' : `the highest-paying of ${matched} matching rules`
      } else {
        chosen = [candidates[0]!]
        why =
          matched === 1
            ? 'the only rule that matched'
            : `the first of ${matched} matching rules, in the plan’s order`
      }
      for (const candidate of chosen) {
        const amountMinor = toMinor(candidate.value)
        const fx = candidate.fx
        const payoutSteps: Words[] = [
          () => `= ${money(amountMinor, partner.currency)}, rounded half-even once`,
        ]
        const words = [...steps, ...creditSteps, ...candidate.steps, ...payoutSteps]
        let receipt: ReceiptView | undefined
        lines.push({
          lineKey: lineKeyOf(plan.id, deal.dealId, partner.id, candidate.ruleId),
          planId: plan.id,
          dealId: deal.dealId,
          partnerId: partner.id,
          ruleId: candidate.ruleId,
          lineDate: deal.closedOn,
          holdDays: terms.holdDays,
          amountMinor,
          currency: partner.currency,
          // built when read, once: comparing amounts with the ledger needs none
          get receipt(): ReceiptView {
            receipt ??= {
              deal: {
                id: deal.dealId,
                name: deal.dealName,
                type: deal.dealType,
                amount: toMoneyView(deal.amountMinor, deal.currency),
                closedOn: deal.closedOn,
              },
              credit: {
                share: deal.credit.share,
                amount: toMoneyView(deal.credit.amountMinor, deal.currency),
                modelId: deal.credit.modelId,
                modelName: deal.credit.modelName,
                modelVersion: deal.credit.modelVersion,
                runId: deal.credit.runId,
              },
              plan: {
                id: plan.id,
                name: plan.name,
                version: version.version,
                effectiveFrom: version.effectiveFrom,
              },
              rule: { id: candidate.ruleId, label: candidate.label, why },
              steps: words.map((word) => word()),
              fx,
              result: toMoneyView(amountMinor, partner.currency),
            }
            return receipt
          },
        })
      }
    }
  }
  return { lines, problems }
}
