// Open disputes per partner, counted on the server for many partners at once (partner health reads it).
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { commissionDisputes } from './disputes.tables'

export async function countOpenDisputes(
  db: Db,
  orgId: string,
  partnerIds: readonly string[],
): Promise<Map<string, number>> {
  if (partnerIds.length === 0) return new Map()
  const rows = await db
    .select({ partnerId: commissionDisputes.partnerId, open: sql<number>`count(*)::int` })
    .from(commissionDisputes)
    .where(
      and(
        eq(commissionDisputes.orgId, orgId),
        inArray(commissionDisputes.partnerId, [...new Set(partnerIds)]),
        eq(commissionDisputes.status, 'open'),
      ),
    )
    .groupBy(commissionDisputes.partnerId)
  return new Map(rows.map((r) => [r.partnerId, Number(r.open)]))
}
