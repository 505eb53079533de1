// Committing an import: the staged accounts, deals and touches are merged into the org's records in one
// transaction — all of the import lands, or none of it. Records are matched by (source, external id), so
// importing the same file again changes nothing. One `facts.bulk_loaded` event then asks for one
// org-wide recompute instead of an event per row.
import { and, eq, type SQL, sql } from 'drizzle-orm'
import { type Db, isEmbedded, queryRows } from '../../db/client'
import { AppError } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import type { Scope } from '../../platform/scope'
import type { ImportKind, ImportView } from './imports.contract'
import { dropStagedRows, getImport, loadImport, type StagedFile } from './imports.service'
import { imports } from './imports.tables'
import { journeyEvents } from './journeys.events'
import { journeysPermissions } from './journeys.permissions'
import { removeSourceRecords, type SourceRemovals } from './source-removals.service'

type Counts = { inserted: number; updated: number }

/** Above this many changed deals a commit asks for the org-wide recompute, not one deal at a time. */
export const maxAnnouncedDeals = 2000

/** What merging one kind did; `dealIds` are the deals it changed, when few enough to name. */
type Merged = Counts & { dealIds: string[] | null }

export interface CommitOptions {
  skipInvalid: boolean
  clock: Clock
  /** Records of the source removed there (a connector's deletes), taken out in the same transaction. */
  removals?: SourceRemovals
}

/** What a commit did, or would do: per kind, records created and updated; and records removed. */
export interface CommitResult {
  result: Record<ImportKind, Counts>
  removed: { deals: number; touches: number }
}

export async function commitImport(
  db: Db,
  scope: Scope,
  id: string,
  options: CommitOptions,
): Promise<ImportView> {
  await commitStaged(db, scope, id, options)
  return getImport(db, scope, id)
}

class Rehearsal extends Error {
  constructor(readonly outcome: CommitResult) {
    super('rolled back: a rehearsal')
  }
}

/**
 * What committing the staged import would do, found by merging it in a transaction that is then rolled
 * back: exact counts of records created, changed and removed, and nothing written. The import stays
 * staged.
 */
export async function rehearseImport(
  db: Db,
  scope: Scope,
  id: string,
  options: CommitOptions,
): Promise<CommitResult> {
  journeysPermissions.require(scope, 'journeys.write')
  const record = await loadImport(db, scope, id)
  if (record.status !== 'staged')
    throw new AppError('CONFLICT', `Import ${id} is ${record.status}, not staged`)
  try {
    await db.transaction(async (tx) => {
      const { result, removed } = await mergeAll(tx, scope, record, options, () => 0)
      throw new Rehearsal({
        result: plain(result),
        removed: { deals: removed.deals, touches: removed.touches },
      })
    })
  } catch (error) {
    if (error instanceof Rehearsal) return error.outcome
    throw error
  }
  throw new Error('a rehearsal always rolls back')
}

/** Commits the import (see commitImport) and answers what it did. */
export async function commitStaged(
  db: Db,
  scope: Scope,
  id: string,
  options: CommitOptions,
): Promise<CommitResult> {
  journeysPermissions.require(scope, 'journeys.write')
  const record = await loadImport(db, scope, id)
  if (record.status === 'staged' && Object.keys(record.files as object).length === 0)
    throw new AppError('CONFLICT', `Import ${id} has no file yet; add accounts, deals or touches first`)
  if (record.status === 'staged' && record.errorCount > 0 && !options.skipInvalid)
    throw new AppError(
      'CONFLICT',
      `Import ${id} has ${record.errorCount} errors; fix the file or the mapping, or commit with skipInvalid to leave those rows out`,
    )
  // one commit per import, however many requests ask at once
  const claimed = await db
    .update(imports)
    .set({ status: 'committing' })
    .where(and(eq(imports.orgId, scope.orgId), eq(imports.id, id), eq(imports.status, 'staged')))
    .returning({ id: imports.id })
  if (claimed.length === 0)
    throw new AppError('CONFLICT', `Import ${id} is ${(await loadImport(db, scope, id)).status}, not staged`)
  const now = options.clock.now()
  const files = record.files as Partial<Record<ImportKind, StagedFile>>
  let outcome: CommitResult = { result: plain(emptyMerge()), removed: { deals: 0, touches: 0 } }
  // on the embedded database a large merge builds the table's indexes after it (see bulkMerge)
  const incoming = (kind: ImportKind) => (isEmbedded(db) ? (files[kind]?.rows ?? 0) : 0)
  try {
    await db.transaction(async (tx) => {
      const { result, removed } = await mergeAll(tx, scope, record, options, incoming)
      const dealIds =
        result.deals.dealIds && result.touches.dealIds
          ? [...new Set([...result.deals.dealIds, ...result.touches.dealIds, ...removed.dealIds])]
          : null
      await publish(
        tx,
        scope,
        journeyEvents.event('facts.bulk_loaded', null, {
          reason: `import ${id}`,
          counts: {
            accounts: total(result.accounts),
            deals: total(result.deals),
            touchpoints: total(result.touches),
            removedDeals: removed.deals,
            removedTouchpoints: removed.touches,
          },
          // a small change asks for those deals alone, not for the whole org
          ...(dealIds && dealIds.length <= maxAnnouncedDeals ? { dealIds } : {}),
        }),
        options.clock,
      )
      await writeAudit(
        tx,
        scope,
        {
          action: 'import.committed',
          entityType: 'import',
          entityId: id,
          after: { source: record.source, result: plain(result), removed: options.removals ?? null },
        },
        options.clock,
      )
      await tx
        .update(imports)
        .set({ status: 'committed', result: plain(result), finishedAt: now })
        .where(and(eq(imports.orgId, scope.orgId), eq(imports.id, id)))
      outcome = { result: plain(result), removed: { deals: removed.deals, touches: removed.touches } }
    })
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error)
    await db
      .update(imports)
      .set({ status: 'failed', failure, finishedAt: options.clock.now() })
      .where(and(eq(imports.orgId, scope.orgId), eq(imports.id, id)))
    throw error
  }
  await dropStagedRows(db, scope.orgId, id)
  // a large merge leaves the planner's statistics behind: read again, or the next small merge takes
  // the tables for what they were and joins a million rows one by one
  const merged = Object.values(outcome.result).reduce((n, c) => n + total(c), 0)
  if (merged >= largeMerge) await db.execute(sql`analyze accounts, deals, touchpoints`)
  return outcome
}

/** Records merged at once past which the tables' statistics are read again. */
const largeMerge = 50_000

/**
 * The staged rows merged and the source's removals applied, in the caller's transaction. Imports of
 * one org merge one after another, so two never lock the same records in turn.
 */
async function mergeAll(
  tx: Db,
  scope: Scope,
  record: { id: string; source: string; errorCount: number },
  options: CommitOptions,
  incoming: (kind: ImportKind) => number,
) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`import:${scope.orgId}`}))`)
  const now = options.clock.now()
  const result = await mergeStaged(
    tx,
    scope.orgId,
    record.id,
    record.source,
    now,
    record.errorCount > 0,
    incoming,
  )
  const removed = options.removals
    ? await removeSourceRecords(tx, scope, record.source, options.removals, options.clock)
    : { deals: 0, touches: 0, dealIds: [] }
  return { result, removed }
}

const total = (c: Counts) => c.inserted + c.updated
const emptyMerge = (): Record<ImportKind, Merged> => ({
  accounts: { inserted: 0, updated: 0, dealIds: [] },
  deals: { inserted: 0, updated: 0, dealIds: [] },
  touches: { inserted: 0, updated: 0, dealIds: [] },
})
const plain = (result: Record<ImportKind, Merged>): Record<ImportKind, Counts> => ({
  accounts: { inserted: result.accounts.inserted, updated: result.accounts.updated },
  deals: { inserted: result.deals.inserted, updated: result.deals.updated },
  touches: { inserted: result.touches.inserted, updated: result.touches.updated },
})

/**
 * How one kind's staged rows become records: the table, the rows to merge (one column per `columns`,
 * in that order), and the columns a re-import may change. Records match on (org, source, external id).
 */
interface Merge {
  table: 'accounts' | 'deals' | 'touchpoints'
  columns: string[]
  changes: string[]
  rows: SQL
  /** The column naming the deal a record belongs to (deals: id), to name the deals changed. */
  deal?: 'id' | 'deal_id'
}

const list = (names: string) => names.split(', ')

async function mergeStaged(
  tx: Db,
  orgId: string,
  importId: string,
  source: string,
  now: Date,
  hasErrors: boolean,
  incoming: (kind: ImportKind) => number,
): Promise<Record<ImportKind, Merged>> {
  // staged rows with an error are left out (an import without errors skips the check)
  const valid = (kind: ImportKind) =>
    hasErrors
      ? sql`s.org_id = ${orgId} and s.import_id = ${importId}
    and not exists (select 1 from import_problems p where p.org_id = s.org_id and p.import_id = s.import_id
      and p.kind = ${kind} and p.line = s.line and p.severity = 'error')`
      : sql`s.org_id = ${orgId} and s.import_id = ${importId}`
  const merge = (kind: ImportKind, m: Merge) =>
    incoming(kind) >= bulkMergeRows ? bulkMerge(tx, m, incoming(kind)) : upsert(tx, m)
  const accounts = await merge('accounts', {
    table: 'accounts',
    columns: list('org_id, id, name, domain, country, industry, source, external_id, created_at, updated_at'),
    changes: list('name, domain, country, industry'),
    rows: sql`select s.org_id, s.id, s.name, s.domain, s.country, s.industry, ${source}::text, s.external_id, ${now}::timestamptz, ${now}::timestamptz
    from import_staged_accounts s where ${valid('accounts')}`,
  })
  const deals = await merge('deals', {
    table: 'deals',
    columns: list(
      'org_id, id, name, account_id, amount_minor, currency, stage, status, type, opened_at, closed_at, expected_close_at, owner, source, external_id, created_at, updated_at',
    ),
    changes: list(
      'name, account_id, amount_minor, currency, stage, status, type, opened_at, closed_at, expected_close_at, owner',
    ),
    deal: 'id',
    rows: sql`select s.org_id, s.id, s.name, a.id, s.amount_minor, s.currency, s.stage, s.status, s.type, s.opened_at,
      s.closed_at, s.expected_close_at, s.owner, ${source}::text, s.external_id, ${now}::timestamptz, ${now}::timestamptz
    from import_staged_deals s
    left join accounts a on a.org_id = s.org_id and a.source = ${source} and a.external_id = s.account_ref
    where ${valid('deals')}`,
  })
  // renewals and expansions name their parent by external id: linked once every deal is in (checked
  // first: the join over every deal is slow when no staged deal names a parent)
  const [parents] = await queryRows<{ named: boolean }>(
    tx,
    sql`select exists (select 1 from import_staged_deals s where ${valid('deals')} and s.parent_ref is not null) as named`,
  )
  if (parents?.named)
    await tx.execute(sql`
    update deals d set parent_deal_id = p.id
    from (select s.org_id, s.external_id, s.parent_ref from import_staged_deals s
      where ${valid('deals')} and s.parent_ref is not null) s
    join deals p on p.org_id = s.org_id and p.source = ${source} and p.external_id = s.parent_ref
    where d.org_id = s.org_id and d.source = ${source} and d.external_id = s.external_id
      and d.parent_deal_id is distinct from p.id`)
  const touches = await merge('touches', {
    table: 'touchpoints',
    columns: list(
      'org_id, id, deal_id, actor_kind, partner_id, seller, activity_type, occurred_at, notes, source, external_id, created_at, updated_at',
    ),
    changes: list('deal_id, actor_kind, partner_id, seller, activity_type, occurred_at, notes'),
    deal: 'deal_id',
    rows: sql`select s.org_id, s.id, d.id, s.actor_kind, s.partner_id, s.seller, s.activity_type, s.occurred_at,
      s.notes, ${source}::text, s.external_id, ${now}::timestamptz, ${now}::timestamptz
    from import_staged_touches s
    join deals d on d.org_id = s.org_id and d.source = ${source} and d.external_id = s.deal_ref
    where ${valid('touches')}`,
  })
  return { accounts, deals, touches }
}

const names = (columns: string[], prefix = '') => sql.raw(columns.map((c) => `${prefix}${c}`).join(', '))

/** The rows inserted, or updated where a re-import changed them; an identical record is left alone. */
async function upsert(tx: Db, m: Merge): Promise<Merged> {
  const deal = sql.raw(m.deal ?? 'null::text')
  const [counts] = await queryRows<Merged>(
    tx,
    sql`with merged as (
      insert into ${sql.identifier(m.table)} (${names(m.columns)}) ${m.rows}
      on conflict (org_id, source, external_id) where external_id is not null do update set
        ${sql.raw(m.changes.map((c) => `${c} = excluded.${c}`).join(', '))}, updated_at = excluded.updated_at
      where (${names(m.changes, `${m.table}.`)}) is distinct from (${names(m.changes, 'excluded.')})
      returning (xmax = 0) as is_new, ${deal} as deal_id),
    deals as (select distinct deal_id from merged where deal_id is not null limit ${maxAnnouncedDeals + 1})
    select count(*) filter (where is_new)::int as inserted, count(*) filter (where not is_new)::int as updated,
      (select coalesce(array_agg(deal_id), '{}') from deals) as "dealIds"
    from merged`,
  )
  return counts ?? { inserted: 0, updated: 0, dealIds: [] }
}

// below this many rows a file merges through the upsert on any database
const bulkMergeRows = 1000

/**
 * The embedded database adds to a b-tree at a high cost per row (most of a 1M-touch merge went to the
 * five indexes of touchpoints), while building an index sorts the table once, several times faster.
 * So there, a merge that brings at least twice as many rows as the table holds drops the table's indexes,
 * updates the records the import changes, inserts the new ones and builds the indexes again, all in
 * the merge's transaction: on the embedded database a transaction runs alone, so no query sees the
 * table without them, and a failure rolls the indexes back with the rest. The rebuilt unique indexes
 * check again that no two records share an id or an external id. Otherwise (a larger table, or one
 * another table's foreign key needs) it is the upsert. `incoming` is the file's row count.
 */
async function bulkMerge(tx: Db, m: Merge, incoming: number): Promise<Merged> {
  const table = sql.identifier(m.table)
  // counts no further than half the import's size: cheap however large the table (and a re-import of
  // the same file, which finds every record there, is an upsert that writes nothing)
  const [existing] = await queryRows<{ n: number; isReferenced: boolean }>(
    tx,
    sql`select (select count(*)::int from (select from ${table} limit ${Math.floor(incoming / 2) + 1}) t) as n,
      exists (select 1 from pg_constraint where confrelid = ${m.table}::regclass) as "isReferenced"`,
  )
  if (!existing || existing.n * 2 > incoming || existing.isReferenced) return upsert(tx, m)
  const [updated] = await queryRows<{ n: number }>(
    tx,
    sql`with changed as (
      update ${table} t set ${sql.raw(m.changes.map((c) => `${c} = x.${c}`).join(', '))}, updated_at = x.updated_at
      from (${m.rows}) x (${names(m.columns)})
      where t.org_id = x.org_id and t.source = x.source and t.external_id = x.external_id
        and (${names(m.changes, 't.')}) is distinct from (${names(m.changes, 'x.')})
      returning 1)
    select count(*)::int as n from changed`,
  )
  const indexes = await queryRows<{ name: string; definition: string; constraint: string | null }>(
    tx,
    sql`select c.relname as name, pg_get_indexdef(i.indexrelid) as definition,
      (select pg_get_constraintdef(k.oid) from pg_constraint k where k.conindid = i.indexrelid
        and k.conrelid = i.indrelid) as "constraint"
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = ${m.table}::regclass order by c.relname`,
  )
  for (const index of indexes)
    await tx.execute(
      index.constraint
        ? sql`alter table ${table} drop constraint ${sql.identifier(index.name)}`
        : sql`drop index ${sql.identifier(index.name)}`,
    )
  const [inserted] = await queryRows<{ n: number }>(
    tx,
    sql`with added as (
      insert into ${table} (${names(m.columns)})
      select * from (${m.rows}) x (${names(m.columns)})
      where not exists (select 1 from ${table} t
        where t.org_id = x.org_id and t.source = x.source and t.external_id = x.external_id)
      returning 1)
    select count(*)::int as n from added`,
  )
  for (const index of indexes)
    await tx.execute(
      index.constraint
        ? sql`alter table ${table} add constraint ${sql.identifier(index.name)} ${sql.raw(index.constraint)}`
        : sql.raw(index.definition),
    )
  // a load this large recomputes the org
  return { inserted: inserted?.n ?? 0, updated: updated?.n ?? 0, dealIds: null }
}
