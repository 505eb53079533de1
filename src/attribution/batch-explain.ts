import { AttributionError } from './attribution-error'
import type { BatchCredits } from './batch-credits'
import { type JourneyColumns, OUTCOME_OPEN } from './columnar'
import { activityPhrase, daysBefore, describeDays, formatPercent, formatWeight, joinPhrases } from './explain'
import { getModel } from './models/index'
import { markov } from './models/markov/markov'
import { decayRate, timeDecay } from './models/time-decay'
import { splitShareUnits } from './split-shares'
import type { ModelSpec } from './types'

// Explanations of a batch, straight from the columns, the kernel's weights and the batch credits:
// the same sentences, weights and share decimals the per-journey path gives, without a journey or
// credit object. For models with a columnar kernel and no tiers or recurring credit.

const NO_TOUCHES = 'No touches: there is nothing to credit.'
const ALL_FILTERED = 'No touch passed the lookback window and exclusions, so the deal is credited to direct.'
const ALL_ZERO = 'Every touch weighed zero under this model, so the touches share equally.'
const TOO_OLD = 'All touches are so old that weights are shown relative to the most recent touch.'

export interface BatchExplainer {
  /** The model's one-line description, as every explanation starts with it. */
  label: string
  /** Share of each credit slot in whole 10^−10 units: a journey's slots sum to exactly 10^10. */
  shareUnits: Float64Array
  /** Weight of a touch row of a journey as explained (an all-zero journey's touches weigh 1 each). */
  weightOf(journey: number, row: number): number
  /** Sum of the weights of a journey's touches. */
  totalWeightOf(journey: number): number
  /** Journey-level notes, as the per-journey path gives them. */
  notesOf(journey: number): readonly string[]
  /** The explanation sentence of one credit slot of a journey. */
  describe(journey: number, slot: number): string
}

function markovNotes(columns: JourneyColumns, spec: ModelSpec): (actor: number) => string | undefined {
  const learned = spec.learned
  if (learned?.key !== 'markov') throw new AttributionError('NOT_LEARNED', 'markov needs a learned model')
  const byKind = markov.parseParams(spec.params).by === 'kind'
  const index = new Map(learned.data.channels.map((channel, position) => [channel, position]))
  const paths = learned.data.paths
  const notes = columns.actors.map((actor, id) => {
    const channel = byKind ? (columns.kinds[columns.actorKind[id]] ?? '') : actor
    const position = index.get(channel)
    return position === undefined
      ? `${channel} does not appear in the ${paths} closed journeys the model learned from, so it has no removal effect.`
      : `Without ${channel}, ${formatPercent(learned.data.removalEffects[position] ?? 0)} of conversions in the ${paths} closed journeys would be lost.`
  })
  return (actor) => notes[actor]
}

export function createBatchExplainer(
  columns: JourneyColumns,
  spec: ModelSpec,
  weights: Float64Array,
  credits: BatchCredits,
  activityLabels?: Readonly<Record<string, string>>,
): BatchExplainer {
  const model = getModel(spec.key)
  const label = model.describe(model.parseParams(spec.params))
  const starts = columns.touchStart
  const creditStart = credits.creditStart
  const shareUnits = new Float64Array(credits.creditActor.length)
  const scratch = new Float64Array(credits.creditActor.length)
  for (let journey = 0; journey < columns.journeyCount; journey++)
    splitShareUnits(credits.creditShare, creditStart[journey], creditStart[journey + 1], shareUnits, scratch)
  const noteOf = spec.key === 'markov' ? markovNotes(columns, spec) : () => undefined
  const rate = spec.key === 'time_decay' ? decayRate(timeDecay.parseParams(spec.params).halfLifeDays) : 0
  let cachedJourney = -1
  let cachedTotal = 0
  let cachedIsEven = false
  const load = (journey: number) => {
    if (journey === cachedJourney) return
    cachedJourney = journey
    let total = 0
    for (let row = starts[journey]; row < starts[journey + 1]; row++) total += weights[row]
    cachedIsEven = total === 0
    cachedTotal = cachedIsEven ? starts[journey + 1] - starts[journey] : total
  }
  return {
    label,
    shareUnits,
    weightOf(journey, row) {
      load(journey)
      return cachedIsEven ? 1 : weights[row]
    },
    totalWeightOf(journey) {
      load(journey)
      return cachedTotal
    },
    notesOf(journey) {
      const start = starts[journey]
      const end = starts[journey + 1]
      if (end === start) return [columns.isEmptied?.[journey] ? ALL_FILTERED : NO_TOUCHES]
      load(journey)
      const notes: string[] = []
      if (rate > 0) {
        const reference = columns.referenceTime[journey]
        let nearest = Number.POSITIVE_INFINITY
        for (let row = start; row < end; row++)
          nearest = Math.min(nearest, daysBefore(columns.touchAt[row], reference))
        if (Math.exp(-nearest * rate) === 0) notes.push(TOO_OLD)
      }
      if (cachedIsEven) notes.push(ALL_ZERO)
      return notes
    },
    describe(journey, slot) {
      load(journey)
      const actor = credits.creditActor[slot]
      const start = starts[journey]
      const end = starts[journey + 1]
      let count = 0
      let actorWeight = 0
      for (let row = start; row < end; row++) {
        if (columns.touchActor[row] !== actor) continue
        count++
        actorWeight += cachedIsEven ? 1 : weights[row]
      }
      // a journey the options emptied is credited to direct before any model runs: no model note
      const note = end === start ? undefined : noteOf(actor)
      if (count === 0) {
        const text = `${label}: you had no counted touches in this journey.`
        return note ? `${text} ${note}` : text
      }
      // describeActorCredit's sentence, built without an object per touch (a test holds them equal)
      const isOpen = columns.outcome[journey] === OUTCOME_OPEN
      const reference = columns.referenceTime[journey]
      const phrases: string[] = []
      for (let row = start; row < end && phrases.length < 4; row++) {
        if (columns.touchActor[row] !== actor) continue
        const when = describeDays(daysBefore(columns.touchAt[row], reference), isOpen)
        const activity = activityPhrase(columns.activities[columns.touchActivity[row]] ?? '', activityLabels)
        phrases.push(
          count > 1
            ? `${activity} ${when} (${formatWeight(cachedIsEven ? 1 : weights[row])})`
            : `${activity} ${when}`,
        )
      }
      if (count > 4) phrases.push(`${count - 4} more`)
      const text = `${label}: your ${joinPhrases(phrases)} weighed ${formatWeight(actorWeight)} of ${formatWeight(cachedTotal)} → ${formatPercent(credits.creditShare[slot])}.`
      return note ? `${text} ${note}` : text
    },
  }
}
