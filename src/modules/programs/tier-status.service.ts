// Reading tiers: a partner's standing worked out live (tier, what it qualifies for, progress to the
// next level, at risk until when, pending proposal, history), the org's partners by tier from their
// last evaluation, and the counts per level. A partner user reads only their own partner.
import { and, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { toMoneyView } from '../../money'
import { AppError, notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import { keyset, toPage } from '../../platform/pagination'
import type { Scope } from '../../platform/scope'
import { readPartnerFacts } from '../partners'
import { readActiveLadders } from './ladders.service'
import type {
  LadderDefinition,
  LevelProgressView,
  TierChangeView,
  TierListItem,
  TierListQuery,
  TierStatusView,
  TierSummaryView,
} from './programs.contract'
import { programsPermissions } from './programs.permissions'
import { partnerTierStates, tierChanges, tierProposals } from './programs.tables'
import { toProposalView } from './proposals.service'
import { figuresView, measurePartners, readFigures } from './tier-figures.service'
import { chooseLadder, decideTier, levelProgress, type TierFigures, type TierPartner } from './tier-rules'

type ChangeRow = typeof tierChanges.$inferSelect
type StateRow = typeof partnerTierStates.$inferSelect

const ref = (key: string | null, name: string | null) => (key ? { key, name: name ?? key } : null)

const toChangeView = (row: ChangeRow): TierChangeView => ({
  id: row.id,
  partnerId: row.partnerId,
  from: ref(row.fromTier, row.fromName),
  to: ref(row.toTier, row.toName),
  direction: row.direction,
  explanation: row.explanation,
  proposalId: row.proposalId,
  actor: row.actor,
  at: row.at.toISOString(),
})

/** Progress to the level above the one held (the lowest level when none is held). */
function nextLevel(
  definition: LadderDefinition,
  tier: string | null,
  figures: TierFigures,
  partner: TierPartner,
): LevelProgressView | null {
  const held = tier === null ? -1 : definition.levels.findIndex((l) => l.key === tier)
  const above = definition.levels[held + 1]
  return above ? levelProgress(above, figures, partner) : null
}

export async function getTierStatus(
  db: Db,
  scope: Scope,
  partnerId: string,
  clock: Clock,
): Promise<TierStatusView> {
  programsPermissions.require(scope, 'programs.read')
  if (scope.partnerId && scope.partnerId !== partnerId) throw notFound('Partner', partnerId)
  const partner = (await readPartnerFacts(db, scope.orgId, [partnerId])).get(partnerId)
  if (!partner) throw notFound('Partner', partnerId)
  const ladder = chooseLadder(await readActiveLadders(db, scope.orgId), partner)
  const [state] = await db
    .select()
    .from(partnerTierStates)
    .where(and(eq(partnerTierStates.orgId, scope.orgId), eq(partnerTierStates.partnerId, partnerId)))
  const [pending] = await db
    .select()
    .from(tierProposals)
    .where(
      and(
        eq(tierProposals.orgId, scope.orgId),
        eq(tierProposals.partnerId, partnerId),
        eq(tierProposals.status, 'pending'),
      ),
    )
  const history = await db
    .select()
    .from(tierChanges)
    .where(and(eq(tierChanges.orgId, scope.orgId), eq(tierChanges.partnerId, partnerId)))
    .orderBy(desc(tierChanges.at), desc(tierChanges.id))
    .limit(50)
  const base = {
    partnerId,
    partnerName: partner.name,
    tier: ref(partner.tier, partner.tierName),
    pendingProposal: pending ? toProposalView(pending, partner.name) : null,
    history: history.map(toChangeView),
  }
  if (!ladder)
    return {
      ...base,
      ladder: null,
      qualifies: null,
      figures: null,
      atRisk: null,
      current: null,
      next: null,
      levels: [],
    }
  const { definition } = ladder
  const now = clock.now()
  const figures = (await measurePartners(db, scope.orgId, [partnerId], definition, now)).get(partnerId)!
  const decision = decideTier({
    definition,
    figures,
    partner,
    current: partner.tier,
    currentName: partner.tierName,
    atRisk:
      state?.ladderId === ladder.id && state.atRiskSince && state.graceUntil
        ? { since: state.atRiskSince, until: state.graceUntil }
        : null,
    now,
  })
  const held = definition.levels.find((l) => l.key === partner.tier)
  // a grace that has ended keeps showing until the partner is moved (or staff decide)
  const atRisk =
    decision.atRisk ??
    (decision.move?.direction === 'demotion' && state?.atRiskSince && state.graceUntil && held
      ? { since: state.atRiskSince, until: state.graceUntil, text: decision.move.explanation }
      : null)
  return {
    ...base,
    ladder: { id: ladder.id, name: ladder.name, version: ladder.version },
    qualifies: decision.qualifies ? { key: decision.qualifies.key, name: decision.qualifies.name } : null,
    figures: figuresView(figures),
    atRisk: atRisk
      ? { since: atRisk.since.toISOString(), until: atRisk.until.toISOString(), text: atRisk.text }
      : null,
    current: held ? levelProgress(held, figures, partner) : null,
    next: nextLevel(definition, partner.tier, figures, partner),
    levels: definition.levels.map((level) => levelProgress(level, figures, partner)),
  }
}

/** The signed-in partner user's own tier. */
export async function getMyTier(db: Db, scope: Scope, clock: Clock): Promise<TierStatusView> {
  programsPermissions.require(scope, 'programs.read')
  if (!scope.partnerId)
    throw new AppError('FORBIDDEN', 'This is a partner user’s own tier; staff open a partner’s')
  return getTierStatus(db, scope, scope.partnerId, clock)
}

function requireStaff(scope: Scope, what: string) {
  programsPermissions.require(scope, 'programs.read')
  if (scope.partnerId) throw new AppError('FORBIDDEN', `${what} are read by staff`)
}

/** The org's partners with their standing as last evaluated, most attributed revenue first. */
export async function listTiers(db: Db, scope: Scope, query: TierListQuery) {
  requireStaff(scope, 'Partners’ tiers')
  const order = keyset<StateRow>(
    {
      revenue: {
        column: partnerTierStates.revenueMinor,
        type: 'bigint',
        valueOf: (s) => s.revenueMinor.toString(),
      },
    },
    { column: partnerTierStates.partnerId, valueOf: (s) => s.partnerId },
    '-revenue',
    query.cursor,
  )
  const conditions: (SQL | undefined)[] = [
    eq(partnerTierStates.orgId, scope.orgId),
    query.tier === 'none'
      ? isNull(partnerTierStates.tier)
      : query.tier
        ? eq(partnerTierStates.tier, query.tier)
        : undefined,
    query.atRisk === 'true'
      ? isNotNull(partnerTierStates.graceUntil)
      : query.atRisk === 'false'
        ? isNull(partnerTierStates.graceUntil)
        : undefined,
  ]
  const rows = await db
    .select()
    .from(partnerTierStates)
    .where(and(...conditions, order.after))
    .orderBy(...order.orderBy)
    .limit(query.limit + 1)
  const [{ n }] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(partnerTierStates)
    .where(and(...conditions))) as [{ n: number }]
  const facts = await readPartnerFacts(
    db,
    scope.orgId,
    rows.map((r) => r.partnerId),
  )
  const ladders = new Map((await readActiveLadders(db, scope.orgId)).map((l) => [l.id, l]))
  return toPage(
    rows,
    query.limit,
    order.cursorOf,
    (row): TierListItem => {
      const partner = facts.get(row.partnerId)
      const figures = readFigures(row.figures)
      const ladder = row.ladderId ? ladders.get(row.ladderId) : undefined
      const level = (key: string | null) =>
        key ? { key, name: ladder?.definition.levels.find((l) => l.key === key)?.name ?? key } : null
      return {
        partnerId: row.partnerId,
        partnerName: partner?.name ?? row.partnerId,
        ladderId: row.ladderId,
        tier: partner?.tier ? { key: partner.tier, name: partner.tierName ?? partner.tier } : level(row.tier),
        qualifies: level(row.qualifies),
        figures: figuresView(figures),
        atRiskUntil: row.graceUntil?.toISOString() ?? null,
        next: ladder && partner ? nextLevel(ladder.definition, row.tier, figures, partner) : null,
        updatedAt: row.updatedAt.toISOString(),
      }
    },
    n,
  )
}

/** Partners and their revenue per level of each ladder in force, those without a tier, at risk, and pending proposals. */
export async function getTierSummary(db: Db, scope: Scope): Promise<TierSummaryView> {
  requireStaff(scope, 'Tier summaries')
  const ladders = await readActiveLadders(db, scope.orgId)
  const groups = await db
    .select({
      ladderId: partnerTierStates.ladderId,
      tier: partnerTierStates.tier,
      partners: sql<number>`count(*)::int`,
      revenueMinor: sql<string>`coalesce(sum(${partnerTierStates.revenueMinor}), 0)::text`,
      atRisk: sql<number>`count(*) filter (where ${partnerTierStates.graceUntil} is not null)::int`,
    })
    .from(partnerTierStates)
    .where(eq(partnerTierStates.orgId, scope.orgId))
    .groupBy(partnerTierStates.ladderId, partnerTierStates.tier)
  const [pending] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tierProposals)
    .where(and(eq(tierProposals.orgId, scope.orgId), eq(tierProposals.status, 'pending')))
  return {
    ladders: ladders.map((ladder) => ({
      id: ladder.id,
      name: ladder.name,
      currency: ladder.definition.currency,
      levels: ladder.definition.levels.map((level) => {
        const group = groups.find((g) => g.ladderId === ladder.id && g.tier === level.key)
        return {
          key: level.key,
          name: level.name,
          partners: group?.partners ?? 0,
          revenue: toMoneyView(group?.revenueMinor ?? '0', ladder.definition.currency),
        }
      }),
    })),
    untiered: groups.filter((g) => g.tier === null).reduce((n, g) => n + g.partners, 0),
    atRisk: groups.reduce((n, g) => n + g.atRisk, 0),
    pendingProposals: pending?.n ?? 0,
  }
}
