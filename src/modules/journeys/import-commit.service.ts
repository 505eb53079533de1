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

type Counts = { inserted: number; updated: number }

export async function commitImport(
  db: Db,
  scope: Scope,
  id: string,
  options: { skipInvalid: boolean; clock: Clock },
): Promise<ImportView> {
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
  // on the embedded database a large merge builds the plain indexes after (see withIndexesBuiltAfter)
  const incoming = (kind: ImportKind) => (isEmbedded(db) ? (files[kind]?.rows ?? 0) : 0)
  try {
    await db.transaction(async (tx) => {
      // imports of one org merge one after another, so two never lock the same records in turn
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`import:${scope.orgId}`}))`)
      const result = await mergeStaged(
        tx,
        scope.orgId,
        id,
        record.source,
        now,
        record.errorCount > 0,
        incoming,
      )
      await publish(
        tx,
        scope,
        journeyEvents.event('facts.bulk_loaded', null, {
          reason: `import ${id}`,
          counts: {
            accounts: total(result.accounts),
            deals: total(result.deals),
            touchpoints: total(result.touches),
          },
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
          after: { source: record.source, result },
        },
        options.clock,
      )
      await tx
        .update(imports)
        .set({ status: 'committed', result, finishedAt: now })
        .where(and(eq(imports.orgId, scope.orgId), eq(imports.id, id)))
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
  return getImport(db, scope, id)
}

const total = (c: Counts) => c.inserted + c.updated

async function mergeStaged(
  tx: Db,
  orgId: string,
  importId: string,
  source: string,
  now: Date,
  hasErrors: boolean,
  incoming: (kind: ImportKind) => number,
): Promise<Record<ImportKind, Counts>> {
  // staged rows with an error are left out (an import without errors skips the check)
  const valid = (kind: ImportKind) =>
    hasErrors
      ? sql`s.org_id = ${orgId} and s.import_id = ${importId}
    and not exists (select 1 from import_problems p where p.org_id = s.org_id and p.import_id = s.import_id
      and p.kind = ${kind} and p.line = s.line and p.severity = 'error')`
      : sql`s.org_id = ${orgId} and s.import_id = ${importId}`
  const counted = async (merge: SQL): Promise<Counts> => {
    const [counts] = await queryRows<Counts>(
      tx,
      sql`with merged as (${merge} returning (xmax = 0) as is_new)
      select count(*) filter (where is_new)::int as inserted, count(*) filter (where not is_new)::int as updated
      from merged`,
    )
    return counts ?? { inserted: 0, updated: 0 }
  }
  const accounts = await withIndexesBuiltAfter(tx, 'accounts', incoming('accounts'), () =>
    counted(sql`
    insert into accounts (org_id, id, name, domain, country, industry, source, external_id, created_at, updated_at)
    select s.org_id, s.id, s.name, s.domain, s.country, s.industry, ${source}, s.external_id, ${now}, ${now}
    from import_staged_accounts s where ${valid('accounts')}
    on conflict (org_id, source, external_id) where external_id is not null do update set
      name = excluded.name, domain = excluded.domain, country = excluded.country, industry = excluded.industry,
      updated_at = excluded.updated_at
    where (accounts.name, accounts.domain, accounts.country, accounts.industry)
      is distinct from (excluded.name, excluded.domain, excluded.country, excluded.industry)`),
  )
  const deals = await withIndexesBuiltAfter(tx, 'deals', incoming('deals'), () =>
    counted(sql`
    insert into deals (org_id, id, name, account_id, amount_minor, currency, stage, status, type, opened_at,
      closed_at, owner, source, external_id, created_at, updated_at)
    select s.org_id, s.id, s.name, a.id, s.amount_minor, s.currency, s.stage, s.status, s.type, s.opened_at,
      s.closed_at, s.owner, ${source}, s.external_id, ${now}, ${now}
    from import_staged_deals s
    left join accounts a on a.org_id = s.org_id and a.source = ${source} and a.external_id = s.account_ref
    where ${valid('deals')}
    on conflict (org_id, source, external_id) where external_id is not null do update set
      name = excluded.name, account_id = excluded.account_id, amount_minor = excluded.amount_minor,
      currency = excluded.currency, stage = excluded.stage, status = excluded.status, type = excluded.type,
      opened_at = excluded.opened_at, closed_at = excluded.closed_at, owner = excluded.owner,
      updated_at = excluded.updated_at
    where (deals.name, deals.account_id, deals.amount_minor, deals.currency, deals.stage, deals.status,
      deals.type, deals.opened_at, deals.closed_at, deals.owner)
      is distinct from (excluded.name, excluded.account_id, excluded.amount_minor, excluded.currency,
      excluded.stage, excluded.status, excluded.type, excluded.opened_at, excluded.closed_at, excluded.owner)`),
  )
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
  const touches = await withIndexesBuiltAfter(tx, 'touchpoints', incoming('touches'), () =>
    counted(sql`
    insert into touchpoints (org_id, id, deal_id, actor_kind, partner_id, seller, activity_type, occurred_at,
      notes, source, external_id, created_at, updated_at)
    select s.org_id, s.id, d.id, s.actor_kind, s.partner_id, s.seller, s.activity_type, s.occurred_at,
      s.notes, ${source}, s.external_id, ${now}, ${now}
    from import_staged_touches s
    join deals d on d.org_id = s.org_id and d.source = ${source} and d.external_id = s.deal_ref
    where ${valid('touches')}
    on conflict (org_id, source, external_id) where external_id is not null do update set
      deal_id = excluded.deal_id, actor_kind = excluded.actor_kind, partner_id = excluded.partner_id,
      seller = excluded.seller, activity_type = excluded.activity_type, occurred_at = excluded.occurred_at,
      notes = excluded.notes, updated_at = excluded.updated_at
    where (touchpoints.deal_id, touchpoints.actor_kind, touchpoints.partner_id, touchpoints.seller,
      touchpoints.activity_type, touchpoints.occurred_at, touchpoints.notes)
      is distinct from (excluded.deal_id, excluded.actor_kind, excluded.partner_id, excluded.seller,
      excluded.activity_type, excluded.occurred_at, excluded.notes)`),
  )
  return { accounts, deals, touches }
}

/**
 * The embedded database adds to a b-tree at a high cost per row (most of a 1M-touch merge went to its
 * five indexes), while building one sorts the table once. So there, a merge that brings at least as
 * many rows as the table holds drops the table's plain (not unique) indexes and builds them again
 * after, in the merge's transaction: on the embedded database a transaction runs alone, so no query
 * sees the table without them. Unique indexes stay, since the merge matches records on them.
 * `incoming` is the number of rows the file brought; 0 (PostgreSQL, or a small file) merges as is.
 */
async function withIndexesBuiltAfter<T>(
  tx: Db,
  table: 'accounts' | 'deals' | 'touchpoints',
  incoming: number,
  merge: () => Promise<T>,
): Promise<T> {
  if (incoming < 1000) return merge()
  // counts no further than the import's size: cheap however large the table
  const [existing] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from (select from ${sql.identifier(table)} limit ${incoming + 1}) t`,
  )
  if ((existing?.n ?? 0) > incoming) return merge()
  const indexes = await queryRows<{ name: string; definition: string }>(
    tx,
    sql`select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = ${table}::regclass and not i.indisunique order by c.relname`,
  )
  for (const index of indexes) await tx.execute(sql`drop index ${sql.identifier(index.name)}`)
  const result = await merge()
  for (const index of indexes) await tx.execute(sql.raw(index.definition))
  return result
}
