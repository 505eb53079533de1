import { formatPercent } from './explain'
import type { ActorShare } from './tiers'
import { type CreditAdjustment, DIRECT, type Journey, type RecurringOptions } from './types'

/** Fraction of the parent's credit a renewal or expansion keeps, after the per-renewal decay. */
export function inheritedFraction(recurring: RecurringOptions): number {
  const decay = recurring.decayPerRenewal ?? 0.2
  if (recurring.mode === 'own') return 0
  const weight = recurring.mode === 'mix' ? (recurring.inheritWeight ?? 0.5) : 1
  return weight * (1 - decay)
}

/**
 * Blends the parent's final shares into this journey's own. The part that is not inherited goes
 * to this journey's touches; with no touches of its own it goes to direct, because the vendor
 * kept the customer without partner help.
 */
export function blendWithParent(
  own: readonly ActorShare[],
  parent: readonly ActorShare[],
  journey: Journey,
  recurring: RecurringOptions,
  adjustments: Map<string, CreditAdjustment[]>,
): ActorShare[] {
  const inherited = inheritedFraction(recurring)
  if (inherited === 0 || parent.length === 0) return [...own]
  const ownPart = own.length > 0 ? own : [{ actor: DIRECT, actorKind: DIRECT, share: 1 }]
  const merged = new Map<string, ActorShare>()
  for (const entry of ownPart) {
    merged.set(entry.actor, { ...entry, share: entry.share * (1 - inherited) })
  }
  for (const entry of parent) {
    const add = entry.share * inherited
    const existing = merged.get(entry.actor)
    if (existing) existing.share += add
    else merged.set(entry.actor, { ...entry, share: add })
    if (add > 0) {
      const list = adjustments.get(entry.actor) ?? []
      list.push({
        kind: 'recurring',
        shareDelta: add,
        text:
          `This ${journey.kind} of ${journey.parentId} inherits ${formatPercent(inherited)} of that deal's credit ` +
          `(decay ${formatPercent(recurring.decayPerRenewal ?? 0.2)} per renewal); your inherited part is ${formatPercent(add)}.`,
      })
      adjustments.set(entry.actor, list)
    }
  }
  return [...merged.values()]
}
