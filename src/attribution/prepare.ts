import { AttributionError } from './attribution-error'
import type { AttributionOptions, Journey, PreparedJourney, Touch } from './types'

export const DAY_MS = 86_400_000

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Total order on touches, so results never depend on the order rows arrived in. */
export function compareTouches(a: Touch, b: Touch): number {
  return (
    a.at - b.at ||
    compareText(a.actor, b.actor) ||
    compareText(a.actorKind, b.actorKind) ||
    compareText(a.activity, b.activity) ||
    compareText(a.id ?? '', b.id ?? '') ||
    compareText(a.parentActor ?? '', b.parentActor ?? '')
  )
}

/** Close for closed deals; as-of (or the latest known time) for open ones. */
export function referenceTimeOf(journey: Journey, asOf: number | undefined): number {
  if (journey.outcome !== 'open' && journey.closedAt !== undefined) return journey.closedAt
  if (asOf !== undefined) return asOf
  let latest = journey.createdAt
  for (const touch of journey.touches) latest = Math.max(latest, touch.at)
  return latest
}

function dedupeTouches(touches: readonly Touch[], mode: AttributionOptions['dedupe']): Touch[] {
  if (mode === undefined || mode === 'none') return [...touches]
  const kept: Touch[] = []
  const seen = new Set<string>()
  let previous: Touch | undefined
  for (const touch of touches) {
    const key = `${touch.actor}\u0000${touch.activity}`
    const isRepeat =
      mode === 'all' ? seen.has(key) : previous?.actor === touch.actor && previous.activity === touch.activity
    seen.add(key)
    previous = touch
    if (!isRepeat) kept.push(touch)
  }
  return kept
}

export function prepareJourney(journey: Journey, options: AttributionOptions = {}): PreparedJourney {
  const referenceTime = referenceTimeOf(journey, options.asOf)
  const excluded = new Set(options.excludeActivities ?? [])
  const earliest =
    options.lookbackDays === undefined ? -Infinity : referenceTime - options.lookbackDays * DAY_MS
  const sorted = [...journey.touches].sort(compareTouches)
  const inWindow = sorted.filter((touch) => !excluded.has(touch.activity) && touch.at >= earliest)
  const touches = dedupeTouches(inWindow, options.dedupe)
  const actors: string[] = []
  const seen = new Set<string>()
  for (const touch of touches) {
    if (!seen.has(touch.actor)) {
      seen.add(touch.actor)
      actors.push(touch.actor)
    }
  }
  return { journey, touches, referenceTime, actors }
}

function checkFraction(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new AttributionError('INVALID_OPTIONS', 'must be a number between 0 and 1', path)
  }
  return value
}

/** Checks options once at the edge of the engine so the models can trust them. */
export function checkOptions(options: AttributionOptions): AttributionOptions {
  if (options.lookbackDays !== undefined && !(options.lookbackDays > 0)) {
    throw new AttributionError('INVALID_OPTIONS', 'must be a positive number of days', 'options.lookbackDays')
  }
  if (options.dedupe !== undefined && !['none', 'consecutive', 'all'].includes(options.dedupe)) {
    throw new AttributionError('INVALID_OPTIONS', 'must be none, consecutive or all', 'options.dedupe')
  }
  if (options.asOf !== undefined && !Number.isFinite(options.asOf)) {
    throw new AttributionError('INVALID_OPTIONS', 'must be epoch milliseconds', 'options.asOf')
  }
  for (const [activity, label] of Object.entries(options.activityLabels ?? {})) {
    if (typeof label !== 'string' || label.length === 0 || label.length > 100)
      throw new AttributionError(
        'INVALID_OPTIONS',
        'must be a label of 1 to 100 characters',
        `options.activityLabels.${activity}`,
      )
  }
  const tiers = options.tiers
  if (tiers?.defaultShare !== undefined) checkFraction(tiers.defaultShare, 'options.tiers.defaultShare')
  for (const [child, link] of Object.entries(tiers?.links ?? {})) {
    checkFraction(link.share, `options.tiers.links.${child}.share`)
    if (link.parent === child) {
      throw new AttributionError(
        'INVALID_OPTIONS',
        'an actor cannot be its own parent',
        `options.tiers.links.${child}`,
      )
    }
  }
  const recurring = options.recurring
  if (recurring !== undefined) {
    if (!['own', 'inherit', 'mix'].includes(recurring.mode)) {
      throw new AttributionError('INVALID_OPTIONS', 'must be own, inherit or mix', 'options.recurring.mode')
    }
    if (recurring.decayPerRenewal !== undefined) {
      checkFraction(recurring.decayPerRenewal, 'options.recurring.decayPerRenewal')
    }
    if (recurring.inheritWeight !== undefined)
      checkFraction(recurring.inheritWeight, 'options.recurring.inheritWeight')
  }
  return options
}
