// Account overlap: which of the org's accounts a partner also has, without the partner's list being
// kept. A partner's list (CSV: name, domain, status) is reduced on arrival to keyed hashes of each
// account's normalised domain and name — HMAC-SHA256 under a key of the org's own, derived from the
// server's secret — and only those are stored. The org's accounts are hashed the same way when the
// overlap is asked for, and the lists meet on the hashes: each side sees the accounts both have and
// nothing else. A partner user sees only their own partner's overlap.
import { createHmac } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, notFound } from '../../../platform/app-error'
import type { Clock } from '../../../platform/clock'
import { actorLabel, type Scope } from '../../../platform/scope'
import { readAccountStatuses } from '../../journeys'
import { findPartners } from '../../partners'
import { normaliseAccountName, normaliseDomain } from '../registrations/account-names'
import { revenuePermissions } from '../revenue.permissions'
import {
  type AccountStanding,
  accountStanding,
  type OverlapListView,
  type OverlapQuery,
  type OverlapSummaryView,
  type OverlapView,
} from './overlap.contract'
import { overlapEntries, overlapLists } from './overlap.tables'

/** The most rows a list may have. */
export const maxOverlapRows = 200_000
// rows a statement when a list is stored
const rowsPerInsert = 20_000

/** Hashes an org's account keys: the same key for the org's side and every partner's. */
export function overlapHasher(secret: string, orgId: string) {
  const key = createHmac('sha256', secret).update(`account-overlap:${orgId}`).digest()
  const hash = (text: string) => createHmac('sha256', key).update(text).digest('base64url')
  return {
    domain: (domain: string | null | undefined) => {
      const normal = domain ? normaliseDomain(domain) : ''
      return normal.includes('.') ? hash(`d:${normal}`) : null
    },
    name: (name: string) => {
      const normal = normaliseAccountName(name)
      return normal ? hash(`n:${normal}`) : null
    },
  }
}

/** A partner user may act only for their own partner; anyone else's list is not found. */
async function requirePartner(db: Db, scope: Scope, partnerId: string) {
  if (scope.partnerId && scope.partnerId !== partnerId) throw notFound('Partner', partnerId)
  const partner = (await findPartners(db, scope.orgId, [partnerId])).get(partnerId)
  if (!partner) throw notFound('Partner', partnerId)
  return partner
}

interface ParsedRow {
  line: number
  domainKey: string | null
  nameKey: string
  status: AccountStanding
}

/** The list's rows as keys; a row without a usable name, or with an unknown status, refuses the list. */
function parseList(csv: string, hasher: ReturnType<typeof overlapHasher>): ParsedRow[] {
  let records: Record<string, string>[]
  try {
    records = parse(csv, {
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
    })
  } catch (error) {
    throw new AppError('VALIDATION', 'The file is not CSV', [
      { path: 'body', message: (error as Error).message },
    ])
  }
  if (records.length === 0)
    throw new AppError('VALIDATION', 'The file has no accounts', [
      { path: 'body', message: 'needs a header row (name, domain, status) and one account a line' },
    ])
  if (!('name' in records[0]!))
    throw new AppError('VALIDATION', 'The file has no name column', [
      { path: 'body', message: 'needs a name column; domain and status are optional' },
    ])
  if (records.length > maxOverlapRows)
    throw new AppError('VALIDATION', `The file has more than ${maxOverlapRows} accounts`, [
      { path: 'body', message: `at most ${maxOverlapRows} accounts a list` },
    ])
  const problems: { path: string; message: string }[] = []
  const rows: ParsedRow[] = []
  records.forEach((record, i) => {
    const line = i + 2
    const nameKey = hasher.name(record.name ?? '')
    const status = accountStanding.safeParse((record.status || 'prospect').toLowerCase())
    if (!nameKey) problems.push({ path: `line ${line}.name`, message: 'is empty' })
    if (!status.success)
      problems.push({ path: `line ${line}.status`, message: 'must be customer, open or prospect' })
    if (nameKey && status.success)
      rows.push({ line, domainKey: hasher.domain(record.domain), nameKey, status: status.data })
  })
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION',
      `${problems.length} rows of the file cannot be read; nothing was kept`,
      problems.slice(0, 50),
    )
  return rows
}

/** Replaces the partner's list with a CSV (read once the partner is known), kept as keyed hashes only. */
export async function uploadOverlapList(
  db: Db,
  scope: Scope,
  partnerId: string,
  readCsv: () => Promise<string>,
  secret: string,
  clock: Clock,
): Promise<OverlapListView> {
  revenuePermissions.require(scope, 'overlap.write')
  await requirePartner(db, scope, partnerId)
  const rows = parseList(await readCsv(), overlapHasher(secret, scope.orgId))
  const now = clock.now()
  await db.transaction(async (tx) => {
    const mine = and(eq(overlapEntries.orgId, scope.orgId), eq(overlapEntries.partnerId, partnerId))
    await tx.delete(overlapEntries).where(mine)
    // a column an array: one statement for many rows, nothing for the driver to build row by row
    for (let i = 0; i < rows.length; i += rowsPerInsert) {
      const batch = rows.slice(i, i + rowsPerInsert)
      await tx.execute(sql`
        insert into overlap_entries (org_id, partner_id, line, domain_key, name_key, status)
        select ${scope.orgId}, ${partnerId}, r.line, r.domain_key, r.name_key, r.status
        from unnest(${sql.param(batch.map((r) => r.line))}::int[], ${sql.param(batch.map((r) => r.domainKey))}::text[],
          ${sql.param(batch.map((r) => r.nameKey))}::text[], ${sql.param(batch.map((r) => r.status))}::text[])
          as r(line, domain_key, name_key, status)`)
    }
    const list = { rowCount: rows.length, uploadedAt: now, uploadedBy: actorLabel(scope.actor) }
    await tx
      .insert(overlapLists)
      .values({ orgId: scope.orgId, partnerId, ...list })
      .onConflictDoUpdate({ target: [overlapLists.orgId, overlapLists.partnerId], set: list })
  })
  // matched from the rows in hand rather than read back
  const overlap = matchEntries(rows, await hashedAccounts(db, scope.orgId, secret))
  return { partnerId, rows: rows.length, uploadedAt: now.toISOString(), overlap: overlap.length }
}

/** Removes the partner's list. */
export async function removeOverlapList(db: Db, scope: Scope, partnerId: string): Promise<void> {
  revenuePermissions.require(scope, 'overlap.write')
  await requirePartner(db, scope, partnerId)
  await db.transaction(async (tx) => {
    await tx
      .delete(overlapEntries)
      .where(and(eq(overlapEntries.orgId, scope.orgId), eq(overlapEntries.partnerId, partnerId)))
    await tx
      .delete(overlapLists)
      .where(and(eq(overlapLists.orgId, scope.orgId), eq(overlapLists.partnerId, partnerId)))
  })
}

interface Match {
  accountId: string
  name: string
  domain: string | null
  ours: AccountStanding
  theirs: AccountStanding
  matchedOn: 'domain' | 'name'
}

/** The org's accounts with their keys, for matching against any number of lists. */
async function hashedAccounts(db: Db, orgId: string, secret: string) {
  const hasher = overlapHasher(secret, orgId)
  const byDomain = new Map<string, (typeof accounts)[number]>()
  const byName = new Map<string, (typeof accounts)[number]>()
  const accounts = await readAccountStatuses(db, orgId)
  for (const account of accounts) {
    const domainKey = hasher.domain(account.domain)
    if (domainKey && !byDomain.has(domainKey)) byDomain.set(domainKey, account)
    const nameKey = hasher.name(account.name)
    if (nameKey && !byName.has(nameKey)) byName.set(nameKey, account)
  }
  return { byDomain, byName }
}

function matchEntries(
  entries: readonly { domainKey: string | null; nameKey: string; status: AccountStanding }[],
  ours: Awaited<ReturnType<typeof hashedAccounts>>,
): Match[] {
  const found = new Map<string, Match>()
  for (const entry of entries) {
    const byDomain = entry.domainKey ? ours.byDomain.get(entry.domainKey) : undefined
    const account = byDomain ?? ours.byName.get(entry.nameKey)
    if (!account || found.has(account.accountId)) continue
    found.set(account.accountId, {
      accountId: account.accountId,
      name: account.name,
      domain: account.domain,
      ours: account.status,
      theirs: entry.status,
      matchedOn: byDomain ? 'domain' : 'name',
    })
  }
  return [...found.values()]
}

async function readEntries(db: Db, orgId: string, partnerId: string) {
  return db
    .select({
      domainKey: overlapEntries.domainKey,
      nameKey: overlapEntries.nameKey,
      status: overlapEntries.status,
    })
    .from(overlapEntries)
    .where(and(eq(overlapEntries.orgId, orgId), eq(overlapEntries.partnerId, partnerId)))
}

async function matchPartner(db: Db, orgId: string, partnerId: string, secret: string): Promise<Match[]> {
  return matchEntries(await readEntries(db, orgId, partnerId), await hashedAccounts(db, orgId, secret))
}

const standingOrder: Record<AccountStanding, number> = { customer: 0, open: 1, prospect: 2 }

/** The accounts the org and the partner both have, with where each side stands. */
export async function getOverlap(
  db: Db,
  scope: Scope,
  partnerId: string,
  query: OverlapQuery,
  secret: string,
): Promise<OverlapView> {
  revenuePermissions.require(scope, 'overlap.read')
  const partner = await requirePartner(db, scope, partnerId)
  const [list] = await db
    .select()
    .from(overlapLists)
    .where(and(eq(overlapLists.orgId, scope.orgId), eq(overlapLists.partnerId, partnerId)))
  const matches = list ? await matchPartner(db, scope.orgId, partnerId, secret) : []
  const counts = new Map<string, { ours: AccountStanding; theirs: AccountStanding; accounts: number }>()
  for (const m of matches) {
    const key = `${m.ours}|${m.theirs}`
    const count = counts.get(key) ?? { ours: m.ours, theirs: m.theirs, accounts: 0 }
    count.accounts++
    counts.set(key, count)
  }
  const shown = matches
    .filter((m) => (!query.ours || m.ours === query.ours) && (!query.theirs || m.theirs === query.theirs))
    .sort(
      (a, b) =>
        standingOrder[a.ours] - standingOrder[b.ours] ||
        standingOrder[a.theirs] - standingOrder[b.theirs] ||
        a.name.localeCompare(b.name),
    )
  return {
    partner: { id: partnerId, name: partner.name },
    list: list ? { rows: list.rowCount, uploadedAt: list.uploadedAt.toISOString() } : null,
    total: shown.length,
    counts: [...counts.values()].sort(
      (a, b) =>
        standingOrder[a.ours] - standingOrder[b.ours] || standingOrder[a.theirs] - standingOrder[b.theirs],
    ),
    items: shown.slice(0, query.limit),
  }
}

/** Every partner with a list: how far it overlaps the org's accounts (staff only). */
export async function summariseOverlaps(db: Db, scope: Scope, secret: string): Promise<OverlapSummaryView> {
  revenuePermissions.require(scope, 'overlap.summary')
  const lists = await db.select().from(overlapLists).where(eq(overlapLists.orgId, scope.orgId))
  if (lists.length === 0) return { items: [] }
  const ours = await hashedAccounts(db, scope.orgId, secret)
  const names = await findPartners(
    db,
    scope.orgId,
    lists.map((l) => l.partnerId),
  )
  const items: OverlapSummaryView['items'] = []
  for (const list of lists) {
    const matches = matchEntries(await readEntries(db, scope.orgId, list.partnerId), ours)
    items.push({
      partnerId: list.partnerId,
      name: names.get(list.partnerId)?.name ?? list.partnerId,
      rows: list.rowCount,
      uploadedAt: list.uploadedAt.toISOString(),
      overlap: matches.length,
      customers: matches.filter((m) => m.ours === 'customer').length,
      open: matches.filter((m) => m.ours === 'open').length,
      prospects: matches.filter((m) => m.ours === 'prospect').length,
    })
  }
  return { items: items.sort((a, b) => b.overlap - a.overlap || a.name.localeCompare(b.name)) }
}
