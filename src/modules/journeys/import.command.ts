// `credence import`: a source's CSV files (accounts, deals, touches) through its column mapping, the
// same road as the console's import page — every row checked, problems reported by line, then one
// all-or-nothing commit (or none, with --dry-run).
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AppError, invalidField } from '../../platform/app-error'
import type { ModuleCommand } from '../../platform/module'
import { systemScope } from '../../platform/scope'
import { findOrgBySlug } from '../identity'
import { commitImport } from './import-commit.service'
import { stageImportFile } from './import-stage.service'
import { type ImportKind, type ImportView, importKinds, importMapping } from './imports.contract'
import {
  discardImport,
  importProblemsCsv,
  listImportProblems,
  saveMapping,
  startImport,
} from './imports.service'

/** The mapping file: one mapping per kind, e.g. docs/examples/maven-crm-mapping.json. */
function readMappingFile(path: string) {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw invalidField('mapping', `${path} is not a JSON file: ${(error as Error).message}`)
  }
  const mappings: Partial<Record<ImportKind, ReturnType<typeof importMapping.parse>>> = {}
  for (const kind of importKinds) {
    const value = (parsed as Record<string, unknown>)?.[kind]
    if (value === undefined) continue
    const checked = importMapping.safeParse(value)
    if (!checked.success)
      throw new AppError(
        'VALIDATION',
        `The ${kind} mapping in ${path} is not valid`,
        checked.error.issues.map((i) => ({ path: [kind, ...i.path].join('.'), message: i.message })),
      )
    mappings[kind] = checked.data
  }
  return mappings
}

function describeImport(view: ImportView): string[] {
  return importKinds.flatMap((kind) => {
    const f = view.files[kind]
    if (!f) return []
    const unmapped = f.unmappedColumns.length > 0 ? ` (not imported: ${f.unmappedColumns.join(', ')})` : ''
    return [
      `${kind.padEnd(9)} ${f.fileName}: ${f.rows} rows, ${f.valid} valid, ${f.invalid} invalid, ${f.warnings} with warnings${unmapped}`,
    ]
  })
}

export const importCommand: ModuleCommand = {
  path: ['import'],
  group: 'import CSV files of accounts, deals and touches',
  description:
    'import CSV files of accounts, deals and touches through the source’s column mapping (all or nothing)',
  options: [
    { flags: '--org <slug>', description: 'org slug', required: true },
    {
      flags: '--source <name>',
      description: 'where the files come from, e.g. maven or hubspot',
      required: true,
    },
    {
      flags: '--mapping <file>',
      description: 'JSON mapping per kind; saved for the source (else the saved one)',
    },
    { flags: '--accounts <file>', description: 'accounts CSV' },
    { flags: '--deals <file>', description: 'deals CSV' },
    { flags: '--touches <file>', description: 'touches CSV' },
    { flags: '--dry-run', description: 'check every row and report; change nothing' },
    { flags: '--skip-invalid', description: 'import the valid rows and leave the invalid ones out' },
    { flags: '--report <file>', description: 'write every problem, line by line, to this CSV file' },
  ],
  async run(deps, options, io) {
    const org = await findOrgBySlug(deps.db, options.org ?? '')
    if (!org) throw new AppError('NOT_FOUND', `No org with slug ${options.org}`)
    const scope = systemScope(org.id)
    const source = options.source ?? ''
    const files = importKinds.flatMap((kind) => (options[kind] ? [[kind, options[kind]] as const] : []))
    if (files.length === 0) throw invalidField('files', 'give at least one of --accounts, --deals, --touches')
    if (options.mapping)
      for (const [kind, mapping] of Object.entries(readMappingFile(options.mapping)))
        await saveMapping(deps.db, scope, source, kind as ImportKind, mapping, deps.clock)

    let view = await startImport(deps.db, scope, source, deps.clock)
    for (const [kind, path] of files) {
      const progress = io?.progress(`${kind} ${basename(path)}`, statSync(path).size)
      try {
        view = await stageImportFile(deps.db, scope, view.id, kind, createReadStream(path), {
          fileName: basename(path),
          clock: deps.clock,
          onProgress: (bytes) => progress?.update(bytes),
        })
      } finally {
        progress?.done()
      }
    }
    const lines = describeImport(view)
    if (options.report) {
      await pipeline(
        Readable.from(importProblemsCsv(deps.db, scope, view.id)),
        createWriteStream(options.report),
      )
      lines.push(`Problems written to ${options.report}`)
    }
    if (view.errorCount + view.warningCount > 0) {
      const first = await listImportProblems(deps.db, scope, view.id, { limit: 10 })
      lines.push(`${view.errorCount} errors, ${view.warningCount} warnings; the first:`)
      for (const p of first.items)
        lines.push(
          `  ${p.kind} line ${p.line} ${p.severity} ${p.field}${p.column ? ` (${p.column})` : ''}: ${p.message}`,
        )
    }
    if (options.dryRun) {
      await discardImport(deps.db, scope, view.id, deps.clock)
      return [...lines, 'Dry run: nothing was imported.'].join('\n')
    }
    if (view.errorCount > 0 && !options.skipInvalid) {
      await discardImport(deps.db, scope, view.id, deps.clock)
      throw new AppError(
        'CONFLICT',
        `${lines.join('\n')}\nNothing was imported: fix the rows or the mapping, or pass --skip-invalid`,
      )
    }
    const committed = await commitImport(deps.db, scope, view.id, {
      skipInvalid: options.skipInvalid === 'true',
      clock: deps.clock,
    })
    for (const kind of importKinds) {
      const counts = committed.result?.[kind]
      if (counts) lines.push(`${kind.padEnd(9)} ${counts.inserted} new, ${counts.updated} updated`)
    }
    return [...lines, `Imported (${committed.id}); credit is being recomputed.`].join('\n')
  },
}
