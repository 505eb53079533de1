import { AttributionError } from '../../attribution-error'
import { formatPercent } from '../../explain'
import { createHasher, hashText } from '../../hash'
import { readChoice, readNumber, readParamsObject } from '../../params'
import { createPathTableBuilder, type PathTable } from '../../path-table'
import { prepareJourney } from '../../prepare'
import type {
  AttributionModel,
  AttributionOptions,
  Journey,
  LearnedModel,
  MarkovModelData,
} from '../../types'
import { ChainBuilder } from './markov-chain'
import type { RemovalEffects, RemovalThreads } from './removal-effects'

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

/** Path rows into a table of distinct paths. */
export function toPathTable(rows: readonly PathRow[]): PathTable {
  const builder = createPathTableBuilder()
  let channels = new Int32Array(16)
  for (const row of rows) {
    if (row.channels.length === 0) continue
    if (row.channels.length > channels.length) channels = new Int32Array(row.channels.length * 2)
    row.channels.forEach((channel, index) => {
      channels[index] = builder.internChannel(channel)
    })
    builder.addPath(channels, row.channels.length, row.conversions, row.value, row.nulls)
  }
  return builder.finish()
}

/**
 * Learns removal effects from distinct paths. Channels are numbered in name order and the version
 * hash sums one hash per distinct path, so neither depends on the order rows came in.
 */
export function learnMarkovFromTable(
  table: PathTable,
  params: MarkovParams,
  threads?: RemovalThreads,
): LearnedModel {
  const channels = [...table.channels].sort()
  const rank = new Map(channels.map((channel, index) => [channel, index]))
  const rankOf = Int32Array.from(table.channels, (channel) => rank.get(channel) ?? 0)
  const nameHash = Uint32Array.from(channels, (channel) => hashText(channel))
  const builder = new ChainBuilder(channels.length, params.order)
  let path = new Int32Array(16)
  let sumLow = 0
  let sumHigh = 0
  for (let index = 0; index < table.pathCount; index++) {
    const from = table.pathStart[index]
    const length = table.pathStart[index + 1] - from
    if (length > path.length) path = new Int32Array(length * 2)
    let low = 0x811c9dc5
    let high = 0x050c5d1f
    for (let step = 0; step < length; step++) {
      const channel = rankOf[table.pathChannels[from + step]]
      path[step] = channel
      low = Math.imul(low ^ nameHash[channel], 0x01000193)
      high = Math.imul(high ^ (nameHash[channel] + 0x9e), 0x01000193)
    }
    const conversions = table.conversions[index]
    const nulls = table.nulls[index]
    const value = table.values[index]
    for (const count of [conversions, nulls, value]) {
      low = Math.imul(low ^ (count | 0), 0x01000193)
      high = Math.imul(high ^ Math.floor(count * 1024), 0x01000193)
    }
    sumLow = (sumLow + (low >>> 0)) % 4_294_967_296
    sumHigh = (sumHigh + (high >>> 0)) % 4_294_967_296
    builder.addPath(path, 0, length, conversions, nulls, value)
  }
  const version = createHasher()
    .update(`markov|${params.order}|${params.by}|${channels.join('\u0000')}`)
    .updateNumbers([sumLow, sumHigh, table.pathCount])
    .digest()
  return toMarkovModel(params, channels, builder.solve(threads), version)
}

export function learnMarkovFromPaths(rows: readonly PathRow[], params: MarkovParams): LearnedModel {
  return learnMarkovFromTable(toPathTable(rows), params)
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
