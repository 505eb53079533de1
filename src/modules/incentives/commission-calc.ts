// What a partner has earned, worked out from facts alone: each credited won deal under the plan
// version in force on the day it closed — commission = deal amount × attribution share × rate — with
// tiers over the period's attributed revenue, caps, floors, recurring limits, SPIF windows, and
// refunds and churn clawed back under the plan's terms, with a receipt that shows every step. Pure: the caller reads the facts and the rates.
import { evaluateLogic, isTruthyLogic } from '../../attribution'
import { formatAmount, toMoneyView } from '../../money'
import { type RevenueEffect, type RevenueEvent, revenueEffect } from './clawback'
import {
  convertMinor,
  Decimal,
  money,
  monthsBetween,
  percent,
  periodOf,
  tieredValue,
  toMinor,
  type Words,
} from './commission-math'
import type { PlanTerms, ReceiptView } from './incentives.contract'

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
  /** Refunds and churn after the close, oldest first; `on` is the day. */
  revenue: readonly RevenueEvent[]
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

interface Candidate {
  ruleId: string
  label: string
  /** In the partner's currency, not yet rounded. */
  value: Decimal
  fx: ReceiptView['fx']
  steps: Words[]
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
    // and each deal's credit after refunds and churn under the clawback terms it closed under
    const inPlan = new Map<string, { value: Decimal; fx: { rate: string; day: string } | null } | null>()
    const effects = new Map<string, RevenueEffect>()
    const keptCredit = (deal: CreditedDeal) => {
      const credit = new Decimal(deal.credit.amountMinor.toString())
      const effect = effects.get(deal.dealId)
      return effect ? credit.times(effect.kept) : credit
    }
    for (const deal of ordered) {
      const effect = revenueEffect(deal, versionOn(plan, deal.closedOn)?.terms.clawback)
      if (effect) effects.set(deal.dealId, effect)
      if (deal.currency === plan.currency) {
        inPlan.set(deal.dealId, { value: keptCredit(deal), fx: null })
        continue
      }
      const fx = rateOn(deal.currency, plan.currency, deal.closedOn)
      inPlan.set(
        deal.dealId,
        fx ? { value: convertMinor(keptCredit(deal), deal.currency, plan.currency, fx.rate), fx } : null,
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
      const effect = effects.get(deal.dealId)
      const clawedBack = effect?.kept.isZero() ?? false
      const dealCredit = keptCredit(deal)
      const creditSteps: Words[] = [
        () =>
          `Deal ${money(deal.amountMinor, deal.currency)} × attribution share ${percent(deal.credit.share)} (${deal.credit.modelName} v${deal.credit.modelVersion}) = credit ${money(deal.credit.amountMinor, deal.currency)}`,
        ...(effect?.steps ?? []),
      ]
      if (effect && !clawedBack && effect.refundedMinor > 0n)
        creditSteps.push(
          () =>
            `Credit kept: ${money(deal.credit.amountMinor, deal.currency)} × ${percent(effect.kept)} = ${money(dealCredit, deal.currency)}`,
        )
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
        if (clawedBack && !value.isZero()) {
          value = new Decimal(0)
          ruleSteps.push(() => 'Clawed back: nothing is earned on this deal')
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
              revenue:
                effect && (effect.refundedMinor > 0n || effect.churnedOn)
                  ? {
                      refunded: toMoneyView(effect.refundedMinor, deal.currency),
                      churnedOn: effect.churnedOn,
                    }
                  : null,
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
