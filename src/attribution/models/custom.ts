import { AttributionError } from '../attribution-error'
import { daysBefore, formatPercent } from '../explain'
import { toJsonValue } from '../hash'
import { checkLogic, evaluateLogic, isTruthy } from '../json-logic'
import { checkNumber, isPlainObject, readParamsObject } from '../params'
import { boundShares, type ShareBounds } from '../share-bounds'
import {
  type AttributionModel,
  type CreditAdjustment,
  DIRECT,
  type JsonValue,
  type ModelKey,
  type PreparedJourney,
} from '../types'

/**
 * A rule: `when` is json-logic over { touch, actor, deal }. Touch rules (weight, multiply, exclude)
 * change a touch's weight; actor rules (fixedShare, minShare, maxShare) bound an actor's share.
 */
export interface CustomRule {
  label: string
  when: JsonValue
  weight?: number
  multiply?: number
  exclude?: boolean
  fixedShare?: number
  minShare?: number
  maxShare?: number
}

export interface CustomParams {
  base: ModelKey
  baseParams: unknown
  rules: readonly CustomRule[]
}

const RULE_KEYS = ['label', 'when', 'weight', 'multiply', 'exclude', 'fixedShare', 'minShare', 'maxShare']

function parseRule(input: unknown, index: number): CustomRule {
  const path = `params.rules[${index}]`
  if (!isPlainObject(input)) throw new AttributionError('INVALID_RULE', 'must be an object', path)
  for (const key of Object.keys(input)) {
    if (!RULE_KEYS.includes(key))
      throw new AttributionError('INVALID_RULE', 'unknown field', `${path}.${key}`)
  }
  const when = toJsonValue(input.when ?? true)
  checkLogic(when, `${path}.when`)
  const rule: CustomRule = {
    label: typeof input.label === 'string' ? input.label : `rule ${index + 1}`,
    when,
  }
  if (input.weight !== undefined) rule.weight = checkNumber(input.weight, `${path}.weight`, { min: 0 })
  if (input.multiply !== undefined)
    rule.multiply = checkNumber(input.multiply, `${path}.multiply`, { min: 0 })
  if (input.exclude !== undefined) rule.exclude = input.exclude === true
  for (const key of ['fixedShare', 'minShare', 'maxShare'] as const) {
    if (input[key] !== undefined) rule[key] = checkNumber(input[key], `${path}.${key}`, { min: 0, max: 1 })
  }
  const actions = ['weight', 'multiply', 'exclude', 'fixedShare', 'minShare', 'maxShare'].filter(
    (key) => input[key] !== undefined,
  )
  if (actions.length === 0) throw new AttributionError('INVALID_RULE', 'a rule needs an action', path)
  return rule
}

function buildDeal(journey: PreparedJourney) {
  const deal = journey.journey
  return {
    id: deal.id,
    amountMinor: Number(deal.amountMinor),
    currency: deal.currency,
    outcome: deal.outcome,
    kind: deal.kind,
    createdAt: deal.createdAt,
    closedAt: deal.closedAt ?? null,
    touchCount: journey.touches.length,
    actorCount: journey.actors.length,
    fields: deal.fields ?? {},
  }
}

function buildActors(journey: PreparedJourney) {
  const actors = new Map<string, { id: string; kind: string; touchCount: number; activities: string[] }>()
  for (const touch of journey.touches) {
    const actor = actors.get(touch.actor) ?? {
      id: touch.actor,
      kind: touch.actorKind,
      touchCount: 0,
      activities: [],
    }
    actor.touchCount++
    if (!actor.activities.includes(touch.activity)) actor.activities.push(touch.activity)
    actors.set(touch.actor, actor)
  }
  const firstActor = journey.touches[0]?.actor
  const lastActor = journey.touches[journey.touches.length - 1]?.actor
  return new Map(
    [...actors].map(([id, actor]) => [
      id,
      { ...actor, isFirst: id === firstActor, isLast: id === lastActor, isDirect: actor.kind === DIRECT },
    ]),
  )
}

const isTouchRule = (rule: CustomRule) =>
  rule.weight !== undefined || rule.multiply !== undefined || rule.exclude !== undefined

/** Builds `custom` over the non-learned models, so rules can start from any of their weightings. */
export function createCustomModel(
  baseModels: Readonly<Record<string, AttributionModel>>,
): AttributionModel<CustomParams> {
  const findBase = (key: unknown): AttributionModel => {
    const model = typeof key === 'string' ? baseModels[key] : undefined
    if (!model) {
      throw new AttributionError(
        'INVALID_PARAMS',
        `must be one of ${Object.keys(baseModels).join(', ')}`,
        'params.base',
      )
    }
    return model
  }
  return {
    key: 'custom',
    label: 'Custom rules',
    defaults: { base: 'linear', baseParams: {}, rules: [] },
    isLearned: false,
    parseParams(input) {
      const params = readParamsObject(input, ['base', 'baseParams', 'rules'])
      const base = findBase(params.base ?? 'linear')
      const rules = params.rules ?? []
      if (!Array.isArray(rules))
        throw new AttributionError('INVALID_RULE', 'must be an array', 'params.rules')
      return { base: base.key, baseParams: base.parseParams(params.baseParams), rules: rules.map(parseRule) }
    },
    describe(params) {
      return `Custom rules (${params.rules.length}) on ${findBase(params.base).describe(params.baseParams)}`
    },
    allocate(journey, params, context) {
      const base = findBase(params.base).allocate(journey, params.baseParams, context)
      const deal = buildDeal(journey)
      const actors = buildActors(journey)
      const adjustments: Record<string, CreditAdjustment[]> = {}
      const addAdjustment = (actor: string, text: string, shareDelta = 0) => {
        adjustments[actor] = [...(adjustments[actor] ?? []), { kind: 'rule', shareDelta, text }]
      }
      const touchWeights = journey.touches.map((touch, index) => {
        let weight = base.touchWeights[index] ?? 0
        const data = {
          touch: {
            ...touch,
            index,
            isFirst: index === 0,
            isLast: index === journey.touches.length - 1,
            daysBefore: daysBefore(touch.at, journey.referenceTime),
          },
          actor: actors.get(touch.actor),
          deal,
        }
        for (const rule of params.rules) {
          if (!isTouchRule(rule) || !isTruthy(evaluateLogic(rule.when, data))) continue
          if (rule.exclude) weight = 0
          if (rule.weight !== undefined) weight = rule.weight
          if (rule.multiply !== undefined) weight *= rule.multiply
          addAdjustment(touch.actor, `Rule "${rule.label}" changed the weight of your ${touch.activity}.`)
        }
        return weight
      })
      const bounds = new Map<string, ShareBounds>()
      for (const [id, actor] of actors) {
        const bound: ShareBounds = { min: 0, max: 1 }
        for (const rule of params.rules) {
          if (isTouchRule(rule) || !isTruthy(evaluateLogic(rule.when, { actor, deal }))) continue
          if (rule.fixedShare !== undefined) bound.fixed = rule.fixedShare
          if (rule.minShare !== undefined) bound.min = Math.max(bound.min, rule.minShare)
          if (rule.maxShare !== undefined) bound.max = Math.min(bound.max, rule.maxShare)
          addAdjustment(id, describeBound(rule))
        }
        if (bound.fixed !== undefined || bound.min > 0 || bound.max < 1) bounds.set(id, bound)
      }
      if (bounds.size === 0) return { ...base, touchWeights, adjustments }
      const total = touchWeights.reduce((sum, weight) => sum + weight, 0)
      const weighted = new Map<string, number>(journey.actors.map((actor) => [actor, 0]))
      journey.touches.forEach((touch, index) => {
        const share = total > 0 ? (touchWeights[index] ?? 0) / total : 1 / journey.touches.length
        weighted.set(touch.actor, (weighted.get(touch.actor) ?? 0) + share)
      })
      const bounded = boundShares(weighted, bounds)
      const actorShares: Record<string, number> = Object.fromEntries(bounded.shares)
      const notes = [...(base.notes ?? []), ...bounded.notes]
      if (bounded.unallocated > 0) {
        actorShares[DIRECT] = (actorShares[DIRECT] ?? 0) + bounded.unallocated
        notes.push(
          `Every actor reached its maximum share, so ${formatPercent(bounded.unallocated)} stays with direct.`,
        )
      }
      return { ...base, touchWeights, adjustments, actorShares, notes }
    },
  }
}

function describeBound(rule: CustomRule): string {
  if (rule.fixedShare !== undefined)
    return `Rule "${rule.label}" fixes your share at ${formatPercent(rule.fixedShare)}.`
  const parts: string[] = []
  if (rule.minShare !== undefined) parts.push(`at least ${formatPercent(rule.minShare)}`)
  if (rule.maxShare !== undefined) parts.push(`at most ${formatPercent(rule.maxShare)}`)
  return `Rule "${rule.label}" gives you ${parts.join(' and ')}.`
}
