import { createRandom } from './random'
import { DIRECT, type Journey, type JourneyKind, type Outcome, type Touch } from './types'

// Synthetic journeys with a known truth: outcomes are drawn from a logistic model whose lifts per
// activity type and actor kind are given, so tests and benchmarks can check what models recover.

export interface SyntheticOptions {
  count: number
  seed: number
  actorCount?: number
  kinds?: readonly string[]
  activities?: readonly string[]
  maxActors?: number
  maxTouches?: number
  /** Logit lift of each activity type present in a journey. */
  activityLift?: Readonly<Record<string, number>>
  /** Logit lift of each actor kind present in a journey. */
  kindLift?: Readonly<Record<string, number>>
  baseLogit?: number
  /** Share of journeys left open. */
  openFraction?: number
  start?: number
}

export const SYNTHETIC_KINDS = [DIRECT, 'reseller', 'referral', 'marketplace', 'distributor'] as const
export const SYNTHETIC_ACTIVITIES = [
  'referral',
  'deal_registration',
  'demo',
  'meeting',
  'marketing',
  'email',
] as const

const DAY = 86_400_000

export function logisticOf(logit: number): number {
  return 1 / (1 + Math.exp(-logit))
}

/** Logit of a set of touches under the synthetic truth: each activity type and kind counts once. */
export function trueLogit(touches: readonly Touch[], options: SyntheticOptions): number {
  let logit = options.baseLogit ?? -1
  for (const activity of new Set(touches.map((touch) => touch.activity)))
    logit += options.activityLift?.[activity] ?? 0
  for (const kind of new Set(touches.map((touch) => touch.actorKind))) logit += options.kindLift?.[kind] ?? 0
  return logit
}

export function generateJourneys(options: SyntheticOptions): Journey[] {
  const random = createRandom(options.seed)
  const kinds = options.kinds ?? SYNTHETIC_KINDS
  const activities = options.activities ?? SYNTHETIC_ACTIVITIES
  const actorCount = options.actorCount ?? 40
  const start = options.start ?? Date.UTC(2025, 0, 1)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const actorKinds = Array.from({ length: actorCount }, (_, index) =>
    index === 0 ? DIRECT : pick(kinds.slice(1)),
  )
  const journeys: Journey[] = []
  for (let index = 0; index < options.count; index++) {
    const createdAt = start + Math.floor(random() * 300) * DAY
    const length = 30 + Math.floor(random() * 60)
    const closedAt = createdAt + length * DAY
    const actorTotal = 1 + Math.floor(random() * (options.maxActors ?? 3))
    const actors = new Set<number>()
    while (actors.size < Math.min(actorTotal, actorCount)) actors.add(Math.floor(random() * actorCount))
    const touchTotal = Math.max(actors.size, 1 + Math.floor(random() * (options.maxTouches ?? 5)))
    const actorList = [...actors]
    const touches: Touch[] = Array.from({ length: touchTotal }, (_, touchIndex) => {
      const actor = touchIndex < actorList.length ? (actorList[touchIndex] ?? 0) : pick(actorList)
      const kind = actorKinds[actor] ?? DIRECT
      return {
        id: `t${index}-${touchIndex}`,
        actor: actor === 0 ? DIRECT : `p${actor}`,
        actorKind: kind,
        activity: pick(activities),
        at: createdAt - 20 * DAY + Math.floor(random() * (length + 20) * DAY),
      }
    })
    const isOpen = random() < (options.openFraction ?? 0)
    const outcome: Outcome = isOpen
      ? 'open'
      : random() < logisticOf(trueLogit(touches, options))
        ? 'won'
        : 'lost'
    const kind: JourneyKind = 'new'
    journeys.push({
      id: `j${String(index).padStart(7, '0')}`,
      amountMinor: BigInt(1000 + Math.floor(random() * 50_000) * 100),
      currency: 'USD',
      outcome,
      createdAt,
      ...(isOpen ? {} : { closedAt }),
      kind,
      touches,
    })
  }
  return journeys
}
