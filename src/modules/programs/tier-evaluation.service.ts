// Tier evaluation: brings partners' tiers up to date with their figures and the ladders in force.
// Level-triggered and serialised per partner: each run works from the current facts, writes a
// partner's standing only when it changed, and a second run with nothing new writes nothing.
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { writeAudits } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import { publish, publishAll } from '../../platform/events'
import { actorLabel, type Scope, systemScope } from '../../platform/scope'
import type { PayingSumBook } from '../credits'
import { type PartnerFacts, readPartnerFacts, setPartnerTiers } from '../partners'
import { type LadderFacts, readActiveLadders } from './ladders.service'
import type { TierLevel } from './programs.contract'
import { programEvents } from './programs.events'
import { partnerTierStates, programIds, tierChanges, tierProposals } from './programs.tables'
import { measurePartners, noFigures, type RateCache, readFigures, storeFigures } from './tier-figures.service'
import { chooseLadder, decideTier, type TierFigures, type TierMove } from './tier-rules'

type StateRow = typeof partnerTierStates.$inferSelect
type ProposalRow = typeof tierProposals.$inferSelect

export interface EvaluationResult {
  /** Partners whose tier changed. */
  changed: number
  /** Proposals made for staff. */
  proposed: number
}

const ref = (level: TierLevel | null) => (level ? { key: level.key, name: level.name } : null)

/** Locks these partners' tiers for the caller's transaction, in one order so two runs never deadlock. */
export async function lockTiers(tx: Db, orgId: string, partnerIds: readonly string[]): Promise<void> {
  if (partnerIds.length === 0) return
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`tier:${orgId}:`} || p, 0))
          from unnest(${sql.param([...partnerIds].sort())}::text[]) as p order by p`,
  )
}

export interface TierChangeInput {
  partnerId: string
  ladder: { id: string; version: number } | null
  from: { key: string; name: string } | null
  to: { key: string; name: string } | null
  direction: 'promotion' | 'demotion'
  explanation: string
  figures: TierFigures
  proposalId: string | null
}

/**
 * Sets the tiers on the partners (partners announces them), keeps each in the history with its
 * reason, audits them and publishes `tier.changed`, all in the caller's transaction and a few
 * statements however many change.
 */
export async function applyTierChanges(
  tx: Db,
  scope: Scope,
  changes: readonly TierChangeInput[],
  clock: Clock,
): Promise<void> {
  if (changes.length === 0) return
  await setPartnerTiers(
    tx,
    scope,
    changes.map((c) => ({ partnerId: c.partnerId, tier: c.to })),
    { clock },
  )
  const actor = actorLabel(scope.actor)
  const at = clock.now()
  await tx.insert(tierChanges).values(
    changes.map((change) => ({
      orgId: scope.orgId,
      id: programIds.tierChange(),
      partnerId: change.partnerId,
      ladderId: change.ladder?.id ?? null,
      ladderVersion: change.ladder?.version ?? null,
      fromTier: change.from?.key ?? null,
      fromName: change.from?.name ?? null,
      toTier: change.to?.key ?? null,
      toName: change.to?.name ?? null,
      direction: change.direction,
      explanation: change.explanation,
      figures: storeFigures(change.figures),
      proposalId: change.proposalId,
      actor,
      at,
    })),
  )
  await writeAudits(
    tx,
    scope,
    changes.map((change) => ({
      action: 'tier.changed',
      entityType: 'partner',
      entityId: change.partnerId,
      before: { tier: change.from?.key ?? null },
      after: {
        tier: change.to?.key ?? null,
        reason: change.explanation,
        ladderId: change.ladder?.id ?? null,
        ladderVersion: change.ladder?.version ?? null,
        proposalId: change.proposalId,
      },
    })),
    clock,
  )
  await publishAll(
    tx,
    scope,
    changes.map((change) =>
      programEvents.event('tier.changed', change.partnerId, {
        partnerId: change.partnerId,
        from: change.from?.key ?? null,
        to: change.to?.key ?? null,
        reason: change.explanation,
      }),
    ),
    clock,
  )
}

async function withdrawProposal(tx: Db, scope: Scope, proposal: ProposalRow, note: string, clock: Clock) {
  await tx
    .update(tierProposals)
    .set({ status: 'withdrawn', decidedAt: clock.now(), decidedBy: actorLabel(scope.actor), note })
    .where(and(eq(tierProposals.orgId, scope.orgId), eq(tierProposals.id, proposal.id)))
  await publish(
    tx,
    scope,
    programEvents.event('tier_proposal.changed', proposal.id, {
      proposalId: proposal.id,
      partnerId: proposal.partnerId,
      status: 'withdrawn',
    }),
    clock,
  )
}

/** The state row as it should be; compared with the stored one so that nothing new writes nothing. */
type NextState = Omit<StateRow, 'orgId' | 'partnerId' | 'updatedAt'>

const sameState = (row: StateRow | undefined, next: NextState) =>
  row !== undefined &&
  row.ladderId === next.ladderId &&
  row.tier === next.tier &&
  row.qualifies === next.qualifies &&
  row.revenueMinor === next.revenueMinor &&
  JSON.stringify(row.figures) === JSON.stringify(next.figures) &&
  row.atRiskSince?.getTime() === next.atRiskSince?.getTime() &&
  row.graceUntil?.getTime() === next.graceUntil?.getTime() &&
  row.declined === next.declined

/**
 * Brings these partners' tiers up to date in the caller's transaction. Automatic ladders change the
 * tier at once (a demotion after the grace days); review ladders make one pending proposal per
 * partner, withdrawn when it no longer applies and not made again once rejected.
 */
export async function evaluatePartners(
  tx: Db,
  orgId: string,
  candidateIds: readonly string[],
  clock: Clock,
  cache: {
    ladders?: LadderFacts[]
    rates?: RateCache
    /** Per rolling period in months, the org's sums read once for an org-wide evaluation. */
    sums?: Map<number, PayingSumBook>
  } = {},
): Promise<EvaluationResult> {
  const wanted = [...new Set(candidateIds)].sort()
  if (wanted.length === 0) return { changed: 0, proposed: 0 }
  await lockTiers(tx, orgId, wanted)
  // read under the lock: a run that waited sees what the one before it wrote
  const facts = await readPartnerFacts(tx, orgId, wanted)
  const partnerIds = wanted.filter((id) => facts.has(id))
  if (partnerIds.length === 0) return { changed: 0, proposed: 0 }
  const ladders = cache.ladders ?? (await readActiveLadders(tx, orgId))
  const rates = cache.rates ?? new Map()
  const states = new Map(
    (
      await tx
        .select()
        .from(partnerTierStates)
        .where(and(eq(partnerTierStates.orgId, orgId), inArray(partnerTierStates.partnerId, partnerIds)))
    ).map((s) => [s.partnerId, s]),
  )
  const pending = new Map(
    (
      await tx
        .select()
        .from(tierProposals)
        .where(
          and(
            eq(tierProposals.orgId, orgId),
            eq(tierProposals.status, 'pending'),
            inArray(tierProposals.partnerId, partnerIds),
          ),
        )
    ).map((p) => [p.partnerId, p]),
  )

  // each partner's ladder, then each ladder's partners measured in one query
  const ladderOf = new Map(partnerIds.map((id) => [id, chooseLadder(ladders, facts.get(id)!)]))
  const figuresOf = new Map<string, TierFigures>()
  for (const ladder of ladders) {
    const mine = partnerIds.filter((id) => ladderOf.get(id)?.id === ladder.id)
    if (mine.length === 0) continue
    const book = cache.sums?.get(ladder.definition.periodMonths)
    const measured = await measurePartners(tx, orgId, mine, ladder.definition, clock.now(), rates, book)
    for (const [id, f] of measured) figuresOf.set(id, f)
  }

  const scope = systemScope(orgId)
  const now = clock.now()
  const result: EvaluationResult = { changed: 0, proposed: 0 }
  const writes: EvaluationWrites = { changes: [], proposals: [], states: [], leaving: [] }
  for (const partnerId of partnerIds) {
    const partner = facts.get(partnerId)!
    const state = states.get(partnerId)
    const ladder = ladderOf.get(partnerId) ?? null
    const proposal = pending.get(partnerId)
    if (!ladder) {
      await leaveLadders(tx, scope, partner, partnerId, state, proposal, clock, writes, result)
      continue
    }
    const { definition } = ladder
    const figures = figuresOf.get(partnerId) ?? noFigures(definition)
    const keptRisk =
      state?.ladderId === ladder.id && state.atRiskSince && state.graceUntil
        ? { since: state.atRiskSince, until: state.graceUntil }
        : null
    const decision = decideTier({
      definition,
      figures,
      partner,
      current: partner.tier,
      currentName: partner.tierName,
      atRisk: keptRisk,
      now,
    })
    let tier = partner.tier
    let atRisk = decision.atRisk ? { since: decision.atRisk.since, until: decision.atRisk.until } : null
    let declined: string | null = null
    const move: TierMove | null = decision.move
    const target = move ? (move.to?.key ?? '') : null
    const from = partner.tier ? { key: partner.tier, name: partner.tierName ?? partner.tier } : null
    if (move && definition.mode === 'automatic') {
      if (proposal)
        await withdrawProposal(tx, scope, proposal, 'the ladder changes tiers automatically now', clock)
      writes.changes.push({
        partnerId,
        ladder: { id: ladder.id, version: ladder.version },
        from,
        to: ref(move.to),
        direction: move.direction,
        explanation: move.explanation,
        figures,
        proposalId: null,
      })
      tier = move.to?.key ?? null
      result.changed++
    } else if (move) {
      // review: the partner keeps its tier (and its ended grace) until staff decide
      if (move.direction === 'demotion' && keptRisk) atRisk = keptRisk
      const isPending = proposal && (proposal.toTier ?? '') === target
      if (state?.declined === target && !isPending) {
        declined = target
        if (proposal)
          await withdrawProposal(tx, scope, proposal, 'no longer what the ladder calls for', clock)
      } else if (!isPending) {
        if (proposal) await withdrawProposal(tx, scope, proposal, 'replaced by a newer proposal', clock)
        writes.proposals.push(proposalRow(orgId, partnerId, ladder, from, move, figures, now))
        result.proposed++
      }
    } else if (proposal) {
      await withdrawProposal(tx, scope, proposal, 'the partner’s standing changed: nothing to decide', clock)
    }
    const next: NextState = {
      ladderId: ladder.id,
      tier,
      qualifies: decision.qualifies?.key ?? null,
      revenueMinor: figures.revenueMinor,
      figures: storeFigures(figures),
      atRiskSince: atRisk?.since ?? null,
      graceUntil: atRisk?.until ?? null,
      declined,
    }
    if (!sameState(state, next)) writes.states.push({ orgId, partnerId, ...next, updatedAt: now })
  }
  await writeEvaluation(tx, scope, writes, clock)
  return result
}

/** What an evaluation of a batch writes, gathered to be written in a few statements. */
interface EvaluationWrites {
  changes: TierChangeInput[]
  proposals: ProposalRow[]
  states: StateRow[]
  /** Partners no ladder places any more: their standing goes. */
  leaving: string[]
}

async function writeEvaluation(tx: Db, scope: Scope, writes: EvaluationWrites, clock: Clock) {
  await applyTierChanges(tx, scope, writes.changes, clock)
  if (writes.proposals.length > 0) {
    await tx.insert(tierProposals).values(writes.proposals)
    await publishAll(
      tx,
      scope,
      writes.proposals.map((p) =>
        programEvents.event('tier_proposal.changed', p.id, {
          proposalId: p.id,
          partnerId: p.partnerId,
          status: 'pending',
        }),
      ),
      clock,
    )
  }
  if (writes.states.length > 0)
    await tx
      .insert(partnerTierStates)
      .values(writes.states)
      .onConflictDoUpdate({
        target: [partnerTierStates.orgId, partnerTierStates.partnerId],
        set: Object.fromEntries(
          (
            [
              'ladderId',
              'tier',
              'qualifies',
              'revenueMinor',
              'figures',
              'atRiskSince',
              'graceUntil',
              'declined',
              'updatedAt',
            ] as const
          ).map((key) => [key, sql.raw(`excluded.${partnerTierStates[key].name}`)]),
        ),
      })
  if (writes.leaving.length > 0)
    await tx
      .delete(partnerTierStates)
      .where(
        and(eq(partnerTierStates.orgId, scope.orgId), inArray(partnerTierStates.partnerId, writes.leaving)),
      )
}

const proposalRow = (
  orgId: string,
  partnerId: string,
  ladder: LadderFacts,
  from: { key: string; name: string } | null,
  move: TierMove,
  figures: TierFigures,
  now: Date,
): ProposalRow => ({
  orgId,
  id: programIds.proposal(),
  partnerId,
  ladderId: ladder.id,
  ladderVersion: ladder.version,
  fromTier: from?.key ?? null,
  fromName: from?.name ?? null,
  toTier: move.to?.key ?? null,
  toName: move.to?.name ?? null,
  direction: move.direction,
  explanation: move.explanation,
  figures: storeFigures(figures),
  status: 'pending',
  createdAt: now,
  decidedAt: null,
  decidedBy: null,
  note: null,
})

/** A partner no ladder places any more loses its tier, its proposal and its standing. */
async function leaveLadders(
  tx: Db,
  scope: Scope,
  partner: PartnerFacts,
  partnerId: string,
  state: StateRow | undefined,
  proposal: ProposalRow | undefined,
  clock: Clock,
  writes: EvaluationWrites,
  result: EvaluationResult,
) {
  if (proposal) await withdrawProposal(tx, scope, proposal, 'no tier ladder places the partner', clock)
  if (partner.tier) {
    writes.changes.push({
      partnerId,
      ladder: null,
      from: { key: partner.tier, name: partner.tierName ?? partner.tier },
      to: null,
      direction: 'demotion',
      explanation: `removed from ${partner.tierName ?? partner.tier}: no tier ladder in force places the partner`,
      figures: state ? readFigures(state.figures) : noFigures({ currency: 'USD', periodMonths: 12 }),
      proposalId: null,
    })
    result.changed++
  }
  if (state) writes.leaving.push(partnerId)
}
