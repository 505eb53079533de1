// CSV imports on the wire: a column mapping per (source, kind), an import's status and counts, and its
// row-by-row problems.
import { z } from 'zod'
import { page, pageQuery } from '../../platform/platform.contract'

export const importKinds = ['accounts', 'deals', 'touches'] as const
export const importKind = z.enum(importKinds)
export type ImportKind = z.infer<typeof importKind>

/** The fields each kind's rows fill; `required` ones must be mapped. References name external ids. */
export const importFields = {
  accounts: {
    required: ['externalId', 'name'],
    optional: ['domain', 'country', 'industry'],
  },
  deals: {
    required: ['externalId', 'name', 'amount', 'currency', 'status', 'openedAt'],
    optional: ['account', 'stage', 'type', 'closedAt', 'expectedCloseAt', 'owner', 'parent'],
  },
  touches: {
    required: ['deal', 'actorKind', 'activity', 'occurredAt'],
    optional: ['externalId', 'partner', 'seller', 'notes'],
  },
} as const satisfies Record<ImportKind, { required: readonly string[]; optional: readonly string[] }>

const valueSourceShape = {
  column: z.string().min(1).max(200).optional().describe('Take the value from this CSV column'),
  template: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe('Build the value from columns, e.g. "{product} ({opportunity_id})"'),
  constant: z.string().max(500).optional().describe('The same value on every row'),
  importDate: z.literal(true).optional().describe('The day of the import (for dates a file leaves blank)'),
  values: z
    .record(z.string().max(200), z.string().max(500))
    .optional()
    .describe('Rewrites values: file value → stored value, e.g. {"Won": "won"}'),
  strict: z.boolean().optional().describe('A value missing from `values` is an error (default: kept as is)'),
}

const oneOrigin = (source: { column?: string; template?: string; constant?: string; importDate?: true }) =>
  [source.column, source.template, source.constant, source.importDate].filter((v) => v !== undefined)
    .length === 1
const originMessage = 'give exactly one of column, template, constant or importDate'

export const valueSource = z.object(valueSourceShape).refine(oneOrigin, originMessage)
export type ValueSource = z.infer<typeof valueSource>

export const fieldMapping = z
  .object({
    ...valueSourceShape,
    whenBlank: valueSource.optional().describe('Where to take the value from when the first is blank'),
  })
  .refine(oneOrigin, originMessage)
  .meta({ id: 'ImportFieldMapping' })
export type FieldMapping = z.infer<typeof fieldMapping>

export const importMapping = z.object({ fields: z.record(z.string().min(1).max(50), fieldMapping) }).meta({
  id: 'ImportMapping',
  examples: [
    {
      fields: {
        externalId: { column: 'opportunity_id' },
        name: { template: '{product} ({opportunity_id})' },
        amount: { column: 'close_value', whenBlank: { constant: '0' } },
        currency: { constant: 'USD' },
        status: { column: 'deal_stage', values: { Won: 'won', Lost: 'lost', Engaging: 'open' } },
        openedAt: { column: 'engage_date', whenBlank: { importDate: true } },
      },
    },
  ],
})
export type ImportMapping = z.infer<typeof importMapping>

export const importMappingView = z
  .object({
    source: z.string(),
    kind: importKind,
    mapping: importMapping,
    updatedBy: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SavedImportMapping' })
export type ImportMappingView = z.infer<typeof importMappingView>

export const importSourceParams = z.object({
  source: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{0,49}$/, 'must be a short name such as maven or hubspot'),
  kind: importKind,
})

export const importFileQuery = z.object({
  fileName: z.string().trim().min(1).max(200).optional().describe('Shown in the import’s summary'),
})

export const startImportInput = z
  .object({ source: importSourceParams.shape.source })
  .meta({ id: 'NewImport', examples: [{ source: 'maven' }] })

const importFileView = z.object({
  fileName: z.string(),
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  warnings: z.number().int(),
  unmappedColumns: z.array(z.string()).describe('Columns of the file no field takes'),
})

export const importStatuses = ['staged', 'committing', 'committed', 'discarded', 'failed'] as const

export const importView = z
  .object({
    id: z.string(),
    source: z.string(),
    status: z.enum(importStatuses),
    files: z.record(z.string(), importFileView).describe('Per kind (accounts, deals, touches)'),
    errorCount: z.number().int(),
    warningCount: z.number().int(),
    result: z
      .record(z.string(), z.object({ inserted: z.number().int(), updated: z.number().int() }))
      .nullable()
      .describe('After the commit: per kind, records created and records updated'),
    failure: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Import' })
export type ImportView = z.infer<typeof importView>

export const commitImportInput = z
  .object({
    skipInvalid: z
      .boolean()
      .default(false)
      .describe('Import the valid rows and leave the invalid ones out (they stay in the report)'),
  })
  .meta({ id: 'ImportCommit' })

export const importProblemView = z
  .object({
    kind: importKind,
    line: z.number().int().describe('Line of the file, the header being line 1'),
    severity: z.enum(['error', 'warning']),
    field: z.string(),
    column: z.string().nullable(),
    value: z.string().nullable(),
    message: z.string(),
  })
  .meta({ id: 'ImportProblem' })
export type ImportProblemView = z.infer<typeof importProblemView>

export const listImportProblemsQuery = pageQuery.extend({
  severity: z.enum(['error', 'warning']).optional(),
})
export const importProblemPage = page(importProblemView)
