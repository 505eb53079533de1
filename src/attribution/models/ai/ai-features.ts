import { daysBefore } from '../../explain'
import type { PreparedJourney } from '../../types'

// What the AI-weighted model looks at, actor by actor: the actor's kind, how often it did each
// activity (log1p, so repeats help with diminishing returns) and how recent its touches were. A
// journey's logit is the intercept plus the sum of its actors' terms, so every part of the lift
// belongs to one actor: there is no shared term (a count of partners, the journey's first touch)
// whose weight would have to be spread over actors that did not earn it, and an actor whose terms
// weigh nothing is a null player that Shapley values give nothing.

export interface FeatureIndex {
  names: readonly string[]
  activity: ReadonlyMap<string, number>
  kind: ReadonlyMap<string, number>
  recency: number
}

export function buildFeatureIndex(activities: readonly string[], kinds: readonly string[]): FeatureIndex {
  const names: string[] = []
  const add = (name: string) => names.push(name) - 1
  const kind = new Map(kinds.map((name) => [name, add(`kind:${name}`)]))
  const activity = new Map(activities.map((name) => [name, add(`activity:${name}`)]))
  const recency = add('recency')
  return { names, activity, kind, recency }
}

export function indexFromNames(names: readonly string[]): FeatureIndex {
  const pick = (prefix: string) =>
    new Map(
      names.flatMap((name, index) =>
        name.startsWith(prefix) ? [[name.slice(prefix.length), index] as const] : [],
      ),
    )
  return { names, activity: pick('activity:'), kind: pick('kind:'), recency: names.indexOf('recency') }
}

/** Each actor's non-zero features (compressed rows: actor a owns entries start[a] … start[a+1]−1). */
export interface ActorFeatures {
  start: Int32Array
  feature: Int32Array
  value: Float64Array
}

const scratchByIndex = new WeakMap<FeatureIndex, Float64Array>()

/** Features of every actor of the journey, in the order of `journey.actors`. */
export function computeActorFeatures(
  journey: PreparedJourney,
  index: FeatureIndex,
  halfLifeDays: number,
): ActorFeatures {
  let counts = scratchByIndex.get(index)
  if (!counts) {
    counts = new Float64Array(index.names.length)
    scratchByIndex.set(index, counts)
  }
  const actors = journey.actors
  const start = new Int32Array(actors.length + 1)
  const feature: number[] = []
  const value: number[] = []
  const touched: number[] = []
  actors.forEach((actor, position) => {
    let recency = 0
    let kind = -1
    for (const touch of journey.touches) {
      if (touch.actor !== actor) continue
      kind = index.kind.get(touch.actorKind) ?? kind
      recency += 2 ** (-daysBefore(touch.at, journey.referenceTime) / halfLifeDays)
      const activity = index.activity.get(touch.activity)
      if (activity === undefined) continue
      if (counts[activity] === 0) touched.push(activity)
      counts[activity]++
    }
    if (kind >= 0) {
      feature.push(kind)
      value.push(1)
    }
    touched.sort((a, b) => a - b)
    for (const activity of touched) {
      feature.push(activity)
      value.push(Math.log1p(counts[activity]))
      counts[activity] = 0
    }
    touched.length = 0
    if (index.recency >= 0) {
      feature.push(index.recency)
      value.push(Math.log1p(recency))
    }
    start[position + 1] = feature.length
  })
  return { start, feature: Int32Array.from(feature), value: Float64Array.from(value) }
}

/** What turns an actor's features into its term of the logit. */
export interface ActorTermModel {
  coefficients: ArrayLike<number>
  /** Covariance of the coefficients, row-major. */
  covariance: ArrayLike<number>
  /** How many standard errors an actor's term must clear to count. */
  margin: number
  /** Calibration slope applied to what clears the margin. */
  slope: number
}

/**
 * Each actor's term of the logit: its features against the coefficients, moved toward zero by
 * `margin` standard errors of that same sum (to zero when within them), then calibrated. The error
 * is of the actor's whole term, so two collinear features that share one clear effect keep it, while
 * an actor whose estimated lift could be noise gets none.
 */
export function computeActorLogits(features: ActorFeatures, model: ActorTermModel): Float64Array {
  const terms = new Float64Array(features.start.length - 1)
  const width = Math.round(Math.sqrt(model.covariance.length))
  for (let actor = 0; actor < terms.length; actor++) {
    let z = 0
    let variance = 0
    const from = features.start[actor]
    const to = features.start[actor + 1]
    for (let k = from; k < to; k++) {
      const a = features.feature[k]
      const xa = features.value[k]
      z += (model.coefficients[a] ?? 0) * xa
      for (let m = from; m < to; m++)
        variance += xa * (model.covariance[a * width + features.feature[m]] ?? 0) * features.value[m]
    }
    const clear = Math.max(0, Math.abs(z) - model.margin * Math.sqrt(Math.max(0, variance)))
    terms[actor] = model.slope * Math.sign(z) * clear
  }
  return terms
}

/**
 * The journey's row for learning: the sum of its actors' features, emitted in feature order. The
 * model's logit of any coalition of actors is then the intercept plus the sum of their terms.
 */
export function emitJourneyFeatures(
  features: ActorFeatures,
  width: number,
  emit: (feature: number, value: number) => void,
): void {
  const sums = new Map<number, number>()
  for (let k = 0; k < features.feature.length; k++)
    sums.set(features.feature[k], (sums.get(features.feature[k]) ?? 0) + features.value[k])
  for (let feature = 0; feature < width; feature++) {
    const value = sums.get(feature)
    if (value !== undefined && value !== 0) emit(feature, value)
  }
}
