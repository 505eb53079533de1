// The orgs that have partners, a page at a time: what org-wide sweeps of later modules walk.
import { asc, gt } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { partners } from './partners.tables'

export async function pageOrgsWithPartners(
  db: Db,
  afterOrgId: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ orgId: partners.orgId })
    .from(partners)
    .where(afterOrgId ? gt(partners.orgId, afterOrgId) : undefined)
    .orderBy(asc(partners.orgId))
    .limit(limit)
  return rows.map((r) => r.orgId)
}
