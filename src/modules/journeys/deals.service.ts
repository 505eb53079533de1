// Deals: amounts in minor units, stage and outcome, renewals and expansions under a parent deal.
import { and, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { formatAmount, isCurrencyCode, MoneyError, parseAmount } from '../../money'
import { AppError, invalidField, notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import { insertOrFindImported } from '../../platform/external-ref'
import { keyset, toPage } from '../../platform/pagination'
import type { Scope } from '../../platform/scope'
import { containsPattern } from '../../platform/search'
import { checkAccount } from './accounts.service'
import type {
  CreateDealInput,
  DealDetailView,
  DealFilters,
  DealSummaryView,
  DealView,
  ListDealsQuery,
  UpdateDealInput,
} from './journeys.contract'
import { journeyEvents } from './journeys.events'
import { journeysPermissions } from './journeys.permissions'
import { accounts, deals, journeyIds, touchpoints } from './journeys.tables'
import { listDealTimeline } from './touchpoints.service'

type DealRow = typeof deals.$inferSelect

/** A partner user sees only deals their partner touched. */
export function visibleDeals(scope: Scope): SQL {
  const org = eq(deals.orgId, scope.orgId)
  if (!scope.partnerId) return org
  return and(org, touchedBy(scope.partnerId))!
}

const touchedBy = (partnerId: string): SQL =>
  sql`exists (select 1 from ${touchpoints} where ${touchpoints.orgId} = ${deals.orgId} and ${touchpoints.dealId} = ${deals.id} and ${touchpoints.partnerId} = ${partnerId})`

interface TouchStats {
  touchCount: number
  partnerIds: string[]
}

/** Touch counts and touching partners per deal; a partner user sees only their own touches. */
async function touchStats(db: Db, scope: Scope, dealIds: string[]): Promise<Map<string, TouchStats>> {
  if (dealIds.length === 0) return new Map()
  const rows = await db
    .select({
      dealId: touchpoints.dealId,
      n: sql<number>`count(*)::int`,
      partnerIds: sql<
        string[]
      >`coalesce(array_agg(distinct ${touchpoints.partnerId}) filter (where ${touchpoints.partnerId} is not null), '{}')`,
    })
    .from(touchpoints)
    .where(
      and(
        eq(touchpoints.orgId, scope.orgId),
        inArray(touchpoints.dealId, dealIds),
        scope.partnerId ? eq(touchpoints.partnerId, scope.partnerId) : undefined,
      ),
    )
    .groupBy(touchpoints.dealId)
  return new Map(rows.map((r) => [r.dealId, { touchCount: r.n, partnerIds: r.partnerIds }]))
}

const toView = (d: DealRow, accountName: string | null, stats: TouchStats | undefined): DealView => ({
  id: d.id,
  name: d.name,
  accountId: d.accountId,
  accountName,
  amount: {
    amountMinor: d.amountMinor.toString(),
    currency: d.currency,
    amount: formatAmount(d.amountMinor, d.currency),
  },
  stage: d.stage,
  status: d.status,
  type: d.type,
  openedAt: d.openedAt.toISOString(),
  closedAt: d.closedAt?.toISOString() ?? null,
  expectedCloseAt: d.expectedCloseAt?.toISOString() ?? null,
  owner: d.owner,
  parentDealId: d.parentDealId,
  source: d.source,
  externalId: d.externalId,
  touchCount: stats?.touchCount ?? 0,
  partnerIds: stats?.partnerIds ?? [],
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
})

/**
 * The list filters as SQL. A partner user's view is pinned to their partner: naming another partner
 * is refused, so the filter cannot reveal which deals someone else touched.
 */
function dealFilters(scope: Scope, query: DealFilters): (SQL | undefined)[] {
  if (scope.partnerId && query.partnerId && query.partnerId !== scope.partnerId)
    throw new AppError('FORBIDDEN', "query.partnerId: a partner user sees only their own partner's deals", [
      { path: 'query.partnerId', message: 'may name only your own partner' },
    ])
  const conditions: (SQL | undefined)[] = [visibleDeals(scope)]
  if (query.status) conditions.push(eq(deals.status, query.status))
  if (query.type) conditions.push(eq(deals.type, query.type))
  if (query.stage) conditions.push(eq(deals.stage, query.stage))
  if (query.accountId) conditions.push(eq(deals.accountId, query.accountId))
  if (query.partnerId) conditions.push(touchedBy(query.partnerId))
  if (query.q)
    conditions.push(
      or(ilike(deals.name, containsPattern(query.q)), ilike(accounts.name, containsPattern(query.q))),
    )
  return conditions
}

export async function listDeals(db: Db, scope: Scope, query: ListDealsQuery) {
  journeysPermissions.require(scope, 'journeys.read')
  const filters = and(...dealFilters(scope, query))
  const order = keyset<DealRow>(
    {
      openedAt: { column: deals.openedAt, type: 'timestamptz', valueOf: (d) => d.openedAt.toISOString() },
      amount: { column: deals.amountMinor, type: 'bigint', valueOf: (d) => d.amountMinor.toString() },
      name: { column: deals.name, type: 'text', valueOf: (d) => d.name, isCaseless: true },
      stage: { column: deals.stage, type: 'text', valueOf: (d) => d.stage },
      updatedAt: { column: deals.updatedAt, type: 'timestamptz', valueOf: (d) => d.updatedAt.toISOString() },
    },
    { column: deals.id, valueOf: (d) => d.id },
    query.sort,
    query.cursor,
  )
  const withAccount = and(eq(accounts.orgId, deals.orgId), eq(accounts.id, deals.accountId))
  const rows = await db
    .select({ deal: deals, accountName: accounts.name })
    .from(deals)
    .leftJoin(accounts, withAccount)
    .where(and(filters, order.after))
    .orderBy(...order.orderBy)
    .limit(query.limit + 1)
  const [counted] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(deals)
    .leftJoin(accounts, withAccount)
    .where(filters)
  const stats = await touchStats(
    db,
    scope,
    rows.map((r) => r.deal.id),
  )
  return toPage(
    rows,
    query.limit,
    (r) => order.cursorOf(r.deal),
    (r) => toView(r.deal, r.accountName, stats.get(r.deal.id)),
    counted?.n ?? 0,
  )
}

/** Counts by status and money by currency over the deals a list with these filters shows. */
export async function summariseDeals(db: Db, scope: Scope, query: DealFilters): Promise<DealSummaryView> {
  journeysPermissions.require(scope, 'journeys.read')
  const rows = await db
    .select({
      status: deals.status,
      currency: deals.currency,
      n: sql<number>`count(*)::int`,
      totalMinor: sql<string>`sum(${deals.amountMinor})::text`,
    })
    .from(deals)
    .leftJoin(accounts, and(eq(accounts.orgId, deals.orgId), eq(accounts.id, deals.accountId)))
    .where(and(...dealFilters(scope, query)))
    .groupBy(deals.status, deals.currency)
  const summary: DealSummaryView = {
    total: 0,
    byStatus: { open: 0, won: 0, lost: 0 },
    openPipeline: [],
    wonRevenue: [],
  }
  for (const row of rows) {
    summary.total += row.n
    summary.byStatus[row.status] += row.n
    const amountMinor = BigInt(row.totalMinor)
    const line = {
      currency: row.currency,
      amountMinor: amountMinor.toString(),
      amount: formatAmount(amountMinor, row.currency),
      deals: row.n,
    }
    if (row.status === 'open') summary.openPipeline.push(line)
    if (row.status === 'won') summary.wonRevenue.push(line)
  }
  const byAmount = (a: { amountMinor: string }, b: { amountMinor: string }) =>
    BigInt(b.amountMinor) > BigInt(a.amountMinor) ? 1 : BigInt(b.amountMinor) < BigInt(a.amountMinor) ? -1 : 0
  summary.openPipeline.sort(byAmount)
  summary.wonRevenue.sort(byAmount)
  return summary
}

export async function getDeal(db: Db, scope: Scope, id: string): Promise<DealView> {
  journeysPermissions.require(scope, 'journeys.read')
  const [row] = await db
    .select({ deal: deals, accountName: accounts.name })
    .from(deals)
    .leftJoin(accounts, and(eq(accounts.orgId, deals.orgId), eq(accounts.id, deals.accountId)))
    .where(and(visibleDeals(scope), eq(deals.id, id)))
  if (!row) throw notFound('Deal', id)
  const stats = await touchStats(db, scope, [id])
  return toView(row.deal, row.accountName, stats.get(id))
}

/** Deal names by id, for other modules' lists; deals not in the org are left out. */
export async function findDealNames(db: Db, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>()
  const rows = await db
    .select({ id: deals.id, name: deals.name })
    .from(deals)
    .where(and(eq(deals.orgId, orgId), inArray(deals.id, [...new Set(ids)])))
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** The deal with its touch timeline, oldest first. */
export async function getDealDetail(db: Db, scope: Scope, id: string): Promise<DealDetailView> {
  const deal = await getDeal(db, scope, id)
  return { ...deal, touchpoints: await listDealTimeline(db, scope, id) }
}

/** The checks of a deal that need no database: currency, amount, and close date against status. */
export function checkDealFacts(
  input: Pick<CreateDealInput, 'amount' | 'currency' | 'status' | 'openedAt' | 'closedAt'>,
  now: Date,
): { amountMinor: bigint; openedAt: Date; closedAt: Date | null } {
  if (!isCurrencyCode(input.currency))
    throw invalidField('currency', `${input.currency} is not an ISO 4217 currency`)
  let amountMinor: bigint
  try {
    amountMinor = parseAmount(input.amount, input.currency)
  } catch (error) {
    if (error instanceof MoneyError) throw invalidField('amount', error.message)
    throw error
  }
  if (amountMinor < 0n) throw invalidField('amount', 'must not be negative')
  const openedAt = input.openedAt ? new Date(input.openedAt) : now
  const closedAt = input.closedAt ? new Date(input.closedAt) : null
  if (input.status !== 'open' && !closedAt)
    throw invalidField('closedAt', `is required when the deal is ${input.status}`)
  if (input.status === 'open' && closedAt)
    throw invalidField('closedAt', 'must be empty while the deal is open')
  if (closedAt && closedAt < openedAt) throw invalidField('closedAt', 'must not be before openedAt')
  return { amountMinor, openedAt, closedAt }
}

type DealFields = Omit<DealRow, 'orgId' | 'id' | 'source' | 'externalId' | 'createdAt'>

/** Checks a whole deal (after applying a change) and returns the row fields; field errors name the field. */
async function resolveDeal(
  db: Db,
  scope: Scope,
  dealId: string | null,
  input: CreateDealInput,
  clock: Clock,
): Promise<DealFields> {
  const { amountMinor, openedAt, closedAt } = checkDealFacts(input, clock.now())
  if (input.accountId) await checkAccount(db, scope, input.accountId)
  if (input.parentDealId) {
    if (input.parentDealId === dealId) throw invalidField('parentDealId', 'a deal cannot be its own parent')
    if (input.type === 'new')
      throw invalidField('parentDealId', 'only renewals and expansions have a parent deal')
    const [parent] = await db
      .select({ id: deals.id })
      .from(deals)
      .where(and(eq(deals.orgId, scope.orgId), eq(deals.id, input.parentDealId)))
    if (!parent) throw invalidField('parentDealId', `deal ${input.parentDealId} not found`)
  }
  return {
    name: input.name,
    accountId: input.accountId ?? null,
    amountMinor,
    currency: input.currency,
    stage: input.stage,
    status: input.status,
    type: input.type,
    openedAt,
    closedAt,
    expectedCloseAt: input.expectedCloseAt ? new Date(input.expectedCloseAt) : null,
    owner: input.owner ?? null,
    parentDealId: input.parentDealId ?? null,
    updatedAt: clock.now(),
  }
}

/** Creates a deal, or updates the one with the same (source, externalId). */
export async function upsertDeal(
  db: Db,
  scope: Scope,
  input: CreateDealInput,
  clock: Clock,
): Promise<{ deal: DealView; created: boolean }> {
  journeysPermissions.require(scope, 'journeys.write')
  if (input.externalId && !input.source) throw invalidField('source', 'is required with externalId')
  const id = journeyIds.deal()
  const fields = await resolveDeal(db, scope, id, input, clock)
  const claim = await db.transaction(async (tx) => {
    const claim = await insertOrFindImported(tx, deals, {
      orgId: scope.orgId,
      id,
      ...fields,
      source: input.source ?? null,
      externalId: input.externalId ?? null,
      createdAt: clock.now(),
    })
    if (claim.created)
      await publish(
        tx,
        scope,
        journeyEvents.event('deal.created', id, { dealId: id, status: fields.status }),
        clock,
      )
    return claim
  })
  // an import already holds this reference: the request becomes an update of that deal
  if (!claim.created) return { deal: await updateDeal(db, scope, claim.id, input, clock), created: false }
  return { deal: await getDeal(db, scope, id), created: true }
}

export async function updateDeal(
  db: Db,
  scope: Scope,
  id: string,
  input: UpdateDealInput,
  clock: Clock,
): Promise<DealView> {
  journeysPermissions.require(scope, 'journeys.write')
  const [before] = await db
    .select()
    .from(deals)
    .where(and(eq(deals.orgId, scope.orgId), eq(deals.id, id)))
  if (!before) throw notFound('Deal', id)
  const status = input.status ?? before.status
  const merged: CreateDealInput = {
    name: input.name ?? before.name,
    accountId: input.accountId !== undefined ? input.accountId : before.accountId,
    amount: input.amount ?? formatAmount(before.amountMinor, input.currency ?? before.currency),
    currency: input.currency ?? before.currency,
    stage: input.stage ?? before.stage,
    status,
    type: input.type ?? before.type,
    openedAt: input.openedAt ?? before.openedAt.toISOString(),
    // reopening a deal clears its close date unless one is given
    closedAt:
      input.closedAt !== undefined
        ? input.closedAt
        : status === 'open'
          ? null
          : (before.closedAt?.toISOString() ?? null),
    expectedCloseAt:
      input.expectedCloseAt !== undefined
        ? input.expectedCloseAt
        : (before.expectedCloseAt?.toISOString() ?? null),
    owner: input.owner !== undefined ? input.owner : before.owner,
    parentDealId: input.parentDealId !== undefined ? input.parentDealId : before.parentDealId,
  }
  const fields = await resolveDeal(db, scope, id, merged, clock)
  const changed = (Object.keys(fields) as (keyof DealFields)[]).filter(
    (k) =>
      k !== 'updatedAt' &&
      String(fields[k] instanceof Date ? (fields[k] as Date).getTime() : fields[k]) !==
        String(before[k] instanceof Date ? (before[k] as Date).getTime() : before[k]),
  )
  if (changed.length > 0) {
    await db.transaction(async (tx) => {
      await tx
        .update(deals)
        .set(fields)
        .where(and(eq(deals.orgId, scope.orgId), eq(deals.id, id)))
      await publish(
        tx,
        scope,
        journeyEvents.event('deal.changed', id, {
          dealId: id,
          status: fields.status,
          changed,
          previousStatus: before.status,
        }),
        clock,
      )
    })
  }
  return getDeal(db, scope, id)
}
