import { AttributionError } from './attribution-error'
import { formatPercent } from './explain'
import type { CreditAdjustment, PreparedJourney, TierLink, TierOptions } from './types'

export interface ActorShare {
  actor: string
  actorKind: string
  share: number
}

const MAX_TIER_DEPTH = 16

function findLinks(prepared: PreparedJourney, tiers: TierOptions): Map<string, TierLink> {
  const links = new Map<string, TierLink>()
  for (const touch of prepared.touches) {
    if (touch.parentActor !== undefined && touch.parentActor !== touch.actor && !links.has(touch.actor)) {
      links.set(touch.actor, {
        parent: touch.parentActor,
        parentKind: tiers.parentKind ?? 'distributor',
        share: tiers.defaultShare ?? 0.2,
      })
    }
  }
  for (const [child, link] of Object.entries(tiers.links ?? {})) links.set(child, link)
  return links
}

function depthOf(actor: string, links: ReadonlyMap<string, TierLink>): number {
  let depth = 0
  let current = links.get(actor)
  while (current !== undefined) {
    depth++
    if (depth > MAX_TIER_DEPTH) {
      throw new AttributionError(
        'INVALID_OPTIONS',
        `tier chain above ${actor} loops or is too deep`,
        'options.tiers',
      )
    }
    current = links.get(current.parent)
  }
  return depth
}

/**
 * Multi-tier: each actor with a parent passes the link's share of its credit up, deepest tier
 * first, so a distributor above a reseller above a sub-agent takes its part of what reached it.
 */
export function applyTiers(
  shares: readonly ActorShare[],
  prepared: PreparedJourney,
  tiers: TierOptions,
  adjustments: Map<string, CreditAdjustment[]>,
): ActorShare[] {
  const links = findLinks(prepared, tiers)
  if (links.size === 0) return [...shares]
  const result = shares.map((entry) => ({ ...entry }))
  const byActor = new Map(result.map((entry) => [entry.actor, entry]))
  const withDepth = result.map((entry) => ({ entry, depth: depthOf(entry.actor, links) }))
  const queue = withDepth.filter((item) => item.depth > 0).sort((a, b) => b.depth - a.depth)
  const note = (actor: string, delta: number, text: string) => {
    const list = adjustments.get(actor) ?? []
    list.push({ kind: 'tier', shareDelta: delta, text })
    adjustments.set(actor, list)
  }
  for (let index = 0; index < queue.length; index++) {
    const child = queue[index]?.entry
    const link = child ? links.get(child.actor) : undefined
    if (!child || !link || child.share === 0) continue
    const passed = child.share * link.share
    let parent = byActor.get(link.parent)
    if (!parent) {
      parent = { actor: link.parent, actorKind: link.parentKind, share: 0 }
      byActor.set(parent.actor, parent)
      result.push(parent)
      const parentDepth = depthOf(parent.actor, links)
      // a parent that first appears here may itself pass credit further up
      if (parentDepth > 0) {
        queue.push({ entry: parent, depth: parentDepth })
        queue.sort((a, b) => b.depth - a.depth)
      }
    }
    child.share -= passed
    parent.share += passed
    note(
      child.actor,
      -passed,
      `${link.parent} is the tier above you and takes ${formatPercent(link.share)} of your credit (${formatPercent(passed)} of the deal).`,
    )
    note(
      parent.actor,
      passed,
      `As the tier above ${child.actor} you take ${formatPercent(link.share)} of its credit (${formatPercent(passed)} of the deal).`,
    )
  }
  return result
}
