// A source's column mapping applied to one CSV record: each field's value from its column, template,
// constant or the import date, rewritten through its values table, with its fallback when blank; then
// the kind's row builder (import-rows.ts) checks and shapes the row.
import { closest } from 'fastest-levenshtein'
import { AppError } from '../../platform/app-error'
import { type RowContext, type RowProblem, rowBuilders, type StagedRow, type Values } from './import-rows'
import {
  type FieldMapping,
  type ImportKind,
  type ImportMapping,
  importFields,
  type ValueSource,
} from './imports.contract'

export interface CompiledMapping {
  /** The row and its problems from a record's values (in the header's order); no row when an error keeps it out. */
  map(cells: readonly string[]): { row: StagedRow | null; problems: RowProblem[] }
  unmappedColumns: string[]
}

const templateColumns = (template: string) => [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!)

function sourceColumns(source: ValueSource | undefined): string[] {
  if (!source) return []
  if (source.column) return [source.column]
  if (source.template) return templateColumns(source.template)
  return []
}

/** Checks the mapping against the kind and the file's header; a mistake names the mapping's field. */
export function compileMapping(
  kind: ImportKind,
  mapping: ImportMapping,
  header: string[],
  context: RowContext,
): CompiledMapping {
  const { required, optional } = importFields[kind]
  const known = new Set<string>([...required, ...optional])
  const errors: { path: string; message: string }[] = []
  for (const field of Object.keys(mapping.fields))
    if (!known.has(field))
      errors.push({
        path: `fields.${field}`,
        message: `is not a ${kind} field; known: ${[...known].join(', ')}`,
      })
  for (const field of required)
    if (!mapping.fields[field]) errors.push({ path: `fields.${field}`, message: 'must be mapped' })
  const columns = new Set(header)
  const used = new Set<string>()
  for (const [field, fieldMap] of Object.entries(mapping.fields))
    for (const [path, source] of [
      [`fields.${field}`, fieldMap],
      [`fields.${field}.whenBlank`, fieldMap.whenBlank],
    ] as const)
      for (const column of sourceColumns(source)) {
        used.add(column)
        if (!columns.has(column))
          errors.push({ path, message: `column ${column} is not in the file; it has ${header.join(', ')}` })
      }
  if (errors.length > 0) throw new AppError('VALIDATION', `The ${kind} mapping does not fit the file`, errors)
  const entries = Object.entries(mapping.fields)
  const toRow = rowBuilders[kind]
  // a column's value is read by its position (the last column of that name, should two share it)
  const positions = new Map(header.map((name, i) => [name, i]))
  const cell = (cells: readonly string[], name: string) => cells[positions.get(name) ?? -1] ?? ''
  return {
    unmappedColumns: header.filter((c) => !used.has(c)),
    map(cells) {
      const record = (name: string) => cell(cells, name)
      const problems: RowProblem[] = []
      const values: Values = {}
      const columnOf: Record<string, string | null> = {}
      for (const [field, fieldMap] of entries) {
        const resolved = resolveField(fieldMap, record, context)
        values[field] = resolved.value
        columnOf[field] = resolved.column
        if (resolved.problem) problems.push({ field, ...resolved.problem })
      }
      if (problems.length > 0) return { row: null, problems }
      const report = (problem: Omit<RowProblem, 'column' | 'value'>) =>
        problems.push({
          ...problem,
          column: columnOf[problem.field] ?? null,
          value: values[problem.field] ?? null,
        })
      let row: StagedRow | null = null
      try {
        row = toRow(values, report, context)
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        for (const e of error.errors.length > 0 ? error.errors : [{ path: 'row', message: error.message }])
          report({ severity: 'error', field: e.path.split('.')[0]!, message: e.message })
      }
      return { row: problems.some((p) => p.severity === 'error') ? null : row, problems }
    },
  }
}

/** A column's value in the record being mapped ('' when the record is short of it). */
type Cell = (column: string) => string

function resolveField(
  fieldMap: FieldMapping,
  record: Cell,
  context: RowContext,
): { value: string | null; column: string | null; problem?: Omit<RowProblem, 'field'> } {
  const first = resolveSource(fieldMap, record, context)
  if (first.value !== null || first.problem || !fieldMap.whenBlank) return first
  return resolveSource(fieldMap.whenBlank, record, context)
}

function resolveSource(
  source: ValueSource,
  record: Cell,
  context: RowContext,
): { value: string | null; column: string | null; problem?: Omit<RowProblem, 'field'> } {
  const column = source.column ?? null
  let raw: string | null
  if (source.column !== undefined) raw = record(source.column)
  else if (source.template !== undefined)
    raw = source.template.replace(/\{([^{}]+)\}/g, (_, name: string) => record(name).trim())
  else if (source.importDate) raw = context.importDate
  else raw = source.constant ?? ''
  const value = raw.trim() === '' ? null : raw.trim()
  const unstorable = value === null ? null : unstorableText(value)
  if (unstorable)
    return { value: null, column, problem: { severity: 'error', column, value, message: unstorable } }
  if (value === null || !source.values) return { value, column }
  const rewritten = source.values[value]
  if (rewritten !== undefined) return { value: rewritten, column }
  if (!source.strict) return { value, column }
  const known = Object.keys(source.values)
  return {
    value: null,
    column,
    problem: {
      severity: 'error',
      column,
      value,
      message: `${JSON.stringify(value)} is not one of the mapped values (closest: ${JSON.stringify(closest(value, known))}); add it to the mapping’s values`,
    },
  }
}

/** Text the database cannot hold, or that a wrong encoding garbled, is refused rather than stored. */
function unstorableText(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character'
  if (value.includes('\uFFFD'))
    return 'contains bytes that are not UTF-8; save the file as UTF-8 and send it again'
  return null
}
