// Tier ladders: created with a definition (ordered levels, criteria as data, mode, grace, period),
// changed only by a new version. Every change is audited and announced, and the announcement brings
// every partner's tier up to date in the background.
import { and, asc, desc, eq } from 'drizzle-orm'
import { AttributionError, checkLogic } from '../../attribution'
import type { Db } from '../../db/client'
import { AppError, invalidField, notFound } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import { actorLabel, type Scope } from '../../platform/scope'
import { readReportingCurrency } from '../identity'
import type {
  CreateLadderInput,
  LadderDefinition,
  LadderDefinitionInput,
  LadderView,
  UpdateLadderInput,
} from './programs.contract'
import { programEvents } from './programs.events'
import { programsPermissions } from './programs.permissions'
import { programIds, tierLadders, tierLadderVersions } from './programs.tables'
import { segmentKey } from './tier-rules'

const numberKinds = ['attributed_revenue', 'attributed_deals', 'certifications'] as const
const kindNames: Record<string, string> = {
  attributed_revenue: 'an attributed revenue',
  attributed_deals: 'an attributed deals',
  certifications: 'a certifications',
}

function logic(rule: unknown, at: string) {
  try {
    checkLogic(rule, at)
  } catch (error) {
    if (error instanceof AttributionError) throw invalidField(error.path ?? at, error.message)
    throw error
  }
}

/** A definition the evaluation can run: unique keys and names, one of each counted criterion a level, json-logic it knows. */
export function checkDefinition(definition: LadderDefinitionInput, path = 'definition'): void {
  logic(definition.audience, `${path}.audience`)
  const keys = new Set<string>()
  const names = new Set<string>()
  definition.levels.forEach((level, i) => {
    const at = `${path}.levels[${i}]`
    if (keys.has(level.key)) throw invalidField(`${at}.key`, `another level already has the key ${level.key}`)
    keys.add(level.key)
    const name = level.name.toLowerCase()
    if (names.has(name)) throw invalidField(`${at}.name`, `another level is already named ${level.name}`)
    names.add(name)
    const kinds = new Set<string>()
    level.criteria.forEach((criterion, j) => {
      const c = `${at}.criteria[${j}]`
      if ((numberKinds as readonly string[]).includes(criterion.kind)) {
        // one of each counted criterion a level, and one more for each condition on deals
        const filter = 'deals' in criterion ? criterion.deals : undefined
        const kind = filter ? `${criterion.kind} ${segmentKey(filter)}` : criterion.kind
        if (kinds.has(kind))
          throw invalidField(
            `${c}.kind`,
            `the level already has ${kindNames[criterion.kind]} criterion${filter ? ' on these deals' : ''}`,
          )
        kinds.add(kind)
      }
      if ('deals' in criterion && criterion.deals) {
        if (criterion.deals.when === undefined)
          throw invalidField(`${c}.deals.when`, 'give the json-logic condition on the deal')
        logic(criterion.deals.when, `${c}.deals.when`)
      }
      if (criterion.kind === 'partner') {
        if (criterion.when === undefined) throw invalidField(`${c}.when`, 'give the json-logic condition')
        logic(criterion.when, `${c}.when`)
      }
    })
  })
}

/** A definition as given, with the org's reporting currency when it names none. */
export async function withCurrency(
  db: Db,
  orgId: string,
  input: LadderDefinitionInput,
): Promise<LadderDefinition> {
  const currency = input.currency ?? (await readReportingCurrency(db, orgId)) ?? 'USD'
  return { ...input, audience: input.audience ?? true, currency }
}

type LadderRow = typeof tierLadders.$inferSelect
type VersionRow = typeof tierLadderVersions.$inferSelect

const toView = (ladder: LadderRow, versions: VersionRow[]): LadderView => {
  const mine = versions
    .filter((v) => v.ladderId === ladder.id)
    .sort((a, b) => b.version - a.version)
    .map((v) => ({
      version: v.version,
      definition: v.definition as LadderDefinition,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdBy,
    }))
  return {
    id: ladder.id,
    name: ladder.name,
    isActive: ladder.isActive,
    version: ladder.version,
    definition: mine.find((v) => v.version === ladder.version)!.definition,
    versions: mine,
    createdAt: ladder.createdAt.toISOString(),
    updatedAt: ladder.updatedAt.toISOString(),
  }
}

export interface LadderFacts {
  id: string
  name: string
  version: number
  definition: LadderDefinition
}

/** The org's ladders in force, oldest first (a partner is placed by the first whose audience takes it). */
export async function readActiveLadders(db: Db, orgId: string): Promise<LadderFacts[]> {
  const rows = await db
    .select({
      id: tierLadders.id,
      name: tierLadders.name,
      version: tierLadders.version,
      definition: tierLadderVersions.definition,
    })
    .from(tierLadders)
    .innerJoin(
      tierLadderVersions,
      and(
        eq(tierLadderVersions.orgId, tierLadders.orgId),
        eq(tierLadderVersions.ladderId, tierLadders.id),
        eq(tierLadderVersions.version, tierLadders.version),
      ),
    )
    .where(and(eq(tierLadders.orgId, orgId), eq(tierLadders.isActive, true)))
    .orderBy(asc(tierLadders.createdAt), asc(tierLadders.id))
  return rows.map((r) => ({ ...r, definition: r.definition as LadderDefinition }))
}

export async function listLadders(db: Db, scope: Scope): Promise<{ items: LadderView[] }> {
  programsPermissions.require(scope, 'programs.read')
  // a partner user reads only their own tier and the levels around it (tier-status.service.ts)
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'Tier ladders are read by staff')
  const ladders = await db
    .select()
    .from(tierLadders)
    .where(eq(tierLadders.orgId, scope.orgId))
    .orderBy(asc(tierLadders.createdAt), asc(tierLadders.id))
  const versions =
    ladders.length === 0
      ? []
      : await db
          .select()
          .from(tierLadderVersions)
          .where(eq(tierLadderVersions.orgId, scope.orgId))
          .orderBy(desc(tierLadderVersions.version))
  return { items: ladders.map((l) => toView(l, versions)) }
}

export async function getLadder(db: Db, scope: Scope, id: string): Promise<LadderView> {
  programsPermissions.require(scope, 'programs.read')
  if (scope.partnerId) throw notFound('Tier ladder', id)
  const [ladder] = await db
    .select()
    .from(tierLadders)
    .where(and(eq(tierLadders.orgId, scope.orgId), eq(tierLadders.id, id)))
  if (!ladder) throw notFound('Tier ladder', id)
  const versions = await db
    .select()
    .from(tierLadderVersions)
    .where(and(eq(tierLadderVersions.orgId, scope.orgId), eq(tierLadderVersions.ladderId, id)))
  return toView(ladder, versions)
}

async function announce(tx: Db, scope: Scope, ladderId: string, version: number, clock: Clock) {
  await publish(tx, scope, programEvents.event('tier_ladder.changed', ladderId, { ladderId, version }), clock)
}

export async function createLadder(
  db: Db,
  scope: Scope,
  input: CreateLadderInput,
  clock: Clock,
): Promise<LadderView> {
  programsPermissions.require(scope, 'programs.manage')
  checkDefinition(input.definition)
  const definition = await withCurrency(db, scope.orgId, input.definition)
  const id = programIds.ladder()
  const now = clock.now()
  await db.transaction(async (tx) => {
    await tx.insert(tierLadders).values({
      orgId: scope.orgId,
      id,
      name: input.name,
      isActive: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    await tx.insert(tierLadderVersions).values({
      orgId: scope.orgId,
      ladderId: id,
      version: 1,
      definition,
      createdAt: now,
      createdBy: actorLabel(scope.actor),
    })
    await writeAudit(
      tx,
      scope,
      {
        action: 'tier_ladder.created',
        entityType: 'tier_ladder',
        entityId: id,
        after: { name: input.name, definition },
      },
      clock,
    )
    await announce(tx, scope, id, 1, clock)
  })
  return getLadder(db, scope, id)
}

export async function updateLadder(
  db: Db,
  scope: Scope,
  id: string,
  input: UpdateLadderInput,
  clock: Clock,
): Promise<LadderView> {
  programsPermissions.require(scope, 'programs.manage')
  const before = await getLadder(db, scope, id)
  if (input.definition) checkDefinition(input.definition)
  const definition = input.definition ? await withCurrency(db, scope.orgId, input.definition) : null
  const now = clock.now()
  await db.transaction(async (tx) => {
    const version = definition ? before.version + 1 : before.version
    await tx
      .update(tierLadders)
      .set({
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.isActive === undefined ? {} : { isActive: input.isActive }),
        version,
        updatedAt: now,
      })
      .where(and(eq(tierLadders.orgId, scope.orgId), eq(tierLadders.id, id)))
    if (definition)
      await tx.insert(tierLadderVersions).values({
        orgId: scope.orgId,
        ladderId: id,
        version,
        definition,
        createdAt: now,
        createdBy: actorLabel(scope.actor),
      })
    await writeAudit(
      tx,
      scope,
      {
        action: 'tier_ladder.changed',
        entityType: 'tier_ladder',
        entityId: id,
        before: { name: before.name, isActive: before.isActive, version: before.version },
        after: { ...input, ...(definition ? { definition } : {}) },
      },
      clock,
    )
    // a rename places nobody differently
    if (definition || input.isActive !== undefined) await announce(tx, scope, id, version, clock)
  })
  return getLadder(db, scope, id)
}
