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

/** The deals this one grew from, parent first, as far as the context holds them (a loop stops). */
function ancestorsOf(journey: Journey, context: DealContext): Journey[] {
  const ancestors: Journey[] = []
  for (let p = context.journeys.get(journey.parentId ?? ''); p && !ancestors.includes(p); ) {
    ancestors.push(p)
    p = p.parentId ? context.journeys.get(p.parentId) : undefined
  }
  return ancestors
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
  return { chains, ancestors: usesRecurring(options) ? ancestorsOf(journey, context) : [] }
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

/** A partner in a stored chain: id, type and the partner above it. */
type StoredPartner = [id: string, type: string, parentId: string | null]

/** What a run's stored facts hold beyond the journey itself. */
export interface FactsContext {
  ancestors: Journey[]
  partners: StoredPartner[]
}

/**
 * The context of one deal as its runs store it: the deals it grew from and the chain above each
 * partner on it and on them, as far as the context was read (ancestors for recurring models, chains
 * for tiered ones), so any of the org's models can be run again over them.
 */
export function factsContextOf(journey: Journey, context: DealContext): FactsContext {
  const ancestors = ancestorsOf(journey, context)
  const partners = new Map<string, StoredPartner>()
  for (const j of [journey, ...ancestors]) {
    for (const touch of j.touches) {
      for (let id: string | null = touch.actor; id && !partners.has(id); ) {
        const partner = context.partners.get(id)
        if (!partner) break
        partners.set(id, [id, partner.type, partner.parentId])
        id = partner.parentId
      }
    }
  }
  return { ancestors, partners: [...partners.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1)) }
}

// stored as canonical JSON: the amount is a string of minor units
const journeyFromJson = (value: unknown): Journey => {
  const journey = value as Omit<Journey, 'amountMinor'> & { amountMinor: string }
  return { ...journey, amountMinor: BigInt(journey.amountMinor) }
}

/** A deal's journey and context again, from the facts its run stored. */
export function contextFromFacts(
  facts: { journey: unknown; ancestors?: unknown[]; partners?: StoredPartner[] },
  activityLabels: Record<string, string>,
): { journey: Journey; context: DealContext } {
  const journey = journeyFromJson(facts.journey)
  const journeys = new Map([[journey.id, journey]])
  for (const ancestor of facts.ancestors ?? []) {
    const parent = journeyFromJson(ancestor)
    journeys.set(parent.id, parent)
  }
  const partners: Lineage = new Map(
    (facts.partners ?? []).map(([id, type, parentId]) => [id, { type, parentId }]),
  )
  return { journey, context: { activityLabels, partners, journeys } }
}
