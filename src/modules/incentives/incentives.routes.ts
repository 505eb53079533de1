// Incentive routes: commission plans and SPIFs with their versions, the ledger's entries with
// receipts, partner balances, and org-wide syncs. Thin: parse, call, return.
import { z } from 'zod'
import { type App, scopeOf } from '../../platform/http'
import type { ModuleDeps } from '../../platform/module'
import { idParam } from '../../platform/platform.contract'
import { disputesRoutes } from './disputes/disputes.routes'
import {
  balanceList,
  balanceQuery,
  createPlanInput,
  entryPage,
  entryQuery,
  planList,
  planPreviewInput,
  planPreviewView,
  planView,
  projectionQuery,
  projectionView,
  statementQuery,
  syncView,
  updatePlanInput,
  whatIfInput,
  whatIfView,
} from './incentives.contract'
import { listBalances, listEntries } from './ledger-read.service'
import { payoutsRoutes } from './payouts/payouts.routes'
import { previewPlan } from './plan-preview.service'
import { createPlan, getPlan, listPlans, updatePlan } from './plans.service'
import { projectCommissions } from './projection.service'
import { drawStatement, readStatement } from './statement.service'
import { getSync, listSyncs, requestSync } from './sync.service'
import { taxRoutes } from './tax/tax.routes'
import { whatIf } from './what-if.service'

export function incentivesRoutes(app: App, deps: ModuleDeps) {
  const tags = ['incentives']
  const { db, clock } = deps

  app.get(
    '/incentives/plans',
    {
      schema: {
        summary: 'List commission plans and SPIFs',
        description:
          'Every plan with its versions, newest first: each version’s terms and the day it took effect.',
        tags,
        response: { 200: planList },
      },
    },
    (req) => listPlans(db, scopeOf(req)),
  )

  app.post(
    '/incentives/plans',
    {
      schema: {
        summary: 'Add a commission plan or SPIF',
        description:
          'Rules as data (json-logic conditions; a rate, a tiered rate or a flat amount; caps and floors), which rule wins when several match, tiers, a recurring limit, a window and a hold. Every partner’s lines are brought up to date.',
        tags,
        body: createPlanInput,
        response: { 201: planView },
      },
    },
    async (req, reply) => reply.code(201).send(await createPlan(db, scopeOf(req), req.body, clock)),
  )

  app.post(
    '/incentives/plans/preview',
    {
      schema: {
        summary: 'Try a plan on a past period',
        description:
          'What each partner would have earned on the deals that closed in the period (last quarter by default) under the draft, beside what the plans in force pay. Nothing is saved.',
        tags,
        body: planPreviewInput,
        response: { 200: planPreviewView },
      },
    },
    (req) => previewPlan(db, scopeOf(req), req.body, clock),
  )

  app.get(
    '/incentives/plans/:id',
    {
      schema: {
        summary: 'Get a commission plan',
        description: 'A plan with every version of its terms, newest first.',
        tags,
        params: idParam,
        response: { 200: planView },
      },
    },
    (req) => getPlan(db, scopeOf(req), req.params.id),
  )

  app.patch(
    '/incentives/plans/:id',
    {
      schema: {
        summary: 'Change a commission plan',
        description:
          'New terms are a new version taking effect from `effectiveFrom` (today by default): deals that closed before it keep the terms they closed under. Switching a plan off reverses its unpaid lines.',
        tags,
        params: idParam,
        body: updatePlanInput,
        response: { 200: planView },
      },
    },
    (req) => updatePlan(db, scopeOf(req), req.params.id, req.body, clock),
  )

  app.get(
    '/incentives/entries',
    {
      schema: {
        summary: 'Commission ledger entries',
        description:
          'Append-only entries, newest first, each with its derived status (pending in its hold, approved, held, paid, reversed), its reason and its receipt: deal, credit with model and version, plan version, rule, rate, FX and result. A partner user sees only their own.',
        tags,
        querystring: entryQuery,
        response: { 200: entryPage },
      },
    },
    (req) => listEntries(db, scopeOf(req), req.query, clock),
  )

  app.get(
    '/incentives/balances',
    {
      schema: {
        summary: 'Commission balances per partner',
        description:
          'Per partner and currency: pending, approved, held, paid and reversed, summed on the server.',
        tags,
        querystring: balanceQuery,
        response: { 200: balanceList },
      },
    },
    (req) => listBalances(db, scopeOf(req), req.query, clock),
  )

  app.get(
    '/incentives/projection',
    {
      schema: {
        summary: 'Projected commissions on open pipeline',
        description:
          'An estimate: each open deal the partner has credit on, worked out under the plans in force as if won today, times its chance of being won (the org’s learned AI-weighted model, or its win rate). A partner user gets their own.',
        tags,
        querystring: projectionQuery,
        response: { 200: projectionView },
      },
    },
    (req) => projectCommissions(db, scopeOf(req), req.query.partnerId, clock),
  )

  app.post(
    '/incentives/what-if',
    {
      schema: {
        summary: 'What one more touch would change on an open deal',
        description:
          'Tries one more touch (an activity at a time) by the partner on an open deal: its share and credit under the paying model, by the same engine on a copy of the journey, and the commission the plans in force would pay if it were won today, before and after. Nothing is stored. A partner user tries their own deals.',
        tags,
        body: whatIfInput,
        response: { 200: whatIfView },
      },
    },
    (req) => whatIf(db, scopeOf(req), req.body, clock),
  )

  app.get(
    '/incentives/statements/:id.pdf',
    {
      schema: {
        summary: 'A partner’s commission statement',
        description:
          'Every commission entry dated in the period (last month by default) with its deal, plan, rule and status, and per currency what was earned, reversed and paid in it and what is owed now, as a PDF. A partner user gets their own.',
        tags,
        params: idParam,
        querystring: statementQuery,
      },
    },
    async (req, reply) => {
      const statement = await readStatement(db, scopeOf(req), req.params.id, req.query, clock)
      const pdf = await drawStatement(statement, clock.now())
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="commission-statement-${statement.from}-${statement.to}-${statement.partnerId}.pdf"`,
        )
        .send(Buffer.from(pdf))
    },
  )

  app.post(
    '/incentives/sync',
    {
      schema: {
        summary: 'Bring every partner’s commission lines up to date',
        description: 'Queues an org-wide sync in the background; poll it for progress.',
        tags,
        response: { 202: syncView },
      },
    },
    async (req, reply) => reply.code(202).send(await requestSync(db, scopeOf(req), clock)),
  )

  app.get(
    '/incentives/sync',
    {
      schema: {
        summary: 'Recent commission syncs',
        description: 'The org’s last 20 syncs, newest first, with their progress.',
        tags,
        response: { 200: z.object({ items: z.array(syncView) }) },
      },
    },
    (req) => listSyncs(db, scopeOf(req)),
  )

  app.get(
    '/incentives/sync/:id',
    {
      schema: {
        summary: 'A commission sync’s progress',
        description: 'How many partners it has brought up to date, and how many entries it posted.',
        tags,
        params: idParam,
        response: { 200: syncView },
      },
    },
    (req) => getSync(db, scopeOf(req), req.params.id),
  )

  payoutsRoutes(app, deps)
  disputesRoutes(app, deps)
  taxRoutes(app, deps)
}
