import { allocate } from '../money'
import { AttributionError } from './attribution-error'
import { daysBefore, describeActorCredit } from './explain'
import { prepareJourney } from './prepare'
import { blendWithParent } from './recurring'
import { formatShareUnits, splitShares, splitShareUnits } from './split-shares'
import { type ActorShare, applyTiers } from './tiers'
import {
  type AttributionModel,
  type AttributionOptions,
  type Credit,
  type CreditAdjustment,
  DIRECT,
  type Explanation,
  type Journey,
  type JourneyAttribution,
  type JsonValue,
  type LearnedModel,
  type PreparedJourney,
  type TouchExplanation,
} from './types'

export interface RunInput<P> {
  model: AttributionModel<P>
  params: P
  paramsJson: JsonValue
  learned: LearnedModel | undefined
  options: AttributionOptions
  /** Final shares of the parent journey, for renewals and expansions. */
  parentShares?: readonly ActorShare[]
}

/**
 * Exact amounts for the shares: the batch path's float largest remainder while the amount is a safe
 * integer (so both paths give the same minor units), money's bigint allocate beyond it.
 */
function splitAmount(amountMinor: bigint, shares: readonly number[]): bigint[] {
  const amount = Number(amountMinor)
  if (!Number.isSafeInteger(amount)) return allocate(amountMinor, shares)
  const { parts, remainders } = scratchFor(shares.length)
  splitShares(Math.abs(amount), shares, 0, shares.length, parts, remainders)
  const amounts = new Array<bigint>(shares.length)
  for (let i = 0; i < shares.length; i++) amounts[i] = BigInt(amount < 0 ? -parts[i]! : parts[i]!)
  return amounts
}

// scratch for the splits, grown as journeys with more actors come: a run allocates none per journey
let scratch = { parts: new Float64Array(16), remainders: new Float64Array(16) }
function scratchFor(length: number) {
  if (scratch.parts.length < length)
    scratch = { parts: new Float64Array(length * 2), remainders: new Float64Array(length * 2) }
  return scratch
}

function checkWeights(weights: readonly number[], count: number, key: string): void {
  if (weights.length !== count) {
    throw new AttributionError(
      'INVALID_WEIGHTS',
      `${key} returned ${weights.length} weights for ${count} touches`,
    )
  }
  for (const weight of weights) {
    if (!(weight >= 0) || !Number.isFinite(weight)) {
      throw new AttributionError('INVALID_WEIGHTS', `${key} returned a negative or non-finite weight`)
    }
  }
}

interface Weighed {
  touches: TouchExplanation[]
  shares: ActorShare[]
  /** Shares from the weights alone, before rules, tiers or inheritance changed them. */
  weightShares: Map<string, number>
  totalWeight: number
  actorNotes: Readonly<Record<string, string>>
  notes: string[]
  adjustments: Map<string, CreditAdjustment[]>
}

function weighTouches<P>(prepared: PreparedJourney, input: RunInput<P>): Weighed {
  const notes: string[] = []
  const adjustments = new Map<string, CreditAdjustment[]>()
  const result = input.model.allocate(prepared, input.params, input.learned ? { learned: input.learned } : {})
  checkWeights(result.touchWeights, prepared.touches.length, input.model.key)
  notes.push(...(result.notes ?? []))
  let weights = result.touchWeights
  let totalWeight = weights.reduce((sum, weight) => sum + weight, 0)
  if (result.creditDirect !== undefined) {
    weights = weights.map(() => 0)
    totalWeight = 0
    notes.push(result.creditDirect)
  } else if (totalWeight === 0) {
    // a model may weigh every touch zero (an all-zero role table); an even split is the honest fallback
    weights = weights.map(() => 1)
    totalWeight = weights.length
    notes.push('Every touch weighed zero under this model, so the touches share equally.')
  }
  const touches = prepared.touches.map((touch, index) => {
    const weight = weights[index] ?? 0
    const entry: TouchExplanation = {
      index,
      actor: touch.actor,
      actorKind: touch.actorKind,
      activity: touch.activity,
      at: touch.at,
      daysBefore: daysBefore(touch.at, prepared.referenceTime),
      weight,
      share: totalWeight > 0 ? weight / totalWeight : 0,
    }
    if (touch.id !== undefined) entry.touchId = touch.id
    return entry
  })
  const byActor = new Map<string, ActorShare>()
  for (const touch of touches) {
    const entry = byActor.get(touch.actor)
    if (entry) entry.share += touch.share
    else byActor.set(touch.actor, { actor: touch.actor, actorKind: touch.actorKind, share: touch.share })
  }
  const weightShares = new Map([...byActor].map(([actor, entry]) => [actor, entry.share]))
  const actorShares = result.actorShares
  if (result.creditDirect !== undefined) {
    byActor.clear()
    byActor.set(DIRECT, { actor: DIRECT, actorKind: DIRECT, share: 1 })
  } else if (actorShares) {
    for (const entry of byActor.values()) entry.share = actorShares[entry.actor] ?? 0
    for (const actor of Object.keys(actorShares)) {
      if (!byActor.has(actor))
        byActor.set(actor, { actor, actorKind: DIRECT, share: actorShares[actor] ?? 0 })
    }
  }
  for (const [actor, list] of Object.entries(result.adjustments ?? {})) adjustments.set(actor, [...list])
  return {
    touches,
    shares: [...byActor.values()],
    weightShares,
    totalWeight,
    actorNotes: result.actorNotes ?? {},
    notes,
    adjustments,
  }
}

function emptyWeighed(): Weighed {
  return {
    touches: [],
    shares: [],
    weightShares: new Map(),
    totalWeight: 0,
    actorNotes: {},
    notes: [],
    adjustments: new Map(),
  }
}

/**
 * A credit whose explanation is worded the first time it is read. A class rather than an object
 * literal with a getter: one shape for every credit, about twice as fast to make. The explanation is
 * enumerable on read through `toJSON`, as a plain credit's would be.
 */
class LazyCredit implements Credit {
  readonly actor: string
  readonly actorKind: string
  readonly share: number
  readonly #entry: ActorShare
  readonly #explain: (entry: ActorShare) => Explanation
  #explanation: Explanation | undefined
  constructor(
    entry: ActorShare,
    readonly shareDecimal: string,
    readonly amountMinor: bigint,
    explain: (entry: ActorShare) => Explanation,
  ) {
    this.actor = entry.actor
    this.actorKind = entry.actorKind
    this.share = entry.share
    this.#entry = entry
    this.#explain = explain
  }
  get explanation(): Explanation {
    this.#explanation ??= this.#explain(this.#entry)
    return this.#explanation
  }
  toJSON(): Credit {
    const { actor, actorKind, share, shareDecimal, amountMinor, explanation } = this
    return { actor, actorKind, share, shareDecimal, amountMinor, explanation }
  }
}

/** Runs one model on one journey: weights → shares → tiers → recurring → exact amounts and explanations. */
export function runModel<P>(journey: Journey, input: RunInput<P>): JourneyAttribution {
  const options = input.options
  const prepared = prepareJourney(journey, options)
  const result = (credits: Credit[], touches: readonly TouchExplanation[], notes: readonly string[]) => {
    const attribution: JourneyAttribution = {
      journeyId: journey.id,
      model: input.model.key,
      currency: journey.currency,
      amountMinor: journey.amountMinor,
      credits,
      touches,
      notes,
    }
    if (input.learned) attribution.modelVersion = input.learned.version
    return attribution
  }
  let weighed: Weighed
  if (prepared.touches.length > 0) {
    weighed = weighTouches(prepared, input)
  } else {
    weighed = emptyWeighed()
    if (journey.touches.length > 0) {
      weighed.shares = [{ actor: DIRECT, actorKind: DIRECT, share: 1 }]
      weighed.notes.push(
        'No touch passed the lookback window and exclusions, so the deal is credited to direct.',
      )
    }
  }
  let shares = weighed.shares
  // what the model alone gave each actor, for the explanations: the weights' shares, or (no touch
  // weighed) the shares as they stand before tiers and inheritance
  const modelShares =
    weighed.weightShares.size > 0 ? weighed.weightShares : new Map(shares.map((e) => [e.actor, e.share]))
  if (options.tiers && shares.length > 0)
    shares = applyTiers(shares, prepared, options.tiers, weighed.adjustments)
  if (options.recurring && input.parentShares && journey.kind !== 'new') {
    shares = blendWithParent(shares, input.parentShares, journey, options.recurring, weighed.adjustments)
  }
  if (shares.length === 0) return result([], [], ['No touches: there is nothing to credit.'])
  const shareValues = shares.map((entry) => entry.share)
  const amounts = splitAmount(journey.amountMinor, shareValues)
  const { parts: shareUnits, remainders } = scratchFor(shares.length)
  splitShareUnits(shareValues, 0, shares.length, shareUnits, remainders)
  const shareDecimals = Array.from({ length: shares.length }, (_, i) => formatShareUnits(shareUnits[i]!))
  // worded when read: a caller storing only shares and amounts never pays for the words
  let label: string | undefined
  const explain = (entry: ActorShare): Explanation => {
    label ??= input.model.describe(input.params)
    const touches = weighed.touches.filter((touch) => touch.actor === entry.actor)
    const actorWeight = touches.reduce((sum, touch) => sum + touch.weight, 0)
    const adjustments = weighed.adjustments.get(entry.actor) ?? []
    const text = describeActorCredit({
      label,
      ...(options.activityLabels ? { activityLabels: options.activityLabels } : {}),
      touches,
      actorWeight,
      totalWeight: weighed.totalWeight,
      modelShare: modelShares.get(entry.actor) ?? 0,
      finalShare: entry.share,
      isOpen: journey.outcome === 'open',
      note: weighed.actorNotes[entry.actor],
      adjustments,
    })
    return {
      model: input.model.key,
      ...(input.learned ? { modelVersion: input.learned.version } : {}),
      params: input.paramsJson,
      touches,
      actorWeight,
      totalWeight: weighed.totalWeight,
      adjustments,
      text,
    }
  }
  const credits: Credit[] = shares.map(
    (entry, index) => new LazyCredit(entry, shareDecimals[index]!, amounts[index] ?? 0n, explain),
  )
  return result(credits, weighed.touches, weighed.notes)
}
