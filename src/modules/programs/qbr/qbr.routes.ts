// Quarterly business review routes: staff generate a partner's review of a quarter (or every active
// partner's, in the background), edit its goals and share it in the portal; anyone reads the reviews
// they may see as data or as a PDF (a partner user only their own partner's shared ones). Thin: parse,
// call, return.
import { z } from 'zod'
import type { App } from '../../../platform/http'
import { scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { idParam } from '../../../platform/platform.contract'
import {
  generateQbrInput,
  qbrListQuery,
  qbrPage,
  qbrRunInput,
  qbrRunView,
  qbrView,
  shareQbrInput,
  updateQbrGoalsInput,
} from './qbr.contract'
import { generateQbr, getQbr, listQbrs, renderQbrPdf, shareQbr, updateQbrGoals } from './qbr.service'
import { getQbrRun, listQbrRuns, requestQbrRun } from './qbr-runs.service'

export function qbrRoutes(app: App, deps: ModuleDeps) {
  const tags = ['programs']
  const { db, clock } = deps

  app.get(
    '/programs/qbrs',
    {
      schema: {
        summary: 'List quarterly business reviews',
        description:
          'The newest version of each partner’s review per quarter, newest quarter first, with the paying model’s attributed revenue, health score and tier; filter by quarter (e.g. 2026-Q3) or partner. A partner user sees only their own partner’s shared reviews.',
        tags,
        querystring: qbrListQuery,
        response: { 200: qbrPage },
      },
    },
    (req) => listQbrs(db, scopeOf(req), req.query),
  )

  app.post(
    '/programs/partners/:id/qbrs',
    {
      schema: {
        summary: 'Generate a partner’s quarterly business review',
        description:
          'Measures the partner’s quarter now — attributed revenue and pipeline per model against the quarter before, top deals, commissions, tier progress, health and certifications — and keeps it as a new version with goals for the next quarter (given, the previous version’s, or a suggested +10% revenue goal). Staff only; audited.',
        tags,
        params: idParam,
        body: generateQbrInput,
        response: { 201: qbrView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await generateQbr(db, scopeOf(req), req.params.id, req.body, clock)),
  )

  app.get(
    '/programs/qbrs/:id',
    {
      schema: {
        summary: 'Get a quarterly business review',
        description:
          'The review’s figures as they were when it was generated, its goals for the next quarter, whether it is shared, and the other versions for the same partner and quarter. A partner user reads only their own partner’s shared reviews.',
        tags,
        params: idParam,
        response: { 200: qbrView },
      },
    },
    (req) => getQbr(db, scopeOf(req), req.params.id),
  )

  app.get(
    '/programs/qbrs/:id/pdf',
    {
      schema: {
        summary: 'Download a quarterly business review as a PDF',
        description:
          'The review as a printable PDF: revenue by model with a bar chart of this quarter against the last, pipeline, top deals, commissions, tier, health, certifications and goals. A partner user gets only their own partner’s shared reviews.',
        tags,
        params: idParam,
      },
    },
    async (req, reply) => {
      const { pdf, fileName } = await renderQbrPdf(db, scopeOf(req), req.params.id)
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(Buffer.from(pdf))
    },
  )

  app.put(
    '/programs/qbrs/:id/goals',
    {
      schema: {
        summary: 'Set the goals of a quarterly business review',
        description:
          'Replaces the review’s goals for the next quarter: free-form text with an optional numeric target (minor units with a currency for money). The figures never change; the edit is audited.',
        tags,
        params: idParam,
        body: updateQbrGoalsInput,
        response: { 200: qbrView },
      },
    },
    (req) => updateQbrGoals(db, scopeOf(req), req.params.id, req.body.goals, clock),
  )

  app.put(
    '/programs/qbrs/:id/share',
    {
      schema: {
        summary: 'Share a quarterly business review in the portal, or stop sharing it',
        description:
          'A shared review shows in the partner’s portal under Business reviews and its admins are told by mail; unsharing hides it again. Staff only; audited.',
        tags,
        params: idParam,
        body: shareQbrInput,
        response: { 200: qbrView },
      },
    },
    (req) => shareQbr(db, scopeOf(req), req.params.id, req.body.isShared, clock),
  )

  app.post(
    '/programs/qbr-runs',
    {
      schema: {
        summary: 'Generate every active partner’s review of a quarter',
        description:
          'Queues an org-wide generation in the background: a new version of the quarter’s review for each active partner. Poll it for progress. Staff only.',
        tags,
        body: qbrRunInput,
        response: { 202: qbrRunView },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await requestQbrRun(db, scopeOf(req), req.body.quarter, clock)),
  )

  app.get(
    '/programs/qbr-runs',
    {
      schema: {
        summary: 'Recent org-wide business review generations',
        description:
          'The org’s last 20 generations of every active partner’s review, newest first, with progress.',
        tags,
        response: { 200: z.object({ items: z.array(qbrRunView) }) },
      },
    },
    (req) => listQbrRuns(db, scopeOf(req)),
  )

  app.get(
    '/programs/qbr-runs/:id',
    {
      schema: {
        summary: 'Get an org-wide business review generation',
        description:
          'How far the generation got: partners done out of the total, reviews written, and how it ended.',
        tags,
        params: idParam,
        response: { 200: qbrRunView },
      },
    },
    (req) => getQbrRun(db, scopeOf(req), req.params.id),
  )
}
