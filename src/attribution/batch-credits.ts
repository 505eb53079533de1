import { directActorOf, type JourneyColumns, OUTCOME_LOST, OUTCOME_WON } from './columnar'
import { createHasher } from './hash'
import { markov, toMarkovModel } from './models/markov/markov'
import { ChainBuilder } from './models/markov/markov-chain'
import { splitShares } from './split-shares'
import type { LearnedModel } from './types'

/**
 * Credits of a batch: journey j owns credit rows creditStart[j] … creditStart[j+1]−1. An actor id
 * past the last actor is direct (see directActorOf).
 */
export interface BatchCredits {
  creditStart: Int32Array
  creditActor: Int32Array
  creditShare: Float64Array
  /** Whole minor units; the credits of a journey sum exactly to its amount. */
  creditAmountMinor: Float64Array
}

/**
 * One credit per actor per journey with exact amounts: largest remainder on whole minor units held
 * in doubles (exact below 2^53), ties to the actor that touched first. The per-journey path splits
 * with the same function (splitShares) on the same shares, so both give the same minor units.
 */
export function computeBatchCredits(columns: JourneyColumns, weights: Float64Array): BatchCredits {
  // a journey the options emptied still takes one credit, to direct
  let emptied = 0
  for (let journey = 0; journey < columns.journeyCount; journey++)
    emptied += columns.isEmptied?.[journey] ?? 0
  const touchTotal = columns.touchActor.length + emptied
  const creditStart = new Int32Array(columns.journeyCount + 1)
  const creditActor = new Int32Array(touchTotal)
  const creditShare = new Float64Array(touchTotal)
  const creditAmountMinor = new Float64Array(touchTotal)
  const remainders = new Float64Array(touchTotal)
  const actors = columns.touchActor
  const starts = columns.touchStart
  const direct = directActorOf(columns)
  let next = 0
  for (let journey = 0; journey < columns.journeyCount; journey++) {
    const start = starts[journey]
    const end = starts[journey + 1]
    const first = next
    let total = 0
    for (let row = start; row < end; row++) total += weights[row]
    const even = total === 0
    if ((Number.isNaN(total) && end > start) || (end === start && columns.isEmptied?.[journey])) {
      // the model credits this journey wholly to direct, or the options left it without touches
      creditActor[next] = direct
      creditShare[next] = 1
      next++
    } else
      for (let row = start; row < end; row++) {
        const share = even ? 1 / (end - start) : weights[row] / total
        const actor = actors[row]
        let slot = first
        while (slot < next && creditActor[slot] !== actor) slot++
        if (slot === next) {
          creditActor[next] = actor
          creditShare[next] = 0
          next++
        }
        creditShare[slot] += share
      }
    const amount = columns.amountMinor[journey]
    splitShares(Math.abs(amount), creditShare, first, next, creditAmountMinor, remainders)
    if (amount < 0)
      for (let slot = first; slot < next; slot++) creditAmountMinor[slot] = -creditAmountMinor[slot]
    creditStart[journey + 1] = next
  }
  return {
    creditStart,
    creditActor: creditActor.subarray(0, next),
    creditShare: creditShare.subarray(0, next),
    creditAmountMinor: creditAmountMinor.subarray(0, next),
  }
}

/** Learns Markov removal effects straight from columns: transitions are counted in one pass over the rows. */
export function learnMarkovColumns(columns: JourneyColumns, paramsInput?: unknown): LearnedModel {
  const params = markov.parseParams(paramsInput)
  const byKind = params.by === 'kind'
  const names = byKind ? columns.kinds : columns.actors
  const channelOf = byKind ? columns.touchKind : columns.touchActor
  const builder = new ChainBuilder(names.length, params.order)
  const hasher = createHasher().update(`markov|${params.order}|${params.by}|${names.join('\u0000')}`)
  const starts = columns.touchStart
  for (let journey = 0; journey < columns.journeyCount; journey++) {
    const outcome = columns.outcome[journey]
    if (outcome !== OUTCOME_WON && outcome !== OUTCOME_LOST) continue
    const isWon = outcome === OUTCOME_WON
    builder.addPath(
      channelOf,
      starts[journey],
      starts[journey + 1],
      isWon ? 1 : 0,
      isWon ? 0 : 1,
      isWon ? columns.amountMinor[journey] : 0,
    )
  }
  hasher
    .updateNumbers(channelOf)
    .updateNumbers(starts)
    .updateNumbers(columns.outcome)
    .updateNumbers(columns.amountMinor)
  return toMarkovModel(params, names, builder.solve(), hasher.digest())
}
