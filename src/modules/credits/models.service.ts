// Attribution settings: an org's models, one paying and the rest shadow or off. Every change of
// parameters or options is a new version (audited), and asks for an org-wide recompute.
import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { AttributionError, checkOptions, getModel, type LearnedModel, type ModelKey } from '../../attribution'
import type { Db } from '../../db/client'
import { type AppError, invalidField, notFound } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import { actorLabel, type Scope } from '../../platform/scope'
import type {
  AttributionOptionsInput,
  CreateModelInput,
  ModelRole,
  ModelView,
  UpdateModelInput,
} from './credits.contract'
import { creditEvents } from './credits.events'
import { creditsPermissions } from './credits.permissions'
import { attributionModels, attributionModelVersions, creditIds } from './credits.tables'
import { checkLinkShares } from './deal-context.service'

type ModelRow = typeof attributionModels.$inferSelect
type VersionRow = typeof attributionModelVersions.$inferSelect

/** A model as the engine runs it: its settings row and the version in force. */
export interface ActiveModel {
  row: ModelRow
  version: VersionRow
}

/** What a new org starts with: time decay pays, the usual heuristics run beside it for comparison. */
const starterModels: readonly {
  key: ModelKey
  name: string
  role: ModelRole
  params?: Record<string, unknown>
}[] = [
  { key: 'time_decay', name: 'Time decay (30 days)', role: 'paying', params: { halfLifeDays: 30 } },
  { key: 'linear', name: 'Linear', role: 'shadow' },
  { key: 'first_touch', name: 'First touch', role: 'shadow' },
  { key: 'last_touch', name: 'Last touch', role: 'shadow' },
  { key: 'position', name: 'U-shaped', role: 'shadow' },
  { key: 'role', name: 'Role-based', role: 'shadow' },
]

/** The engine's refusal as a 422 naming the field (params.rules[0].when, options.lookbackDays …). */
export function refusalOf(error: AttributionError): AppError {
  const path = error.path ?? 'params'
  const field = /^(params|options)\b/.test(path) ? path : `params.${path}`
  return invalidField(field, error.message.replace(/^[^:]+: /, ''))
}

/** Checks params and options with the engine; a refusal names the field and nothing is saved. */
export function checkedSettings(
  key: ModelKey,
  params: Record<string, unknown>,
  options: Record<string, unknown>,
) {
  try {
    const model = getModel(key)
    const parsed = model.parseParams(params) as Record<string, unknown>
    checkOptions(options)
    return { params: parsed, description: model.describe(parsed) }
  } catch (error) {
    if (error instanceof AttributionError) throw refusalOf(error)
    throw error
  }
}

/** What a learned version learned from and how well it did on deals it did not learn from. */
export const trainingOf = (learned: LearnedModel | null) =>
  learned
    ? {
        journeys: learned.journeys,
        ...(learned.key === 'ai'
          ? {
              logLoss: learned.data.quality.logLoss,
              baselineLogLoss: learned.data.quality.baselineLogLoss,
              auc: learned.data.quality.auc,
              baselineAuc: learned.data.quality.baselineAuc,
              reliability: [...learned.data.quality.reliability],
            }
          : {}),
      }
    : null

/** The number the next version of a model gets: one past its newest (trained candidates included). */
export async function nextVersion(db: Db, orgId: string, modelId: string): Promise<number> {
  const [row] = await db
    .select({ max: sql<number>`coalesce(max(${attributionModelVersions.version}), 0)::int` })
    .from(attributionModelVersions)
    .where(and(eq(attributionModelVersions.orgId, orgId), eq(attributionModelVersions.modelId, modelId)))
  return (row?.max ?? 0) + 1
}

/** Each model's newest trained version, to tell a candidate waiting for promotion. */
async function newestTrained(db: Db, orgId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({
      modelId: attributionModelVersions.modelId,
      version: sql<number>`max(${attributionModelVersions.version})::int`,
    })
    .from(attributionModelVersions)
    .where(
      and(eq(attributionModelVersions.orgId, orgId), sql`${attributionModelVersions.learned} is not null`),
    )
    .groupBy(attributionModelVersions.modelId)
  return new Map(rows.map((r) => [r.modelId, r.version]))
}

const toView = ({ row, version }: ActiveModel, trained: Map<string, number>): ModelView => {
  const newest = trained.get(row.id)
  const model = getModel(row.key as ModelKey)
  const params = version.params as Record<string, unknown>
  const learned = version.learned as LearnedModel | null
  return {
    id: row.id,
    key: row.key as ModelKey,
    name: row.name,
    role: row.role,
    version: row.version,
    params,
    options: version.options as Record<string, unknown>,
    description: model.describe(model.parseParams(params)),
    isLearned: model.isLearned,
    learnedVersion: learned?.version ?? null,
    training: trainingOf(learned),
    candidateVersion: newest !== undefined && newest > row.version ? newest : null,
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** Creates the starter models for an org that has none; safe to call at any time, concurrently. */
export async function ensureModels(tx: Db, orgId: string, clock: Clock): Promise<void> {
  const hasModels = async () =>
    (
      await tx
        .select({ id: attributionModels.id })
        .from(attributionModels)
        .where(eq(attributionModels.orgId, orgId))
        .limit(1)
    ).length > 0
  // the lock is taken only to create: once an org has models, attributions of it run side by side
  if (await hasModels()) return
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`credits.models:${orgId}`}))`)
  if (await hasModels()) return
  const now = clock.now()
  for (const starter of starterModels) {
    const id = creditIds.model()
    const { params } = checkedSettings(starter.key, starter.params ?? {}, {})
    await tx.insert(attributionModels).values({
      orgId,
      id,
      key: starter.key,
      name: starter.name,
      role: starter.role,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    await tx.insert(attributionModelVersions).values({
      orgId,
      modelId: id,
      version: 1,
      params,
      options: {},
      learned: null,
      createdAt: now,
      createdBy: 'system:credence',
    })
  }
}

/** The org's models with the versions in force, paying first. */
export async function readModels(db: Db, orgId: string): Promise<ActiveModel[]> {
  const rows = await db
    .select({ row: attributionModels, version: attributionModelVersions })
    .from(attributionModels)
    .innerJoin(
      attributionModelVersions,
      and(
        eq(attributionModelVersions.orgId, attributionModels.orgId),
        eq(attributionModelVersions.modelId, attributionModels.id),
        eq(attributionModelVersions.version, attributionModels.version),
      ),
    )
    .where(eq(attributionModels.orgId, orgId))
    .orderBy(
      sql`${attributionModels.role} = 'paying' desc`,
      asc(attributionModels.createdAt),
      asc(attributionModels.id),
    )
  return rows
}

export async function listModels(db: Db, scope: Scope, clock: Clock): Promise<{ items: ModelView[] }> {
  creditsPermissions.require(scope, 'credits.read')
  await db.transaction((tx) => ensureModels(tx, scope.orgId, clock))
  const trained = await newestTrained(db, scope.orgId)
  return { items: (await readModels(db, scope.orgId)).map((model) => toView(model, trained)) }
}

export async function getModelVersions(db: Db, scope: Scope, modelId: string) {
  creditsPermissions.require(scope, 'credits.read')
  const rows = await db
    .select()
    .from(attributionModelVersions)
    .where(
      and(eq(attributionModelVersions.orgId, scope.orgId), eq(attributionModelVersions.modelId, modelId)),
    )
    .orderBy(desc(attributionModelVersions.version))
  if (rows.length === 0) throw notFound('Attribution model', modelId)
  const [model] = await db
    .select({ version: attributionModels.version })
    .from(attributionModels)
    .where(and(eq(attributionModels.orgId, scope.orgId), eq(attributionModels.id, modelId)))
  return { items: rows.map((v) => toVersionView(v, model?.version ?? 0)) }
}

export function toVersionView(v: typeof attributionModelVersions.$inferSelect, inForce: number) {
  const learned = v.learned as LearnedModel | null
  return {
    version: v.version,
    inForce: v.version === inForce,
    params: v.params as Record<string, unknown>,
    options: v.options as Record<string, unknown>,
    learnedVersion: learned?.version ?? null,
    training: trainingOf(learned),
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy,
  }
}

/** Makes this model the paying one; the model that paid before runs in the shadow from now on. */
async function demoteOtherPaying(tx: Db, orgId: string, modelId: string, now: Date): Promise<void> {
  await tx
    .update(attributionModels)
    .set({ role: 'shadow', updatedAt: now })
    .where(
      and(
        eq(attributionModels.orgId, orgId),
        eq(attributionModels.role, 'paying'),
        sql`${attributionModels.id} <> ${modelId}`,
      ),
    )
}

/** A version of a model's settings (and, for learned models, what it learned). */
interface VersionFields {
  version: number
  params: unknown
  options: unknown
  learned: LearnedModel | null
}

/**
 * Stores a new version when there is one, audits the change and announces it, in the caller's
 * transaction; the announcement is what recomputes the org's credit.
 */
export async function recordModelChange(
  tx: Db,
  scope: Scope,
  clock: Clock,
  change: {
    modelId: string
    role: ModelRole
    action: 'created' | 'changed' | 'promoted'
    inForce: number
    newVersion?: VersionFields
    before?: unknown
    after: unknown
    /** A rename changes no credit: nothing to recompute. */
    isCreditChanged?: boolean
  },
): Promise<void> {
  const { modelId, newVersion } = change
  if (newVersion)
    await tx.insert(attributionModelVersions).values({
      orgId: scope.orgId,
      modelId,
      ...newVersion,
      createdAt: clock.now(),
      createdBy: actorLabel(scope.actor),
    })
  await writeAudit(
    tx,
    scope,
    {
      action: `attribution_model.${change.action}`,
      entityType: 'attribution_model',
      entityId: modelId,
      ...(change.before === undefined ? {} : { before: change.before }),
      after: change.after,
    },
    clock,
  )
  await publish(
    tx,
    scope,
    creditEvents.event('attribution.model_changed', modelId, {
      modelId,
      version: change.inForce,
      role: change.role,
    }),
    clock,
  )
}

export async function createModel(
  db: Db,
  scope: Scope,
  input: CreateModelInput,
  clock: Clock,
): Promise<ModelView> {
  creditsPermissions.require(scope, 'credits.settings')
  const { params } = checkedSettings(input.key, input.params, input.options)
  await checkLinkShares(db, scope.orgId, input.options)
  const id = creditIds.model()
  const now = clock.now()
  await db.transaction(async (tx) => {
    await ensureModels(tx, scope.orgId, clock)
    if (input.role === 'paying') await demoteOtherPaying(tx, scope.orgId, id, now)
    await tx.insert(attributionModels).values({
      orgId: scope.orgId,
      id,
      key: input.key,
      name: input.name,
      role: input.role,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    await recordModelChange(tx, scope, clock, {
      modelId: id,
      role: input.role,
      action: 'created',
      inForce: 1,
      newVersion: { version: 1, params, options: input.options, learned: null },
      after: { ...input, params },
    })
  })
  return getActiveModelView(db, scope.orgId, id)
}

export async function updateModel(
  db: Db,
  scope: Scope,
  id: string,
  input: UpdateModelInput,
  clock: Clock,
): Promise<ModelView> {
  creditsPermissions.require(scope, 'credits.settings')
  const before = (await readModels(db, scope.orgId)).find((m) => m.row.id === id)
  if (!before) throw notFound('Attribution model', id)
  if (before.row.role === 'paying' && input.role && input.role !== 'paying')
    throw invalidField('role', 'make another model paying first; an org always has one paying model')
  const isNewVersion = input.params !== undefined || input.options !== undefined
  const options = (input.options ?? before.version.options) as Record<string, unknown>
  const { params } = checkedSettings(
    before.row.key as ModelKey,
    (input.params ?? before.version.params) as Record<string, unknown>,
    options,
  )
  await checkLinkShares(db, scope.orgId, options as AttributionOptionsInput)
  const now = clock.now()
  const version = isNewVersion ? await nextVersion(db, scope.orgId, id) : before.row.version
  const role = input.role ?? before.row.role
  const name = input.name ?? before.row.name
  await db.transaction(async (tx) => {
    if (input.role === 'paying') await demoteOtherPaying(tx, scope.orgId, id, now)
    await tx
      .update(attributionModels)
      .set({ name, role, version, updatedAt: now })
      .where(and(eq(attributionModels.orgId, scope.orgId), eq(attributionModels.id, id)))
    await recordModelChange(tx, scope, clock, {
      modelId: id,
      role,
      action: 'changed',
      inForce: version,
      ...(isNewVersion ? { newVersion: { version, params, options, learned: null } } : {}),
      before: {
        name: before.row.name,
        role: before.row.role,
        version: before.row.version,
        params: before.version.params,
        options: before.version.options,
      },
      after: { name, role, version, params, options },
      isCreditChanged: isNewVersion || role !== before.row.role,
    })
  })
  return getActiveModelView(db, scope.orgId, id)
}

export async function getActiveModelView(db: Db, orgId: string, id: string): Promise<ModelView> {
  const found = (await readModels(db, orgId)).find((m) => m.row.id === id)
  if (!found) throw notFound('Attribution model', id)
  return toView(found, await newestTrained(db, orgId))
}
