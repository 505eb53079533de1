// The leaderboard: partners that chose to appear on it, ranked by the revenue attributed to them under
// the paying model on deals won over the org's rolling period, summed on the server and converted into
// the org's reporting currency at today's rates. Staff switch it on; each partner's admin opts in.
import { and, count, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { convert, MoneyError, toMoneyView } from '../../../money'
import { AppError } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { actorLabel, type Scope } from '../../../platform/scope'
import { ratesInForce, sumPayingCredits } from '../../credits'
import { readReportingCurrency } from '../../identity'
import { readPartnerFacts } from '../../partners'
import { programsPermissions } from '../programs.permissions'
import { periodStart } from '../tier-figures.service'
import {
  defaultLeaderboardSettings,
  type LeaderboardEntry,
  type LeaderboardMembership,
  type LeaderboardSettings,
  type LeaderboardSettingsView,
  type LeaderboardView,
  leaderboardSettings,
} from './leaderboard.contract'
import { leaderboardMembers, leaderboardSettingsTable } from './leaderboard.tables'
import { rankStandings, type Standing } from './leaderboard-rules'

async function readSettingsRow(db: Db, orgId: string) {
  const [row] = await db
    .select()
    .from(leaderboardSettingsTable)
    .where(eq(leaderboardSettingsTable.orgId, orgId))
  return row
}

/** The org's settings, or the defaults (a stored record that no longer parses falls back too). */
async function readSettings(db: Db, orgId: string): Promise<LeaderboardSettings> {
  const row = await readSettingsRow(db, orgId)
  const parsed = row ? leaderboardSettings.safeParse(row.settings) : null
  return parsed?.success ? parsed.data : defaultLeaderboardSettings
}

const switchedOff = () => new AppError('NOT_FOUND', 'The leaderboard is not switched on for this program')

async function readMemberIds(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ partnerId: leaderboardMembers.partnerId })
    .from(leaderboardMembers)
    .where(eq(leaderboardMembers.orgId, orgId))
  return rows.map((r) => r.partnerId)
}

export async function getLeaderboardSettings(db: Db, scope: Scope): Promise<LeaderboardSettingsView> {
  programsPermissions.require(scope, 'leaderboard.manage')
  const row = await readSettingsRow(db, scope.orgId)
  const [members] = await db
    .select({ n: count() })
    .from(leaderboardMembers)
    .where(eq(leaderboardMembers.orgId, scope.orgId))
  return {
    settings: await readSettings(db, scope.orgId),
    isDefault: !row,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    members: members?.n ?? 0,
  }
}

export async function updateLeaderboardSettings(
  db: Db,
  scope: Scope,
  input: LeaderboardSettings,
  clock: Clock,
): Promise<LeaderboardSettingsView> {
  programsPermissions.require(scope, 'leaderboard.manage')
  const now = clock.now()
  const by = actorLabel(scope.actor)
  await db.transaction(async (tx) => {
    const before = await readSettings(tx, scope.orgId)
    await tx
      .insert(leaderboardSettingsTable)
      .values({ orgId: scope.orgId, settings: input, updatedBy: by, updatedAt: now })
      .onConflictDoUpdate({
        target: leaderboardSettingsTable.orgId,
        set: { settings: input, updatedBy: by, updatedAt: now },
      })
    await writeAudit(
      tx,
      scope,
      {
        action: 'leaderboard.settings_changed',
        entityType: 'org',
        entityId: scope.orgId,
        before,
        after: input,
      },
      clock,
    )
  })
  return getLeaderboardSettings(db, scope)
}

/** A partner admin puts their partner on the board, or takes it off; audited either way. */
export async function setLeaderboardMembership(
  db: Db,
  scope: Scope,
  input: LeaderboardMembership,
  clock: Clock,
): Promise<LeaderboardView> {
  programsPermissions.require(scope, 'leaderboard.join')
  const partnerId = scope.partnerId
  if (!partnerId)
    throw new AppError('FORBIDDEN', 'A partner chooses for itself whether to appear on the board')
  await db.transaction(async (tx) => {
    const mine = and(eq(leaderboardMembers.orgId, scope.orgId), eq(leaderboardMembers.partnerId, partnerId))
    const [was] = await tx.select().from(leaderboardMembers).where(mine)
    if (Boolean(was) === input.joined) return
    if (input.joined)
      await tx.insert(leaderboardMembers).values({
        orgId: scope.orgId,
        partnerId,
        joinedBy: actorLabel(scope.actor),
        joinedAt: clock.now(),
      })
    else await tx.delete(leaderboardMembers).where(mine)
    await writeAudit(
      tx,
      scope,
      {
        action: input.joined ? 'leaderboard.joined' : 'leaderboard.left',
        entityType: 'partner',
        entityId: partnerId,
      },
      clock,
    )
  })
  return getLeaderboard(db, scope, clock)
}

/**
 * The board as this scope sees it: staff see it whenever members exist (switched on or not, so they
 * can check it first); a partner sees it only once it is switched on, with amounts only if the org
 * shows them, and always their own place and figures.
 */
export async function getLeaderboard(db: Db, scope: Scope, clock: Clock): Promise<LeaderboardView> {
  programsPermissions.require(scope, 'programs.read')
  const settings = await readSettings(db, scope.orgId)
  const isPartner = Boolean(scope.partnerId)
  if (isPartner && !settings.enabled) throw switchedOff()
  const now = clock.now()
  const from = periodStart(now, settings.periodMonths)
  const members = await readMemberIds(db, scope.orgId)
  const ranked = new Set(members)
  const measured = scope.partnerId && !ranked.has(scope.partnerId) ? [...members, scope.partnerId] : members
  const sums = await sumPayingCredits(db, scope.orgId, measured, { from, to: now })
  const currency = (await readReportingCurrency(db, scope.orgId)) ?? sums[0]?.currency ?? 'USD'
  const today = now.toISOString().slice(0, 10)
  const rates = sums.some((s) => s.currency !== currency) ? await ratesInForce(db, scope.orgId, today) : null
  const totals = new Map<string, Standing>(
    measured.map((id) => [id, { partnerId: id, revenueMinor: 0n, deals: 0 }]),
  )
  const leftOut = new Set<string>()
  for (const sum of sums) {
    const standing = totals.get(sum.partnerId)
    if (!standing) continue
    standing.deals += sum.deals
    if (sum.currency === currency) {
      standing.revenueMinor += sum.creditMinor
      continue
    }
    try {
      if (!rates) throw new MoneyError('MISSING_RATE', `no rate for ${sum.currency}`)
      const converted = convert({ amountMinor: sum.creditMinor, currency: sum.currency }, currency, rates)
      standing.revenueMinor += converted.amountMinor
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error
      leftOut.add(sum.currency)
    }
  }
  const standings = rankStandings(members.map((id) => totals.get(id)!))
  const shown = standings.slice(0, settings.size)
  const names = await readPartnerFacts(db, scope.orgId, [
    ...shown.map((s) => s.partnerId),
    ...(scope.partnerId ? [scope.partnerId] : []),
  ])
  const showAmounts = !isPartner || settings.showAmounts
  const entries: LeaderboardEntry[] = shown.map((s) => ({
    rank: s.rank,
    partnerId: s.partnerId,
    partnerName: names.get(s.partnerId)?.name ?? s.partnerId,
    revenue: showAmounts || s.partnerId === scope.partnerId ? toMoneyView(s.revenueMinor, currency) : null,
    deals: s.deals,
    isYou: s.partnerId === scope.partnerId,
  }))
  const own = scope.partnerId ? totals.get(scope.partnerId) : undefined
  return {
    enabled: settings.enabled,
    periodMonths: settings.periodMonths,
    from: from.toISOString(),
    to: now.toISOString(),
    currency,
    members: members.length,
    entries,
    you:
      scope.partnerId && own
        ? {
            joined: ranked.has(scope.partnerId),
            rank: standings.find((s) => s.partnerId === scope.partnerId)?.rank ?? null,
            revenue: toMoneyView(own.revenueMinor, currency),
            deals: own.deals,
          }
        : null,
    leftOut: [...leftOut].sort(),
  }
}
