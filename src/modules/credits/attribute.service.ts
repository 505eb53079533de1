// Attributing deals in the platform: each enabled model runs over the deal's current facts, and the
// result is stored as an immutable run keyed by (deal, model, version, input hash). The same facts
// under the same version find the run already made, so a duplicate or replayed event changes nothing.
import { and, eq, inArray } from 'drizzle-orm'
import {
  createJourneyAttributor,
  type Journey,
  type JourneyAttribution,
  type LearnedModel,
  type ModelKey,
} from '../../attribution'
import type { Db } from '../../db/client'
import { canonicalJson } from '../../platform/canonical-json'
import type { Clock } from '../../platform/clock'
import { readJourneyFacts } from '../journeys'
import type { AttributionOptionsInput } from './credits.contract'
import { attributionRuns, creditIds, credits } from './credits.tables'
import { type DealContext, engineOptions, readDealContext } from './deal-context.service'
import { createRunInputs } from './input-hash'
import { type ActiveModel, ensureModels, readModels } from './models.service'
import {
  findStoredRuns,
  type HeadTarget,
  type InputToStore,
  type MovedHead,
  pointHeads,
  type RunToStore,
  storedRunKey,
  storeInputs,
  storeRuns,
} from './run-store.service'

export interface ActorCredit {
  actor: string
  share: string
  amountMinor: string
}

/** A deal whose credit under a model is not what it was: who had what before, who has what now. */
export interface CreditChange {
  dealId: string
  modelId: string
  role: 'paying' | 'shadow' | 'off'
  runId: string
  currency: string
  /** The deal's outcome in the new run, and in the run before (null for a first run). */
  outcome: 'open' | 'won' | 'lost'
  previousOutcome: 'open' | 'won' | 'lost' | null
  before: ActorCredit[]
  after: ActorCredit[]
}

const optionsOf = (model: ActiveModel) => model.version.options as AttributionOptionsInput

export type Attribute = (journey: Journey) => JourneyAttribution

/** A model's settings as the engine runs them: saved ones, or a draft being previewed. */
export interface ModelSettings {
  key: ModelKey
  params: unknown
  options: AttributionOptionsInput
  learned: LearnedModel | null
}

/**
 * The attribution of a journey under these settings in this context; throws the engine's refusal.
 * A renewal or expansion under a recurring model is attributed after the deal it grew from
 * (computed once per batch) so it can inherit.
 */
export function createContextAttributor(settings: ModelSettings, context: DealContext): Attribute {
  const { key, params, options, learned } = settings
  const attribute = createJourneyAttributor(
    { key, params, ...(learned ? { learned } : {}) },
    engineOptions(options, context),
  )
  if (!options.recurring) return attribute
  const done = new Map<string, JourneyAttribution>()
  const inProgress = new Set<string>()
  const withParent = (journey: Journey): JourneyAttribution => {
    const known = done.get(journey.id)
    if (known) return known
    inProgress.add(journey.id)
    const parent = journey.parentId ? context.journeys.get(journey.parentId) : undefined
    // a parent chain that loops is attributed without inheriting
    const result = attribute(journey, parent && !inProgress.has(parent.id) ? withParent(parent) : undefined)
    inProgress.delete(journey.id)
    done.set(journey.id, result)
    return result
  }
  return withParent
}

/** A saved version's settings, for a model of this key. */
export const versionSettings = (key: string, version: ActiveModel['version']): ModelSettings => ({
  key: key as ModelKey,
  params: version.params,
  options: version.options as AttributionOptionsInput,
  learned: version.learned as LearnedModel | null,
})

/** A saved model's settings in force. */
export const settingsOf = (model: ActiveModel): ModelSettings => versionSettings(model.row.key, model.version)

function attributorFor(model: ActiveModel, context: DealContext): Attribute | null {
  try {
    return createContextAttributor(settingsOf(model), context)
  } catch {
    // a learned model that has not been trained yet runs once it is
    return null
  }
}

async function creditsOfRuns(db: Db, orgId: string, runIds: string[]): Promise<Map<string, ActorCredit[]>> {
  const byRun = new Map<string, ActorCredit[]>()
  if (runIds.length === 0) return byRun
  const rows = await db
    .select({
      runId: credits.runId,
      actor: credits.actor,
      share: credits.share,
      amountMinor: credits.amountMinor,
    })
    .from(credits)
    .where(and(eq(credits.orgId, orgId), inArray(credits.runId, runIds)))
  for (const r of rows) {
    const list = byRun.get(r.runId) ?? []
    list.push({ actor: r.actor, share: r.share, amountMinor: r.amountMinor.toString() })
    byRun.set(r.runId, list)
  }
  for (const list of byRun.values()) list.sort((a, b) => a.actor.localeCompare(b.actor))
  return byRun
}

/** Each run's deal outcome and day as the run saw them. */
async function outcomesOfRuns(db: Db, orgId: string, runIds: string[]) {
  const rows = await db
    .select({ id: attributionRuns.id, outcome: attributionRuns.outcome, dealAt: attributionRuns.dealAt })
    .from(attributionRuns)
    .where(and(eq(attributionRuns.orgId, orgId), inArray(attributionRuns.id, runIds)))
  return new Map(rows.map((r) => [r.id, { outcome: r.outcome, dealAt: r.dealAt.toISOString() }]))
}

/** The org's models that run (paying and shadow), with the starter models made for a new org. */
export async function readActiveModels(tx: Db, orgId: string, clock: Clock): Promise<ActiveModel[]> {
  await ensureModels(tx, orgId, clock)
  return (await readModels(tx, orgId)).filter((m) => m.row.role !== 'off')
}

/** What attributing a batch of deals will store: worked out from reads alone, stored in one go. */
export interface PreparedAttribution {
  /** The facts of the deals that get new runs. */
  inputs: InputToStore[]
  runs: RunToStore[]
  /** Each (deal, model) and the key of the run its current facts call for. */
  targets: { dealId: string; modelId: string; key: string }[]
  /** Runs already stored, by key. */
  stored: Map<string, string>
}

/**
 * Attributes these journeys under these models, reading but writing nothing: the runs their
 * current facts call for, those already stored found, the others made.
 */
export async function prepareAttribution(
  db: Db,
  orgId: string,
  journeys: readonly Journey[],
  models: readonly ActiveModel[],
): Promise<PreparedAttribution> {
  if (journeys.length === 0 || models.length === 0)
    return { inputs: [], runs: [], targets: [], stored: new Map() }
  const context = await readDealContext(db, orgId, journeys, models.map(optionsOf))
  const inputs = createRunInputs(context)
  const wanted = models.flatMap((model) => {
    const hashed = { id: model.row.id, version: model.row.version, options: optionsOf(model) }
    return journeys.map((journey) => ({ model, journey, hash: inputs.hash(journey, hashed) }))
  })
  const stored = await findStoredRuns(
    db,
    orgId,
    wanted.map((w) => ({ dealId: w.journey.id, modelId: w.model.row.id, inputHash: w.hash })),
  )
  const runs: RunToStore[] = []
  const facts = new Map<string, InputToStore>()
  const attributors = new Map(models.map((m) => [m.row.id, attributorFor(m, context)]))
  const targets: PreparedAttribution['targets'] = []
  for (const { model, journey, hash } of wanted) {
    const key = storedRunKey(journey.id, model.row.id, hash)
    if (!stored.has(key)) {
      const attribute = attributors.get(model.row.id)
      if (!attribute) continue
      const result = attribute(journey)
      const input = inputs.facts(journey)
      facts.set(input.id, input)
      runs.push({
        id: creditIds.run(),
        dealId: journey.id,
        modelId: model.row.id,
        modelVersion: model.row.version,
        inputHash: hash,
        inputId: input.id,
        currency: journey.currency,
        amountMinor: journey.amountMinor,
        outcome: journey.outcome,
        openedAt: new Date(journey.createdAt),
        dealAt: new Date(journey.closedAt ?? journey.createdAt),
        notes: result.notes,
        credits: result.credits.map((credit) => ({
          actor: credit.actor,
          actorKind: credit.actorKind,
          share: credit.shareDecimal,
          amountMinor: credit.amountMinor,
        })),
      })
    }
    targets.push({ dealId: journey.id, modelId: model.row.id, key })
  }
  return { inputs: [...facts.values()], runs, targets, stored }
}

/**
 * Stores what was prepared and points each (deal, model) at the run for its current facts (a run
 * stored meanwhile by another attribution of the same facts is kept, and pointed at). Returns the
 * heads that moved.
 */
export async function storeAttribution(
  tx: Db,
  orgId: string,
  prepared: PreparedAttribution,
  clock: Clock,
): Promise<MovedHead[]> {
  const now = clock.now()
  await storeInputs(tx, orgId, prepared.inputs, now)
  const storedNow = await storeRuns(tx, orgId, prepared.runs, now)
  const targets: HeadTarget[] = prepared.targets.map(({ dealId, modelId, key }) => ({
    dealId,
    modelId,
    runId: prepared.stored.get(key) ?? storedNow.get(key)!,
  }))
  return pointHeads(tx, orgId, targets, now)
}

/**
 * Attributes these journeys under these models and points each (deal, model) at the run for its
 * current facts: a run already stored for the same facts is reused, a new one is stored with its
 * credits. Returns the heads that moved.
 */
export async function attributeJourneys(
  tx: Db,
  orgId: string,
  journeys: readonly Journey[],
  models: readonly ActiveModel[],
  clock: Clock,
): Promise<MovedHead[]> {
  return storeAttribution(tx, orgId, await prepareAttribution(tx, orgId, journeys, models), clock)
}

/**
 * Re-attributes these deals under every enabled model of the org and points each (deal, model) at
 * the run for its current facts. Returns the (deal, model) pairs whose credit changed.
 */
export async function attributeDeals(
  tx: Db,
  orgId: string,
  dealIds: readonly string[],
  clock: Clock,
): Promise<CreditChange[]> {
  const models = await readActiveModels(tx, orgId, clock)
  const journeys = await readJourneyFacts(tx, orgId, [...new Set(dealIds)])
  const moved = await attributeJourneys(tx, orgId, journeys, models, clock)
  if (moved.length === 0) return []
  const modelOf = new Map(models.map((m) => [m.row.id, m]))
  const journeyOf = new Map(journeys.map((j) => [j.id, j]))
  const creditsBy = await creditsOfRuns(tx, orgId, [
    ...moved.map((m) => m.runId),
    ...moved.flatMap((m) => (m.previousRunId ? [m.previousRunId] : [])),
  ])
  const outcomes = await outcomesOfRuns(tx, orgId, [
    ...moved.map((m) => m.runId),
    ...moved.flatMap((m) => (m.previousRunId ? [m.previousRunId] : [])),
  ])
  return moved.flatMap((m) => {
    const before = m.previousRunId ? (creditsBy.get(m.previousRunId) ?? []) : []
    const after = creditsBy.get(m.runId) ?? []
    const was = m.previousRunId ? (outcomes.get(m.previousRunId) ?? null) : null
    const now = outcomes.get(m.runId)!
    // a new run with the same credits, outcome and day (a touch's note changed) is not news; a deal
    // won, lost or closed on another day is, even when the split stays (money follows the outcome)
    const isOutcomeMoved = was !== null && canonicalJson(was) !== canonicalJson(now)
    if (canonicalJson(before) === canonicalJson(after) && !isOutcomeMoved) return []
    return [
      {
        dealId: m.dealId,
        modelId: m.modelId,
        role: modelOf.get(m.modelId)!.row.role,
        runId: m.runId,
        currency: journeyOf.get(m.dealId)!.currency,
        outcome: now.outcome,
        previousOutcome: was?.outcome ?? null,
        before,
        after,
      },
    ]
  })
}
