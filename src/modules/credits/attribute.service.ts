// Attributing deals in the platform: each enabled model runs over the deal's current facts, and the
// result is stored as an immutable run keyed by (deal, model, version, input hash). The same facts
// under the same version find the run already made, so a duplicate or replayed event changes nothing.
import { and, eq, inArray, sql } from 'drizzle-orm'
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
import { sha256Hex } from '../../platform/hash'
import { readJourneyFacts } from '../journeys'
import type { AttributionOptionsInput } from './credits.contract'
import { attributionRuns, creditIds, credits, currentRuns } from './credits.tables'
import { contextOf, type DealContext, engineOptions, readDealContext } from './deal-context.service'
import { type ActiveModel, ensureModels, readModels } from './models.service'

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
  before: ActorCredit[]
  after: ActorCredit[]
}

type RunRow = typeof attributionRuns.$inferInsert
type CreditRow = typeof credits.$inferInsert

const key = (dealId: string, modelId: string) => `${dealId}|${modelId}`

const optionsOf = (model: ActiveModel) => model.version.options as AttributionOptionsInput

/**
 * The input fingerprint of one deal under one model version: its facts, the settings in force, and
 * what the settings make it depend on (partner chains for tiers, parent deals for recurring).
 */
function inputHashOf(journey: Journey, model: ActiveModel, context: DealContext): string {
  const { chains, ancestors } = contextOf(journey, optionsOf(model), context)
  return sha256Hex(
    canonicalJson({
      journey,
      model: model.row.id,
      version: model.row.version,
      ...(chains.length > 0 ? { chains } : {}),
      ...(ancestors.length > 0 ? { ancestors } : {}),
    }),
  )
}

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

/** A saved model's settings in force. */
export const settingsOf = (model: ActiveModel): ModelSettings => ({
  key: model.row.key as ModelKey,
  params: model.version.params,
  options: optionsOf(model),
  learned: model.version.learned as LearnedModel | null,
})

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
  await ensureModels(tx, orgId, clock)
  const models = (await readModels(tx, orgId)).filter((m) => m.row.role !== 'off')
  const journeys = await readJourneyFacts(tx, orgId, [...new Set(dealIds)])
  if (journeys.length === 0 || models.length === 0) return []
  const context = await readDealContext(tx, orgId, journeys, models.map(optionsOf))
  const ids = journeys.map((j) => j.id)
  const heads = await tx
    .select()
    .from(currentRuns)
    .where(and(eq(currentRuns.orgId, orgId), inArray(currentRuns.dealId, ids)))
  const headOf = new Map(heads.map((h) => [key(h.dealId, h.modelId), h.runId]))

  const wanted = models.flatMap((model) =>
    journeys.map((journey) => ({ model, journey, hash: inputHashOf(journey, model, context) })),
  )
  const existing = await tx
    .select({
      id: attributionRuns.id,
      dealId: attributionRuns.dealId,
      modelId: attributionRuns.modelId,
      inputHash: attributionRuns.inputHash,
    })
    .from(attributionRuns)
    .where(
      and(
        eq(attributionRuns.orgId, orgId),
        inArray(attributionRuns.dealId, ids),
        inArray(
          attributionRuns.inputHash,
          wanted.map((w) => w.hash),
        ),
      ),
    )
  const runFor = new Map(existing.map((r) => [`${key(r.dealId, r.modelId)}|${r.inputHash}`, r.id]))

  const now = clock.now()
  const newRuns: RunRow[] = []
  const newCredits: CreditRow[] = []
  const attributors = new Map(models.map((m) => [m.row.id, attributorFor(m, context)]))
  const target = new Map<string, { runId: string; model: ActiveModel; journey: Journey }>()
  for (const { model, journey, hash } of wanted) {
    let runId = runFor.get(`${key(journey.id, model.row.id)}|${hash}`)
    if (!runId) {
      const attribute = attributors.get(model.row.id)
      if (!attribute) continue
      const result = attribute(journey)
      runId = creditIds.run()
      newRuns.push({
        orgId,
        id: runId,
        dealId: journey.id,
        modelId: model.row.id,
        modelVersion: model.row.version,
        inputHash: hash,
        currency: journey.currency,
        amountMinor: journey.amountMinor,
        outcome: journey.outcome,
        openedAt: new Date(journey.createdAt),
        dealAt: new Date(journey.closedAt ?? journey.createdAt),
        notes: result.notes,
        createdAt: now,
      })
      for (const credit of result.credits)
        newCredits.push({
          orgId,
          runId,
          actor: credit.actor,
          actorKind: credit.actorKind,
          share: credit.shareDecimal,
          amountMinor: credit.amountMinor,
          explanation: credit.explanation,
        })
    }
    target.set(key(journey.id, model.row.id), { runId, model, journey })
  }
  // a concurrent attribution of the same deal (a live event beside a recompute) may have stored the
  // same run first: keep that one, and drop the credits of ours
  const stored = new Set<string>()
  for (let i = 0; i < newRuns.length; i += 500) {
    const rows = await tx
      .insert(attributionRuns)
      .values(newRuns.slice(i, i + 500))
      .onConflictDoNothing({
        target: [
          attributionRuns.orgId,
          attributionRuns.dealId,
          attributionRuns.modelId,
          attributionRuns.modelVersion,
          attributionRuns.inputHash,
        ],
      })
      .returning({ id: attributionRuns.id })
    for (const row of rows) stored.add(row.id)
  }
  const lost = newRuns.filter((run) => !stored.has(run.id))
  if (lost.length > 0) {
    const winners = await tx
      .select({ id: attributionRuns.id, dealId: attributionRuns.dealId, modelId: attributionRuns.modelId })
      .from(attributionRuns)
      .where(
        and(
          eq(attributionRuns.orgId, orgId),
          inArray(
            attributionRuns.inputHash,
            lost.map((run) => run.inputHash),
          ),
        ),
      )
    for (const winner of winners) {
      const entry = target.get(key(winner.dealId, winner.modelId))
      if (entry && lost.some((run) => run.id === entry.runId)) entry.runId = winner.id
    }
  }
  const storedCredits = newCredits.filter((credit) => stored.has(credit.runId))
  for (let i = 0; i < storedCredits.length; i += 1000)
    await tx.insert(credits).values(storedCredits.slice(i, i + 1000))

  const moved = [...target.entries()].filter(([k, t]) => headOf.get(k) !== t.runId)
  if (moved.length === 0) return []
  const newHeads = moved.map(([, t]) => ({
    orgId,
    dealId: t.journey.id,
    modelId: t.model.row.id,
    runId: t.runId,
    updatedAt: now,
  }))
  for (let i = 0; i < newHeads.length; i += 1000)
    await tx
      .insert(currentRuns)
      .values(newHeads.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [currentRuns.orgId, currentRuns.dealId, currentRuns.modelId],
        set: { runId: sql`excluded.run_id`, updatedAt: sql`excluded.updated_at` },
      })
  const creditsBy = await creditsOfRuns(tx, orgId, [
    ...moved.map(([, t]) => t.runId),
    ...moved.flatMap(([k]) => (headOf.get(k) ? [headOf.get(k)!] : [])),
  ])
  return moved.flatMap(([k, t]) => {
    const before = headOf.get(k) ? (creditsBy.get(headOf.get(k)!) ?? []) : []
    const after = creditsBy.get(t.runId) ?? []
    // a new run with the same credits (the facts changed, the split did not) is not news
    if (canonicalJson(before) === canonicalJson(after)) return []
    return [
      {
        dealId: t.journey.id,
        modelId: t.model.row.id,
        role: t.model.row.role,
        runId: t.runId,
        currency: t.journey.currency,
        before,
        after,
      },
    ]
  })
}
