// Partner health routes: staff read the org's partners by band and score, change the settings and
// recompute; anyone reads a partner's score they may see (a partner user only their own). Thin: parse,
// call, return.
import type { App } from '../../../platform/http'
import { scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { idParam } from '../../../platform/platform.contract'
import {
  healthListQuery,
  healthPage,
  healthSettings,
  healthSettingsView,
  partnerHealthView,
  recomputeHealthView,
} from './health.contract'
import {
  getHealthSettings,
  getMyHealth,
  getPartnerHealth,
  listHealth,
  recomputeHealth,
  updateHealthSettings,
} from './health.service'

export function healthRoutes(app: App, deps: ModuleDeps) {
  const tags = ['programs']
  const { db, clock } = deps

  app.get(
    '/programs/health',
    {
      schema: {
        summary: 'List partners by their health score',
        description:
          'Every scored partner’s latest health score, band and the factors that cost it the most points, worst score first (or best first with sort=-score); filter by band. Also the number of partners in each band. Staff only.',
        tags,
        querystring: healthListQuery,
        response: { 200: healthPage },
      },
    },
    (req) => listHealth(db, scopeOf(req), req.query),
  )

  app.post(
    '/programs/health/recompute',
    {
      schema: {
        summary: 'Recompute every partner’s health score',
        description:
          'Scores every partner of the org from today’s figures and stores today’s snapshot (a second run the same day replaces it). A partner that enters at risk is published and audited once.',
        tags,
        response: { 200: recomputeHealthView },
      },
    },
    (req) => recomputeHealth(db, scopeOf(req), clock),
  )

  app.get(
    '/programs/health/settings',
    {
      schema: {
        summary: 'Get the partner health settings',
        description:
          'The window the figures cover, the thresholds for high activity, win rate and recency, the band limits and each factor’s weight — the defaults until the org saves its own.',
        tags,
        response: { 200: healthSettingsView },
      },
    },
    (req) => getHealthSettings(db, scopeOf(req)),
  )

  app.put(
    '/programs/health/settings',
    {
      schema: {
        summary: 'Change the partner health settings',
        description:
          'Replaces the org’s health settings: window, thresholds, band limits and weights. Scores change with the next computation; the change is audited.',
        tags,
        body: healthSettings,
        response: { 200: healthSettingsView },
      },
    },
    (req) => updateHealthSettings(db, scopeOf(req), req.body, clock),
  )

  app.get(
    '/programs/health/me',
    {
      schema: {
        summary: 'Get my own partner’s health score and reasons',
        description:
          'A partner user’s own partner: its latest health score with each factor, its reason and weight, and the last 12 scores.',
        tags,
        response: { 200: partnerHealthView },
      },
    },
    (req) => getMyHealth(db, scopeOf(req)),
  )

  app.get(
    '/programs/partners/:id/health',
    {
      schema: {
        summary: 'Get a partner’s health score with its reasons',
        description:
          'The partner’s latest health score with each factor, its points, weight and reason in words, and the last 12 scores for the trend. A partner user reads only their own partner.',
        tags,
        params: idParam,
        response: { 200: partnerHealthView },
      },
    },
    (req) => getPartnerHealth(db, scopeOf(req), req.params.id),
  )
}
