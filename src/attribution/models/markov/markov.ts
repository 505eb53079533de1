import { AttributionError } from '../../attribution-error'
import { formatPercent } from '../../explain'
import { createHasher } from '../../hash'
import { readChoice, readNumber, readParamsObject } from '../../params'
import { prepareJourney } from '../../prepare'
import type {
  AttributionModel,
  AttributionOptions,
  Journey,
  LearnedModel,
  MarkovModelData,
} from '../../types'
import { ChainBuilder, type RemovalEffects } from './markov-chain'

export interface MarkovParams {
  /** States remember this many previous channels (1 = first order). */
  order: number
  /** Channels are actors, or actor kinds. */
  by: 'actor' | 'kind'
}

/** A row of the path-aggregated exchange format: channels in order and what became of them. */
export interface PathRow {
  channels: readonly string[]
  conversions: number
  nulls: number
  value: number
}

function parseMarkovParams(input: unknown): MarkovParams {
  const params = readParamsObject(input, ['order', 'by'])
  return {
    order: readNumber(params, 'order', 1, { min: 1, max: 4, isInteger: true }),
    by: readChoice(params, 'by', ['actor', 'kind'], 'actor'),
  }
}

/** Learns removal effects from aggregated paths; identical paths are collapsed before the chain is built. */
/** The learned model from solved removal effects: one shape for paths, journeys and columns. */
export function toMarkovModel(
  params: MarkovParams,
  channels: string[],
  effects: RemovalEffects,
  version: string,
): LearnedModel {
  const data: MarkovModelData = {
    order: params.order,
    by: params.by,
    channels,
    removalEffects: Array.from(effects.conversion),
    removalEffectsValue: Array.from(effects.value),
    conversionProbability: effects.conversionProbability,
    paths: effects.paths,
    states: effects.states,
  }
  return { key: 'markov', version, params: { ...params }, journeys: effects.paths, data }
}

export function learnMarkovFromPaths(rows: readonly PathRow[], params: MarkovParams): LearnedModel {
  const aggregated = new Map<string, PathRow>()
  for (const row of rows) {
    if (row.channels.length === 0) continue
    const key = row.channels.join('\u0000')
    const existing = aggregated.get(key)
    if (existing) {
      aggregated.set(key, {
        channels: existing.channels,
        conversions: existing.conversions + row.conversions,
        nulls: existing.nulls + row.nulls,
        value: existing.value + row.value,
      })
    } else aggregated.set(key, row)
  }
  const channels = [...new Set([...aggregated.values()].flatMap((row) => row.channels))].sort()
  const channelIndex = new Map(channels.map((channel, index) => [channel, index]))
  const builder = new ChainBuilder(channels.length, params.order)
  const hasher = createHasher().update(`markov|${params.order}|${params.by}`)
  const keys = [...aggregated.keys()].sort()
  for (const key of keys) {
    const row = aggregated.get(key)
    if (!row) continue
    const indices = row.channels.map((channel) => channelIndex.get(channel) ?? 0)
    builder.addPath(indices, 0, indices.length, row.conversions, row.nulls, row.value)
    hasher.update(key).update(`${row.conversions}|${row.nulls}|${row.value}`)
  }
  return toMarkovModel(params, channels, builder.solve(), hasher.digest())
}

/** Closed journeys become paths: won ones end in conversion (valued at the deal amount), lost ones in null. */
export function journeysToPaths(
  journeys: readonly Journey[],
  by: MarkovParams['by'],
  options: AttributionOptions = {},
): PathRow[] {
  const rows: PathRow[] = []
  for (const journey of journeys) {
    if (journey.outcome === 'open') continue
    const prepared = prepareJourney(journey, options)
    if (prepared.touches.length === 0) continue
    const isWon = journey.outcome === 'won'
    rows.push({
      channels: prepared.touches.map((touch) => (by === 'kind' ? touch.actorKind : touch.actor)),
      conversions: isWon ? 1 : 0,
      nulls: isWon ? 0 : 1,
      value: isWon ? Number(journey.amountMinor) : 0,
    })
  }
  return rows
}

const channelIndexCache = new WeakMap<MarkovModelData, Map<string, number>>()

function indexChannels(data: MarkovModelData): Map<string, number> {
  let index = channelIndexCache.get(data)
  if (!index) {
    index = new Map(data.channels.map((channel, position) => [channel, position]))
    channelIndexCache.set(data, index)
  }
  return index
}

export function requireMarkov(learned: LearnedModel | undefined): MarkovModelData {
  if (learned?.key !== 'markov') {
    throw new AttributionError('NOT_LEARNED', 'markov needs a learned model: call learnModel first')
  }
  return learned.data
}

/**
 * Removal-effect attribution over the transition graph of closed journeys: an actor's weight in a
 * journey is the share of conversions the whole graph would lose without it.
 */
export const markov: AttributionModel<MarkovParams> = {
  key: 'markov',
  label: 'Markov removal effect',
  defaults: { order: 1, by: 'actor' },
  isLearned: true,
  parseParams: parseMarkovParams,
  describe(params) {
    const order = params.order === 1 ? 'first order' : `order ${params.order}`
    return `Markov removal effect (${order}, by ${params.by === 'kind' ? 'actor kind' : 'actor'})`
  },
  learn(journeys, params, options) {
    return learnMarkovFromPaths(journeysToPaths(journeys, params.by, options), params)
  },
  allocate(journey, params, context) {
    const data = requireMarkov(context.learned)
    const index = indexChannels(data)
    const touchCounts = new Map<string, number>()
    for (const touch of journey.touches) touchCounts.set(touch.actor, (touchCounts.get(touch.actor) ?? 0) + 1)
    const actorNotes: Record<string, string> = {}
    const touchWeights = journey.touches.map((touch) => {
      const channel = params.by === 'kind' ? touch.actorKind : touch.actor
      const position = index.get(channel)
      const effect = position === undefined ? 0 : (data.removalEffects[position] ?? 0)
      actorNotes[touch.actor] =
        position === undefined
          ? `${channel} does not appear in the ${data.paths} closed journeys the model learned from, so it has no removal effect.`
          : `Without ${channel}, ${formatPercent(effect)} of conversions in the ${data.paths} closed journeys would be lost.`
      return effect / (touchCounts.get(touch.actor) ?? 1)
    })
    return { touchWeights, actorNotes }
  },
}
