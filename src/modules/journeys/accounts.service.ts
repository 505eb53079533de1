// Customer accounts: the companies deals are sold to.
import { and, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { invalidField, notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import { insertOrFindImported } from '../../platform/external-ref'
import { countRows, keyset, toPage } from '../../platform/pagination'
import type { Scope } from '../../platform/scope'
import { containsPattern } from '../../platform/search'
import type {
  AccountView,
  CreateAccountInput,
  ListAccountsQuery,
  UpdateAccountInput,
} from './journeys.contract'
import { journeyEvents } from './journeys.events'
import { journeysPermissions } from './journeys.permissions'
import { accounts, deals, journeyIds, touchpoints } from './journeys.tables'

type AccountRow = typeof accounts.$inferSelect

const toView = (a: AccountRow, dealCount: number): AccountView => ({
  id: a.id,
  name: a.name,
  domain: a.domain,
  country: a.country,
  industry: a.industry,
  source: a.source,
  externalId: a.externalId,
  dealCount,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
})

/** A partner user sees only the accounts of deals their partner touched. */
function visible(scope: Scope): SQL {
  const org = eq(accounts.orgId, scope.orgId)
  if (!scope.partnerId) return org
  return and(
    org,
    sql`exists (select 1 from ${deals} join ${touchpoints} on ${touchpoints.orgId} = ${deals.orgId} and ${touchpoints.dealId} = ${deals.id}
      where ${deals.orgId} = ${accounts.orgId} and ${deals.accountId} = ${accounts.id} and ${touchpoints.partnerId} = ${scope.partnerId})`,
  )!
}

async function dealCounts(db: Db, scope: Scope, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({ accountId: deals.accountId, n: sql<number>`count(*)::int` })
    .from(deals)
    .where(and(eq(deals.orgId, scope.orgId), inArray(deals.accountId, ids)))
    .groupBy(deals.accountId)
  return new Map(rows.map((r) => [r.accountId!, r.n]))
}

export async function listAccounts(db: Db, scope: Scope, query: ListAccountsQuery) {
  journeysPermissions.require(scope, 'journeys.read')
  const search = query.q
    ? or(ilike(accounts.name, containsPattern(query.q)), ilike(accounts.domain, containsPattern(query.q)))
    : undefined
  const order = keyset<AccountRow>(
    {
      name: { column: accounts.name, type: 'text', valueOf: (a) => a.name, isCaseless: true },
      createdAt: {
        column: accounts.createdAt,
        type: 'timestamptz',
        valueOf: (a) => a.createdAt.toISOString(),
      },
    },
    { column: accounts.id, valueOf: (a) => a.id },
    query.sort,
    query.cursor,
  )
  const rows = await db
    .select()
    .from(accounts)
    .where(and(visible(scope), search, order.after))
    .orderBy(...order.orderBy)
    .limit(query.limit + 1)
  const counts = scope.partnerId
    ? new Map<string, number>()
    : await dealCounts(
        db,
        scope,
        rows.map((r) => r.id),
      )
  return toPage(
    rows,
    query.limit,
    order.cursorOf,
    (r) => toView(r, counts.get(r.id) ?? 0),
    await countRows(db, accounts, and(visible(scope), search)),
  )
}

export async function getAccount(db: Db, scope: Scope, id: string): Promise<AccountView> {
  journeysPermissions.require(scope, 'journeys.read')
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(visible(scope), eq(accounts.id, id)))
  if (!row) throw notFound('Account', id)
  const counts = scope.partnerId ? new Map<string, number>() : await dealCounts(db, scope, [id])
  return toView(row, counts.get(id) ?? 0)
}

/** Creates an account, or updates the one with the same (source, externalId): imports can be retried. */
export async function upsertAccount(
  db: Db,
  scope: Scope,
  input: CreateAccountInput,
  clock: Clock,
): Promise<{ account: AccountView; created: boolean }> {
  journeysPermissions.require(scope, 'journeys.write')
  if (input.externalId && !input.source) throw invalidField('source', 'is required with externalId')
  const now = clock.now()
  const fields = {
    name: input.name,
    domain: input.domain ?? null,
    country: input.country ?? null,
    industry: input.industry ?? null,
    updatedAt: now,
  }
  const { id, created } = await db.transaction(async (tx) => {
    const claim = await insertOrFindImported(tx, accounts, {
      orgId: scope.orgId,
      id: journeyIds.account(),
      ...fields,
      source: input.source ?? null,
      externalId: input.externalId ?? null,
      createdAt: now,
    })
    if (!claim.created)
      await tx
        .update(accounts)
        .set(fields)
        .where(and(eq(accounts.orgId, scope.orgId), eq(accounts.id, claim.id)))
    await publish(tx, scope, journeyEvents.event('account.changed', claim.id, { accountId: claim.id }), clock)
    return claim
  })
  return { account: await getAccount(db, scope, id), created }
}

export async function updateAccount(
  db: Db,
  scope: Scope,
  id: string,
  input: UpdateAccountInput,
  clock: Clock,
): Promise<AccountView> {
  journeysPermissions.require(scope, 'journeys.write')
  await getAccount(db, scope, id)
  await db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ ...input, updatedAt: clock.now() })
      .where(and(eq(accounts.orgId, scope.orgId), eq(accounts.id, id)))
    await publish(tx, scope, journeyEvents.event('account.changed', id, { accountId: id }), clock)
  })
  return getAccount(db, scope, id)
}

/** The account exists in the scope's org. */
export async function checkAccount(db: Db, scope: Scope, id: string, field = 'accountId'): Promise<void> {
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.orgId, scope.orgId), eq(accounts.id, id)))
  if (!row) throw invalidField(field, `account ${id} not found`)
}
