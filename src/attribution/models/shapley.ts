import { AttributionError } from '../attribution-error'
import { formatPercent, formatWeight } from '../explain'
import { createHasher, hashText } from '../hash'
import { readNumber, readParamsObject } from '../params'
import { prepareJourney } from '../prepare'
import { createRandom } from '../random'
import { computeShapley, MAX_PLAYERS } from '../shapley-values'
import type { AttributionModel, LearnedModel, ShapleyModelData } from '../types'

export interface ShapleyParams {
  /** Exact up to this many actors on a journey; sampled beyond. */
  exactUpTo: number
  /** Orderings sampled when a journey has more actors than `exactUpTo`. */
  samples: number
  seed: number
  /** Pseudo-journeys pulling a rarely seen kind set's rate toward the overall win rate. */
  smoothing: number
}

export const KIND_SEPARATOR = '|'

interface Coalition {
  kinds: readonly string[]
  value: number
}

const coalitionCache = new WeakMap<ShapleyModelData, Map<number, Coalition[]>>()

function listCoalitions(data: ShapleyModelData, smoothing: number): Coalition[] {
  let bySmoothing = coalitionCache.get(data)
  if (!bySmoothing) {
    bySmoothing = new Map()
    coalitionCache.set(data, bySmoothing)
  }
  let list = bySmoothing.get(smoothing)
  if (!list) {
    list = Object.entries(data.coalitions).map(([key, counts]) => ({
      kinds: key.split(KIND_SEPARATOR),
      value: (counts.won + smoothing * data.baseRate) / (counts.closed + smoothing),
    }))
    bySmoothing.set(smoothing, list)
  }
  return list
}

/**
 * v(kinds) = smoothed win rate of closed journeys with exactly that kind set; a set never seen is
 * worth its best seen subset, and the empty set is worth 0, so shares split the whole win rate.
 */
function createValueFunction(data: ShapleyModelData, kinds: readonly string[], smoothing: number) {
  const bitOfKind = new Map(kinds.map((kind, index) => [kind, 1 << index]))
  const relevant: { mask: number; value: number }[] = []
  for (const coalition of listCoalitions(data, smoothing)) {
    let mask = 0
    let isInside = true
    for (const kind of coalition.kinds) {
      const bit = bitOfKind.get(kind)
      if (bit === undefined) {
        isInside = false
        break
      }
      mask |= bit
    }
    if (isInside) relevant.push({ mask, value: coalition.value })
  }
  const memo = new Map<number, number>()
  return (kindMask: number): number => {
    if (kindMask === 0) return 0
    const known = memo.get(kindMask)
    if (known !== undefined) return known
    let exact: number | undefined
    let best = 0
    for (const entry of relevant) {
      if (entry.mask === kindMask) exact = entry.value
      else if ((entry.mask & ~kindMask) === 0) best = Math.max(best, entry.value)
    }
    const value = exact ?? best
    memo.set(kindMask, value)
    return value
  }
}

function requireShapley(learned: LearnedModel | undefined): ShapleyModelData {
  if (learned?.key !== 'shapley') {
    throw new AttributionError('NOT_LEARNED', 'shapley needs a learned model: call learnModel first')
  }
  return learned.data
}

/** Shapley values over the actors of a journey, with coalition values learned from closed journeys. */
export const shapley: AttributionModel<ShapleyParams> = {
  key: 'shapley',
  label: 'Shapley value',
  defaults: { exactUpTo: 12, samples: 2000, seed: 1, smoothing: 1 },
  isLearned: true,
  parseParams(input) {
    const params = readParamsObject(input, ['exactUpTo', 'samples', 'seed', 'smoothing'])
    return {
      exactUpTo: readNumber(params, 'exactUpTo', 12, { min: 1, max: 20, isInteger: true }),
      samples: readNumber(params, 'samples', 2000, { min: 10, max: 1_000_000, isInteger: true }),
      seed: readNumber(params, 'seed', 1, { isInteger: true }),
      smoothing: readNumber(params, 'smoothing', 1, { min: 0 }),
    }
  },
  describe(params) {
    return `Shapley value over actor kinds (exact up to ${params.exactUpTo} actors)`
  },
  learn(journeys, params, options) {
    const coalitions: Record<string, { closed: number; won: number }> = {}
    let closed = 0
    let won = 0
    const rows: string[] = []
    for (const journey of journeys) {
      if (journey.outcome === 'open') continue
      const prepared = prepareJourney(journey, options)
      if (prepared.touches.length === 0) continue
      const key = [...new Set(prepared.touches.map((touch) => touch.actorKind))].sort().join(KIND_SEPARATOR)
      const entry = coalitions[key] ?? { closed: 0, won: 0 }
      entry.closed++
      closed++
      if (journey.outcome === 'won') {
        entry.won++
        won++
      }
      coalitions[key] = entry
      rows.push(`${journey.id}:${journey.outcome}:${key}`)
    }
    const hasher = createHasher().update(`shapley|${params.smoothing}`)
    for (const row of rows.sort()) hasher.update(row)
    return {
      key: 'shapley',
      version: hasher.digest(),
      params: { ...params },
      journeys: closed,
      // keys in sorted order so the serialised model is identical whatever the input order
      data: {
        coalitions: Object.fromEntries(
          Object.entries(coalitions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        ),
        baseRate: closed > 0 ? won / closed : 0,
      },
    }
  },
  allocate(journey, params, context) {
    const data = requireShapley(context.learned)
    const players = journey.actors
    const kindOfActor = new Map<string, string>()
    const touchCounts = new Map<string, number>()
    for (const touch of journey.touches) {
      if (!kindOfActor.has(touch.actor)) kindOfActor.set(touch.actor, touch.actorKind)
      touchCounts.set(touch.actor, (touchCounts.get(touch.actor) ?? 0) + 1)
    }
    const kinds = [...new Set(kindOfActor.values())].sort()
    if (kinds.length > MAX_PLAYERS) {
      throw new AttributionError(
        'INVALID_JOURNEY',
        `at most ${MAX_PLAYERS} actor kinds per journey`,
        'touches',
      )
    }
    const kindBits = players.map((actor) => 1 << kinds.indexOf(kindOfActor.get(actor) ?? ''))
    const value = createValueFunction(data, kinds, params.smoothing)
    const worthOfPlayers = (mask: number) => {
      let kindMask = 0
      for (let player = 0; player < players.length; player++)
        if (mask & (1 << player)) kindMask |= kindBits[player]
      return value(kindMask)
    }
    const result = computeShapley(players.length, worthOfPlayers, {
      ...params,
      createRandom: () => createRandom(params.seed ^ hashText(journey.journey.id)),
    })
    const phiOf = new Map(players.map((actor, index) => [actor, Math.max(0, result.values[index])]))
    const actorNotes: Record<string, string> = {}
    players.forEach((actor, index) => {
      const phi = result.values[index]
      actorNotes[actor] =
        phi < 0
          ? `Teams with your kind win less often, so your Shapley value (${formatWeight(phi)}) counts as 0.`
          : `Averaged over every order in which the team could have formed, you add ${formatPercent(phi)} to the win rate.`
    })
    const notes = result.isExact
      ? []
      : [
          `${players.length} actors: Shapley values sampled from ${result.samples} orderings, each within ` +
            `±${formatWeight(result.errorBound)} of the exact value (95%).`,
        ]
    return {
      touchWeights: journey.touches.map(
        (touch) => (phiOf.get(touch.actor) ?? 0) / (touchCounts.get(touch.actor) ?? 1),
      ),
      actorNotes,
      notes,
    }
  },
}
