// Which of the org's models to pay on, from its own history: a time-split backtest over its closed
// deals (learned models learn from the earlier half only) scores how well each enabled model's
// credit for the earlier deals predicts which partners won revenue later, in plain words.
import { AttributionError, type AttributionOptions, type ModelKey, recommend } from '../../attribution'
import type { Db } from '../../db/client'
import type { Clock } from '../../platform/clock'
import type { Scope } from '../../platform/scope'
import { readJourneyFacts } from '../journeys'
import { creditsPermissions } from './credits.permissions'
import type { RecommendationView } from './figures.contract'
import { ensureModels, readModels } from './models.service'

const ordinal = (n: number) => (n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`)

export async function recommendModel(
  db: Db,
  scope: Scope,
  query: { currency?: string },
  clock: Clock,
): Promise<RecommendationView> {
  creditsPermissions.require(scope, 'credits.dashboard')
  await db.transaction((tx) => ensureModels(tx, scope.orgId, clock))
  const models = (await readModels(db, scope.orgId)).filter((m) => m.row.role !== 'off')
  const journeys = await readJourneyFacts(db, scope.orgId)
  // amounts are compared as numbers: one currency at a time, the org's busiest unless named
  const closedBy = new Map<string, number>()
  for (const j of journeys)
    if (j.outcome !== 'open') closedBy.set(j.currency, (closedBy.get(j.currency) ?? 0) + 1)
  const currency = query.currency ?? [...closedBy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
  const tooFew = (why: string): RecommendationView => ({
    currency: currency ?? null,
    splitAt: null,
    earlierDeals: 0,
    laterDeals: 0,
    actors: 0,
    scores: [],
    best: null,
    explanation: why,
  })
  if (!currency)
    return tooFew('No deal has been won or lost yet: a recommendation needs closed deals to learn from.')
  const inCurrency = journeys.filter((j) => j.currency === currency)
  const byName = new Map(models.map((m) => [m.row.name, m]))
  let result: ReturnType<typeof recommend>
  try {
    result = recommend(
      inCurrency,
      models.map((m) => ({
        id: m.row.name,
        key: m.row.key as ModelKey,
        params: m.version.params,
        options: m.version.options as AttributionOptions,
      })),
    )
  } catch (error) {
    if (error instanceof AttributionError)
      return tooFew(
        `Too few won or lost ${currency} deals to compare an earlier period with a later one: a recommendation needs closed deals on both sides.`,
      )
    throw error
  }
  const scores = result.scores.map((score) => {
    const model = byName.get(score.id)!
    return {
      modelId: model.row.id,
      name: model.row.name,
      role: model.row.role,
      rankCorrelation: score.rankCorrelation,
      weightedError: score.weightedError,
      rank: score.rank,
    }
  })
  const best = scores[0]!
  const paying = scores.find((s) => s.role === 'paying')
  const verdict = !paying
    ? ''
    : paying.modelId === best.modelId
      ? ` ${paying.name}, the paying model, is the best predictor: keep it.`
      : ` The paying model, ${paying.name}, ranks ${ordinal(paying.rank)} of ${scores.length}; making ${best.name} paying would credit partners more in line with the revenue they go on to win.`
  return {
    currency,
    splitAt: new Date(result.splitAt).toISOString(),
    earlierDeals: result.earlierJourneys,
    laterDeals: result.laterJourneys,
    actors: result.actors,
    scores,
    best: { modelId: best.modelId, name: best.name },
    explanation: `${result.explanation}${verdict}`,
  }
}
