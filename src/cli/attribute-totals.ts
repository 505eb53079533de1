// Totals straight from columns: raw weights from a model's kernel, exact per-journey credits
// (largest remainder), summed per actor and currency. This is what `attribute` runs for totals and
// tables, and what `compare` runs per model, without building a credit object per touch.
import {
  type ActorTotal,
  type AttributionOptions,
  type BatchCredits,
  computeBatchCredits,
  computeTouchWeights,
  DIRECT,
  type JourneyColumns,
  type LearnedModel,
  learnMarkovColumns,
  learnModel,
  type ModelKey,
  type ModelSpec,
  materialiseJourney,
  OUTCOME_OPEN,
  OUTCOME_WON,
} from '../attribution'

/** Models whose credits depend only on each journey's touches, with columnar kernels. */
const COLUMNAR_MODELS = new Set<ModelKey>([
  'equal',
  'linear',
  'first_touch',
  'last_touch',
  'time_decay',
  'position',
  'role',
  'markov',
])

/** Tiers and recurring credit change shares after the weights, so they run journey by journey. */
export function isColumnar(key: ModelKey, options: AttributionOptions): boolean {
  return COLUMNAR_MODELS.has(key) && options.tiers === undefined && options.recurring === undefined
}

export function learnFromColumns(
  columns: JourneyColumns,
  spec: ModelSpec,
  options: AttributionOptions,
): LearnedModel | undefined {
  if (spec.learned) return spec.learned
  if (spec.key === 'markov') return learnMarkovColumns(columns, spec.params)
  if (spec.key !== 'shapley' && spec.key !== 'ai') return undefined
  const journeys = Array.from({ length: columns.journeyCount }, (_, index) => {
    const { journey } = materialiseJourney(columns, index)
    return { ...journey, outcome: journey.outcome, closedAt: columns.referenceTime[index] }
  })
  return learnModel(journeys, spec, options)
}

/** Per actor and currency, sorted as summariseCredits sorts them (by won value, then actor). */
export function computeTotals(columns: JourneyColumns, spec: ModelSpec): ActorTotal[] {
  return totalCredits(columns, computeBatchCredits(columns, computeTouchWeights(columns, spec)))
}

/** Per actor and currency from a batch's credits, sorted as computeTotals sorts them. */
export function totalCredits(columns: JourneyColumns, credits: BatchCredits): ActorTotal[] {
  const currencies = columns.currencies ?? ['XXX']
  const width = currencies.length
  // one slot past the actors: direct, when a model credits a journey to it and it touched none
  const cells = (columns.actors.length + 1) * width
  const value = new Float64Array(cells)
  const pipeline = new Float64Array(cells)
  const conversions = new Float64Array(cells)
  const journeys = new Int32Array(cells)
  for (let journey = 0; journey < columns.journeyCount; journey++) {
    const currency = columns.currency?.[journey] ?? 0
    const outcome = columns.outcome[journey]
    for (let slot = credits.creditStart[journey]; slot < credits.creditStart[journey + 1]; slot++) {
      const cell = credits.creditActor[slot] * width + currency
      journeys[cell]++
      if (outcome === OUTCOME_WON) {
        conversions[cell] += credits.creditShare[slot]
        value[cell] += credits.creditAmountMinor[slot]
      } else if (outcome === OUTCOME_OPEN) pipeline[cell] += credits.creditAmountMinor[slot]
    }
  }
  const totals: ActorTotal[] = []
  for (let cell = 0; cell < cells; cell++) {
    if (journeys[cell] === 0) continue
    const actor = Math.floor(cell / width)
    totals.push({
      actor: columns.actors[actor] ?? DIRECT,
      actorKind: columns.kinds[columns.actorKind[actor] ?? -1] ?? DIRECT,
      currency: currencies[cell % width] ?? 'XXX',
      conversions: conversions[cell],
      valueMinor: BigInt(value[cell]),
      pipelineMinor: BigInt(pipeline[cell]),
      journeys: journeys[cell],
    })
  }
  return totals.sort((a, b) =>
    a.valueMinor === b.valueMinor ? (a.actor < b.actor ? -1 : 1) : a.valueMinor > b.valueMinor ? -1 : 1,
  )
}
