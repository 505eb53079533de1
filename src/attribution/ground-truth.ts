import { createRandom } from './random'
import { computeRankCorrelation } from './recommend'
import { computeExactShapley } from './shapley-values'
import type { Journey, Touch } from './types'

// Journeys whose outcomes follow a known rule, to check what a model credits. Each partner present
// on a deal adds its kind's lift to the log-odds of winning; one kind touches most deals and has no
// effect at all, and partners differ in how often they join deals and how much they touch them.
// Each kind favours its own activities, so activity and kind move together (the trap a model with
// collinear features falls into). The true credit of a won deal is each partner's exact Shapley
// share of the true lift σ(b + Σ lifts) − σ(b); a deal with no lift credits no partner.

export interface GroundTruthOptions {
  journeys: number
  seed: number
  /** Log-odds of winning with no partner. */
  baseLogit?: number
}

export interface PartnerKindTruth {
  kind: string
  lift: number
  partners: number
  /** How much more often than others its partners join deals. */
  reach: number
  activities: readonly string[]
}

/** The zero-effect kind first: it is the most frequent, and its partners touch the most. */
export const GROUND_TRUTH_KINDS: readonly PartnerKindTruth[] = [
  { kind: 'marketplace', lift: 0, partners: 12, reach: 4, activities: ['marketing', 'email', 'meeting'] },
  { kind: 'reseller', lift: 1.2, partners: 10, reach: 1, activities: ['demo', 'meeting', 'proposal'] },
  { kind: 'referral', lift: 0.8, partners: 10, reach: 1, activities: ['referral', 'email'] },
  { kind: 'distributor', lift: 0.5, partners: 8, reach: 1, activities: ['deal_registration', 'meeting'] },
  { kind: 'agency', lift: 0.3, partners: 10, reach: 1.5, activities: ['marketing', 'demo', 'email'] },
]

export interface GroundTruth {
  journeys: Journey[]
  /** Partner id → true credit: Shapley shares of the true lift summed over won deals. */
  credit: Map<string, number>
  kindOf: Map<string, string>
  wonDeals: number
}

const DAY = 86_400_000

export function sigmoidOf(z: number): number {
  return 1 / (1 + Math.exp(-z))
}

export function generateGroundTruth(options: GroundTruthOptions): GroundTruth {
  const random = createRandom(options.seed)
  const base = options.baseLogit ?? -1.5
  const partners: { id: string; kind: PartnerKindTruth; activity: number; reach: number }[] = []
  for (const kind of GROUND_TRUTH_KINDS) {
    for (let n = 0; n < kind.partners; n++) {
      // activity levels spread over about a factor of ten within a kind
      const activity = Math.exp(2.3 * (random() - 0.5))
      partners.push({ id: `${kind.kind}-${n + 1}`, kind, activity, reach: kind.reach * activity })
    }
  }
  const reachTotal = partners.reduce((sum, partner) => sum + partner.reach, 0)
  const pickPartner = () => {
    let target = random() * reachTotal
    for (const partner of partners) {
      target -= partner.reach
      if (target <= 0) return partner
    }
    return partners[partners.length - 1] as (typeof partners)[number]
  }
  const credit = new Map(partners.map((partner) => [partner.id, 0]))
  const kindOf = new Map(partners.map((partner) => [partner.id, partner.kind.kind]))
  const journeys: Journey[] = []
  let wonDeals = 0
  for (let index = 0; index < options.journeys; index++) {
    const size = 1 + Math.floor(random() * random() * 4)
    const present = new Set<(typeof partners)[number]>()
    while (present.size < size) present.add(pickPartner())
    const members = [...present]
    const closedAt = Date.UTC(2025, 0, 1) + Math.floor(random() * 365) * DAY
    const touches: Touch[] = []
    for (const partner of members) {
      const count = Math.min(8, 1 + Math.floor(random() * 2 * partner.activity))
      for (let k = 0; k < count; k++) {
        const activities = partner.kind.activities
        touches.push({
          id: `t${index}-${touches.length}`,
          actor: partner.id,
          actorKind: partner.kind.kind,
          activity: activities[Math.floor(random() * activities.length)] ?? 'meeting',
          at: closedAt - Math.floor(random() * 90 * DAY),
        })
      }
    }
    const lifts = members.map((partner) => partner.kind.lift)
    const z = base + lifts.reduce((sum, lift) => sum + lift, 0)
    const isWon = random() < sigmoidOf(z)
    if (isWon) {
      wonDeals++
      const phi = computeExactShapley(members.length, (mask) => {
        let coalition = base
        lifts.forEach((lift, player) => {
          if (mask & (1 << player)) coalition += lift
        })
        return sigmoidOf(coalition) - sigmoidOf(base)
      })
      const total = phi.reduce((sum, value) => sum + value, 0)
      if (total > 0)
        members.forEach((partner, player) => {
          credit.set(partner.id, (credit.get(partner.id) ?? 0) + (phi[player] ?? 0) / total)
        })
    }
    journeys.push({
      id: `d${String(index).padStart(6, '0')}`,
      amountMinor: 100_000n,
      currency: 'USD',
      outcome: isWon ? 'won' : 'lost',
      createdAt: closedAt - 120 * DAY,
      closedAt,
      kind: 'new',
      touches,
    })
  }
  return { journeys, credit, kindOf, wonDeals }
}

export interface GroundTruthScore {
  /** Share of all credit on won deals that went to the zero-effect kind. */
  zeroKindShare: number
  /** Spearman correlation of credit per partner against the true credit. */
  rankCorrelation: number
  /** Σ |credit − true credit| over partners, per won deal (0 = exact, 2 = disjoint). */
  error: number
}

/** Scores credit per actor (conversions on won deals) against the truth. */
export function scoreAgainstTruth(
  truth: GroundTruth,
  credited: ReadonlyMap<string, number>,
): GroundTruthScore {
  const zeroKind = GROUND_TRUTH_KINDS[0]?.kind
  const ids = [...truth.credit.keys()]
  let zero = 0
  for (const [actor, value] of credited) if (truth.kindOf.get(actor) === zeroKind) zero += value
  const expected = ids.map((id) => truth.credit.get(id) ?? 0)
  const actual = ids.map((id) => credited.get(id) ?? 0)
  let error = 0
  ids.forEach((_, index) => {
    error += Math.abs((actual[index] ?? 0) - (expected[index] ?? 0))
  })
  return {
    zeroKindShare: zero / truth.wonDeals,
    rankCorrelation: computeRankCorrelation(actual, expected),
    error: error / truth.wonDeals,
  }
}
