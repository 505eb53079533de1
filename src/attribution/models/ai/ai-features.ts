import { daysBefore } from '../../explain'
import { DIRECT, type PreparedJourney } from '../../types'

// What the AI-weighted model looks at in a set of touches: how often each activity happened
// (log1p, so repeats help with diminishing returns), which actor kinds took part, which activity
// opened and which closed the journey, how recent the touches were and how many partners joined.

export interface FeatureIndex {
  names: readonly string[]
  activity: ReadonlyMap<string, number>
  kind: ReadonlyMap<string, number>
  first: ReadonlyMap<string, number>
  last: ReadonlyMap<string, number>
  recency: number
  partners: number
  /** 1 where the feature is an actor-kind indicator rather than a count. */
  isKind: Uint8Array
}

export function buildFeatureIndex(activities: readonly string[], kinds: readonly string[]): FeatureIndex {
  const names: string[] = []
  const add = (name: string) => names.push(name) - 1
  const activity = new Map(activities.map((name) => [name, add(`activity:${name}`)]))
  const kind = new Map(kinds.map((name) => [name, add(`kind:${name}`)]))
  const first = new Map(activities.map((name) => [name, add(`first:${name}`)]))
  const last = new Map(activities.map((name) => [name, add(`last:${name}`)]))
  const recency = add('recency')
  const partners = add('partners')
  return { names, activity, kind, first, last, recency, partners, isKind: markKinds(names) }
}

function markKinds(names: readonly string[]): Uint8Array {
  return Uint8Array.from(names, (name) => (name.startsWith('kind:') ? 1 : 0))
}

export function indexFromNames(names: readonly string[]): FeatureIndex {
  const pick = (prefix: string) =>
    new Map(
      names.flatMap((name, index) =>
        name.startsWith(prefix) ? [[name.slice(prefix.length), index] as const] : [],
      ),
    )
  return {
    names,
    activity: pick('activity:'),
    kind: pick('kind:'),
    first: pick('first:'),
    last: pick('last:'),
    recency: names.indexOf('recency'),
    partners: names.indexOf('partners'),
    isKind: markKinds(names),
  }
}

/** A journey's touches resolved against the feature index once, so each coalition costs one pass. */
export interface ResolvedTouches {
  count: number
  activity: Int32Array
  kind: Int32Array
  first: Int32Array
  last: Int32Array
  recency: Float64Array
  player: Int32Array
  isPartner: Uint8Array
  /** Per-feature counts, zero between passes; shared by every journey of a feature index. */
  scratch: Float64Array
  /** Features touched in the current pass (activities and kinds), so only they are reset. */
  touchedActivities: Int32Array
}

/** log1p of small counts, looked up: Shapley scoring evaluates it for every coalition. */
const LOG1P_COUNTS = Float64Array.from({ length: 256 }, (_, count) => Math.log1p(count))

function log1pCount(count: number): number {
  return count < 256 ? LOG1P_COUNTS[count] : Math.log1p(count)
}

const scratchByIndex = new WeakMap<FeatureIndex, { counts: Float64Array; touched: Int32Array }>()

function scratchFor(index: FeatureIndex, touches: number) {
  let scratch = scratchByIndex.get(index)
  if (!scratch || scratch.touched.length < 2 * touches) {
    scratch = {
      counts: new Float64Array(index.names.length),
      touched: new Int32Array(Math.max(64, 2 * touches)),
    }
    scratchByIndex.set(index, scratch)
  }
  return scratch
}

export function resolveTouches(
  journey: PreparedJourney,
  index: FeatureIndex,
  halfLifeDays: number,
): ResolvedTouches {
  const count = journey.touches.length
  // one buffer cut into columns: a journey is resolved once per attribution, and allocations add up
  const ints = new Int32Array(5 * count)
  const scratch = scratchFor(index, count)
  const resolved: ResolvedTouches = {
    count,
    activity: ints.subarray(0, count),
    kind: ints.subarray(count, 2 * count),
    first: ints.subarray(2 * count, 3 * count),
    last: ints.subarray(3 * count, 4 * count),
    player: ints.subarray(4 * count, 5 * count),
    recency: new Float64Array(count),
    isPartner: new Uint8Array(count),
    scratch: scratch.counts,
    touchedActivities: scratch.touched,
  }
  journey.touches.forEach((touch, position) => {
    resolved.activity[position] = index.activity.get(touch.activity) ?? -1
    resolved.kind[position] = index.kind.get(touch.actorKind) ?? -1
    resolved.first[position] = index.first.get(touch.activity) ?? -1
    resolved.last[position] = index.last.get(touch.activity) ?? -1
    resolved.recency[position] = 2 ** (-daysBefore(touch.at, journey.referenceTime) / halfLifeDays)
    resolved.player[position] = Math.max(0, journey.actors.indexOf(touch.actor))
    resolved.isPartner[position] = touch.actorKind === DIRECT ? 0 : 1
  })
  return resolved
}

/**
 * Emits the non-zero features of the touches whose player is in `mask` (−1 = every player).
 * Each feature index is emitted at most once.
 */
export function emitFeatures(
  resolved: ResolvedTouches,
  index: FeatureIndex,
  mask: number,
  emit: (feature: number, value: number) => void,
): void {
  let firstTouch = -1
  let lastTouch = -1
  let recency = 0
  let partnerMask = 0
  let partnerCount = 0
  let touched = 0
  const counts = resolved.scratch
  for (let touch = 0; touch < resolved.count; touch++) {
    const bit = 1 << resolved.player[touch]
    if ((mask & bit) === 0) continue
    if (firstTouch < 0) firstTouch = touch
    lastTouch = touch
    recency += resolved.recency[touch]
    const activity = resolved.activity[touch]
    if (activity >= 0) {
      if (counts[activity] === 0) resolved.touchedActivities[touched++] = activity
      counts[activity]++
    }
    const kind = resolved.kind[touch]
    if (kind >= 0 && counts[kind] === 0) {
      counts[kind] = 1
      resolved.touchedActivities[touched++] = kind
    }
    if (resolved.isPartner[touch] === 1 && (partnerMask & bit) === 0) {
      partnerMask |= bit
      partnerCount++
    }
  }
  for (let k = 0; k < touched; k++) {
    const feature = resolved.touchedActivities[k]
    emit(feature, index.isKind[feature] === 1 ? 1 : Math.log1p(counts[feature]))
    counts[feature] = 0
  }
  if (firstTouch >= 0) {
    if (resolved.first[firstTouch] >= 0) emit(resolved.first[firstTouch], 1)
    if (resolved.last[lastTouch] >= 0) emit(resolved.last[lastTouch], 1)
    emit(index.recency, Math.log1p(recency))
    if (partnerCount > 0) emit(index.partners, Math.log1p(partnerCount))
  }
}

/**
 * The logit of the touches whose player is in `mask`: the same features as emitFeatures, summed
 * against the coefficients in place. Shapley values evaluate this for every coalition, so it avoids
 * the callback.
 */
export function scoreMask(
  resolved: ResolvedTouches,
  index: FeatureIndex,
  mask: number,
  intercept: number,
  coefficients: Float64Array,
): number {
  let firstTouch = -1
  let lastTouch = -1
  let recency = 0
  let partnerMask = 0
  let partnerCount = 0
  let touched = 0
  const counts = resolved.scratch
  const list = resolved.touchedActivities
  for (let touch = 0; touch < resolved.count; touch++) {
    const bit = 1 << resolved.player[touch]
    if ((mask & bit) === 0) continue
    if (firstTouch < 0) firstTouch = touch
    lastTouch = touch
    recency += resolved.recency[touch]
    const activity = resolved.activity[touch]
    if (activity >= 0) {
      if (counts[activity] === 0) list[touched++] = activity
      counts[activity]++
    }
    const kind = resolved.kind[touch]
    if (kind >= 0 && counts[kind] === 0) {
      counts[kind] = 1
      list[touched++] = kind
    }
    if (resolved.isPartner[touch] === 1 && (partnerMask & bit) === 0) {
      partnerMask |= bit
      partnerCount++
    }
  }
  let z = intercept
  for (let k = 0; k < touched; k++) {
    const feature = list[k]
    z += coefficients[feature] * (index.isKind[feature] === 1 ? 1 : log1pCount(counts[feature]))
    counts[feature] = 0
  }
  if (firstTouch >= 0) {
    if (resolved.first[firstTouch] >= 0) z += coefficients[resolved.first[firstTouch]]
    if (resolved.last[lastTouch] >= 0) z += coefficients[resolved.last[lastTouch]]
    z += coefficients[index.recency] * Math.log1p(recency)
    if (partnerCount > 0) z += coefficients[index.partners] * LOG1P_COUNTS[partnerCount]
  }
  return z
}
