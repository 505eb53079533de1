// Tax routes: partners' tax forms and their review, the 1099-NEC thresholds, and the year-end
// 1099-NEC report as JSON, CSV and a PDF statement per partner. Thin: parse, call, return.
import { type App, scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { idParam } from '../../../platform/platform.contract'
import { draw1099Statement } from './form-1099.pdf'
import { build1099Csv, build1099Report, read1099Statement } from './form-1099.service'
import {
  form1099Report,
  listTaxFormsQuery,
  partnerIdParam,
  rejectTaxFormInput,
  reportYearQuery,
  setTaxThresholdInput,
  submitTaxFormInput,
  taxFormPage,
  taxFormView,
  taxThresholdList,
  taxThresholdView,
} from './tax.contract'
import { approveTaxForm, getTaxForm, listTaxForms, rejectTaxForm, submitTaxForm } from './tax.service'
import { listThresholds, setThreshold } from './tax-thresholds.service'

export function taxRoutes(app: App, deps: ModuleDeps) {
  const tags = ['tax']
  const { db, clock } = deps

  // GET /incentives/tax/forms — newest first; a partner user sees their own
  app.get(
    '/incentives/tax/forms',
    {
      schema: {
        summary: 'List tax forms',
        description:
          'W-9, W-8BEN and W-8BEN-E forms, newest first, filtered by status or partner; tax ids show only their last 4 digits. A partner user sees only their own.',
        tags,
        querystring: listTaxFormsQuery,
        response: { 200: taxFormPage },
      },
    },
    (req) => listTaxForms(db, scopeOf(req), req.query, clock),
  )

  // POST /incentives/tax/forms — sign and submit a form (supersedes the partner's earlier ones)
  app.post(
    '/incentives/tax/forms',
    {
      schema: {
        summary: 'Submit a tax form',
        description:
          'A W-9 (US persons), W-8BEN (individuals abroad) or W-8BEN-E (entities abroad), signed under penalties of perjury. Each field is checked (tax id formats and the ranges never issued, country against the form, the certification); a bad one answers 422 naming it. Tax ids are stored sealed; the form supersedes the partner’s earlier ones until staff review it.',
        tags,
        body: submitTaxFormInput,
        response: { 201: taxFormView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await submitTaxForm(db, scopeOf(req), req.body, { ip: req.ip ?? null }, deps)),
  )

  // GET /incentives/tax/forms/:id
  app.get(
    '/incentives/tax/forms/:id',
    {
      schema: {
        summary: 'Get a tax form',
        description: 'One tax form with its review; tax ids show only their last 4 digits.',
        tags,
        params: idParam,
        response: { 200: taxFormView },
      },
    },
    (req) => getTaxForm(db, scopeOf(req), req.params.id, clock),
  )

  // POST /incentives/tax/forms/:id/approve
  app.post(
    '/incentives/tax/forms/:id/approve',
    {
      schema: {
        summary: 'Approve a tax form',
        description: 'A submitted form becomes the partner’s form in force (audited).',
        tags,
        params: idParam,
        response: { 200: taxFormView },
      },
    },
    (req) => approveTaxForm(db, scopeOf(req), req.params.id, clock),
  )

  // POST /incentives/tax/forms/:id/reject — with the reason the partner sees
  app.post(
    '/incentives/tax/forms/:id/reject',
    {
      schema: {
        summary: 'Reject a tax form',
        description: 'A submitted form is refused with a reason the partner sees (audited).',
        tags,
        params: idParam,
        body: rejectTaxFormInput,
        response: { 200: taxFormView },
      },
    },
    (req) => rejectTaxForm(db, scopeOf(req), req.params.id, req.body, clock),
  )

  // GET /incentives/tax/thresholds
  app.get(
    '/incentives/tax/thresholds',
    {
      schema: {
        summary: '1099-NEC thresholds',
        description:
          'The reporting threshold of recent payment years: the IRS’s ($600 through 2025, $2,000 after) or the org’s own.',
        tags,
        response: { 200: taxThresholdList },
      },
    },
    (req) => listThresholds(db, scopeOf(req), clock),
  )

  // PUT /incentives/tax/thresholds — the org's own threshold for a payment year
  app.put(
    '/incentives/tax/thresholds',
    {
      schema: {
        summary: 'Set a 1099-NEC threshold',
        description: 'The org’s own reporting threshold for a payment year, in US cents (audited).',
        tags,
        body: setTaxThresholdInput,
        response: { 200: taxThresholdView },
      },
    },
    (req) => setThreshold(db, scopeOf(req), req.body, clock),
  )

  // GET /incentives/tax/1099?year=
  app.get(
    '/incentives/tax/1099',
    {
      schema: {
        summary: 'The 1099-NEC report of a year',
        description:
          'Every partner paid in the calendar year (UTC): payouts paid, in USD at the rates of each payment day, the threshold, the W-9 on file (tax id masked), whether the partner is reportable, and warnings — a payout that cannot be converted is named, never guessed.',
        tags,
        querystring: reportYearQuery,
        response: { 200: form1099Report },
      },
    },
    (req) => build1099Report(db, scopeOf(req), req.query.year, clock),
  )

  // GET /incentives/tax/1099.csv?year=
  app.get(
    '/incentives/tax/1099.csv',
    {
      schema: {
        summary: 'Download the 1099-NEC report',
        description: 'The report as a CSV file for a spreadsheet.',
        tags,
        querystring: reportYearQuery,
      },
    },
    async (req, reply) => {
      const { year, csv } = await build1099Csv(db, scopeOf(req), req.query.year, clock)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="1099-nec-${year}.csv"`)
        .send(csv)
    },
  )

  // GET /incentives/tax/1099/:partnerId.pdf?year=
  app.get(
    '/incentives/tax/1099/:partnerId.pdf',
    {
      schema: {
        summary: 'A partner’s 1099-NEC statement',
        description:
          'One partner’s 1099-NEC for the year as a PDF: payer and recipient, box 1 nonemployee compensation; the tax id masked but for its last 4 digits.',
        tags,
        params: partnerIdParam,
        querystring: reportYearQuery,
      },
    },
    async (req, reply) => {
      const statement = await read1099Statement(db, scopeOf(req), req.params.partnerId, req.query.year, clock)
      const pdf = await draw1099Statement(statement, clock.now())
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="1099-nec-${statement.year}-${statement.partnerId}.pdf"`,
        )
        .send(Buffer.from(pdf))
    },
  )
}
