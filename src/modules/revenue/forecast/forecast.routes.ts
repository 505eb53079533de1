// Forecast routes: the partner forecast and pipeline under a model, and the stage probabilities an org
// sets. Thin: parse, call, return.
import { type App, scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { cachedReports } from '../report-cache'
import {
  forecastQuery,
  forecastView,
  pipelineQuery,
  pipelineView,
  stageProbabilitiesInput,
  stageProbabilitiesView,
} from './forecast.contract'
import { getForecast, getPipeline } from './forecast.service'
import { getStageProbabilities, setStageProbabilities } from './stage-probabilities.service'

export function forecastRoutes(app: App, deps: ModuleDeps) {
  const tags = ['forecast']
  const { db, clock } = deps
  const cached = cachedReports(db, deps.eventSignal)
  const forecast = cached('forecast', getForecast)
  const pipeline = cached('pipeline', getPipeline)

  app.get(
    '/forecast',
    {
      schema: {
        summary: 'Forecast partner revenue by month or quarter',
        description:
          'Open deals valued at the partner credit a model gives them (the paying model by default), times their chance of being won, placed in the period they are expected to close: partner-sourced and partner-influenced, each with an 80% band; the partners and deals behind it; and a backtest of the method over the last four quarters. Staff only.',
        tags,
        querystring: forecastQuery,
        response: { 200: forecastView },
      },
    },
    (req) => forecast(scopeOf(req), req.query, clock),
  )

  app.get(
    '/pipeline',
    {
      schema: {
        summary: 'Partner pipeline by stage, partner, partner type or source',
        description:
          'Open deals grouped one way, each group with the deals’ full amounts (tagged pipeline), the credit a model gives partners (attributed pipeline) and that credit weighted by each deal’s win chance. Staff only.',
        tags,
        querystring: pipelineQuery,
        response: { 200: pipelineView },
      },
    },
    (req) => pipeline(scopeOf(req), req.query, clock),
  )

  app.get(
    '/forecast/stage-probabilities',
    {
      schema: {
        summary: 'The win chance the org gives each pipeline stage',
        description:
          'Every stage with open deals or a probability set, and the org’s win rate used for the others.',
        tags,
        response: { 200: stageProbabilitiesView },
      },
    },
    (req) => getStageProbabilities(db, scopeOf(req), clock),
  )

  app.put(
    '/forecast/stage-probabilities',
    {
      schema: {
        summary: 'Set the win chance of each pipeline stage',
        description: 'Replaces them all; audited with the values before. Partner managers and admins.',
        tags,
        body: stageProbabilitiesInput,
        response: { 200: stageProbabilitiesView },
      },
    },
    (req) => setStageProbabilities(db, scopeOf(req), req.body, clock),
  )
}
