// A model draft tried on the org's recent deals before it is saved: each actor's share and amount
// under the draft beside the model it would change (the paying one by default). Nothing is stored.
import {
  AttributionError,
  type Credit,
  type Journey,
  type JourneyAttribution,
  type LearnedModel,
  type ModelKey,
} from '../../attribution'
import type { Db } from '../../db/client'
import { toMoneyView } from '../../money'
import { invalidField } from '../../platform/app-error'
import { canonicalJson } from '../../platform/canonical-json'
import type { Clock } from '../../platform/clock'
import type { Scope } from '../../platform/scope'
import { listRecentDeals, readJourneyFacts } from '../journeys'
import { findPartners } from '../partners'
import { type Attribute, createContextAttributor, settingsOf } from './attribute.service'
import type { AttributionOptionsInput, ModelPreviewInput, ModelPreviewView } from './credits.contract'
import { creditsPermissions } from './credits.permissions'
import { modelFor } from './credits-read.service'
import { checkLinkShares, type DealContext, readDealContext } from './deal-context.service'
import { type ActiveModel, checkedSettings, refusalOf } from './models.service'

const zeroShare = '0.0000000000'

/** Runs the engine, turning a refusal it raises on a deal into the 422 a save would answer. */
function attributeOrRefuse(attribute: Attribute, journey: Journey): JourneyAttribution {
  try {
    return attribute(journey)
  } catch (error) {
    if (error instanceof AttributionError) throw refusalOf(error)
    throw error
  }
}

/**
 * The draft as the engine runs it. A learned model runs on what it learned, which only the model in
 * force has, and only for the parameters and options it learned under: any other draft must be
 * trained first.
 */
function draftAttributor(
  draft: { key: ModelKey; params: Record<string, unknown>; options: AttributionOptionsInput },
  compared: ActiveModel,
  context: DealContext,
): Attribute {
  const learned = compared.version.learned as LearnedModel | null
  const isSameLearning =
    compared.row.key === draft.key &&
    canonicalJson(compared.version.params) === canonicalJson(draft.params) &&
    canonicalJson(compared.version.options) === canonicalJson(draft.options)
  try {
    return createContextAttributor({ ...draft, learned: isSameLearning ? learned : null }, context)
  } catch (error) {
    if (error instanceof AttributionError && error.code === 'NOT_LEARNED')
      throw invalidField(
        'key',
        `${draft.key} learns from the org's won and lost deals: save it and train it, then preview it`,
      )
    if (error instanceof AttributionError) throw refusalOf(error)
    throw error
  }
}

function comparedAttributor(model: ActiveModel, context: DealContext): Attribute {
  try {
    return createContextAttributor(settingsOf(model), context)
  } catch {
    throw invalidField(
      'modelId',
      `${model.row.name} has not learned yet: train it, or compare with another model`,
    )
  }
}

/** One actor's row: the draft's credit beside the compared model's, zero where one gives nothing. */
function actorRows(draft: JourneyAttribution, current: JourneyAttribution) {
  const byActor = new Map<string, { actorKind: string; draft?: Credit; current?: Credit }>()
  for (const credit of draft.credits)
    byActor.set(credit.actor, { actorKind: credit.actorKind, draft: credit })
  for (const credit of current.credits) {
    const entry = byActor.get(credit.actor)
    if (entry) entry.current = credit
    else byActor.set(credit.actor, { actorKind: credit.actorKind, current: credit })
  }
  const amountOf = (credit?: Credit) => credit?.amountMinor ?? 0n
  const descending = (a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0)
  // largest under the draft first, then largest now, then by id so the order never wobbles
  return [...byActor.entries()]
    .sort(
      ([a, x], [b, y]) =>
        descending(amountOf(x.draft), amountOf(y.draft)) ||
        descending(amountOf(x.current), amountOf(y.current)) ||
        a.localeCompare(b),
    )
    .map(([actor, entry]) => ({ actor, ...entry }))
}

/**
 * Each of the org's recent deals (won and open ones with touches first) under the draft and under
 * the compared model. Read-only: a draft that a save would refuse is refused here the same way.
 */
export async function previewModel(
  db: Db,
  scope: Scope,
  input: ModelPreviewInput,
  clock: Clock,
): Promise<ModelPreviewView> {
  creditsPermissions.require(scope, 'credits.preview')
  const { key, params, options, modelId, limit } = input
  const checked = checkedSettings(key, params, options)
  await checkLinkShares(db, scope.orgId, options)
  const compared = await modelFor(db, scope, modelId, clock)
  const recent = await listRecentDeals(db, scope.orgId, limit)
  const facts = await readJourneyFacts(
    db,
    scope.orgId,
    recent.map((d) => d.id),
  )
  // partner chains and parent deals, as a save's recompute would read them for both models
  const context = await readDealContext(db, scope.orgId, facts, [options, settingsOf(compared).options])
  const draft = draftAttributor({ key, params: checked.params, options }, compared, context)
  const current = comparedAttributor(compared, context)
  const journeys = new Map(facts.map((j) => [j.id, j]))
  const deals = recent.flatMap((deal) => {
    const journey = journeys.get(deal.id)
    if (!journey) return []
    const underDraft = attributeOrRefuse(draft, journey)
    return [{ deal, journey, underDraft, rows: actorRows(underDraft, attributeOrRefuse(current, journey)) }]
  })
  const partners = await findPartners(
    db,
    scope.orgId,
    deals.flatMap((d) => d.rows.map((r) => r.actor)),
  )
  return {
    draft: { key, description: checked.description },
    compared: {
      id: compared.row.id,
      key: compared.row.key as ModelKey,
      name: compared.row.name,
      role: compared.row.role,
      version: compared.row.version,
    },
    deals: deals.map(({ deal, journey, underDraft, rows }) => ({
      dealId: deal.id,
      name: deal.name,
      status: journey.outcome,
      amount: toMoneyView(journey.amountMinor, journey.currency),
      actors: rows.map((row) => ({
        actor: row.actor,
        actorKind: row.actorKind,
        partnerName: partners.get(row.actor)?.name ?? null,
        draft: {
          share: row.draft?.shareDecimal ?? zeroShare,
          amount: toMoneyView(row.draft?.amountMinor ?? 0n, journey.currency),
        },
        current: {
          share: row.current?.shareDecimal ?? zeroShare,
          amount: toMoneyView(row.current?.amountMinor ?? 0n, journey.currency),
        },
        explanation: row.draft?.explanation.text ?? 'No credit under the draft.',
      })),
      notes: [...underDraft.notes],
    })),
  }
}
