// Imports as records: the mapping saved per (source, kind), starting and discarding an import, and
// reading its status, counts and problems (as pages, or as a CSV report to download).
import { and, asc, desc, eq, gt, not, sql } from 'drizzle-orm'
import { type Db, isEmbedded, queryRows } from '../../db/client'
import { AppError, invalidField, notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import { csvLine } from '../../platform/csv'
import { actorLabel, type Scope } from '../../platform/scope'
import {
  type ImportKind,
  type ImportMapping,
  type ImportMappingView,
  type ImportProblemView,
  type ImportView,
  importMapping,
} from './imports.contract'
import {
  importMappings,
  importProblems,
  imports,
  stagedAccounts,
  stagedDeals,
  stagedTouches,
} from './imports.tables'
import { journeysPermissions } from './journeys.permissions'
import { journeyIds } from './journeys.tables'

/** What staging a file records about it; the valid and invalid counts are read from its problems. */
export interface StagedFile {
  fileName: string
  rows: number
  unmappedColumns: string[]
}

type ImportRow = typeof imports.$inferSelect

const stagingTables = [stagedAccounts, stagedDeals, stagedTouches]

/** Staged rows of one kind past which dropping them vacuums the table. */
const largeStaging = 50_000

export async function saveMapping(
  db: Db,
  scope: Scope,
  source: string,
  kind: ImportKind,
  mapping: ImportMapping,
  clock: Clock,
): Promise<ImportMappingView> {
  journeysPermissions.require(scope, 'journeys.write')
  const row = {
    orgId: scope.orgId,
    source,
    kind,
    mapping,
    updatedBy: actorLabel(scope.actor),
    updatedAt: clock.now(),
  }
  await db
    .insert(importMappings)
    .values(row)
    .onConflictDoUpdate({
      target: [importMappings.orgId, importMappings.source, importMappings.kind],
      set: { mapping, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
    })
  return { source, kind, mapping, updatedBy: row.updatedBy, updatedAt: row.updatedAt.toISOString() }
}

export async function savedMapping(
  db: Db,
  scope: Scope,
  source: string,
  kind: ImportKind,
): Promise<ImportMapping | null> {
  const [row] = await db
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(
      and(
        eq(importMappings.orgId, scope.orgId),
        eq(importMappings.source, source),
        eq(importMappings.kind, kind),
      ),
    )
  return row ? importMapping.parse(row.mapping) : null
}

export async function getMapping(
  db: Db,
  scope: Scope,
  source: string,
  kind: ImportKind,
): Promise<ImportMappingView> {
  journeysPermissions.require(scope, 'journeys.read')
  const [row] = await db
    .select()
    .from(importMappings)
    .where(
      and(
        eq(importMappings.orgId, scope.orgId),
        eq(importMappings.source, source),
        eq(importMappings.kind, kind),
      ),
    )
  if (!row) throw notFound('Import mapping', `${source}/${kind}`)
  return {
    source,
    kind,
    mapping: importMapping.parse(row.mapping),
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  }
}

export async function startImport(db: Db, scope: Scope, source: string, clock: Clock): Promise<ImportView> {
  journeysPermissions.require(scope, 'journeys.write')
  const id = journeyIds.import()
  await db.insert(imports).values({
    orgId: scope.orgId,
    id,
    source,
    status: 'staged',
    files: {},
    errorCount: 0,
    warningCount: 0,
    createdBy: actorLabel(scope.actor),
    createdAt: clock.now(),
  })
  return getImport(db, scope, id)
}

export async function loadImport(db: Db, scope: Scope, id: string): Promise<ImportRow> {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.orgId, scope.orgId), eq(imports.id, id)))
  if (!row) throw notFound('Import', id)
  return row
}

export async function getImport(db: Db, scope: Scope, id: string): Promise<ImportView> {
  journeysPermissions.require(scope, 'journeys.read')
  const row = await loadImport(db, scope, id)
  // a row is invalid when any error names its line; it has warnings when only warnings do
  const lines = await queryRows<{ kind: string; invalid: number; warned: number }>(
    db,
    sql`
    select kind, count(*) filter (where has_error)::int as invalid,
      count(*) filter (where not has_error)::int as warned
    from (select kind, line, bool_or(severity = 'error') as has_error from import_problems
      where org_id = ${scope.orgId} and import_id = ${id} group by kind, line) l
    group by kind`,
  )
  const byKind = new Map(lines.map((r) => [r.kind, r]))
  const files = Object.fromEntries(
    Object.entries(row.files as Record<string, StagedFile>).map(([kind, file]) => {
      const counted = byKind.get(kind)
      const invalid = counted?.invalid ?? 0
      return [kind, { ...file, valid: file.rows - invalid, invalid, warnings: counted?.warned ?? 0 }]
    }),
  )
  return {
    id: row.id,
    source: row.source,
    status: row.status,
    files,
    errorCount: row.errorCount,
    warningCount: row.warningCount,
    result: (row.result as ImportView['result']) ?? null,
    failure: row.failure,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  }
}

export async function listImports(db: Db, scope: Scope): Promise<{ items: ImportView[] }> {
  journeysPermissions.require(scope, 'journeys.read')
  const rows = await db
    .select({ id: imports.id })
    .from(imports)
    .where(eq(imports.orgId, scope.orgId))
    .orderBy(desc(imports.createdAt))
    .limit(50)
  return { items: await Promise.all(rows.map((r) => getImport(db, scope, r.id))) }
}

const toProblemView = (p: typeof importProblems.$inferSelect): ImportProblemView => ({
  kind: p.kind as ImportKind,
  line: p.line,
  severity: p.severity,
  field: p.field,
  column: p.column,
  value: p.value,
  message: p.message,
})

export async function listImportProblems(
  db: Db,
  scope: Scope,
  id: string,
  query: { cursor?: string; limit: number; severity?: 'error' | 'warning' },
) {
  journeysPermissions.require(scope, 'journeys.read')
  await loadImport(db, scope, id)
  if (query.cursor !== undefined && !/^\d{1,9}$/.test(query.cursor))
    throw invalidField('query.cursor', 'is not a cursor this list gave out')
  const filters = and(
    eq(importProblems.orgId, scope.orgId),
    eq(importProblems.importId, id),
    query.severity ? eq(importProblems.severity, query.severity) : undefined,
  )
  const rows = await db
    .select()
    .from(importProblems)
    .where(and(filters, query.cursor ? gt(importProblems.seq, Number(query.cursor)) : undefined))
    .orderBy(asc(importProblems.seq))
    .limit(query.limit + 1)
  const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(importProblems).where(filters)
  const hasMore = rows.length > query.limit
  const items = rows.slice(0, query.limit)
  return {
    items: items.map(toProblemView),
    nextCursor: hasMore ? String(items.at(-1)!.seq) : null,
    total: counted?.n ?? 0,
  }
}

/** The problems as CSV lines (header first), a page at a time, for a download of any size. */
export async function* importProblemsCsv(db: Db, scope: Scope, id: string): AsyncGenerator<string> {
  yield 'kind,line,severity,field,column,value,message\n'
  let cursor: string | undefined
  do {
    const page = await listImportProblems(db, scope, id, { cursor, limit: 200 })
    yield page.items
      .map((p) => csvLine([p.kind, p.line, p.severity, p.field, p.column, p.value, p.message]))
      .join('\n')
      .concat(page.items.length > 0 ? '\n' : '')
    cursor = page.nextCursor ?? undefined
  } while (cursor)
}

/** Drops a staged import and its staged rows; committed imports stay as they are. */
export async function discardImport(db: Db, scope: Scope, id: string, clock: Clock): Promise<ImportView> {
  journeysPermissions.require(scope, 'journeys.write')
  const claimed = await db
    .update(imports)
    .set({ status: 'discarded', finishedAt: clock.now() })
    .where(and(eq(imports.orgId, scope.orgId), eq(imports.id, id), eq(imports.status, 'staged')))
    .returning({ id: imports.id })
  if (claimed.length === 0) {
    const row = await loadImport(db, scope, id)
    throw new AppError('CONFLICT', `Import ${id} is ${row.status}; only a staged import can be discarded`)
  }
  await dropStagedRows(db, scope.orgId, id)
  return getImport(db, scope, id)
}

export async function dropStagedRows(db: Db, orgId: string, importId: string): Promise<void> {
  if (!isEmbedded(db)) {
    for (const table of stagingTables) {
      const [gone] = await queryRows<{ n: number }>(
        db,
        sql`with gone as (delete from ${table} where org_id = ${orgId} and import_id = ${importId} returning 1)
        select count(*)::int as n from gone`,
      )
      // a large file leaves as many dead rows: the next import's scans would read them all, and the
      // planner would take the table for its old size, until the autovacuum came round
      if ((gone?.n ?? 0) >= largeStaging) await db.execute(sql`vacuum (analyze) ${table}`)
    }
    return
  }
  // the embedded database never vacuums, so a staging table only this import uses is emptied whole
  // (its space given back, and faster than a million deletes); the transaction runs alone there, so no
  // other import stages rows between the look and the truncate
  await db.transaction(async (tx) => {
    for (const table of stagingTables) {
      const mine = and(eq(table.orgId, orgId), eq(table.importId, importId))
      const [other] = await tx.select({ line: table.line }).from(table).where(not(mine!)).limit(1)
      if (other) await tx.delete(table).where(mine)
      else await tx.execute(sql`truncate ${table}`)
    }
  })
}

/** Removes an import that brought nothing (a connector's sync that found no change), with its report. */
export async function forgetImport(db: Db, orgId: string, id: string): Promise<void> {
  await dropStagedRows(db, orgId, id)
  await db.delete(importProblems).where(and(eq(importProblems.orgId, orgId), eq(importProblems.importId, id)))
  await db.delete(imports).where(and(eq(imports.orgId, orgId), eq(imports.id, id)))
}
