// The commission ledger: brings partners' lines up to date with their credit under the paying model
// and the plans in force (posting, reversing and reposting entries, each with its reason), and reads
// entries and balances back with their derived status.

import { and, eq, inArray, sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import { systemScope } from '../../platform/scope'
import { creditsFromBook, type PayingCreditBook, ratesInForce, readPayingCredits } from '../credits'
import { type DealFacts, readDealFacts } from '../journeys'
import { readPartnerFacts } from '../partners'
import {
  type CreditedDeal,
  computeEarnings,
  type DesiredLine,
  type PartnerEarnings,
  type PartnerFacts,
  type PlanFacts,
  type RateOn,
} from './commission-calc'
import { Decimal } from './commission-math'
import type { ReceiptView } from './incentives.contract'
import { incentiveEvents } from './incentives.events'
import { commissionEntries, incentiveIds } from './incentives.tables'
import { liveEntries, type PostedEntry, planPostings } from './ledger-plan'
import { readPlanFacts } from './plans.service'

const dayOf = (at: Date) => at.toISOString().slice(0, 10)
const dayMs = 86_400_000

/** Rates by day, kept across the partners of one sync (an org-wide one meets the same days often). */
export type RateCache = Map<string, Awaited<ReturnType<typeof ratesInForce>>>

export async function rateBook(
  db: Db,
  orgId: string,
  days: Iterable<string>,
  cache: RateCache,
): Promise<RateOn> {
  for (const day of days) if (!cache.has(day)) cache.set(day, await ratesInForce(db, orgId, day))
  return (from, to, day) => {
    const snapshot = cache.get(day)
    if (!snapshot) return null
    const perEur = (currency: string) =>
      currency === snapshot.base ? '1' : (snapshot.rates[currency] ?? null)
    const fromRate = perEur(from)
    const toRate = perEur(to)
    if (!fromRate || !toRate) return null
    // the cross rate, to 12 significant digits: the rate stored on the line is the one used
    return { rate: new Decimal(toRate).div(fromRate).toSignificantDigits(12).toString(), day: snapshot.asOf }
  }
}

export interface SyncResult {
  entries: number
  problems: PartnerEarnings['problems']
}

/** What working out partners' earnings reads: their facts, their credited won deals, the rates. */
export interface EarningInputs {
  partners: Map<string, PartnerFacts>
  credited: Map<string, CreditedDeal[]>
  deals: Map<string, DealFacts>
  rateOn: RateOn
}

/**
 * Reads what these partners' earnings are worked out from: each one's credit on deals that are won
 * now (a deal lost since its run was stored earns nothing), with the deal's facts, and the FX rates
 * of the days that need converting. `alsoDeals` are read too (deals with lines whose credit is gone).
 */
export async function readEarningInputs(
  db: Db,
  orgId: string,
  partnerIds: readonly string[],
  plans: readonly PlanFacts[],
  options: {
    closed?: { from: Date; to: Date }
    alsoDeals?: readonly string[]
    rates?: RateCache
    /** Credit read for the whole org at once (an org-wide sync): used where nothing moved since. */
    book?: PayingCreditBook
  } = {},
): Promise<EarningInputs> {
  const facts = await readPartnerFacts(db, orgId, partnerIds)
  // the tier is the partner's level on its programs ladder (ADR 0012)
  const partners = new Map([...facts].map(([id, f]) => [id, { id, ...f, tier: f.tier }]))
  const credits =
    options.book && !options.closed
      ? await creditsFromBook(db, orgId, options.book, [...partners.keys()])
      : await readPayingCredits(db, orgId, [...partners.keys()], {
          ...(options.closed ? { closed: options.closed } : {}),
        })
  const deals = await readDealFacts(db, orgId, [
    ...new Set([...credits.map((c) => c.dealId), ...(options.alsoDeals ?? [])]),
  ])
  const needsRates = credits.some((c) =>
    plans.some((p) => p.currency !== c.currency || p.currency !== partners.get(c.partnerId)!.currency),
  )
  const rateOn = await rateBook(
    db,
    orgId,
    needsRates ? new Set(credits.map((c) => dayOf(c.closedAt))) : [],
    options.rates ?? new Map(),
  )
  const credited = new Map<string, CreditedDeal[]>()
  for (const c of credits) {
    const deal = deals.get(c.dealId)
    if (deal?.status !== 'won') continue
    const list = credited.get(c.partnerId) ?? []
    list.push({
      dealId: c.dealId,
      dealName: deal.name,
      dealType: deal.type,
      stage: deal.stage,
      amountMinor: c.dealAmountMinor,
      currency: c.currency,
      closedOn: dayOf(c.closedAt),
      account: deal.account,
      originClosedOn: deal.type === 'new' || !deal.originClosedAt ? null : dayOf(deal.originClosedAt),
      credit: {
        share: c.share,
        amountMinor: c.creditMinor,
        modelId: c.modelId,
        modelName: c.modelName,
        modelVersion: c.modelVersion,
        runId: c.runId,
      },
      revenue: deal.revenue.map((event) => ({
        kind: event.kind,
        amountMinor: event.amountMinor,
        on: dayOf(event.occurredAt),
        reason: event.reason,
      })),
    })
    credited.set(c.partnerId, list)
  }
  return { partners, credited, deals, rateOn }
}

/** The partners with ledger lines on a deal. */
export async function partnersWithLines(db: Db, orgId: string, dealId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ partnerId: commissionEntries.partnerId })
    .from(commissionEntries)
    .where(and(eq(commissionEntries.orgId, orgId), eq(commissionEntries.dealId, dealId)))
  return rows.map((r) => r.partnerId)
}

/**
 * Brings these partners' lines up to date, in the caller's transaction: what they earn now from
 * their credited won deals under the active plans, against what the ledger holds. Serialised per
 * partner, so two syncs of one partner never post the same step; a second sync posts nothing.
 */
export async function syncPartners(
  tx: Db,
  orgId: string,
  candidateIds: readonly string[],
  clock: Clock,
  cache: { plans?: PlanFacts[]; rates?: RateCache; book?: PayingCreditBook } = {},
): Promise<SyncResult> {
  const partnerIds = [...(await readPartnerFacts(tx, orgId, candidateIds)).keys()].sort()
  if (partnerIds.length === 0) return { entries: 0, problems: [] }
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`commission:${orgId}:`} || p, 0))
          from unnest(${sql.param(partnerIds)}::text[]) as p order by p`,
  )
  const plans = cache.plans ?? (await readPlanFacts(tx, orgId))
  // receipts stay in the database: only a line that changes needs its old one, for the reason
  const posted: PostedEntry[] = (
    await tx
      .select({
        id: commissionEntries.id,
        lineKey: commissionEntries.lineKey,
        seq: commissionEntries.seq,
        kind: commissionEntries.kind,
        reversesId: commissionEntries.reversesId,
        amountMinor: commissionEntries.amountMinor,
        currency: commissionEntries.currency,
        partnerId: commissionEntries.partnerId,
        dealId: commissionEntries.dealId,
        planId: commissionEntries.planId,
        lineDate: commissionEntries.lineDate,
      })
      .from(commissionEntries)
      .where(and(eq(commissionEntries.orgId, orgId), inArray(commissionEntries.partnerId, partnerIds)))
  ).map((row) => ({ ...row, receipt: null }))
  const {
    partners,
    credited: creditedBy,
    deals,
    rateOn,
  } = await readEarningInputs(tx, orgId, partnerIds, plans, {
    alsoDeals: posted.map((e) => e.dealId),
    ...(cache.rates ? { rates: cache.rates } : {}),
    ...(cache.book ? { book: cache.book } : {}),
  })
  const postedBy = new Map<string, PostedEntry[]>()
  for (const entry of posted) {
    const list = postedBy.get(entry.partnerId)
    if (list) list.push(entry)
    else postedBy.set(entry.partnerId, [entry])
  }
  const now = clock.now()
  const rows: (typeof commissionEntries.$inferInsert)[] = []
  const problems: SyncResult['problems'] = []
  const activePlans = new Set(plans.map((p) => p.id))
  const earned = new Map(
    partnerIds.map((partnerId) => [
      partnerId,
      computeEarnings(plans, partners.get(partnerId)!, creditedBy.get(partnerId) ?? [], rateOn),
    ]),
  )
  await loadChangedReceipts(
    tx,
    orgId,
    partnerIds.map((partnerId) => ({
      posted: postedBy.get(partnerId) ?? [],
      lines: earned.get(partnerId)!.lines,
    })),
  )
  for (const partnerId of partnerIds) {
    const credited = creditedBy.get(partnerId) ?? []
    const earnings = earned.get(partnerId)!
    problems.push(...earnings.problems)
    const creditedDeals = new Set(credited.map((d) => d.dealId))
    const blocked = new Set(earnings.problems.map((p) => `${p.planId}:${p.dealId}`))
    const mine = postedBy.get(partnerId) ?? []
    const whyGone = (lineKey: string) => {
      const [planId, dealId] = lineKey.split(':') as [string, string]
      const deal = deals.get(dealId)
      if (!deal) return 'Clawed back: the deal no longer exists'
      if (deal.status === 'lost') return 'Clawed back: the deal was lost'
      if (deal.status === 'open') return 'Clawed back: the deal was reopened'
      if (!creditedDeals.has(dealId))
        return 'Clawed back: no credit on this deal under the paying model any more'
      if (!activePlans.has(planId)) return 'Reversed: the plan was switched off'
      return 'Reversed: the plan’s terms no longer pay this deal'
    }
    // a line that cannot be worked out (a missing rate) is left as it stands, not clawed back
    const postings = planPostings(
      mine,
      earnings.lines,
      // adjustments from disputes are staff's own entries: no plan posts or reverses them
      (lineKey) =>
        !lineKey.startsWith('adjustment:') && !blocked.has(lineKey.split(':').slice(0, 2).join(':')),
      whyGone,
    )
    for (const posting of postings)
      rows.push({
        orgId,
        id: incentiveIds.entry(),
        partnerId: posting.line.partnerId,
        dealId: posting.line.dealId,
        planId: posting.line.planId,
        lineKey: posting.lineKey,
        seq: posting.seq,
        kind: posting.kind,
        reversesId: posting.reversesId,
        amountMinor: posting.amountMinor,
        currency: posting.currency,
        lineDate: posting.line.lineDate,
        holdUntil:
          posting.kind === 'earned'
            ? new Date(Date.parse(`${posting.line.lineDate}T00:00:00Z`) + posting.line.holdDays * dayMs)
            : now,
        receipt: posting.receipt,
        reason: posting.reason,
        createdAt: now,
      })
    if (postings.length > 0) {
      const net = new Map<string, bigint>()
      for (const p of postings) net.set(p.currency, (net.get(p.currency) ?? 0n) + p.amountMinor)
      await publish(
        tx,
        systemScope(orgId),
        incentiveEvents.event('commission.posted', partnerId, {
          partnerId,
          dealIds: [...new Set(postings.map((p) => p.line.dealId))],
          entries: postings.length,
          net: [...net].map(([currency, amount]) => ({ currency, amountMinor: amount.toString() })),
        }),
        clock,
      )
    }
  }
  for (let i = 0; i < rows.length; i += 5000) await insertEntries(tx, rows.slice(i, i + 5000))
  return { entries: rows.length, problems }
}

/**
 * Fills in the receipts of the lines in force that are about to change (their reasons compare the old
 * receipt with the new), in one read: an unchanged line's receipt is never read.
 */
async function loadChangedReceipts(
  tx: Db,
  orgId: string,
  partners: { posted: PostedEntry[]; lines: DesiredLine[] }[],
) {
  const changing: PostedEntry[] = []
  for (const { posted, lines } of partners) {
    const live = liveEntries(posted)
    for (const line of lines) {
      const current = live.get(line.lineKey)
      if (current && (current.amountMinor !== line.amountMinor || current.currency !== line.currency))
        changing.push(current)
    }
  }
  if (changing.length === 0) return
  const receipts = new Map(
    (
      await tx
        .select({ id: commissionEntries.id, receipt: commissionEntries.receipt })
        .from(commissionEntries)
        // one array parameter, however many lines change at once
        .where(
          and(
            eq(commissionEntries.orgId, orgId),
            sql`${commissionEntries.id} = any(${sql.param(changing.map((e) => e.id))}::text[])`,
          ),
        )
    ).map((r) => [r.id, r.receipt as ReceiptView | null]),
  )
  for (const entry of changing) entry.receipt = receipts.get(entry.id) ?? null
}

/**
 * Entries in one statement: a column an array, so thousands of rows cost a handful of parameters. The
 * receipts go as one JSON array beside them (zipped by ROWS FROM), not as an array of JSON texts the
 * driver would escape quote by quote.
 */
async function insertEntries(tx: Db, rows: (typeof commissionEntries.$inferInsert)[]) {
  const column = <T>(pick: (row: typeof commissionEntries.$inferInsert) => T) => sql.param(rows.map(pick))
  const receipts = JSON.stringify(rows.map((r) => r.receipt ?? null))
  await tx.execute(sql`insert into commission_entries (org_id, id, partner_id, deal_id, plan_id, line_key, seq, kind,
      reverses_id, amount_minor, currency, line_date, hold_until, receipt, reason, created_at)
    select org_id, id, partner_id, deal_id, plan_id, line_key, seq, kind, reverses_id, amount_minor, currency,
      line_date, hold_until, case when json_typeof(receipt) = 'null' then null else receipt::jsonb end,
      reason, created_at
    from rows from (unnest(${column((r) => r.orgId)}::text[]), unnest(${column((r) => r.id)}::text[]),
      unnest(${column((r) => r.partnerId)}::text[]), unnest(${column((r) => r.dealId)}::text[]),
      unnest(${column((r) => r.planId)}::text[]), unnest(${column((r) => r.lineKey)}::text[]),
      unnest(${column((r) => r.seq)}::int[]), unnest(${column((r) => r.kind)}::text[]),
      unnest(${column((r) => r.reversesId ?? null)}::text[]),
      unnest(${column((r) => r.amountMinor.toString())}::bigint[]), unnest(${column((r) => r.currency)}::text[]),
      unnest(${column((r) => r.lineDate)}::date[]),
      unnest(${column((r) => r.holdUntil.toISOString())}::timestamptz[]),
      json_array_elements(${receipts}::json), unnest(${column((r) => r.reason)}::text[]),
      unnest(${column((r) => r.createdAt.toISOString())}::timestamptz[]))
      as e(org_id, id, partner_id, deal_id, plan_id, line_key, seq, kind, reverses_id, amount_minor, currency,
        line_date, hold_until, receipt, reason, created_at)`)
}

/** Partners with lines in the ledger (a sync must reach them even when their credit is gone). */
export async function listLedgerPartners(db: Db, orgId: string): Promise<string[]> {
  const rows = await queryRows<{ partner_id: string }>(
    db,
    sql`select distinct partner_id from commission_entries where org_id = ${orgId} order by 1`,
  )
  return rows.map((r) => r.partner_id)
}

/**
 * An entry's status, derived: paid (a paid payout settles it), reversed (cancelled before it was
 * paid, or the reversal that cancels it), held (under an open dispute; or past its hold, while the
 * partner has no valid tax form on file), pending (in its hold), or approved (payable). A reversal of a paid line is a clawback: it is
 * payable like a line until a payout nets it off. For queries over `commission_entries` itself.
 */
export const entryStatusSql = (now: Date) => sql<'pending' | 'approved' | 'held' | 'paid' | 'reversed'>`case
    when exists (select 1 from payout_items i join payouts p on p.org_id = i.org_id and p.id = i.payout_id
                  where i.org_id = commission_entries.org_id and i.entry_id = commission_entries.id
                    and i.released_at is null and p.status = 'paid') then 'paid'
    when commission_entries.kind = 'reversal' and not exists (
           select 1 from payout_items i join payouts p on p.org_id = i.org_id and p.id = i.payout_id
            where i.org_id = commission_entries.org_id and i.entry_id = commission_entries.reverses_id
              and i.released_at is null and p.status = 'paid') then 'reversed'
    when commission_entries.kind = 'earned' and exists (
           select 1 from commission_entries r where r.org_id = commission_entries.org_id
              and r.reverses_id = commission_entries.id) then 'reversed'
    when exists (
           select 1 from commission_disputes d where d.org_id = commission_entries.org_id
              and d.entry_id = commission_entries.id and d.status = 'open') then 'held'
    when commission_entries.hold_until > ${now.toISOString()}::timestamptz then 'pending'
    when not exists (
           select 1 from tax_forms f where f.org_id = commission_entries.org_id
              and f.partner_id = commission_entries.partner_id and f.status = 'approved'
              and (f.expires_on is null or f.expires_on >= ${now.toISOString().slice(0, 10)}::date)) then 'held'
    else 'approved' end`
