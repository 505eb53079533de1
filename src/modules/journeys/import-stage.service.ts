// Staging a file of an import (a CSV file, or records a connector read): each row mapped and checked, the good
// rows bulk-copied into the staging table and every problem kept with its line. Nothing reaches the
// accounts, deals and touches until the import is committed (import-commit.service.ts).
import { parse } from 'csv-parse'
import { and, eq, getTableName, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { AppError, invalidField } from '../../platform/app-error'
import { type CopyValue, copyLine, copyLines } from '../../platform/bulk-copy'
import type { Clock } from '../../platform/clock'
import { csvStream } from '../../platform/http'
import type { Scope } from '../../platform/scope'
import { partnerReferences } from '../partners'
import { activityLabels } from './activity-types.service'
import { compileMapping } from './import-mapping'
import type { RowProblem, StagedAccount, StagedDeal, StagedRow, StagedTouch } from './import-rows'
import type { ImportKind, ImportMapping, ImportView } from './imports.contract'
import { getImport, loadImport, type StagedFile, savedMapping } from './imports.service'
import { importProblems, stagedAccounts, stagedDeals, stagedTouches } from './imports.tables'
import { journeysPermissions } from './journeys.permissions'
import { journeyIds } from './journeys.tables'

const copyBatch = 20_000
const problemColumns = [
  'org_id',
  'import_id',
  'seq',
  'kind',
  'line',
  'severity',
  'origin',
  'field',
  '"column"',
  'value',
  'message',
]

/** Per kind: its staging table, the columns copied, and a staged row's values in that order. */
const staging: Record<
  ImportKind,
  { table: string; columns: string[]; newId: () => string; values(row: StagedRow): CopyValue[] }
> = {
  accounts: {
    table: getTableName(stagedAccounts),
    columns: ['name', 'domain', 'country', 'industry'],
    newId: journeyIds.account,
    values: (row) => {
      const r = row as StagedAccount
      return [r.name, r.domain, r.country, r.industry]
    },
  },
  deals: {
    table: getTableName(stagedDeals),
    columns: [
      'name',
      'account_ref',
      'amount_minor',
      'currency',
      'stage',
      'status',
      'type',
      'opened_at',
      'closed_at',
      'expected_close_at',
      'owner',
      'parent_ref',
    ],
    newId: journeyIds.deal,
    values: (row) => {
      const r = row as StagedDeal
      return [
        r.name,
        r.accountRef,
        r.amountMinor,
        r.currency,
        r.stage,
        r.status,
        r.type,
        r.openedAt,
        r.closedAt,
        r.expectedCloseAt,
        r.owner,
        r.parentRef,
      ]
    },
  },
  touches: {
    table: getTableName(stagedTouches),
    columns: [
      'deal_ref',
      'actor_kind',
      'partner_ref',
      'partner_id',
      'seller',
      'activity_type',
      'occurred_at',
      'notes',
    ],
    newId: journeyIds.touchpoint,
    values: (row) => {
      const r = row as StagedTouch
      return [
        r.dealRef,
        r.actorKind,
        r.partnerRef,
        r.partnerId,
        r.seller,
        r.activityType,
        r.occurredAt,
        r.notes,
      ]
    },
  },
}

export interface StageOptions {
  fileName: string
  /** Overrides the mapping saved for the import's source and this kind. */
  mapping?: ImportMapping
  clock: Clock
}

/** One line of what is staged: the header first, then a record's values in the header's order. */
interface Line {
  cells: string[]
  /** The line of the file (or the record's place), for the report. */
  line: number
}

/** Reads one CSV file of the import (replacing an earlier file of the same kind) and reports what it found. */
export async function stageImportFile(
  db: Db,
  scope: Scope,
  importId: string,
  kind: ImportKind,
  file: unknown,
  options: StageOptions & {
    /** Called as the file is read, with the bytes read so far. */
    onProgress?(bytesRead: number): void
  },
): Promise<ImportView> {
  // another org's import, or none, is not found before the body is looked at
  journeysPermissions.require(scope, 'journeys.write')
  await loadImport(db, scope, importId)
  const body = csvStream(file)
  let bytesRead = 0
  body.on('data', (chunk: Buffer) => {
    bytesRead += chunk.length
    options.onProgress?.(bytesRead)
  })
  const parser = body.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: 1 << 20,
    }),
  )
  async function* lines(): AsyncGenerator<Line> {
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[]
        info: { lines: number }
      }>)
        yield { cells: record, line: info.lines }
    } catch (error) {
      if (error instanceof AppError) throw error
      const message = error instanceof Error ? error.message : String(error)
      throw invalidField('file', `could not be read as CSV: ${message}`)
    }
  }
  // an error the parser meets after staging stopped reading (a refused mapping) is no one's to handle;
  // while the rows are read, the loop receives it
  parser.on('error', () => undefined)
  try {
    return await stageLines(db, scope, importId, kind, lines(), options)
  } finally {
    parser.destroy()
  }
}

/**
 * Stages records read from another system (a CRM connector) as one file of the import: `columns` name
 * the values of each record, the source's saved mapping (or `options.mapping`) turns them into rows,
 * checked as a file's rows are. A record's place in the run stands for its line in the report.
 */
export async function stageRecords(
  db: Db,
  scope: Scope,
  importId: string,
  kind: ImportKind,
  records: { columns: string[]; rows: AsyncIterable<string[]> | Iterable<string[]> },
  options: StageOptions,
): Promise<ImportView> {
  async function* lines(): AsyncGenerator<Line> {
    yield { cells: records.columns, line: 1 }
    let line = 1
    for await (const cells of records.rows) yield { cells, line: ++line }
  }
  return stageLines(db, scope, importId, kind, lines(), options)
}

/** Maps, checks and bulk-copies one file's lines (the header first) into the import's staging table. */
async function stageLines(
  db: Db,
  scope: Scope,
  importId: string,
  kind: ImportKind,
  lines: AsyncIterable<Line>,
  options: StageOptions,
): Promise<ImportView> {
  journeysPermissions.require(scope, 'journeys.write')
  const record = await loadImport(db, scope, importId)
  if (record.status !== 'staged')
    throw new AppError('CONFLICT', `Import ${importId} is ${record.status}; start a new import`)
  const mapping = options.mapping ?? (await savedMapping(db, scope, record.source, kind))
  if (!mapping)
    throw invalidField('mapping', `no ${kind} mapping is saved for source ${record.source}; save one first`)
  await clearKind(db, scope.orgId, importId, kind)
  const isTouches = kind === 'touches'
  const context = {
    importDate: options.clock.now().toISOString().slice(0, 10),
    activityTypes: isTouches ? await activityLabels(db, scope.orgId) : new Map(),
    partner: isTouches
      ? await partnerReferences(db, scope.orgId, record.source)
      : () => ({ problem: 'not a touch' }),
  }
  const target = staging[kind]
  const copyColumns = ['org_id', 'import_id', 'line', 'id', 'external_id', ...target.columns]
  let seq = await lastProblemSeq(db, scope.orgId, importId)
  // rows and problems as lines of COPY text, written a batch at a time
  let rows = ''
  let batchRows = 0
  let problems = ''
  let rowCount = 0
  // one batch is written while the next is read: on PostgreSQL the two run side by side
  let writing: Promise<void> = Promise.resolve()
  const flush = async () => {
    const [batch, batchProblems] = [rows, problems]
    rows = ''
    problems = ''
    batchRows = 0
    await writing
    writing = (async () => {
      await copyLines(db, target.table, copyColumns, batch)
      await copyLines(db, 'import_problems', problemColumns, batchProblems)
    })()
    // a failed write is thrown by the next flush, or at the end
    writing.catch(() => undefined)
  }
  const keep = (line: number, found: RowProblem[]) => {
    for (const p of found)
      problems += copyLine([
        scope.orgId,
        importId,
        ++seq,
        kind,
        line,
        p.severity,
        'row',
        p.field,
        p.column,
        // the report shows a NUL the database cannot hold as the symbol for it
        p.value?.replaceAll('\u0000', '\u2400') ?? null,
        p.message,
      ])
  }

  let header: string[] | null = null
  let compiled: ReturnType<typeof compileMapping> | null = null
  for await (const { cells, line } of lines) {
    if (!header) {
      header = cells.map((c) => c.trim())
      compiled = compileMapping(kind, mapping, header, context)
      continue
    }
    rowCount++
    if (cells.length !== header.length) {
      keep(line, [
        {
          severity: 'error',
          field: 'row',
          column: null,
          value: null,
          message: `has ${cells.length} values where the header has ${header.length}`,
        },
      ])
      continue
    }
    const { row, problems: found } = compiled!.map(cells)
    keep(line, found)
    if (!row) continue
    rows += copyLine([scope.orgId, importId, line, target.newId(), row.externalId, ...target.values(row)])
    if (++batchRows >= copyBatch) await flush()
  }
  if (!header) throw invalidField('file', 'is empty; a CSV file with a header row is expected')
  await flush()
  await writing
  // fresh statistics, or the planner takes the just-filled staging table for empty and nests loops
  await db.execute(sql`analyze ${sql.raw(target.table)}`)
  await checkReferences(db, scope.orgId, importId, record.source)
  await recordFile(db, scope.orgId, importId, kind, {
    fileName: options.fileName,
    rows: rowCount,
    unmappedColumns: compiled!.unmappedColumns,
  })
  return getImport(db, scope, importId)
}

async function clearKind(db: Db, orgId: string, importId: string, kind: ImportKind): Promise<void> {
  await db.execute(
    sql`delete from ${sql.raw(staging[kind].table)} where org_id = ${orgId} and import_id = ${importId}`,
  )
  await db
    .delete(importProblems)
    .where(
      and(
        eq(importProblems.orgId, orgId),
        eq(importProblems.importId, importId),
        eq(importProblems.kind, kind),
      ),
    )
}

async function lastProblemSeq(db: Db, orgId: string, importId: string): Promise<number> {
  const [last] = await db
    .select({ seq: sql<number | null>`max(${importProblems.seq})` })
    .from(importProblems)
    .where(and(eq(importProblems.orgId, orgId), eq(importProblems.importId, importId)))
  return last?.seq ?? 0
}

/** Re-counts the import's files and problems after a file is staged. */
async function recordFile(
  db: Db,
  orgId: string,
  importId: string,
  kind: ImportKind,
  file: StagedFile,
): Promise<void> {
  await db.execute(sql`
    update imports set
      files = jsonb_set(files, ${`{${kind}}`}::text[], ${JSON.stringify(file)}::jsonb),
      error_count = (select count(*) from import_problems p
        where p.org_id = imports.org_id and p.import_id = imports.id and p.severity = 'error'),
      warning_count = (select count(*) from import_problems p
        where p.org_id = imports.org_id and p.import_id = imports.id and p.severity = 'warning')
    where org_id = ${orgId} and id = ${importId}`)
}

/**
 * Checks every staged reference against the import's other files and what the source imported before:
 * a deal's account and parent, a touch's deal and partner; and one row per external id in each file.
 * Run again after each file, since a later file can supply what an earlier one names.
 */
async function checkReferences(db: Db, orgId: string, importId: string, source: string): Promise<void> {
  await db
    .delete(importProblems)
    .where(
      and(
        eq(importProblems.orgId, orgId),
        eq(importProblems.importId, importId),
        eq(importProblems.origin, 'reference'),
      ),
    )
  const base = await lastProblemSeq(db, orgId, importId)
  const mine = sql`s.org_id = ${orgId} and s.import_id = ${importId}`
  // two NOT EXISTS (not one over an OR) so the database can answer each with an anti-join
  const missing = (kind: 'accounts' | 'deals', ref: string) => sql`
    not exists (select 1 from ${sql.raw(staging[kind].table)} o
      where o.org_id = s.org_id and o.import_id = s.import_id and o.external_id = ${sql.raw(ref)})
    and not exists (select 1 from ${sql.raw(kind)} o
      where o.org_id = s.org_id and o.source = ${source} and o.external_id = ${sql.raw(ref)})`
  const repeated = (table: string) => sql`(select line, external_id,
      row_number() over (partition by external_id order by line) as nth
      from ${sql.raw(table)} s where ${mine}) s where s.nth > 1`
  const checks = sql`
    select 'deals' as kind, s.line, 'account' as field, s.account_ref as value,
      'account ' || s.account_ref || ' is neither in the accounts file nor imported before from ' || ${source} as message
      from import_staged_deals s where ${mine} and s.account_ref is not null and ${missing('accounts', 's.account_ref')}
    union all
    select 'deals', s.line, 'parent', s.parent_ref,
      'parent deal ' || s.parent_ref || ' is neither in the deals file nor imported before from ' || ${source}
      from import_staged_deals s where ${mine} and s.parent_ref is not null and ${missing('deals', 's.parent_ref')}
    union all
    select 'touches', s.line, 'deal', s.deal_ref,
      'deal ' || s.deal_ref || ' is neither in the deals file nor imported before from ' || ${source}
      from import_staged_touches s where ${mine} and ${missing('deals', 's.deal_ref')}
    union all
    select 'accounts', s.line, 'externalId', s.external_id, 'external id ' || s.external_id || ' is on an earlier line too'
      from ${repeated('import_staged_accounts')}
    union all
    select 'deals', s.line, 'externalId', s.external_id, 'external id ' || s.external_id || ' is on an earlier line too'
      from ${repeated('import_staged_deals')}
    union all
    select 'touches', s.line, 'externalId', s.external_id, 'external id ' || s.external_id || ' is on an earlier line too'
      from ${repeated('import_staged_touches')}`
  await db.execute(sql`
    insert into import_problems (org_id, import_id, seq, kind, line, severity, origin, field, value, message)
    select ${orgId}, ${importId}, ${base} + row_number() over (order by c.kind, c.line), c.kind, c.line,
      'error', 'reference', c.field, c.value, c.message
    from (${checks}) c`)
}
