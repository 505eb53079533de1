// Imports upsert by (org, source, external id). The insert claims the reference in one statement, so
// any number of identical requests at once create one row; the losers find the winner's row.
import { and, eq, type SQL, sql } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Db } from '../db/client'

type ImportTable = PgTable & { orgId: PgColumn; id: PgColumn; source: PgColumn; externalId: PgColumn }

export interface ExternalRef {
  orgId: string
  source: string | null
  externalId: string | null
}

/**
 * Inserts the row, or, when another row already holds its (source, external id), inserts nothing and
 * returns that row's id. Rows without an external id are always inserted.
 */
export async function insertOrFindImported<T extends ImportTable>(
  tx: Db,
  table: T,
  row: T['$inferInsert'] & ExternalRef,
): Promise<{ id: string; created: boolean }> {
  const inserted = (await tx
    .insert(table)
    .values(row)
    .onConflictDoNothing({
      target: [table.orgId, table.source, table.externalId],
      where: sql`${table.externalId} is not null` as SQL,
    })
    .returning({ id: table.id })) as { id: string }[]
  if (inserted[0]) return { id: inserted[0].id, created: true }
  const [existing] = (await tx
    .select({ id: table.id })
    .from(table as PgTable)
    .where(
      and(
        eq(table.orgId, row.orgId),
        eq(table.source, row.source ?? ''),
        eq(table.externalId, row.externalId ?? ''),
      ),
    )) as { id: string }[]
  if (!existing) throw new Error(`${row.source}/${row.externalId}: conflicting row vanished`)
  return { id: existing.id, created: false }
}
