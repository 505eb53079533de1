// Public shapes of the attribution engine. Type-only apart from a few constants, so the web app
// can import it; times are epoch milliseconds and amounts bigint minor units.

export type Outcome = 'won' | 'lost' | 'open'
export type JourneyKind = 'new' | 'renewal' | 'expansion'

/** Actor id and actor kind of internal sellers. */
export const DIRECT = 'direct'

export type FieldValue = string | number | boolean | null

export interface Touch {
  id?: string
  actor: string
  actorKind: string
  activity: string
  at: number
  /** The actor one tier above this one for this touch (a distributor above a reseller). */
  parentActor?: string
}

export interface Journey {
  id: string
  amountMinor: bigint
  currency: string
  outcome: Outcome
  createdAt: number
  closedAt?: number
  kind: JourneyKind
  /** The journey a renewal or expansion grew from. */
  parentId?: string
  touches: readonly Touch[]
  /** Deal-level fields (region, segment, product…) that custom rules may test. */
  fields?: Readonly<Record<string, FieldValue>>
}

export const MODEL_KEYS = [
  'equal',
  'linear',
  'first_touch',
  'last_touch',
  'time_decay',
  'position',
  'role',
  'markov',
  'shapley',
  'ai',
  'custom',
] as const
export type ModelKey = (typeof MODEL_KEYS)[number]
export type LearnedModelKey = 'markov' | 'shapley' | 'ai'

/**
 * The role-based model's weights when an org sets none (the console starts its table from them):
 * sourcing and registering a deal matter most, then hands-on selling, then supporting work.
 */
export const DEFAULT_ACTIVITY_WEIGHTS: Readonly<Record<string, number>> = {
  sourced: 3,
  deal_registration: 3,
  referral: 3,
  introduction: 2,
  demo: 2,
  co_sell: 2,
  technical_validation: 1.5,
  proposal: 1.5,
  meeting: 1,
  negotiation: 1,
  training: 0.5,
  support: 0.5,
  marketing: 0.5,
  email: 0.25,
}

/** JSON-compatible values, used for params and learned models so both serialise as they are. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue }

export interface TierLink {
  /** The actor above: it takes `share` of everything credited to the actor below. */
  parent: string
  parentKind: string
  share: number
}

export interface TierOptions {
  /** Share a parent takes when the link does not set one (default 0.2). */
  defaultShare?: number
  /** Kind given to parents named only by `Touch.parentActor` (default "distributor"). */
  parentKind?: string
  /** Links by child actor id; they override `Touch.parentActor`. */
  links?: Readonly<Record<string, TierLink>>
}

export interface RecurringOptions {
  /** own: only this journey's touches; inherit: the parent's credit; mix: a blend of both. */
  mode: 'own' | 'inherit' | 'mix'
  /** Fraction of inherited credit that fades per renewal and goes to this journey's touches (default 0.2). */
  decayPerRenewal?: number
  /** In mix mode, the weight of the parent's credit before decay (default 0.5). */
  inheritWeight?: number
}

export interface AttributionOptions {
  /** Only touches within this many days before close (or as-of) count. */
  lookbackDays?: number
  excludeActivities?: readonly string[]
  /** consecutive: drop a touch repeating the previous touch's actor and activity; all: keep the first of each pair. */
  dedupe?: 'none' | 'consecutive' | 'all'
  tiers?: TierOptions
  recurring?: RecurringOptions
  /** How activities read in explanations (co_sell_meeting → "Co-sell meeting"); unlisted ones read as their key. */
  activityLabels?: Readonly<Record<string, string>>
  /** Reference time for open deals; without it, the latest touch or creation time is used. */
  asOf?: number
}

export interface TouchExplanation {
  index: number
  touchId?: string
  actor: string
  actorKind: string
  activity: string
  at: number
  /** Days from the touch to close (or as-of). */
  daysBefore: number
  weight: number
  share: number
}

export interface CreditAdjustment {
  kind: 'tier' | 'recurring' | 'rule'
  /** Change in this actor's share caused by the adjustment (negative when it gave credit away). */
  shareDelta: number
  text: string
}

export interface Explanation {
  model: ModelKey
  modelVersion?: string
  params: JsonValue
  /** This actor's touches with their raw weights and shares. */
  touches: readonly TouchExplanation[]
  actorWeight: number
  totalWeight: number
  adjustments: readonly CreditAdjustment[]
  text: string
}

export interface Credit {
  actor: string
  actorKind: string
  /** Fraction of the deal; shares of a journey sum to 1 up to float rounding. */
  share: number
  /** The same share as a 10-digit decimal string; these sum exactly to "1.0000000000". */
  shareDecimal: string
  /** Minor units; credits of a journey sum exactly to its amount. */
  amountMinor: bigint
  explanation: Explanation
}

export interface JourneyAttribution {
  journeyId: string
  model: ModelKey
  modelVersion?: string
  currency: string
  amountMinor: bigint
  credits: readonly Credit[]
  /** Every counted touch, in time order, with its weight and share. */
  touches: readonly TouchExplanation[]
  notes: readonly string[]
}

/** A journey after options are applied: touches sorted by time, filtered and de-duplicated. */
export interface PreparedJourney {
  journey: Journey
  touches: readonly Touch[]
  referenceTime: number
  /** Actors in order of first touch. */
  actors: readonly string[]
}

export interface MarkovModelData {
  order: number
  by: 'actor' | 'kind'
  channels: readonly string[]
  /** Removal effect per channel, same order as `channels`. */
  removalEffects: readonly number[]
  removalEffectsValue: readonly number[]
  conversionProbability: number
  paths: number
  states: number
}

export interface ShapleyModelData {
  /** Observed kind sets ("a|b", sorted) with their closed and won counts. */
  coalitions: Readonly<Record<string, { closed: number; won: number }>>
  baseRate: number
}

export interface AiModelData {
  /** Per-actor features: `kind:<kind>`, `activity:<activity>` and `recency`. */
  features: readonly string[]
  /** An actor's raw term of the logit is its features against these. */
  coefficients: readonly number[]
  /** Their covariance (row-major), for the standard error of each actor's term. */
  covariance: readonly number[]
  /** Standard errors an actor's term must clear to count (95% over all features, Bonferroni). */
  margin: number
  /** Calibrated intercept: logit = intercept + Σ over actors of slope × (term past its margin). */
  intercept: number
  recencyHalfLifeDays: number
  quality: AiQuality
}

export interface AiReliabilityBin {
  journeys: number
  /** Mean predicted win probability in the bin. */
  predicted: number
  /** Share of the bin's journeys that were won. */
  observed: number
}

export interface AiQuality {
  trainJourneys: number
  testJourneys: number
  /** The L2 penalty used: given, or chosen on the ridge path by validation log-loss. */
  l2: number
  /** Platt scaling of the margin-cleared logit on the training journeys: logit' = slope·logit + intercept. */
  calibration: { slope: number; intercept: number }
  logLoss: number
  baselineLogLoss: number
  auc: number
  baselineAuc: number
  /** Held-out journeys in ten bins of equal size by predicted probability. */
  reliability: readonly AiReliabilityBin[]
}

interface LearnedBase<K extends LearnedModelKey, D> {
  key: K
  /** Hash of training data, params and seed: the same inputs always give the same version. */
  version: string
  params: JsonValue
  journeys: number
  data: D
}

export type LearnedModel =
  | LearnedBase<'markov', MarkovModelData>
  | LearnedBase<'shapley', ShapleyModelData>
  | LearnedBase<'ai', AiModelData>

export interface ModelContext {
  learned?: LearnedModel
  /** Set by the columnar batch path, which keeps no explanations: models may skip building notes. */
  isBatch?: boolean
}

export interface ModelWeights {
  /** One raw, non-negative weight per prepared touch. */
  touchWeights: readonly number[]
  /** Sentences added to each credit's explanation, by actor. */
  actorNotes?: Readonly<Record<string, string>>
  notes?: readonly string[]
  /**
   * Set when the model finds nothing any actor earned (a learned lift of zero or less for all): the
   * whole deal goes to direct, the vendor winning unaided, with this sentence as a note.
   */
  creditDirect?: string
  /** Per-actor share overrides applied after weighting (custom rules' fixed/min/max shares). */
  actorShares?: Readonly<Record<string, number>>
  adjustments?: Readonly<Record<string, readonly CreditAdjustment[]>>
}

/**
 * A model: weights touches of one journey. Methods (not function properties) so a registry of
 * differently-parameterised models type-checks.
 */
export interface AttributionModel<P = unknown> {
  readonly key: ModelKey
  readonly label: string
  readonly defaults: P
  readonly isLearned: boolean
  parseParams(input: unknown): P
  describe(params: P): string
  allocate(journey: PreparedJourney, params: P, context: ModelContext): ModelWeights
  learn?(journeys: readonly Journey[], params: P, options?: AttributionOptions): LearnedModel
}

export interface ModelSpec {
  key: ModelKey
  params?: unknown
  learned?: LearnedModel
}

export interface ActorTotal {
  actor: string
  actorKind: string
  currency: string
  /** Sum of shares over won journeys: fractional conversions. */
  conversions: number
  /** Credited amount of won journeys, minor units. */
  valueMinor: bigint
  /** Credited amount of open journeys, minor units. */
  pipelineMinor: bigint
  journeys: number
}

export interface AttributionRun {
  model: ModelKey
  params: JsonValue
  modelVersion?: string
  learned?: LearnedModel
  journeys: readonly JourneyAttribution[]
  totals: readonly ActorTotal[]
}
