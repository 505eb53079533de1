import { AttributionError } from './attribution-error'
import { directActorOf, type JourneyColumns, materialiseJourney, OUTCOME_WON } from './columnar'
import { daysBefore } from './explain'
import { getModel } from './models/index'
import { markov } from './models/markov/markov'
import { position } from './models/position'
import { role } from './models/role'
import { firstTouch } from './models/single-touch'
import { decayRate, timeDecay } from './models/time-decay'
import type { ModelSpec } from './types'

// Columnar kernels: one raw weight per touch row for a whole batch, then totals or exact credits.
// Heuristic models and markov have tight loops here; other models run per journey on materialised rows.

type Kernel = (columns: JourneyColumns, out: Float64Array) => void

function eachJourney(columns: JourneyColumns, visit: (start: number, end: number, journey: number) => void) {
  const starts = columns.touchStart
  for (let journey = 0; journey < columns.journeyCount; journey++)
    visit(starts[journey], starts[journey + 1], journey)
}

/** Touch weight 1/(touches of the same actor in the journey): each actor then weighs 1. */
function perActorWeights(columns: JourneyColumns, out: Float64Array, actorWeight: (actor: number) => number) {
  const actors = columns.touchActor
  eachJourney(columns, (start, end) => {
    for (let row = start; row < end; row++) {
      let count = 0
      for (let other = start; other < end; other++) if (actors[other] === actors[row]) count++
      out[row] = actorWeight(actors[row]) / count
    }
  })
}

function createKernel(spec: ModelSpec): Kernel {
  const model = getModel(spec.key)
  const params = model.parseParams(spec.params)
  switch (spec.key) {
    case 'linear':
      return (_columns, out) => out.fill(1)
    case 'equal':
      return (columns, out) => perActorWeights(columns, out, () => 1)
    case 'first_touch':
    case 'last_touch': {
      const isLast = spec.key === 'last_touch'
      const partnersOnly = firstTouch.parseParams(spec.params).partnersOnly
      return (columns, out) => {
        const directKind = columns.kinds.indexOf('direct')
        out.fill(0)
        eachJourney(columns, (start, end) => {
          if (end === start) return
          let chosen = isLast ? end - 1 : start
          if (partnersOnly) {
            for (let step = 0; step < end - start; step++) {
              const row = isLast ? end - 1 - step : start + step
              if (columns.touchKind[row] !== directKind) {
                chosen = row
                break
              }
            }
          }
          out[chosen] = 1
        })
      }
    }
    case 'time_decay': {
      const rate = decayRate(timeDecay.parseParams(spec.params).halfLifeDays)
      return (columns, out) => {
        // plain loops: this kernel sets the throughput ceiling, and a callback per journey costs a third of it
        const starts = columns.touchStart
        const at = columns.touchAt
        for (let journey = 0; journey < columns.journeyCount; journey++) {
          const reference = columns.referenceTime[journey]
          const start = starts[journey]
          const end = starts[journey + 1]
          let total = 0
          for (let row = start; row < end; row++) {
            // the same operations as the per-journey model, so both give the same shares
            const weight = Math.exp(-daysBefore(at[row], reference) * rate)
            out[row] = weight
            total += weight
          }
          if (total === 0 && end > start) {
            let nearest = Number.POSITIVE_INFINITY
            for (let row = start; row < end; row++)
              nearest = Math.min(nearest, daysBefore(at[row], reference))
            for (let row = start; row < end; row++)
              out[row] = Math.exp(-(daysBefore(at[row], reference) - nearest) * rate)
          }
        }
      }
    }
    case 'role': {
      const table = role.parseParams(spec.params)
      return (columns, out) => {
        const byActivity = Float64Array.from(
          columns.activities,
          (name) => table.activityWeights[name] ?? table.defaultWeight,
        )
        const byKind = Float64Array.from(columns.kinds, (name) => table.kindWeights[name] ?? 1)
        for (let row = 0; row < out.length; row++) {
          out[row] = byActivity[columns.touchActivity[row]] * byKind[columns.touchKind[row]]
        }
      }
    }
    case 'position': {
      const shape = position.parseParams(spec.params)
      if (shape.shape === 'w') break
      return (columns, out) => {
        eachJourney(columns, (start, end) => {
          const count = end - start
          if (count === 1) out[start] = 1
          else if (count === 2) {
            out[start] = shape.first
            out[start + 1] = shape.last
          } else if (count > 2) {
            const middle = (1 - shape.first - shape.last) / (count - 2)
            out[start] = shape.first
            for (let row = start + 1; row < end - 1; row++) out[row] = middle
            out[end - 1] = shape.last
          }
        })
      }
    }
    case 'markov': {
      const learned = spec.learned
      if (learned?.key !== 'markov') throw new AttributionError('NOT_LEARNED', 'markov needs a learned model')
      const by = markov.parseParams(spec.params).by
      return (columns, out) => {
        const names = by === 'kind' ? columns.kinds : columns.actors
        const index = new Map(learned.data.channels.map((channel, position) => [channel, position]))
        const effects = Float64Array.from(
          names,
          (name) => learned.data.removalEffects[index.get(name) ?? -1] ?? 0,
        )
        perActorWeights(columns, out, (actor) => effects[by === 'kind' ? columns.actorKind[actor] : actor])
      }
    }
  }
  return (columns, out) => {
    const context = { isBatch: true, ...(spec.learned ? { learned: spec.learned } : {}) }
    eachJourney(columns, (start, _end, journey) => {
      const result = model.allocate(materialiseJourney(columns, journey), params, context)
      const toDirect = result.creditDirect !== undefined
      result.touchWeights.forEach((weight, offset) => {
        out[start + offset] = toDirect ? Number.NaN : weight
      })
    })
  }
}

/**
 * Raw weight per touch row; learned models need `spec.learned` (see learnMarkovColumns). Pass `out`
 * to reuse a buffer across recomputes instead of allocating one per call. A journey whose weights
 * are NaN is one the model credits wholly to direct.
 */
export function computeTouchWeights(
  columns: JourneyColumns,
  spec: ModelSpec,
  out = new Float64Array(columns.touchActor.length),
): Float64Array {
  createKernel(spec)(columns, out)
  return out
}

export interface ActorTotalsColumns {
  /** Credited won value per actor id, minor units (fractional: a sum of amount × share). */
  valueMinor: Float64Array
  /** Fractional won conversions per actor id. */
  conversions: Float64Array
}

/**
 * Credited won value and conversions per actor id. Arrays have one slot more than the actors: when
 * no touch is by direct, that last slot is direct's (see directActorOf).
 */
export function computeActorTotals(columns: JourneyColumns, weights: Float64Array): ActorTotalsColumns {
  const direct = directActorOf(columns)
  const valueMinor = new Float64Array(columns.actors.length + 1)
  const conversions = new Float64Array(columns.actors.length + 1)
  const actors = columns.touchActor
  const starts = columns.touchStart
  for (let journey = 0; journey < columns.journeyCount; journey++) {
    const start = starts[journey]
    const end = starts[journey + 1]
    if (columns.outcome[journey] !== OUTCOME_WON || end === start) continue
    let total = 0
    for (let row = start; row < end; row++) total += weights[row]
    const amount = columns.amountMinor[journey]
    if (Number.isNaN(total)) {
      conversions[direct] += 1
      valueMinor[direct] += amount
      continue
    }
    if (total === 0) {
      // an all-zero journey splits evenly, as in the per-journey path
      const share = 1 / (end - start)
      for (let row = start; row < end; row++) {
        conversions[actors[row]] += share
        valueMinor[actors[row]] += share * amount
      }
      continue
    }
    const scale = 1 / total
    for (let row = start; row < end; row++) {
      const share = weights[row] * scale
      conversions[actors[row]] += share
      valueMinor[actors[row]] += share * amount
    }
  }
  return { valueMinor, conversions }
}
