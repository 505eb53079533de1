import { AttributionError } from './attribution-error'
import { getModel } from './models/index'
import { learnMarkovFromPaths, markov, type PathRow } from './models/markov/markov'
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

function toPrepared(row: PathRow, index: number): PreparedJourney {
  // paths carry no times: touches are placed one step apart, which only orders them
  const touches = row.channels.map((channel, step) => ({
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
    actors: [...new Set(row.channels)],
  }
}

function sortTotals(totals: Map<string, ChannelTotal>): ChannelTotal[] {
  return [...totals.values()].sort(
    (a, b) => b.conversions - a.conversions || (a.channel < b.channel ? -1 : 1),
  )
}

export function attributePaths(rows: readonly PathRow[], spec: ModelSpec): PathAttribution {
  const model = getModel(spec.key)
  const totals = new Map<string, ChannelTotal>()
  const totalOf = (channel: string) => {
    let total = totals.get(channel)
    if (!total) {
      total = { channel, conversions: 0, value: 0 }
      totals.set(channel, total)
    }
    return total
  }
  for (const row of rows) for (const channel of row.channels) totalOf(channel)
  if (model.key === 'markov') {
    const params = markov.parseParams(spec.params)
    const learned = spec.learned ?? learnMarkovFromPaths(rows, params)
    if (learned.key !== 'markov')
      throw new AttributionError('NOT_LEARNED', 'learned model is not a markov model')
    const { channels, removalEffects, removalEffectsValue } = learned.data
    const effectSum = removalEffects.reduce((sum, effect) => sum + effect, 0)
    const valueEffectSum = removalEffectsValue.reduce((sum, effect) => sum + effect, 0)
    const conversions = rows.reduce((sum, row) => sum + row.conversions, 0)
    const value = rows.reduce((sum, row) => sum + row.value, 0)
    channels.forEach((channel, index) => {
      const total = totalOf(channel)
      total.conversions = effectSum > 0 ? (conversions * (removalEffects[index] ?? 0)) / effectSum : 0
      total.value = valueEffectSum > 0 ? (value * (removalEffectsValue[index] ?? 0)) / valueEffectSum : 0
    })
    return { model: model.key, modelVersion: learned.version, learned, channels: sortTotals(totals) }
  }
  if (!TIMELESS_MODELS.has(model.key)) {
    throw new AttributionError(
      'INVALID_PARAMS',
      `${model.key} needs touch times or journeys; paths input supports markov, ${[...TIMELESS_MODELS].join(', ')}`,
      'model',
    )
  }
  const params = model.parseParams(spec.params)
  rows.forEach((row, index) => {
    if (row.channels.length === 0 || row.conversions + row.value === 0) return
    const prepared = toPrepared(row, index)
    const weights = model.allocate(prepared, params, {}).touchWeights
    const weightSum = weights.reduce((sum, weight) => sum + weight, 0)
    prepared.touches.forEach((touch, step) => {
      const share = weightSum > 0 ? (weights[step] ?? 0) / weightSum : 1 / weights.length
      const total = totalOf(touch.actor)
      total.conversions += row.conversions * share
      total.value += row.value * share
    })
  })
  return { model: model.key, channels: sortTotals(totals) }
}
