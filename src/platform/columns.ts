// Column shapes every module's tables share, so they are spelled the same everywhere.
import { type SQL, sql } from 'drizzle-orm'
import { type PgColumn, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

/** A point in time, stored with its zone; read as a Date. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/** Where an imported record came from and its id there: imports upsert by the pair. */
export const externalRefColumns = () => ({ source: text('source'), externalId: text('external_id') })

/** One record per (org, source, external id); records without an external id are free. */
export const externalRefIndex = (
  name: string,
  t: { orgId: PgColumn; source: PgColumn; externalId: PgColumn },
) =>
  uniqueIndex(name)
    .on(t.orgId, t.source, t.externalId)
    .where(sql`${t.externalId} is not null` as SQL)
