import { type RunInput, runModel } from './attribute'
import { AttributionError } from './attribution-error'
import { toJsonValue } from './hash'
import { getModel } from './models/index'
import { checkOptions } from './prepare'
import type { ActorShare } from './tiers'
import type {
  ActorTotal,
  AttributionModel,
  AttributionOptions,
  AttributionRun,
  Journey,
  JourneyAttribution,
  LearnedModel,
  ModelSpec,
} from './types'

function resolveSpec(spec: ModelSpec, options: AttributionOptions): RunInput<unknown> {
  const model: AttributionModel = getModel(spec.key)
  const params = model.parseParams(spec.params)
  if (spec.learned && spec.learned.key !== model.key) {
    throw new AttributionError('NOT_LEARNED', `learned model is for ${spec.learned.key}, not ${model.key}`)
  }
  return {
    model,
    params,
    paramsJson: toJsonValue(params),
    learned: spec.learned,
    options: checkOptions(options),
  }
}

/** Learns a markov, shapley or ai model from closed journeys; the result is plain JSON with a version id. */
export function learnModel(
  journeys: readonly Journey[],
  spec: ModelSpec,
  options: AttributionOptions = {},
): LearnedModel {
  const model = getModel(spec.key)
  if (!model.learn)
    throw new AttributionError('INVALID_PARAMS', `${model.key} does not learn from data`, 'model')
  return model.learn(journeys, model.parseParams(spec.params), checkOptions(options))
}

export function sharesOf(result: JourneyAttribution): ActorShare[] {
  return result.credits.map((credit) => ({
    actor: credit.actor,
    actorKind: credit.actorKind,
    share: credit.share,
  }))
}

/** One journey under one model. Learned models need `spec.learned`; renewals may pass their parent's result. */
export function attributeJourney(
  journey: Journey,
  spec: ModelSpec,
  options: AttributionOptions = {},
  parent?: JourneyAttribution,
): JourneyAttribution {
  const input = resolveSpec(spec, options)
  if (input.model.isLearned && !input.learned) {
    throw new AttributionError(
      'NOT_LEARNED',
      `${input.model.key} needs a learned model: call learnModel first`,
    )
  }
  return runModel(journey, parent ? { ...input, parentShares: sharesOf(parent) } : input)
}

/**
 * One journey at a time under a resolved model, for streams: parameters and options are checked
 * once, and nothing is kept between journeys. A renewal or expansion may pass its parent's result
 * so that recurring options can blend the parent's credit in.
 */
export function createJourneyAttributor(
  spec: ModelSpec,
  options: AttributionOptions = {},
): (journey: Journey, parent?: JourneyAttribution) => JourneyAttribution {
  const input = resolveSpec(spec, options)
  if (input.model.isLearned && !input.learned) {
    throw new AttributionError(
      'NOT_LEARNED',
      `${input.model.key} needs a learned model: call learnModel first`,
    )
  }
  return (journey, parent) => runModel(journey, parent ? { ...input, parentShares: sharesOf(parent) } : input)
}

export function summariseCredits(
  results: readonly JourneyAttribution[],
  journeys: readonly Journey[],
): ActorTotal[] {
  const outcomeOf = new Map(journeys.map((journey) => [journey.id, journey.outcome]))
  const totals = new Map<string, ActorTotal>()
  for (const result of results) {
    const outcome = outcomeOf.get(result.journeyId)
    for (const credit of result.credits) {
      const key = `${credit.actor}\u0000${result.currency}`
      const total = totals.get(key) ?? {
        actor: credit.actor,
        actorKind: credit.actorKind,
        currency: result.currency,
        conversions: 0,
        valueMinor: 0n,
        pipelineMinor: 0n,
        journeys: 0,
      }
      total.journeys++
      if (outcome === 'won') {
        total.conversions += credit.share
        total.valueMinor += credit.amountMinor
      } else if (outcome === 'open') total.pipelineMinor += credit.amountMinor
      totals.set(key, total)
    }
  }
  return [...totals.values()].sort((a, b) =>
    a.valueMinor === b.valueMinor ? (a.actor < b.actor ? -1 : 1) : a.valueMinor > b.valueMinor ? -1 : 1,
  )
}

/**
 * Every journey under one model. A learned model is learned from these journeys when none is
 * given; renewals and expansions are computed after their parents so they can inherit credit.
 */
export function attributeJourneys(
  journeys: readonly Journey[],
  spec: ModelSpec,
  options: AttributionOptions = {},
): AttributionRun {
  const input = resolveSpec(spec, options)
  const learned = input.model.isLearned ? (input.learned ?? learnModel(journeys, spec, options)) : undefined
  const run: RunInput<unknown> = { ...input, learned }
  const byId = new Map(journeys.map((journey) => [journey.id, journey]))
  const results = new Map<string, JourneyAttribution>()
  const inProgress = new Set<string>()
  const compute = (journey: Journey): JourneyAttribution => {
    const done = results.get(journey.id)
    if (done) return done
    if (inProgress.has(journey.id)) {
      throw new AttributionError('INVALID_JOURNEY', `parent chain of ${journey.id} loops`, 'parentId')
    }
    inProgress.add(journey.id)
    const parentJourney = journey.parentId === undefined ? undefined : byId.get(journey.parentId)
    const parent = options.recurring && parentJourney ? compute(parentJourney) : undefined
    const result = runModel(journey, parent ? { ...run, parentShares: sharesOf(parent) } : run)
    inProgress.delete(journey.id)
    results.set(journey.id, result)
    return result
  }
  const ordered = journeys.map(compute)
  return {
    model: input.model.key,
    params: input.paramsJson,
    ...(learned ? { modelVersion: learned.version, learned } : {}),
    journeys: ordered,
    totals: summariseCredits(ordered, journeys),
  }
}
