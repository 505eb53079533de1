// A plan draft tried on a past period before it is saved: what every partner would have earned on
// the deals that closed in it, beside what the plans in force pay. Nothing is stored.
import type { Db } from '../../db/client'
import { toMoneyView } from '../../money'
import type { Clock } from '../../platform/clock'
import type { Scope } from '../../platform/scope'
import { listPaidPartners } from '../credits'
import { computeEarnings, type PlanFacts } from './commission-calc'
import type { PlanPreviewInput, PlanPreviewView } from './incentives.contract'
import { incentivesPermissions } from './incentives.permissions'
import { readEarningInputs } from './ledger.service'
import { checkTerms, readPlanFacts } from './plans.service'

/** The calendar quarter before the one `day` falls in. */
export function lastQuarter(day: Date): { from: string; to: string } {
  const quarter = Math.floor(day.getUTCMonth() / 3)
  const start = new Date(Date.UTC(day.getUTCFullYear(), (quarter - 1) * 3, 1))
  const end = new Date(Date.UTC(day.getUTCFullYear(), quarter * 3, 0))
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) }
}

export async function previewPlan(
  db: Db,
  scope: Scope,
  input: PlanPreviewInput,
  clock: Clock,
): Promise<PlanPreviewView> {
  incentivesPermissions.require(scope, 'incentives.plans')
  checkTerms(input.terms)
  const period = {
    ...lastQuarter(clock.now()),
    ...(input.from ? { from: input.from } : {}),
    ...(input.to ? { to: input.to } : {}),
  }
  const current = await readPlanFacts(db, scope.orgId)
  const draft: PlanFacts = {
    id: input.planId ?? 'draft',
    name: input.name,
    kind: input.kind,
    currency: input.currency,
    // the draft's terms over the whole period
    versions: [{ version: 0, effectiveFrom: '0001-01-01', terms: input.terms }],
  }
  const drafted = [...current.filter((p) => p.id !== input.planId), draft]
  const closed = {
    from: new Date(`${period.from}T00:00:00Z`),
    to: new Date(Date.parse(`${period.to}T00:00:00Z`) + 86_400_000),
  }
  const inputs = await readEarningInputs(db, scope.orgId, await listPaidPartners(db, scope.orgId), drafted, {
    closed,
  })
  const totals = new Map<string, { current: bigint; draft: bigint }>()
  const rows: PlanPreviewView['partners'] = []
  const problems: PlanPreviewView['problems'] = []
  for (const [partnerId, deals] of inputs.credited) {
    const partner = inputs.partners.get(partnerId)!
    const sum = (plans: PlanFacts[]) => {
      const earned = computeEarnings(plans, partner, deals, inputs.rateOn)
      if (plans === drafted) problems.push(...earned.problems.filter((p) => p.planId === draft.id))
      return earned.lines.reduce((total, line) => total + line.amountMinor, 0n)
    }
    const now = sum(current)
    const then = sum(drafted)
    const total = totals.get(partner.currency) ?? { current: 0n, draft: 0n }
    totals.set(partner.currency, { current: total.current + now, draft: total.draft + then })
    if (now === 0n && then === 0n) continue
    rows.push({
      partnerId,
      partnerName: partner.name,
      deals: deals.length,
      current: toMoneyView(now, partner.currency),
      draft: toMoneyView(then, partner.currency),
      difference: toMoneyView(then - now, partner.currency),
    })
  }
  const size = (v: string) => (BigInt(v) < 0n ? -BigInt(v) : BigInt(v))
  rows.sort((a, b) => {
    const d = size(b.difference.amountMinor) - size(a.difference.amountMinor)
    return d > 0n ? 1 : d < 0n ? -1 : a.partnerName.localeCompare(b.partnerName)
  })
  return {
    ...period,
    totals: [...totals].map(([currency, t]) => ({
      current: toMoneyView(t.current, currency),
      draft: toMoneyView(t.draft, currency),
      difference: toMoneyView(t.draft - t.current, currency),
    })),
    partners: rows.slice(0, 50),
    problems: problems.slice(0, 50).map((p) => ({ dealId: p.dealId, reason: p.reason })),
  }
}
