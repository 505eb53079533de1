// A draft ladder tried on the org before it is saved: every partner the draft would place is measured
// and decided as the evaluation would decide it, and nothing is written. "With these criteria, 12
// partners move up, 3 down and 2 are at risk", with each move and its reason.
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import type { Scope } from '../../platform/scope'
import { readPayingSumBook } from '../credits'
import { type PartnerFacts, readPartnerFacts } from '../partners'
import { listPartnerIds } from './evaluations.service'
import { checkDefinition, type LadderFacts, readActiveLadders, withCurrency } from './ladders.service'
import type { LadderPreviewInput, LadderPreviewView } from './programs.contract'
import { programsPermissions } from './programs.permissions'
import { partnerTierStates, tierLadders } from './programs.tables'
import { measurePartners, noFigures, periodStart, type RateCache } from './tier-figures.service'
import { chooseLadder, decideTier } from './tier-rules'

type Move = LadderPreviewView['moves'][number]

const batchSize = 500
const shownMoves = 100
const order: Record<Move['direction'], number> = { promotion: 0, demotion: 1, at_risk: 2, leaving: 3 }

const held = (partner: PartnerFacts) =>
  partner.tier ? { key: partner.tier, name: partner.tierName ?? partner.tier } : null

function sentence(
  counts: Pick<LadderPreviewView, 'partners' | 'promoted' | 'demoted' | 'atRisk' | 'leaving'>,
) {
  const partners = (n: number) => `${n} ${n === 1 ? 'partner' : 'partners'}`
  const verb = (n: number, one: string, many: string) => (n === 1 ? one : many)
  const { promoted, demoted, atRisk, leaving } = counts
  const parts = [
    promoted > 0 ? `${partners(promoted)} ${verb(promoted, 'moves', 'move')} up` : null,
    demoted > 0
      ? promoted > 0
        ? `${demoted} down`
        : `${partners(demoted)} ${verb(demoted, 'moves', 'move')} down`
      : null,
    atRisk > 0 ? `${atRisk} ${verb(atRisk, 'is', 'are')} at risk` : null,
    leaving > 0 ? `${leaving} ${verb(leaving, 'leaves', 'leave')} the ladder` : null,
  ].filter((part): part is string => part !== null)
  if (counts.partners === 0 && leaving === 0) return 'With these criteria, the ladder places no partner.'
  if (parts.length === 0)
    return `With these criteria, ${counts.partners === 1 ? 'the one partner keeps its' : `all ${counts.partners} partners keep their`} tier.`
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
  return `With these criteria, ${list}.`
}

export async function previewLadder(
  db: Db,
  scope: Scope,
  input: LadderPreviewInput,
  clock: Clock,
): Promise<LadderPreviewView> {
  programsPermissions.require(scope, 'programs.manage')
  checkDefinition(input.definition)
  const { orgId } = scope
  const definition = await withCurrency(db, orgId, input.definition)
  const current = await readActiveLadders(db, orgId)
  const editing = input.ladderId
  if (editing) {
    const [found] = await db
      .select({ id: tierLadders.id, name: tierLadders.name, version: tierLadders.version })
      .from(tierLadders)
      .where(and(eq(tierLadders.orgId, orgId), eq(tierLadders.id, editing)))
    if (!found) throw notFound('Tier ladder', editing)
  }
  const draft: LadderFacts = { id: editing ?? '', name: 'draft', version: 0, definition }
  // the draft takes the edited ladder's place in the order ladders place partners; a new one comes last
  const ladders = current.some((l) => l.id === editing)
    ? current.map((l) => (l.id === editing ? draft : l))
    : [...current, draft]

  const now = clock.now()
  const book = await readPayingSumBook(db, orgId, {
    from: periodStart(now, definition.periodMonths),
    to: now,
  })
  const rates: RateCache = new Map()
  const counts = { partners: 0, promoted: 0, demoted: 0, atRisk: 0, unchanged: 0, leaving: 0 }
  const moves: Move[] = []
  const partnerIds = await listPartnerIds(db, orgId)
  for (let next = 0; next < partnerIds.length; next += batchSize) {
    const facts = await readPartnerFacts(db, orgId, partnerIds.slice(next, next + batchSize))
    const placed: string[] = []
    for (const [id, partner] of facts) {
      if (chooseLadder(ladders, partner) === draft) placed.push(id)
      else if (editing && chooseLadder(current, partner)?.id === editing) {
        counts.leaving++
        moves.push({
          partnerId: id,
          partnerName: partner.name,
          direction: 'leaving',
          from: held(partner),
          to: null,
          explanation: 'the draft’s audience no longer takes the partner: another ladder or none places it',
        })
      }
    }
    if (placed.length === 0) continue
    const figures = await measurePartners(db, orgId, placed, definition, now, rates, book)
    // a grace already running on the edited ladder keeps its dates, as the evaluation keeps them
    const graces = editing
      ? await db
          .select({
            partnerId: partnerTierStates.partnerId,
            since: partnerTierStates.atRiskSince,
            until: partnerTierStates.graceUntil,
          })
          .from(partnerTierStates)
          .where(
            and(
              eq(partnerTierStates.orgId, orgId),
              eq(partnerTierStates.ladderId, editing),
              inArray(partnerTierStates.partnerId, placed),
            ),
          )
      : []
    const graceOf = new Map(graces.map((g) => [g.partnerId, g]))
    for (const id of placed) {
      const partner = facts.get(id)!
      const grace = graceOf.get(id)
      const decision = decideTier({
        definition,
        figures: figures.get(id) ?? noFigures(definition),
        partner,
        current: partner.tier,
        currentName: partner.tierName,
        atRisk: grace?.since && grace.until ? { since: grace.since, until: grace.until } : null,
        now,
      })
      counts.partners++
      const move = decision.move
      const base = { partnerId: id, partnerName: partner.name, from: held(partner) }
      if (move) {
        counts[move.direction === 'promotion' ? 'promoted' : 'demoted']++
        const to = move.to ? { key: move.to.key, name: move.to.name } : null
        moves.push({ ...base, direction: move.direction, to, explanation: move.explanation })
      } else if (decision.atRisk) {
        counts.atRisk++
        moves.push({ ...base, direction: 'at_risk', to: base.from, explanation: decision.atRisk.text })
      } else counts.unchanged++
    }
  }
  moves.sort((a, b) => order[a.direction] - order[b.direction] || a.partnerName.localeCompare(b.partnerName))
  return { ...counts, summary: sentence(counts), moves: moves.slice(0, shownMoves) }
}
