// Partners as other modules look them up: names for identity's directory, name, type and parent
// for journey facts, the parent chains multi-tier credit walks, how an import names a partner, and
// the profile fields and audiences onboarding reads.
import { and, asc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { partnerContacts, partners } from './partners.tables'

/** Name lookup for other modules (identity's partner directory); null when not in the org. */
export async function findPartnerName(
  db: Db,
  orgId: string,
  id: string,
): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({ id: partners.id, name: partners.name })
    .from(partners)
    .where(and(eq(partners.orgId, orgId), eq(partners.id, id)))
  return row ?? null
}

/** Name, type and parent (the partner one tier up) of each partner found. */
export async function findPartners(db: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, { name: string; type: string; parentId: string | null }>()
  const rows = await db
    .select({ id: partners.id, name: partners.name, type: partners.type, parentId: partners.parentId })
    .from(partners)
    .where(and(eq(partners.orgId, orgId), inArray(partners.id, [...new Set(ids)])))
  return new Map(rows.map((r) => [r.id, { name: r.name, type: r.type, parentId: r.parentId }]))
}

/**
 * These partners and every partner above them (parent, its parent, …), each with its type and
 * parent: the chains multi-tier credit walks. A chain that loops stops where it meets itself.
 */
export async function partnerLineage(db: Db, orgId: string, ids: readonly string[]) {
  const found = new Map<string, { type: string; parentId: string | null }>()
  let wanted = [...new Set(ids)]
  for (let depth = 0; wanted.length > 0 && depth < 32; depth++) {
    const rows = await db
      .select({ id: partners.id, type: partners.type, parentId: partners.parentId })
      .from(partners)
      .where(and(eq(partners.orgId, orgId), inArray(partners.id, wanted)))
    for (const r of rows) found.set(r.id, { type: r.type, parentId: r.parentId })
    wanted = [...new Set(rows.flatMap((r) => (r.parentId && !found.has(r.parentId) ? [r.parentId] : [])))]
  }
  return found
}

/**
 * How an import names the org's partners: by their id in the import's source, or by name (without
 * regard to case). Answers the partner's id, or why the reference finds none.
 */
export async function partnerReferences(
  db: Db,
  orgId: string,
  source: string,
): Promise<(ref: string) => { id: string } | { problem: string }> {
  const rows = await db
    .select({
      id: partners.id,
      name: partners.name,
      source: partners.source,
      externalId: partners.externalId,
    })
    .from(partners)
    .where(eq(partners.orgId, orgId))
  const byExternalId = new Map<string, string>()
  const byName = new Map<string, string[]>()
  for (const r of rows) {
    if (r.source === source && r.externalId) byExternalId.set(r.externalId, r.id)
    const key = r.name.toLowerCase()
    byName.set(key, [...(byName.get(key) ?? []), r.id])
  }
  return (ref) => {
    const id = byExternalId.get(ref)
    if (id) return { id }
    const named = byName.get(ref.toLowerCase()) ?? []
    if (named.length === 1) return { id: named[0]! }
    if (named.length > 1)
      return { problem: `${named.length} partners are named ${ref}; give their ${source} ids instead` }
    return { problem: `no partner has the name or ${source} id ${ref}` }
  }
}

export interface PartnerFacts {
  name: string
  type: string
  country: string | null
  tags: string[]
  currency: string
  /** The tier's level key, or null. */
  tier: string | null
  tierName: string | null
}

/** What incentives' rules and tier criteria test a partner on, and the currency the partner is paid in. */
export async function readPartnerFacts(db: Db, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, PartnerFacts>()
  const rows = await db
    .select({
      id: partners.id,
      name: partners.name,
      type: partners.type,
      country: partners.country,
      tags: partners.tags,
      currency: partners.currency,
      tier: partners.tier,
      tierName: partners.tierName,
    })
    .from(partners)
    .where(and(eq(partners.orgId, orgId), inArray(partners.id, [...new Set(ids)])))
  return new Map<string, PartnerFacts>(rows.map(({ id, ...facts }) => [id, facts]))
}

/** The org's partner ids after `afterId`, in id order: org-wide work pages through them. */
export async function pagePartnerIds(
  db: Db,
  orgId: string,
  afterId: string | null,
  limit: number,
  options: { status?: string } = {},
): Promise<string[]> {
  const rows = await db
    .select({ id: partners.id })
    .from(partners)
    .where(
      and(
        eq(partners.orgId, orgId),
        afterId ? gt(partners.id, afterId) : undefined,
        options.status ? eq(partners.status, options.status) : undefined,
      ),
    )
    .orderBy(asc(partners.id))
    .limit(limit)
  return rows.map((r) => r.id)
}

/** Which profile fields each partner has filled: website, country, and a contact with an e-mail. */
export async function readPartnerProfiles(db: Db, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { website: boolean; country: boolean; contact: boolean }>()
  const wanted = [...new Set(ids)]
  const rows = await db
    .select({ id: partners.id, websiteDomain: partners.websiteDomain, country: partners.country })
    .from(partners)
    .where(and(eq(partners.orgId, orgId), inArray(partners.id, wanted)))
  const reachable = await db
    .selectDistinct({ partnerId: partnerContacts.partnerId })
    .from(partnerContacts)
    .where(
      and(
        eq(partnerContacts.orgId, orgId),
        inArray(partnerContacts.partnerId, wanted),
        isNotNull(partnerContacts.email),
      ),
    )
  const withContact = new Set(reachable.map((r) => r.partnerId))
  return new Map(
    rows.map((r) => [
      r.id,
      { website: Boolean(r.websiteDomain), country: r.country !== null, contact: withContact.has(r.id) },
    ]),
  )
}

/**
 * The ids of an org's partners of these types (any, when empty) carrying any of these tags (tags do
 * not matter when empty), as a subquery: a later module enrols them in one set-based statement.
 */
export function partnersMatchingQuery(
  db: Db,
  orgId: string,
  audience: { types: readonly string[]; tags: readonly string[] },
) {
  return db
    .select({ id: partners.id })
    .from(partners)
    .where(
      and(
        eq(partners.orgId, orgId),
        audience.types.length > 0 ? inArray(partners.type, [...audience.types]) : undefined,
        audience.tags.length > 0
          ? sql`${partners.tags} && array[${sql.join(
              audience.tags.map((t) => sql`${t}`),
              sql`, `,
            )}]::text[]`
          : undefined,
      ),
    )
}
