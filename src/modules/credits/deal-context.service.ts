// What a deal's credit depends on beyond its own facts: the partner chain above each partner on it
// (multi-tier credit passes shares up that chain) and the deals it grew from (a renewal under a
// recurring model inherits its parent's credit). Both join the run's input hash, so a change of a
// partner's parent or of a parent deal makes a new run.
import type { AttributionOptions, Journey, TierLink } from '../../attribution'
import type { Db } from '../../db/client'
import { invalidField } from '../../platform/app-error'
import { readActivityLabels, readJourneyFacts } from '../journeys'
import { partnerLineage } from '../partners'
import type { AttributionOptionsInput } from './credits.contract'

type Lineage = Map<string, { type: string; parentId: string | null }>

export interface DealContext {
  /** How the org's activities read in explanations. */
  activityLabels: Record<string, string>
  /** Partners on the deals and every partner above them. */
  partners: Lineage
  /** The deals asked for and every deal they grew from, by id. */
  journeys: Map<string, Journey>
}

const usesTiers = (options: AttributionOptionsInput) => options.tiers !== undefined
const usesRecurring = (options: AttributionOptionsInput) =>
  options.recurring !== undefined && options.recurring.mode !== 'own'

/** Reads what these models need beyond the journeys themselves: partner chains, ancestor deals. */
export async function readDealContext(
  db: Db,
  orgId: string,
  journeys: readonly Journey[],
  options: readonly AttributionOptionsInput[],
): Promise<DealContext> {
  const byId = new Map(journeys.map((j) => [j.id, j]))
  if (options.some(usesRecurring)) {
    let missing = journeys.flatMap((j) => (j.parentId && !byId.has(j.parentId) ? [j.parentId] : []))
    for (let depth = 0; missing.length > 0 && depth < 32; depth++) {
      const parents = await readJourneyFacts(db, orgId, [...new Set(missing)])
      for (const parent of parents) byId.set(parent.id, parent)
      missing = parents.flatMap((j) => (j.parentId && !byId.has(j.parentId) ? [j.parentId] : []))
    }
  }
  const partners: Lineage = options.some(usesTiers)
    ? await partnerLineage(
        db,
        orgId,
        [...byId.values()].flatMap((j) => j.touches.map((t) => t.actor)),
      )
    : new Map()
  return { activityLabels: await readActivityLabels(db, orgId), partners, journeys: byId }
}

/** The engine's options for a model: the partner chains become tier links with their shares. */
export function engineOptions(options: AttributionOptionsInput, context: DealContext): AttributionOptions {
  const { tiers, ...settings } = options
  // labels only word the explanations: they are not part of a run's input
  const rest = { ...settings, activityLabels: context.activityLabels }
  if (!tiers) return rest
  const { linkShares = {}, ...tierRest } = tiers
  const links: Record<string, TierLink> = {}
  for (const [child, partner] of context.partners) {
    if (!partner.parentId) continue
    links[child] = {
      parent: partner.parentId,
      parentKind: context.partners.get(partner.parentId)?.type ?? tiers.parentKind ?? 'distributor',
      share: linkShares[child] ?? tiers.defaultShare ?? 0.2,
    }
  }
  return { ...rest, tiers: { ...tierRest, links } }
}

/** The parts of the context one deal's credit under these options depends on, for its input hash. */
export function contextOf(journey: Journey, options: AttributionOptionsInput, context: DealContext) {
  const chains: string[][] = []
  if (usesTiers(options)) {
    for (const actor of new Set(journey.touches.map((t) => t.actor))) {
      const chain = [actor]
      for (let p = context.partners.get(actor)?.parentId; p && !chain.includes(p); ) {
        chain.push(p)
        p = context.partners.get(p)?.parentId
      }
      if (chain.length > 1) chains.push(chain)
    }
  }
  const ancestors: Journey[] = []
  if (usesRecurring(options)) {
    for (let p = context.journeys.get(journey.parentId ?? ''); p && !ancestors.includes(p); ) {
      ancestors.push(p)
      p = p.parentId ? context.journeys.get(p.parentId) : undefined
    }
  }
  return { chains, ancestors }
}

/**
 * Per-link shares name partners of the org that have a partner above them; anything else is
 * refused naming the link, and nothing is saved.
 */
export async function checkLinkShares(db: Db, orgId: string, options: AttributionOptionsInput) {
  const ids = Object.keys(options.tiers?.linkShares ?? {})
  if (ids.length === 0) return
  const lineage = await partnerLineage(db, orgId, ids)
  for (const id of ids) {
    const partner = lineage.get(id)
    if (!partner) throw invalidField(`options.tiers.linkShares.${id}`, 'no partner of this org has this id')
    if (!partner.parentId)
      throw invalidField(
        `options.tiers.linkShares.${id}`,
        'this partner has no partner above it, so there is no link to share',
      )
  }
}
