// Territories: staff keep each one's owner, partners and rules; every change is audited, and the list
// and every save report the overlaps between active territories as warnings. Matching an account to
// territories (and routing a registration to an owner) reads the active ones through the pure rules.
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { AppError, invalidField, notFound } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import type { Scope } from '../../platform/scope'
import { findStaffUsers } from '../identity'
import { findPartners } from '../partners'
import { programsPermissions } from './programs.permissions'
import { programIds, territories } from './programs.tables'
import type {
  CreateTerritoryInput,
  TerritoryMatchQuery,
  TerritoryView,
  UpdateTerritoryInput,
} from './territories.contract'
import {
  type AccountFacts,
  findOverlaps,
  type MatchKind,
  matchTerritories,
  type TerritoryFacts,
} from './territory-rules'

type TerritoryRow = typeof territories.$inferSelect

function requireStaff(scope: Scope, permission: 'programs.read' | 'programs.manage') {
  programsPermissions.require(scope, permission)
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'Territories are kept by staff')
}

const unique = (values: readonly string[], normalise: (v: string) => string) => {
  const seen = new Map<string, string>()
  for (const value of values) if (!seen.has(normalise(value))) seen.set(normalise(value), value.trim())
  return [...seen.values()]
}

const toFacts = (row: TerritoryRow): TerritoryFacts & { ownerUserId: string } => ({
  id: row.id,
  name: row.name,
  ownerUserId: row.ownerUserId,
  rules: {
    countries: row.countries,
    regions: row.regions,
    industries: row.industries,
    namedAccounts: row.namedAccounts,
  },
})

async function readRows(db: Db, orgId: string, activeOnly = false): Promise<TerritoryRow[]> {
  return db
    .select()
    .from(territories)
    .where(and(eq(territories.orgId, orgId), activeOnly ? eq(territories.isActive, true) : undefined))
    .orderBy(asc(territories.name), asc(territories.id))
}

async function toViews(
  db: Db,
  orgId: string,
  rows: TerritoryRow[],
  all: TerritoryRow[],
): Promise<TerritoryView[]> {
  const active = all.filter((r) => r.isActive)
  const overlaps = findOverlaps(active.map(toFacts))
  const owners = await findStaffUsers(
    db,
    orgId,
    rows.map((r) => r.ownerUserId),
  )
  const partnerNames = await findPartners(
    db,
    orgId,
    rows.flatMap((r) => r.partnerIds),
  )
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    owner: { id: row.ownerUserId, name: owners.get(row.ownerUserId)?.name ?? null },
    partners: row.partnerIds.map((id) => ({ id, name: partnerNames.get(id)?.name ?? null })),
    countries: row.countries,
    regions: row.regions,
    industries: row.industries,
    namedAccounts: row.namedAccounts,
    isActive: row.isActive,
    overlaps: row.isActive ? (overlaps.get(row.id) ?? []) : [],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }))
}

export async function listTerritories(db: Db, scope: Scope): Promise<{ items: TerritoryView[] }> {
  requireStaff(scope, 'programs.read')
  const rows = await readRows(db, scope.orgId)
  return { items: await toViews(db, scope.orgId, rows, rows) }
}

async function findRow(db: Db, scope: Scope, id: string): Promise<TerritoryRow> {
  const [row] = await db
    .select()
    .from(territories)
    .where(and(eq(territories.orgId, scope.orgId), eq(territories.id, id)))
  if (!row) throw notFound('Territory', id)
  return row
}

export async function getTerritory(db: Db, scope: Scope, id: string): Promise<TerritoryView> {
  requireStaff(scope, 'programs.read')
  const row = await findRow(db, scope, id)
  const [view] = await toViews(db, scope.orgId, [row], await readRows(db, scope.orgId))
  return view!
}

/** Owner and partners must be the org's own: a staff user and existing partners, named by field. */
async function checkReferences(
  db: Db,
  orgId: string,
  input: { ownerUserId?: string; partnerIds?: string[] },
) {
  if (input.ownerUserId !== undefined) {
    const owners = await findStaffUsers(db, orgId, [input.ownerUserId])
    if (!owners.has(input.ownerUserId))
      throw invalidField('ownerUserId', `no active staff user ${input.ownerUserId} in this org`)
  }
  if (input.partnerIds?.length) {
    const found = await findPartners(db, orgId, input.partnerIds)
    const index = input.partnerIds.findIndex((id) => !found.has(id))
    if (index >= 0)
      throw invalidField(`partnerIds[${index}]`, `no partner ${input.partnerIds[index]} in this org`)
  }
}

const normaliseRules = (
  input: Partial<Pick<TerritoryRow, 'countries' | 'regions' | 'industries' | 'namedAccounts' | 'partnerIds'>>,
) => ({
  ...(input.countries ? { countries: unique(input.countries, (c) => c.toUpperCase()) } : {}),
  ...(input.regions ? { regions: unique(input.regions, (r) => r.toLowerCase()) } : {}),
  ...(input.industries ? { industries: unique(input.industries, (i) => i.toLowerCase()) } : {}),
  ...(input.namedAccounts
    ? { namedAccounts: unique(input.namedAccounts, (a) => a.toLowerCase()).map((a) => a.toLowerCase()) }
    : {}),
  ...(input.partnerIds ? { partnerIds: unique(input.partnerIds, (p) => p) } : {}),
})

export async function createTerritory(
  db: Db,
  scope: Scope,
  input: CreateTerritoryInput,
  clock: Clock,
): Promise<TerritoryView> {
  requireStaff(scope, 'programs.manage')
  await checkReferences(db, scope.orgId, input)
  const id = programIds.territory()
  const now = clock.now()
  const values = {
    orgId: scope.orgId,
    id,
    name: input.name,
    ownerUserId: input.ownerUserId,
    partnerIds: input.partnerIds,
    countries: input.countries,
    regions: input.regions,
    industries: input.industries,
    namedAccounts: input.namedAccounts,
    ...normaliseRules(input),
    isActive: true,
    createdAt: now,
    updatedAt: now,
  }
  await db.transaction(async (tx) => {
    await tx.insert(territories).values(values)
    const { orgId: _org, createdAt: _c, updatedAt: _u, ...after } = values
    await writeAudit(
      tx,
      scope,
      { action: 'territory.created', entityType: 'territory', entityId: id, after },
      clock,
    )
  })
  return getTerritory(db, scope, id)
}

export async function updateTerritory(
  db: Db,
  scope: Scope,
  id: string,
  input: UpdateTerritoryInput,
  clock: Clock,
): Promise<TerritoryView> {
  requireStaff(scope, 'programs.manage')
  const before = await findRow(db, scope, id)
  await checkReferences(db, scope.orgId, input)
  const changes = {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.ownerUserId === undefined ? {} : { ownerUserId: input.ownerUserId }),
    ...(input.isActive === undefined ? {} : { isActive: input.isActive }),
    ...normaliseRules(input),
  }
  await db.transaction(async (tx) => {
    await tx
      .update(territories)
      .set({ ...changes, updatedAt: clock.now() })
      .where(and(eq(territories.orgId, scope.orgId), eq(territories.id, id)))
    const { orgId: _org, createdAt: _c, updatedAt: _u, ...was } = before
    await writeAudit(
      tx,
      scope,
      { action: 'territory.changed', entityType: 'territory', entityId: id, before: was, after: changes },
      clock,
    )
  })
  return getTerritory(db, scope, id)
}

/** Removes a territory; registrations already routed keep their assignee and the reason in words. */
export async function deleteTerritory(db: Db, scope: Scope, id: string, clock: Clock): Promise<void> {
  requireStaff(scope, 'programs.manage')
  const before = await findRow(db, scope, id)
  await db.transaction(async (tx) => {
    await tx.delete(territories).where(and(eq(territories.orgId, scope.orgId), eq(territories.id, id)))
    const { orgId: _org, createdAt: _c, updatedAt: _u, ...was } = before
    await writeAudit(
      tx,
      scope,
      { action: 'territory.deleted', entityType: 'territory', entityId: id, before: was },
      clock,
    )
  })
}

export interface TerritoryRoute {
  territoryId: string
  territoryName: string
  ownerUserId: string
  kind: MatchKind
  /** "country DE, industry Software" */
  reason: string
}

/** The org's active territories that take the account, most specific first, each with why. */
export async function matchAccountTerritories(
  db: Db,
  orgId: string,
  account: AccountFacts,
): Promise<TerritoryRoute[]> {
  const rows = await readRows(db, orgId, true)
  return matchTerritories(rows.map(toFacts), account).map((m) => ({
    territoryId: m.territory.id,
    territoryName: m.territory.name,
    ownerUserId: m.territory.ownerUserId,
    kind: m.kind,
    reason: m.reason,
  }))
}

export async function listTerritoryMatches(db: Db, scope: Scope, query: TerritoryMatchQuery) {
  requireStaff(scope, 'programs.read')
  const matches = await matchAccountTerritories(db, scope.orgId, {
    id: query.accountId ?? null,
    domain: query.domain ?? null,
    country: query.country ?? null,
    region: query.region ?? null,
    industry: query.industry ?? null,
  })
  const owners = await findStaffUsers(
    db,
    scope.orgId,
    matches.map((m) => m.ownerUserId),
  )
  return {
    items: matches.map((m) => ({
      territoryId: m.territoryId,
      territoryName: m.territoryName,
      owner: { id: m.ownerUserId, name: owners.get(m.ownerUserId)?.name ?? null },
      kind: m.kind,
      reason: m.reason,
    })),
  }
}
