// Credit routes: model settings and versions, a deal's explained credits, totals and comparison,
// org-wide recomputes. Thin: parse, call, return.
import { z } from 'zod'
import { type App, csvText, scopeOf, sendEventStream } from '../../platform/http'
import type { ModuleDeps } from '../../platform/module'
import { cursor, idParam } from '../../platform/platform.contract'
import { listCreditedDeals } from './credited-deals.service'
import {
  createModelInput,
  dealAttributionQuery,
  dealAttributionView,
  modelList,
  modelPreviewInput,
  modelPreviewView,
  modelVersionList,
  modelVersionView,
  modelView,
  recomputeView,
  updateModelInput,
  versionParams,
} from './credits.contract'
import { openCreditStream } from './credits-live.service'
import { compareModels, getAttributedTotals, getDealAttribution } from './credits-read.service'
import { cachedDashboards } from './dashboard.service'
import {
  attributionDashboardView,
  comparisonView,
  creditedDealsQuery,
  creditedDealsView,
  dashboardQuery,
  enterRateInput,
  fxRatesView,
  partnerHistoryView,
  partnerTotalsQuery,
  partnerTotalsView,
  periodQuery,
  rateParams,
  recommendationQuery,
  recommendationView,
} from './figures.contract'
import { describeRates, enterRate, importEcbRates } from './fx.service'
import { createModel, getModelVersions, listModels, updateModel } from './models.service'
import { getPartnerHistory } from './partner-history.service'
import { previewModel } from './preview.service'
import { recommendModel } from './recommendation.service'
import { getRecompute, listRecomputes, requestRecompute } from './recompute.service'
import { promoteVersion, trainModel } from './training.service'

export function creditsRoutes(app: App, deps: ModuleDeps) {
  const tags = ['attribution']
  const { db, clock, eventSignal } = deps
  const dashboards = cachedDashboards(db, eventSignal)

  // GET /attribution/live — credit changes as server-sent events
  app.get(
    '/attribution/live',
    {
      schema: {
        summary: 'Live credit changes (server-sent events)',
        description:
          'A text/event-stream of credit.changed events (deal, model, each actor’s share and amount before and after) as touches and deals change. A partner user receives only their own credit. Reconnects resume from the Last-Event-ID header.',
        tags,
        headers: z.object({ 'last-event-id': cursor.optional() }),
      },
    },
    async (req, reply) => {
      const live = await openCreditStream(db, scopeOf(req), req.headers['last-event-id'] ?? null, eventSignal)
      await sendEventStream(req, reply, live.run)
    },
  )

  // GET /attribution/models — the org's models: one paying, the others shadow or off
  app.get(
    '/attribution/models',
    {
      schema: {
        summary: 'List attribution models',
        description:
          'The models the org runs: one paying (it drives money), shadows beside it for comparison, and models switched off, each with its parameters and version.',
        tags,
        response: { 200: modelList },
      },
    },
    (req) => listModels(db, scopeOf(req), clock),
  )

  // POST /attribution/models — add a model
  app.post(
    '/attribution/models',
    {
      schema: {
        summary: 'Add an attribution model',
        description:
          'Adds a model with its parameters and options, checked by the engine (a bad parameter is refused naming it). Making it paying moves the previous paying model to the shadow. Triggers an org-wide recompute.',
        tags,
        body: createModelInput,
        response: { 201: modelView },
      },
    },
    async (req, reply) => reply.code(201).send(await createModel(db, scopeOf(req), req.body, clock)),
  )

  // PATCH /attribution/models/:id — change parameters (a new version), name or role
  app.patch(
    '/attribution/models/:id',
    {
      schema: {
        summary: 'Change an attribution model',
        description:
          'Changes a model’s name, role, parameters or options. New parameters or options make a new version (audited); history under old versions stays readable. Triggers an org-wide recompute.',
        tags,
        params: idParam,
        body: updateModelInput,
        response: { 200: modelView },
      },
    },
    (req) => updateModel(db, scopeOf(req), req.params.id, req.body, clock),
  )

  // POST /attribution/models/preview — a draft on recent deals beside the model it would change
  app.post(
    '/attribution/models/preview',
    {
      schema: {
        summary: 'Preview a model draft',
        description:
          'Runs a draft (key, parameters, options) over the org’s most recent deals with touches, won and open ones first, and answers each actor’s share and amount under the draft beside a model in force (the paying one unless modelId names another), with the draft’s explanation. A draft a save would refuse is refused the same way, naming the field. Nothing is stored. For staff.',
        tags,
        body: modelPreviewInput,
        response: { 200: modelPreviewView },
      },
    },
    (req) => previewModel(db, scopeOf(req), req.body, clock),
  )

  // POST /attribution/models/:id/train — learn from the org's own won and lost deals, as a candidate
  app.post(
    '/attribution/models/:id/train',
    {
      schema: {
        summary: 'Train a learned model',
        description:
          'Trains markov, shapley or ai on the org’s own won and lost deals (at least 20) with the settings in force, and keeps what it learned as a candidate version (audited): credit does not change until the version is promoted. For ai the answer shows held-out log-loss and AUC against a baseline, and calibration by decile.',
        tags,
        params: idParam,
        response: { 201: modelVersionView },
      },
    },
    async (req, reply) => reply.code(201).send(await trainModel(db, scopeOf(req), req.params.id, clock)),
  )

  // POST /attribution/models/:id/versions/:version/promote — put a version in force
  app.post(
    '/attribution/models/:id/versions/:version/promote',
    {
      schema: {
        summary: 'Promote a model version',
        description:
          'Puts a version in force: a trained candidate, or an earlier version to roll back to (audited). Every deal’s credit under the model is then recomputed in the background.',
        tags,
        params: versionParams,
        response: { 200: modelView },
      },
    },
    (req) => promoteVersion(db, scopeOf(req), req.params.id, req.params.version, clock),
  )

  // GET /attribution/models/:id/versions
  app.get(
    '/attribution/models/:id/versions',
    {
      schema: {
        summary: 'A model’s versions',
        description: 'Every version of a model, newest first, with its parameters, options, time and author.',
        tags,
        params: idParam,
        response: { 200: modelVersionList },
      },
    },
    (req) => getModelVersions(db, scopeOf(req), req.params.id),
  )

  // GET /deals/:id/attribution — who earned what on a deal, and why
  app.get(
    '/deals/:id/attribution',
    {
      schema: {
        summary: 'A deal’s credit, explained',
        description:
          'Each actor’s exact share and amount of the deal under a model (the paying one unless ?model= names another), with the touches that earned it, their weights and a plain-language explanation. A partner user sees only their own credit and the share others took.',
        tags,
        params: idParam,
        querystring: dealAttributionQuery,
        response: { 200: dealAttributionView },
      },
    },
    (req) => getDealAttribution(db, scopeOf(req), req.params.id, req.query, clock),
  )

  // GET /attribution/totals — credited value per actor under a model
  app.get(
    '/attribution/totals',
    {
      schema: {
        summary: 'Attributed totals per partner',
        description:
          'Each actor’s credited won value, open pipeline and fractional conversions under a model (the paying one by default), per currency, for deals closed (or opened, when open) in the period.',
        tags,
        querystring: partnerTotalsQuery,
        response: { 200: partnerTotalsView },
      },
    },
    (req) => getAttributedTotals(db, scopeOf(req), req.query, clock),
  )

  // GET /attribution/partners/:id/history — a partner's credit by month, under each model
  app.get(
    '/attribution/partners/:id/history',
    {
      schema: {
        summary: 'A partner’s credit over time',
        description:
          'Credited won value and pipeline by month and currency for one partner: under every enabled model for staff, so they can compare, and under the paying model alone for a partner user, who may read only their own.',
        tags,
        params: idParam,
        querystring: periodQuery,
        response: { 200: partnerHistoryView },
      },
    },
    (req) => getPartnerHistory(db, scopeOf(req), req.params.id, req.query, clock),
  )

  // GET /attribution/recommendation — which model best predicts the org's own later revenue
  app.get(
    '/attribution/recommendation',
    {
      schema: {
        summary: 'Recommend a model',
        description:
          'A backtest over the org’s own closed deals in one currency: each enabled model credits the earlier half (learned models learn from it alone), and its credit per partner is compared with the revenue each partner won in the later half. Scores, ranks and the reasoning in plain words. For staff.',
        tags,
        querystring: recommendationQuery,
        response: { 200: recommendationView },
      },
    },
    (req) => recommendModel(db, scopeOf(req), req.query, clock),
  )

  // GET /attribution/dashboard — the program at a glance under a model
  app.get(
    '/attribution/dashboard',
    {
      schema: {
        summary: 'Attribution dashboard',
        description:
          'Under a model (the paying one by default), for deals in the period: won value and pipeline credited to partners against the vendor’s own sellers per currency, win rate and cycle time of deals with and without partner credit, and won value by month. For staff.',
        tags,
        querystring: dashboardQuery,
        response: { 200: attributionDashboardView },
      },
    },
    (req) => dashboards.read(scopeOf(req), req.query, clock),
  )

  // GET /attribution/deals — the deals behind a credit figure
  app.get(
    '/attribution/deals',
    {
      schema: {
        summary: 'The deals behind a credit figure',
        description:
          'Under a model (the paying one by default), the deals in the period whose credit went to what `credited` names — partners (of the types asked), direct, no partner at all, or one partner — each with the credited part, and the sums over every page, which equal the dashboard’s figure for the same filter. A partner user gets only deals they earned credit on.',
        tags,
        querystring: creditedDealsQuery,
        response: { 200: creditedDealsView },
      },
    },
    (req) => listCreditedDeals(db, scopeOf(req), req.query, clock),
  )

  // PUT /fx-rates/ecb — the ECB's euro reference rates file, as published
  app.put(
    '/fx-rates/ecb',
    {
      schema: {
        summary: 'Load ECB reference rates',
        description:
          'The body is the ECB’s eurofxref-hist.csv (or a part of it) as published (Content-Type: text/csv): units of each currency per 1 EUR by day, N/A where not quoted. Days already loaded take the file’s rates. The dashboard converts with the rates in force on its reporting day.',
        tags,
        response: { 200: fxRatesView },
      },
    },
    async (req) => importEcbRates(db, scopeOf(req), await csvText(req.body, 64 * 1024 * 1024), clock),
  )
  // PUT /fx-rates/:currency/:day — a rate the org enters itself
  app.put(
    '/fx-rates/:currency/:day',
    {
      schema: {
        summary: 'Enter a reference rate',
        description:
          'Units of a currency per 1 EUR on a day, entered by the org (a currency or day the ECB does not publish, or its bank’s rate). A day already loaded takes this rate; commissions are worked out again.',
        tags,
        params: rateParams,
        body: enterRateInput,
        response: { 200: fxRatesView },
      },
    },
    (req) => enterRate(db, scopeOf(req), { ...req.params, perEur: req.body.perEur }, clock),
  )
  // GET /fx-rates
  app.get(
    '/fx-rates',
    {
      schema: {
        summary: 'Loaded reference rates',
        description: 'The days and currencies of the org’s loaded ECB rates.',
        tags,
        response: { 200: fxRatesView },
      },
    },
    (req) => describeRates(db, scopeOf(req)),
  )

  // GET /attribution/comparison — every enabled model side by side
  app.get(
    '/attribution/comparison',
    {
      schema: {
        summary: 'Compare models',
        description:
          'Each actor’s credited won value under every enabled model, and the difference from the paying model: who would win and who would lose by switching.',
        tags,
        querystring: periodQuery,
        response: { 200: comparisonView },
      },
    },
    (req) => compareModels(db, scopeOf(req), req.query, clock),
  )

  // POST /attribution/recompute — re-attribute every deal in the background
  app.post(
    '/attribution/recompute',
    {
      schema: {
        summary: 'Recompute all credit',
        description:
          'Re-attributes every deal of the org under every enabled model, in the background. Follow its progress with GET /attribution/recompute/{id}.',
        tags,
        response: { 202: recomputeView },
      },
    },
    async (req, reply) => reply.code(202).send(await requestRecompute(db, scopeOf(req), clock)),
  )

  // GET /attribution/recompute — recent recomputes
  app.get(
    '/attribution/recompute',
    {
      schema: {
        summary: 'Recent recomputes',
        description: 'The org’s recent recomputes, newest first, with their progress.',
        tags,
        response: { 200: z.object({ items: z.array(recomputeView) }) },
      },
    },
    (req) => listRecomputes(db, scopeOf(req)),
  )

  // GET /attribution/recompute/:id — progress of one recompute
  app.get(
    '/attribution/recompute/:id',
    {
      schema: {
        summary: 'A recompute’s progress',
        description: 'How many of the org’s deals a recompute has re-attributed, and whether it is done.',
        tags,
        params: idParam,
        response: { 200: recomputeView },
      },
    },
    (req) => getRecompute(db, scopeOf(req), req.params.id),
  )
}
