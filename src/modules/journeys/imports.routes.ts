// Import routes: save a source's column mapping, start an import, send its CSV files, read the report,
// commit or discard. Thin: parse, call, return.
import { Readable } from 'node:stream'
import { z } from 'zod'
import { type App, scopeOf } from '../../platform/http'
import type { ModuleDeps } from '../../platform/module'
import { idParam } from '../../platform/platform.contract'
import { commitImport } from './import-commit.service'
import { stageImportFile } from './import-stage.service'
import {
  commitImportInput,
  importFileQuery,
  importKind,
  importMapping,
  importMappingView,
  importProblemPage,
  importSourceParams,
  importView,
  listImportProblemsQuery,
  startImportInput,
} from './imports.contract'
import {
  discardImport,
  getImport,
  getMapping,
  importProblemsCsv,
  listImportProblems,
  listImports,
  saveMapping,
  startImport,
} from './imports.service'

export function importsRoutes(app: App, { db, clock }: ModuleDeps) {
  const tags = ['imports']

  // PUT /import-mappings/:source/:kind
  app.put(
    '/import-mappings/:source/:kind',
    {
      schema: {
        summary: 'Save a column mapping',
        description:
          'How the CSV files of one source (e.g. maven, hubspot) become accounts, deals or touches: for each field, a column, a template, a constant or the import date, with optional value rewrites and a fallback when blank. Used by every later import of that source.',
        tags,
        params: importSourceParams,
        body: importMapping,
        response: { 200: importMappingView },
      },
    },
    (req) => saveMapping(db, scopeOf(req), req.params.source, req.params.kind, req.body, clock),
  )
  // GET /import-mappings/:source/:kind
  app.get(
    '/import-mappings/:source/:kind',
    {
      schema: {
        summary: 'Get a column mapping',
        description: 'The mapping saved for a source and kind.',
        tags,
        params: importSourceParams,
        response: { 200: importMappingView },
      },
    },
    (req) => getMapping(db, scopeOf(req), req.params.source, req.params.kind),
  )

  // POST /imports
  app.post(
    '/imports',
    {
      schema: {
        summary: 'Start an import',
        description:
          'Starts an import from one source. Send its files (accounts, deals, touches) next; each is checked row by row and staged. Nothing changes until the import is committed.',
        tags,
        body: startImportInput,
        response: { 201: importView },
      },
    },
    async (req, reply) => reply.code(201).send(await startImport(db, scopeOf(req), req.body.source, clock)),
  )
  // GET /imports
  app.get(
    '/imports',
    {
      schema: {
        summary: 'List imports',
        description: 'The org’s 50 latest imports, newest first.',
        tags,
        response: { 200: z.object({ items: z.array(importView) }) },
      },
    },
    (req) => listImports(db, scopeOf(req)),
  )
  // GET /imports/:id
  app.get(
    '/imports/:id',
    {
      schema: {
        summary: 'Get an import',
        description: 'Its status, and per file the rows read, valid, invalid and with warnings.',
        tags,
        params: idParam,
        response: { 200: importView },
      },
    },
    (req) => getImport(db, scopeOf(req), req.params.id),
  )
  // PUT /imports/:id/files/:kind — the CSV file as the body (text/csv)
  app.put(
    '/imports/:id/files/:kind',
    {
      schema: {
        summary: 'Send a CSV file',
        description:
          'The body is the CSV file itself (Content-Type: text/csv, UTF-8, a header row first), read with the source’s saved mapping. Sending a kind again replaces that file. Answers with the import’s counts; the problems are listed at /imports/{id}/problems.',
        tags,
        params: idParam.extend({ kind: importKind }),
        querystring: importFileQuery,
        response: { 200: importView },
      },
    },
    (req) =>
      stageImportFile(db, scopeOf(req), req.params.id, req.params.kind, req.body, {
        fileName: req.query.fileName ?? `${req.params.kind}.csv`,
        clock,
      }),
  )
  // GET /imports/:id/problems
  app.get(
    '/imports/:id/problems',
    {
      schema: {
        summary: 'List an import’s problems',
        description:
          'Row by row, in file order: the line, the field and column, the value and what is wrong. Errors keep a row out; warnings do not.',
        tags,
        params: idParam,
        querystring: listImportProblemsQuery,
        response: { 200: importProblemPage },
      },
    },
    (req) => listImportProblems(db, scopeOf(req), req.params.id, req.query),
  )
  // GET /imports/:id/problems.csv
  app.get(
    '/imports/:id/problems.csv',
    {
      schema: {
        summary: 'Download an import’s problems',
        description: 'Every problem as a CSV file, for a spreadsheet.',
        tags,
        params: idParam,
      },
    },
    async (req, reply) => {
      const scope = scopeOf(req)
      await getImport(db, scope, req.params.id)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.params.id}-problems.csv"`)
        .send(Readable.from(importProblemsCsv(db, scope, req.params.id)))
    },
  )
  // POST /imports/:id/commit
  app.post(
    '/imports/:id/commit',
    {
      schema: {
        summary: 'Commit an import',
        description:
          'Merges every staged file in one transaction (all or nothing), matching records by source and external id, so committing the same files again changes nothing; then recomputes the org’s credit in the background. Refused while there are errors, unless skipInvalid leaves those rows out.',
        tags,
        params: idParam,
        body: commitImportInput,
        response: { 200: importView },
      },
    },
    (req) => commitImport(db, scopeOf(req), req.params.id, { skipInvalid: req.body.skipInvalid, clock }),
  )
  // DELETE /imports/:id
  app.delete(
    '/imports/:id',
    {
      schema: {
        summary: 'Discard an import',
        description: 'Drops a staged import and its staged rows.',
        tags,
        params: idParam,
        response: { 200: importView },
      },
    },
    (req) => discardImport(db, scopeOf(req), req.params.id, clock),
  )
}
