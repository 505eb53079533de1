// Learned models (markov, shapley, ai) learn from the org's own won and lost deals, on demand and on
// a nightly schedule. Training makes a candidate version with its held-out quality; nothing changes
// until staff promote it. Promoting any version (a candidate, or an earlier one to roll back) puts
// it in force, audited, and recomputes the org's credit.
import { and, desc, eq, ne } from 'drizzle-orm'
import {
  type AttributionOptions,
  getModel,
  type LearnedModel,
  learnModel,
  type ModelKey,
} from '../../attribution'
import type { Db } from '../../db/client'
import { AppError, invalidField, notFound } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import { actorLabel, type Scope, systemScope } from '../../platform/scope'
import { readJourneyFacts } from '../journeys'
import type { ModelVersionView, ModelView } from './credits.contract'
import { creditsPermissions } from './credits.permissions'
import { attributionModels, attributionModelVersions } from './credits.tables'
import {
  getActiveModelView,
  nextVersion,
  readModels,
  recordModelChange,
  toVersionView,
} from './models.service'

/** Fewer closed deals than this teach a learned model nothing it can stand behind. */
export const minClosedDealsToLearn = 20

async function newestVersion(db: Db, orgId: string, modelId: string) {
  const [row] = await db
    .select()
    .from(attributionModelVersions)
    .where(and(eq(attributionModelVersions.orgId, orgId), eq(attributionModelVersions.modelId, modelId)))
    .orderBy(desc(attributionModelVersions.version))
    .limit(1)
  return row
}

/**
 * Trains a learned model on the org's won and lost deals, with the settings in force, and keeps
 * what it learned as a candidate version (audited) for staff to promote.
 */
export async function trainModel(db: Db, scope: Scope, id: string, clock: Clock): Promise<ModelVersionView> {
  return (await train(db, scope, id, clock, { onlyIfNewDeals: false }))!
}

/**
 * With `onlyIfNewDeals` (the schedule) it leaves the model alone while no deal has closed since its
 * newest version learned, and answers null.
 */
async function train(
  db: Db,
  scope: Scope,
  id: string,
  clock: Clock,
  options: { onlyIfNewDeals: boolean },
): Promise<ModelVersionView | null> {
  creditsPermissions.require(scope, 'credits.settings')
  const found = (await readModels(db, scope.orgId)).find((m) => m.row.id === id)
  if (!found) throw notFound('Attribution model', id)
  const key = found.row.key as ModelKey
  if (!getModel(key).isLearned)
    throw invalidField('model', `${found.row.name} does not learn from data; only markov, shapley and ai do`)
  const journeys = await readJourneyFacts(db, scope.orgId)
  const closed = journeys.filter((j) => j.outcome !== 'open').length
  if (closed < minClosedDealsToLearn)
    throw invalidField(
      'model',
      `needs at least ${minClosedDealsToLearn} won or lost deals to learn from; the org has ${closed}`,
    )
  const newest = await newestVersion(db, scope.orgId, id)
  if (options.onlyIfNewDeals && (newest?.learned as LearnedModel | null)?.journeys === closed) return null
  const learned = learnModel(
    journeys,
    { key, params: found.version.params },
    found.version.options as AttributionOptions,
  )
  return db.transaction(async (tx) => {
    const version = await nextVersion(tx, scope.orgId, id)
    const [row] = await tx
      .insert(attributionModelVersions)
      .values({
        orgId: scope.orgId,
        modelId: id,
        version,
        params: found.version.params,
        options: found.version.options,
        learned,
        createdAt: clock.now(),
        createdBy: actorLabel(scope.actor),
      })
      .returning()
    await writeAudit(
      tx,
      scope,
      {
        action: 'attribution_model.trained',
        entityType: 'attribution_model',
        entityId: id,
        after: {
          candidate: version,
          inForce: found.row.version,
          learnedVersion: learned.version,
          journeys: closed,
        },
      },
      clock,
    )
    return toVersionView(row!, found.row.version)
  })
}

/** Puts a version of a model in force: a trained candidate, or an earlier version to roll back to. */
export async function promoteVersion(
  db: Db,
  scope: Scope,
  id: string,
  version: number,
  clock: Clock,
): Promise<ModelView> {
  creditsPermissions.require(scope, 'credits.settings')
  const found = (await readModels(db, scope.orgId)).find((m) => m.row.id === id)
  if (!found) throw notFound('Attribution model', id)
  const [target] = await db
    .select({ version: attributionModelVersions.version })
    .from(attributionModelVersions)
    .where(
      and(
        eq(attributionModelVersions.orgId, scope.orgId),
        eq(attributionModelVersions.modelId, id),
        eq(attributionModelVersions.version, version),
      ),
    )
  if (!target) throw notFound('Version of attribution model', `${id} v${version}`)
  if (found.row.version === version) throw new AppError('CONFLICT', `Version ${version} is already in force`)
  await db.transaction(async (tx) => {
    await tx
      .update(attributionModels)
      .set({ version, updatedAt: clock.now() })
      .where(and(eq(attributionModels.orgId, scope.orgId), eq(attributionModels.id, id)))
    await recordModelChange(tx, scope, clock, {
      modelId: id,
      role: found.row.role,
      action: 'promoted',
      inForce: version,
      before: { version: found.row.version },
      after: { version },
    })
  })
  return getActiveModelView(db, scope.orgId, id)
}

/**
 * The schedule's retrain: every org's learned models in use (paying or shadow) learn again from the
 * deals closed since, as candidates for staff to promote; an org with too few closed deals is skipped.
 */
export async function retrainLearnedModels(db: Db, clock: Clock): Promise<{ trained: number }> {
  const rows = await db
    .select({ orgId: attributionModels.orgId, id: attributionModels.id, key: attributionModels.key })
    .from(attributionModels)
    .where(ne(attributionModels.role, 'off'))
  let trained = 0
  for (const row of rows) {
    if (!getModel(row.key as ModelKey).isLearned) continue
    try {
      const candidate = await train(db, systemScope(row.orgId), row.id, clock, { onlyIfNewDeals: true })
      if (candidate) trained++
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION') continue
      throw error
    }
  }
  return { trained }
}
