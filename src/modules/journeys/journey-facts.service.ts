// Journey facts: the engine's `Journey` built from deals and their touches, for the credits module.
// The engine stays pure; this is the one place the platform's rows become its input.
import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm'
import { DIRECT, type Journey, type Touch } from '../../attribution'
import { type Db, queryRows } from '../../db/client'
import { findPartners } from '../partners'
import { deals, touchpoints } from './journeys.tables'

type DealRow = typeof deals.$inferSelect

/**
 * The journeys of these deals (all of the org's deals when none are named), in the order asked.
 * A partner touch names its partner as actor, with the partner's type as kind and its parent (a
 * distributor above a reseller) as the actor one tier up; a seller's touch is `direct`.
 */
export async function readJourneyFacts(
  db: Db,
  orgId: string,
  dealIds?: readonly string[],
): Promise<Journey[]> {
  if (dealIds && dealIds.length === 0) return []
  const dealRows = await db
    .select()
    .from(deals)
    .where(and(eq(deals.orgId, orgId), dealIds ? inArray(deals.id, [...dealIds]) : undefined))
    .orderBy(asc(deals.id))
  return buildJourneys(db, orgId, dealRows)
}

/**
 * The org's journeys in id (creation) order, a page at a time: the page after the deal `after` (from
 * the first deal when null). An org-wide recompute walks them; keyset, so each page costs the same.
 */
export async function readJourneyFactsPage(
  db: Db,
  orgId: string,
  page: { after: string | null; limit: number },
): Promise<Journey[]> {
  const dealRows = await db
    .select()
    .from(deals)
    .where(and(eq(deals.orgId, orgId), page.after === null ? undefined : gt(deals.id, page.after)))
    .orderBy(asc(deals.id))
    .limit(page.limit)
  return buildJourneys(db, orgId, dealRows)
}

/** How many deals the org has: the total an org-wide recompute reports progress against. */
export async function countJourneys(db: Db, orgId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(deals).where(eq(deals.orgId, orgId))
  return row?.n ?? 0
}

/** Every deal id of the org, in id (creation) order. */
export async function listJourneyIds(db: Db, orgId: string): Promise<string[]> {
  const rows = await db
    .select({ id: deals.id })
    .from(deals)
    .where(eq(deals.orgId, orgId))
    .orderBy(asc(deals.id))
  return rows.map((r) => r.id)
}

/**
 * The renewals and expansions grown from these deals, and theirs in turn: the deals whose credit
 * may inherit from them. Stops after 32 generations (a loop cannot be saved, but is not trusted).
 */
export async function listDescendantDealIds(
  db: Db,
  orgId: string,
  dealIds: readonly string[],
): Promise<string[]> {
  const found = new Set<string>(dealIds)
  const result: string[] = []
  let wanted = [...found]
  for (let depth = 0; wanted.length > 0 && depth < 32; depth++) {
    const rows = await db
      .select({ id: deals.id })
      .from(deals)
      .where(and(eq(deals.orgId, orgId), inArray(deals.parentDealId, wanted)))
    wanted = rows.map((r) => r.id).filter((id) => !found.has(id))
    for (const id of wanted) {
      found.add(id)
      result.push(id)
    }
  }
  return result
}

/**
 * The org's most recent deals that have at least one touch, won and open ones first (they are the
 * deals whose credit people look at), newest first by close (or, when open, opening) time.
 */
export async function listRecentDeals(
  db: Db,
  orgId: string,
  limit: number,
): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: deals.id, name: deals.name })
    .from(deals)
    .where(
      and(
        eq(deals.orgId, orgId),
        sql`exists (select 1 from ${touchpoints} where ${touchpoints.orgId} = ${deals.orgId} and ${touchpoints.dealId} = ${deals.id})`,
      ),
    )
    .orderBy(
      sql`${deals.status} = 'lost'`,
      sql`coalesce(${deals.closedAt}, ${deals.openedAt}) desc`,
      sql`${deals.id} desc`,
    )
    .limit(limit)
}

async function buildJourneys(db: Db, orgId: string, dealRows: DealRow[]): Promise<Journey[]> {
  const ids = dealRows.map((d) => d.id)
  // only what a journey holds, the time as epoch milliseconds: a page reads ten thousand touches
  const touchRows =
    ids.length === 0
      ? []
      : await queryRows<{
          id: string
          deal_id: string
          partner_id: string | null
          activity_type: string
          at: number
        }>(
          db,
          sql`select id, deal_id, partner_id, activity_type, (extract(epoch from occurred_at) * 1000)::float8 as at
              from ${touchpoints}
              where org_id = ${orgId} and deal_id = any(${sql.param(ids)}::text[])
              order by occurred_at, id`,
        )
  const partners = await findPartners(
    db,
    orgId,
    touchRows.flatMap((t) => (t.partner_id ? [t.partner_id] : [])),
  )
  const touchesByDeal = new Map<string, Touch[]>()
  for (const t of touchRows) {
    const partner = t.partner_id ? partners.get(t.partner_id) : undefined
    const touch: Touch = {
      id: t.id,
      actor: t.partner_id ?? DIRECT,
      actorKind: partner?.type ?? DIRECT,
      activity: t.activity_type,
      at: t.at,
      ...(partner?.parentId ? { parentActor: partner.parentId } : {}),
    }
    const list = touchesByDeal.get(t.deal_id)
    if (list) list.push(touch)
    else touchesByDeal.set(t.deal_id, [touch])
  }
  return dealRows.map((d) => ({
    id: d.id,
    amountMinor: d.amountMinor,
    currency: d.currency,
    outcome: d.status,
    createdAt: d.openedAt.getTime(),
    ...(d.closedAt ? { closedAt: d.closedAt.getTime() } : {}),
    kind: d.type,
    ...(d.parentDealId ? { parentId: d.parentDealId } : {}),
    touches: touchesByDeal.get(d.id) ?? [],
    fields: { stage: d.stage, owner: d.owner, type: d.type },
  }))
}
