import { AttributionError } from './attribution-error'
import { getModel } from './models/index'
import { learnMarkovFromTable, markov, type PathRow, toPathTable } from './models/markov/markov'
import type { RemovalThreads } from './models/markov/removal-effects'
import type { PathTable } from './path-table'
import type { LearnedModel, ModelSpec, PreparedJourney } from './types'

// The path-aggregated exchange format (one row per distinct channel path with its conversions,
// value and nulls): the input common attribution tools trade, attributed per channel.

export interface ChannelTotal {
  channel: string
  conversions: number
  value: number
}

export interface PathAttribution {
  model: string
  modelVersion?: string
  learned?: LearnedModel
  channels: ChannelTotal[]
}

const TIMELESS_MODELS = new Set(['equal', 'linear', 'first_touch', 'last_touch', 'position', 'role'])

function toPrepared(channels: readonly string[], index: number): PreparedJourney {
  // paths carry no times: touches are placed one step apart, which only orders them
  const touches = channels.map((channel, step) => ({
    actor: channel,
    actorKind: channel,
    activity: channel,
    at: step,
  }))
  return {
    journey: {
      id: `path-${index}`,
      amountMinor: 0n,
      currency: 'USD',
      outcome: 'won',
      createdAt: 0,
      closedAt: touches.length,
      kind: 'new',
      touches,
    },
    touches,
    referenceTime: touches.length,
    actors: [...new Set(channels)],
  }
}

function sortTotals(totals: ChannelTotal[]): ChannelTotal[] {
  return totals.sort((a, b) => b.conversions - a.conversions || (a.channel < b.channel ? -1 : 1))
}

export function attributePaths(rows: readonly PathRow[], spec: ModelSpec): PathAttribution {
  return attributePathTable(toPathTable(rows), spec)
}

/** Per-channel credit over distinct paths (see readPathsCsv): markov by removal effect, or a timeless heuristic. */
/** `threads` (optional) share higher-order Markov solves with other threads; see RemovalThreads. */
export function attributePathTable(
  table: PathTable,
  spec: ModelSpec,
  options: { threads?: RemovalThreads } = {},
): PathAttribution {
  const model = getModel(spec.key)
  const conversionsOf = new Float64Array(table.channels.length)
  const channelValue = new Float64Array(table.channels.length)
  const result = (extra: Omit<PathAttribution, 'channels'>): PathAttribution => ({
    ...extra,
    channels: sortTotals(
      table.channels.map((channel, id) => ({
        channel,
        conversions: conversionsOf[id],
        value: channelValue[id],
      })),
    ),
  })
  if (model.key === 'markov') {
    const params = markov.parseParams(spec.params)
    const learned = spec.learned ?? learnMarkovFromTable(table, params, options.threads)
    if (learned.key !== 'markov')
      throw new AttributionError('NOT_LEARNED', 'learned model is not a markov model')
    const { channels, removalEffects, removalEffectsValue } = learned.data
    const effectSum = removalEffects.reduce((sum, effect) => sum + effect, 0)
    const valueEffectSum = removalEffectsValue.reduce((sum, effect) => sum + effect, 0)
    let conversions = 0
    let value = 0
    for (let path = 0; path < table.pathCount; path++) {
      conversions += table.conversions[path]
      value += table.values[path]
    }
    const idOf = new Map(table.channels.map((channel, id) => [channel, id]))
    channels.forEach((channel, index) => {
      const id = idOf.get(channel)
      if (id === undefined) return
      conversionsOf[id] = effectSum > 0 ? (conversions * (removalEffects[index] ?? 0)) / effectSum : 0
      channelValue[id] = valueEffectSum > 0 ? (value * (removalEffectsValue[index] ?? 0)) / valueEffectSum : 0
    })
    return result({ model: model.key, modelVersion: learned.version, learned })
  }
  if (!TIMELESS_MODELS.has(model.key)) {
    throw new AttributionError(
      'INVALID_PARAMS',
      `${model.key} needs touch times or journeys; paths input supports markov, ${[...TIMELESS_MODELS].join(', ')}`,
      'model',
    )
  }
  const params = model.parseParams(spec.params)
  for (let path = 0; path < table.pathCount; path++) {
    const conversions = table.conversions[path]
    const value = table.values[path]
    if (conversions + value === 0) continue
    const ids = table.pathChannels.subarray(table.pathStart[path], table.pathStart[path + 1])
    const prepared = toPrepared(
      Array.from(ids, (id) => table.channels[id] ?? ''),
      path,
    )
    const weights = model.allocate(prepared, params, {}).touchWeights
    const weightSum = weights.reduce((sum, weight) => sum + weight, 0)
    ids.forEach((id, step) => {
      const share = weightSum > 0 ? (weights[step] ?? 0) / weightSum : 1 / weights.length
      conversionsOf[id] += conversions * share
      channelValue[id] += value * share
    })
  }
  return result({ model: model.key })
}
