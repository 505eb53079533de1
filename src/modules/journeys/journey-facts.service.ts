// Journey facts: the engine's `Journey` built from deals and their touches, for the credits module.
// The engine stays pure; this is the one place the platform's rows become its input.
import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm'
import { DIRECT, type Journey, type Touch } from '../../attribution'
import { type Db, queryRows } from '../../db/client'
import { findPartners } from '../partners'
import { deals, touchpoints } from './journeys.tables'

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
  return readJourneyRows(db, orgId, dealIds ? sql`and d.id = any(${sql.param([...dealIds])}::text[])` : sql``)
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
  return readJourneyRows(db, orgId, page.after === null ? sql`` : sql`and d.id > ${page.after}`, page.limit)
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

interface JourneyRow {
  id: string
  amount_minor: string
  currency: string
  status: Journey['outcome']
  type: Journey['kind']
  stage: string
  owner: string | null
  parent_deal_id: string | null
  /** Epoch milliseconds, the microseconds cut off (as a `Date` read from the column would have them). */
  opened_at: number
  closed_at: number | null
  /** [id, partner id, activity, epoch milliseconds] in time order, or null with none. */
  touches: string | null
}

type TouchTuple = [id: string, partnerId: string | null, activity: string, at: number]

/**
 * Deals of the org in id order (`filter` narrows them: `and d.id > …`), each with its touches as one
 * JSON array: a page of a thousand deals is a thousand rows, not ten thousand more.
 */
async function readJourneyRows(db: Db, orgId: string, filter: SQL, limit?: number): Promise<Journey[]> {
  const rows = await queryRows<JourneyRow>(
    db,
    sql`select d.id, d.amount_minor::text as amount_minor, d.currency, d.status, d.type, d.stage, d.owner,
          d.parent_deal_id, floor(extract(epoch from d.opened_at) * 1000)::float8 as opened_at,
          floor(extract(epoch from d.closed_at) * 1000)::float8 as closed_at,
          (select json_agg(json_build_array(t.id, t.partner_id, t.activity_type,
                   (extract(epoch from t.occurred_at) * 1000)::float8) order by t.occurred_at, t.id)::text
             from ${touchpoints} t where t.org_id = d.org_id and t.deal_id = d.id) as touches
        from ${deals} d
        where d.org_id = ${orgId} ${filter}
        order by d.id ${limit === undefined ? sql`` : sql`limit ${limit}`}`,
  )
  const touchesOf = rows.map((d) => (d.touches === null ? [] : (JSON.parse(d.touches) as TouchTuple[])))
  const partners = await findPartners(
    db,
    orgId,
    touchesOf.flatMap((list) => list.flatMap(([, partnerId]) => (partnerId ? [partnerId] : []))),
  )
  return rows.map((d, i) => ({
    id: d.id,
    amountMinor: BigInt(d.amount_minor),
    currency: d.currency,
    outcome: d.status,
    createdAt: d.opened_at,
    ...(d.closed_at !== null ? { closedAt: d.closed_at } : {}),
    kind: d.type,
    ...(d.parent_deal_id ? { parentId: d.parent_deal_id } : {}),
    touches: touchesOf[i]!.map(([id, partnerId, activity, at]): Touch => {
      const partner = partnerId ? partners.get(partnerId) : undefined
      return {
        id,
        actor: partnerId ?? DIRECT,
        actorKind: partner?.type ?? DIRECT,
        activity,
        at,
        ...(partner?.parentId ? { parentActor: partner.parentId } : {}),
      }
    }),
    fields: { stage: d.stage, owner: d.owner, type: d.type },
  }))
}
