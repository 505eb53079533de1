// Partners: create, edit, list, detail, and the audited status lifecycle.
import { and, asc, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { type Db, queryRows } from '../../db/client'
import { AppError, invalidField, notFound } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import { publish, publishAll } from '../../platform/events'
import type { ModuleDeps } from '../../platform/module'
import { countRows, keyset, toPage } from '../../platform/pagination'
import type { Scope } from '../../platform/scope'
import { actorLabel } from '../../platform/scope'
import { containsPattern } from '../../platform/search'
import {
  type ChangePartnerStatusInput,
  type ContactInput,
  type CreatePartnerInput,
  type ListPartnersQuery,
  type PartnerCountsView,
  type PartnerStatus,
  type PartnerSummary,
  type PartnerType,
  type PartnerView,
  partnerStatuses,
  partnerStatusMoves,
  partnerTypes,
  type UpdatePartnerInput,
} from './partners.contract'
import { partnerEvents } from './partners.events'
import { partnersPermissions } from './partners.permissions'
import { partnerContacts, partnerIds, partnerStatusChanges, partners } from './partners.tables'

export type PartnersDeps = Pick<ModuleDeps, 'clock'>

type PartnerRow = typeof partners.$inferSelect
type ContactRow = typeof partnerContacts.$inferSelect
const parent = alias(partners, 'parent')

const toSummary = (p: PartnerRow, parentName: string | null): PartnerSummary => ({
  id: p.id,
  name: p.name,
  type: p.type as PartnerType,
  status: p.status as PartnerStatus,
  parentId: p.parentId,
  parentName,
  country: p.country,
  currency: p.currency,
  tags: p.tags,
  websiteDomain: p.websiteDomain,
  tier: p.tier ? { key: p.tier, name: p.tierName ?? p.tier } : null,
  source: p.source,
  externalId: p.externalId,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
})

const toContactView = (c: ContactRow) => ({
  id: c.id,
  name: c.name,
  email: c.email,
  phone: c.phone,
  title: c.title,
  isPrimary: c.isPrimary,
})

/** The rows a scope may see: a partner user sees only their own partner. */
function visible(scope: Scope): SQL {
  const org = eq(partners.orgId, scope.orgId)
  return scope.partnerId ? and(org, eq(partners.id, scope.partnerId))! : org
}

export async function listPartners(db: Db, scope: Scope, query: ListPartnersQuery) {
  partnersPermissions.require(scope, 'partners.read')
  const order = keyset<PartnerRow>(
    {
      name: { column: partners.name, type: 'text', valueOf: (p) => p.name, isCaseless: true },
      createdAt: {
        column: partners.createdAt,
        type: 'timestamptz',
        valueOf: (p) => p.createdAt.toISOString(),
      },
      status: { column: partners.status, type: 'text', valueOf: (p) => p.status },
    },
    { column: partners.id, valueOf: (p) => p.id },
    query.sort,
    query.cursor,
  )
  const conditions: (SQL | undefined)[] = [visible(scope)]
  if (query.type) conditions.push(eq(partners.type, query.type))
  if (query.status) conditions.push(eq(partners.status, query.status))
  if (query.tag) conditions.push(sql`${query.tag} = any(${partners.tags})`)
  if (query.parentId) conditions.push(eq(partners.parentId, query.parentId))
  if (query.q) {
    const pattern = containsPattern(query.q)
    conditions.push(
      or(
        ilike(partners.name, pattern),
        ilike(partners.websiteDomain, pattern),
        sql`${query.q.toLowerCase()} = any(${partners.tags})`,
      ),
    )
  }
  const rows = await db
    .select({ partner: partners, parentName: parent.name })
    .from(partners)
    .leftJoin(parent, and(eq(parent.orgId, partners.orgId), eq(parent.id, partners.parentId)))
    .where(and(...conditions, order.after))
    .orderBy(...order.orderBy)
    .limit(query.limit + 1)
  return toPage(
    rows,
    query.limit,
    (r) => order.cursorOf(r.partner),
    (r) => toSummary(r.partner, r.parentName),
    await countRows(db, partners, and(...conditions)),
  )
}

/** Partners by type and by status (a partner user counts only their own partner). */
export async function countPartners(db: Db, scope: Scope): Promise<PartnerCountsView> {
  partnersPermissions.require(scope, 'partners.read')
  const rows = await db
    .select({ type: partners.type, status: partners.status, n: sql<number>`count(*)::int` })
    .from(partners)
    .where(visible(scope))
    .groupBy(partners.type, partners.status)
  const counts: PartnerCountsView = {
    total: 0,
    byType: Object.fromEntries(partnerTypes.map((t) => [t, 0])) as PartnerCountsView['byType'],
    byStatus: Object.fromEntries(partnerStatuses.map((s) => [s, 0])) as PartnerCountsView['byStatus'],
  }
  for (const row of rows) {
    counts.total += row.n
    counts.byType[row.type as PartnerType] += row.n
    counts.byStatus[row.status as PartnerStatus] += row.n
  }
  return counts
}

export async function getPartner(db: Db, scope: Scope, id: string): Promise<PartnerView> {
  partnersPermissions.require(scope, 'partners.read')
  const [row] = await db
    .select({ partner: partners, parentName: parent.name })
    .from(partners)
    .leftJoin(parent, and(eq(parent.orgId, partners.orgId), eq(parent.id, partners.parentId)))
    .where(and(visible(scope), eq(partners.id, id)))
  if (!row) throw notFound('Partner', id)
  const contacts = await db
    .select()
    .from(partnerContacts)
    .where(and(eq(partnerContacts.orgId, scope.orgId), eq(partnerContacts.partnerId, id)))
    .orderBy(desc(partnerContacts.isPrimary), asc(partnerContacts.name))
  return { ...toSummary(row.partner, row.parentName), contacts: contacts.map(toContactView) }
}

/** The parent must exist in the org and must not be the partner itself or one of its descendants. */
async function checkParent(db: Db, scope: Scope, partnerId: string | null, parentId: string): Promise<void> {
  let cursor: string | null = parentId
  for (let depth = 0; cursor; depth++) {
    if (cursor === partnerId) throw invalidField('parentId', 'would make a partner its own ancestor')
    if (depth > 20) throw invalidField('parentId', 'the partner chain is deeper than 20 levels')
    const [row]: { parentId: string | null }[] = await db
      .select({ parentId: partners.parentId })
      .from(partners)
      .where(and(eq(partners.orgId, scope.orgId), eq(partners.id, cursor)))
    if (!row) throw invalidField('parentId', `partner ${parentId} not found`)
    cursor = row.parentId
  }
}

async function replaceContacts(
  tx: Db,
  scope: Scope,
  partnerId: string,
  contacts: ContactInput[],
): Promise<void> {
  if (contacts.filter((c) => c.isPrimary).length > 1)
    throw invalidField('contacts', 'only one contact can be primary')
  await tx
    .delete(partnerContacts)
    .where(and(eq(partnerContacts.orgId, scope.orgId), eq(partnerContacts.partnerId, partnerId)))
  if (contacts.length === 0) return
  await tx.insert(partnerContacts).values(
    contacts.map((c) => ({
      orgId: scope.orgId,
      id: partnerIds.contact(),
      partnerId,
      name: c.name,
      email: c.email ?? null,
      phone: c.phone ?? null,
      title: c.title ?? null,
      isPrimary: c.isPrimary ?? false,
    })),
  )
}

export async function createPartner(
  db: Db,
  scope: Scope,
  input: CreatePartnerInput,
  deps: PartnersDeps,
): Promise<PartnerView> {
  partnersPermissions.require(scope, 'partners.write')
  if (input.parentId) await checkParent(db, scope, null, input.parentId)
  if (input.externalId && !input.source) throw invalidField('source', 'is required with externalId')
  const now = deps.clock.now()
  const row: PartnerRow = {
    orgId: scope.orgId,
    id: partnerIds.partner(),
    name: input.name,
    type: input.type,
    status: input.status,
    parentId: input.parentId ?? null,
    country: input.country ?? null,
    currency: input.currency,
    tags: [...new Set(input.tags.map((t) => t.toLowerCase()))],
    websiteDomain: input.websiteDomain ?? null,
    tier: null,
    tierName: null,
    source: input.source ?? null,
    externalId: input.externalId ?? null,
    createdAt: now,
    updatedAt: now,
  }
  await db.transaction(async (tx) => {
    await tx.insert(partners).values(row)
    await replaceContacts(tx, scope, row.id, input.contacts)
    await tx.insert(partnerStatusChanges).values({
      orgId: scope.orgId,
      id: partnerIds.statusChange(),
      partnerId: row.id,
      fromStatus: null,
      toStatus: row.status,
      reason: 'created',
      actor: actorLabel(scope.actor),
      at: now,
    })
    await writeAudit(
      tx,
      scope,
      { action: 'partner.created', entityType: 'partner', entityId: row.id, after: row },
      deps.clock,
    )
    await publish(
      tx,
      scope,
      partnerEvents.event('partner.created', row.id, {
        partnerId: row.id,
        type: input.type,
        status: input.status,
        parentId: row.parentId,
      }),
      deps.clock,
    )
  })
  return getPartner(db, scope, row.id)
}

async function getRow(db: Db, scope: Scope, id: string): Promise<PartnerRow> {
  const [row] = await db
    .select()
    .from(partners)
    .where(and(visible(scope), eq(partners.id, id)))
  if (!row) throw notFound('Partner', id)
  return row
}

export async function updatePartner(
  db: Db,
  scope: Scope,
  id: string,
  input: UpdatePartnerInput,
  deps: PartnersDeps,
): Promise<PartnerView> {
  partnersPermissions.require(scope, 'partners.write')
  const before = await getRow(db, scope, id)
  if (input.parentId) await checkParent(db, scope, id, input.parentId)
  const { contacts, ...fields } = input
  const changes: Partial<PartnerRow> = { ...fields, updatedAt: deps.clock.now() }
  if (fields.tags) changes.tags = [...new Set(fields.tags.map((t) => t.toLowerCase()))]
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(partners)
      .set(changes)
      .where(and(eq(partners.orgId, scope.orgId), eq(partners.id, id)))
      .returning()
    if (contacts) await replaceContacts(tx, scope, id, contacts)
    await writeAudit(
      tx,
      scope,
      {
        action: 'partner.updated',
        entityType: 'partner',
        entityId: id,
        before,
        after: { ...after, ...(contacts ? { contacts } : {}) },
      },
      deps.clock,
    )
    await publish(
      tx,
      scope,
      partnerEvents.event('partner.changed', id, { partnerId: id, fields: Object.keys(input) }),
      deps.clock,
    )
  })
  return getPartner(db, scope, id)
}

export async function changePartnerStatus(
  db: Db,
  scope: Scope,
  id: string,
  input: ChangePartnerStatusInput,
  deps: PartnersDeps,
): Promise<PartnerView> {
  partnersPermissions.require(scope, 'partners.write')
  const before = await getRow(db, scope, id)
  const from = before.status as PartnerStatus
  if (from === input.status) return getPartner(db, scope, id)
  if (!partnerStatusMoves[from].includes(input.status)) {
    throw new AppError(
      'CONFLICT',
      `A partner cannot move from ${from} to ${input.status}; allowed: ${partnerStatusMoves[from].join(', ')}`,
      [{ path: 'status', message: `cannot move from ${from} to ${input.status}` }],
    )
  }
  const now = deps.clock.now()
  await db.transaction(async (tx) => {
    await tx
      .update(partners)
      .set({ status: input.status, updatedAt: now })
      .where(and(eq(partners.orgId, scope.orgId), eq(partners.id, id)))
    await tx.insert(partnerStatusChanges).values({
      orgId: scope.orgId,
      id: partnerIds.statusChange(),
      partnerId: id,
      fromStatus: from,
      toStatus: input.status,
      reason: input.reason ?? null,
      actor: actorLabel(scope.actor),
      at: now,
    })
    await writeAudit(
      tx,
      scope,
      {
        action: 'partner.status_changed',
        entityType: 'partner',
        entityId: id,
        before: { status: from },
        after: { status: input.status, reason: input.reason ?? null },
      },
      deps.clock,
    )
    await publish(
      tx,
      scope,
      partnerEvents.event('partner.status_changed', id, { partnerId: id, from, to: input.status }),
      deps.clock,
    )
  })
  return getPartner(db, scope, id)
}

/**
 * Sets partners' tiers (a level of a programs ladder, or none) in the caller's transaction, in one
 * statement, and announces each change as a `partner.changed` of the field `tier`, so commission
 * rules that read the tier follow. The caller (programs) audits the changes with their reasons.
 * Answers the partners whose tier changed.
 */
export async function setPartnerTiers(
  tx: Db,
  scope: Scope,
  changes: readonly { partnerId: string; tier: { key: string; name: string } | null }[],
  deps: PartnersDeps,
): Promise<Set<string>> {
  if (changes.length === 0) return new Set()
  const changed = await queryRows<{ id: string }>(
    tx,
    sql`update partners p set tier = c.tier, tier_name = c.tier_name, updated_at = ${deps.clock.now().toISOString()}::timestamptz
          from unnest(${sql.param(changes.map((c) => c.partnerId))}::text[],
                      ${sql.param(changes.map((c) => c.tier?.key ?? null))}::text[],
                      ${sql.param(changes.map((c) => c.tier?.name ?? null))}::text[]) as c(id, tier, tier_name)
         where p.org_id = ${scope.orgId} and p.id = c.id
           and (p.tier is distinct from c.tier or p.tier_name is distinct from c.tier_name)
        returning p.id`,
  )
  const ids = new Set(changed.map((r) => r.id))
  await publishAll(
    tx,
    scope,
    changes
      .filter((c) => ids.has(c.partnerId))
      .map((c) =>
        partnerEvents.event('partner.changed', c.partnerId, { partnerId: c.partnerId, fields: ['tier'] }),
      ),
    deps.clock,
  )
  return ids
}

/**
 * Moves an onboarding (or invited) partner to active in the caller's transaction — the status history,
 * the audit and the `partner.status_changed` event as a staff move writes them — when its onboarding is
 * complete. A partner in any other status stays as it is. Answers whether it moved.
 */
export async function activatePartner(
  tx: Db,
  scope: Scope,
  partnerId: string,
  reason: string,
  deps: PartnersDeps,
): Promise<boolean> {
  const now = deps.clock.now()
  const [before] = await tx
    .select({ status: partners.status })
    .from(partners)
    .where(and(eq(partners.orgId, scope.orgId), eq(partners.id, partnerId)))
    .for('update')
  if (!before || (before.status !== 'onboarding' && before.status !== 'invited')) return false
  const from = before.status as PartnerStatus
  await tx
    .update(partners)
    .set({ status: 'active', updatedAt: now })
    .where(and(eq(partners.orgId, scope.orgId), eq(partners.id, partnerId)))
  await tx.insert(partnerStatusChanges).values({
    orgId: scope.orgId,
    id: partnerIds.statusChange(),
    partnerId,
    fromStatus: from,
    toStatus: 'active',
    reason,
    actor: actorLabel(scope.actor),
    at: now,
  })
  await writeAudit(
    tx,
    scope,
    {
      action: 'partner.status_changed',
      entityType: 'partner',
      entityId: partnerId,
      before: { status: from },
      after: { status: 'active', reason },
    },
    deps.clock,
  )
  await publish(
    tx,
    scope,
    partnerEvents.event('partner.status_changed', partnerId, { partnerId, from, to: 'active' }),
    deps.clock,
  )
  return true
}

export async function listPartnerHistory(db: Db, scope: Scope, id: string) {
  await getRow(db, scope, id)
  const rows = await db
    .select()
    .from(partnerStatusChanges)
    .where(and(eq(partnerStatusChanges.orgId, scope.orgId), eq(partnerStatusChanges.partnerId, id)))
    .orderBy(asc(partnerStatusChanges.at), asc(partnerStatusChanges.id))
  return {
    items: rows.map((r) => ({
      from: r.fromStatus as PartnerStatus | null,
      to: r.toStatus as PartnerStatus,
      reason: r.reason,
      actor: r.actor,
      at: r.at.toISOString(),
    })),
  }
}
