// Conflicts a registration meets: the same account (by domain, name or a similar name) registered by
// another partner and still pending or protected, and open deals on a matching account. Candidates
// come from SQL by domain and the name's longest words, with a bound; names are scored here. Staff
// see the evidence; a partner learns only that the account is taken, never by whom.
import { and, desc, eq, gt, inArray, like, ne, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { toMoneyView } from '../../../money'
import { AppError, invalidField } from '../../../platform/app-error'
import type { Clock } from '../../../platform/clock'
import type { Scope } from '../../../platform/scope'
import { findAccountMatches } from '../../journeys'
import { findPartners } from '../../partners'
import { revenuePermissions } from '../revenue.permissions'
import {
  nameSimilarity,
  normaliseAccountName,
  normaliseDomain,
  searchWords,
  similarNameThreshold,
} from './account-names'
import type { CheckRegistrationInput, ConflictList, ConflictView } from './registrations.contract'
import { dealRegistrations } from './registrations.tables'

/** How many candidates each search reads at most: enough for real duplicates, bounded for odd names. */
const candidateLimit = 50
const dealsPerAccount = 5

export interface ConflictSubject {
  /** The registering partner: their own registrations are no conflict. Null: staff checking a name. */
  partnerId: string | null
  accountKey: string
  domain: string | null
  /** The registration itself, when it is being reviewed. */
  excludeId?: string
}

type Match = ConflictView['match']

function matchOf(
  subject: ConflictSubject,
  other: { key: string; domain: string | null },
): { match: Match; similarity: number } | null {
  const similarity = nameSimilarity(subject.accountKey, other.key)
  if (subject.domain && other.domain === subject.domain) return { match: 'domain', similarity }
  if (other.key === subject.accountKey) return { match: 'name', similarity }
  if (similarity >= similarNameThreshold) return { match: 'similar_name', similarity }
  return null
}

const matchStrength: Record<Match, number> = { domain: 0, name: 1, similar_name: 2 }
const day = (at: Date) => at.toISOString().slice(0, 10)

/** Staff read what matched too: the other name and how alike it is when it is only similar. */
const withMatch = (message: string, found: { match: Match; similarity: number }, otherName: string) =>
  found.match === 'similar_name'
    ? `${message} — similar name “${otherName}” (${Math.round(found.similarity * 100)}% alike)`
    : `${message} — same ${found.match}`

/** Every conflict, with full evidence: callers redact it for partners (`conflictsFor`). */
export async function findConflicts(
  db: Db,
  orgId: string,
  subject: ConflictSubject,
  now: Date,
): Promise<ConflictView[]> {
  const words = searchWords(subject.accountKey)
  return [
    ...(await registrationConflicts(db, orgId, subject, words, now)),
    ...(await openDealConflicts(db, orgId, subject, words)),
  ]
}

async function registrationConflicts(
  db: Db,
  orgId: string,
  subject: ConflictSubject,
  words: string[],
  now: Date,
): Promise<ConflictView[]> {
  const r = dealRegistrations
  const sameAccount: SQL[] = [
    eq(r.accountKey, subject.accountKey),
    ...words.map((word) => like(r.accountKey, `%${word}%`)),
  ]
  if (subject.domain) sameAccount.push(eq(r.domain, subject.domain))
  const rows = await db
    .select()
    .from(r)
    .where(
      and(
        eq(r.orgId, orgId),
        subject.partnerId ? ne(r.partnerId, subject.partnerId) : undefined,
        subject.excludeId ? ne(r.id, subject.excludeId) : undefined,
        or(
          inArray(r.status, ['pending', 'info_requested']),
          and(eq(r.status, 'approved'), gt(r.protectedUntil, now)),
        ),
        or(...sameAccount),
      ),
    )
    .orderBy(
      desc(sql`${r.domain} is not distinct from ${subject.domain}`),
      desc(sql`${r.accountKey} = ${subject.accountKey}`),
      desc(r.submittedAt),
    )
    .limit(candidateLimit)
  const partners = await findPartners(
    db,
    orgId,
    rows.map((row) => row.partnerId),
  )
  return rows.flatMap((row) => {
    const found = matchOf(subject, { key: row.accountKey, domain: row.domain })
    if (!found) return []
    const partnerName = partners.get(row.partnerId)?.name ?? null
    const isApproved = row.status === 'approved'
    const protectedUntil = isApproved ? row.protectedUntil : null
    return [
      {
        kind: 'registration' as const,
        ...found,
        message: withMatch(
          isApproved
            ? `Registered by ${partnerName ?? row.partnerId}, protected until ${day(row.protectedUntil!)}`
            : `Registered by ${partnerName ?? row.partnerId} on ${day(row.submittedAt)}, awaiting review`,
          found,
          row.accountName,
        ),
        protectedUntil: protectedUntil?.toISOString() ?? null,
        evidence: {
          similarity: found.similarity,
          accountName: row.accountName,
          domain: row.domain,
          registration: {
            id: row.id,
            partnerId: row.partnerId,
            partnerName,
            status: row.status,
            submittedAt: row.submittedAt.toISOString(),
            amount: toMoneyView(row.amountMinor, row.currency),
          },
          deal: null,
        },
      },
    ]
  })
}

async function openDealConflicts(
  db: Db,
  orgId: string,
  subject: ConflictSubject,
  words: string[],
): Promise<ConflictView[]> {
  const accounts = await findAccountMatches(db, orgId, {
    domain: subject.domain,
    words,
    limit: candidateLimit,
  })
  const ownDeals = await dealsRegisteredBy(
    db,
    orgId,
    subject.partnerId,
    accounts.flatMap((account) => account.openDeals.map((deal) => deal.id)),
  )
  return accounts.flatMap((account) => {
    const openDeals = account.openDeals.filter((deal) => !ownDeals.has(deal.id))
    if (openDeals.length === 0) return []
    const found = matchOf(subject, {
      key: normaliseAccountName(account.name),
      domain: account.domain ? normaliseDomain(account.domain) : null,
    })
    if (!found) return []
    return openDeals.slice(0, dealsPerAccount).map((deal) => ({
      kind: 'open_deal' as const,
      ...found,
      message: withMatch(`Open deal “${deal.name}” (${deal.stage}) on ${account.name}`, found, account.name),
      protectedUntil: null,
      evidence: {
        similarity: found.similarity,
        accountName: account.name,
        domain: account.domain,
        registration: null,
        deal: {
          id: deal.id,
          name: deal.name,
          accountId: account.id,
          amount: toMoneyView(deal.amountMinor, deal.currency),
          stage: deal.stage,
          owner: deal.owner,
          openedAt: deal.openedAt.toISOString(),
        },
      },
    }))
  })
}

/** The deals among these that the partner's own approved registrations made or linked: no conflict to them. */
async function dealsRegisteredBy(
  db: Db,
  orgId: string,
  partnerId: string | null,
  dealIds: string[],
): Promise<Set<string>> {
  if (!partnerId || dealIds.length === 0) return new Set()
  const rows = await db
    .select({ dealId: dealRegistrations.dealId })
    .from(dealRegistrations)
    .where(
      and(
        eq(dealRegistrations.orgId, orgId),
        eq(dealRegistrations.partnerId, partnerId),
        inArray(dealRegistrations.dealId, dealIds),
      ),
    )
  return new Set(rows.map((r) => r.dealId!))
}

const partnerWording: Record<Match, string> = {
  domain: 'the same domain',
  name: 'the same name',
  similar_name: 'a very similar name',
}

/**
 * The conflicts as the caller may see them, strongest first. A partner user gets the fact and the
 * protection date only: no partner, no registration, no deal, no other account's name.
 */
export function conflictsFor(scope: Scope, conflicts: readonly ConflictView[]): ConflictView[] {
  const sorted = [...conflicts].sort(
    (a, b) =>
      (a.kind === b.kind ? 0 : a.kind === 'registration' ? -1 : 1) ||
      matchStrength[a.match] - matchStrength[b.match],
  )
  if (!scope.partnerId) return sorted
  const seen = new Set<string>()
  return sorted.flatMap((c) => {
    const message =
      c.kind === 'registration'
        ? c.protectedUntil
          ? `Already registered by another partner (${partnerWording[c.match]}), protected until ${c.protectedUntil.slice(0, 10)}`
          : `Already registered by another partner (${partnerWording[c.match]}) and awaiting review`
        : `An open opportunity already exists on this account (${partnerWording[c.match]})`
    // several deals on one account read as one fact to a partner
    if (seen.has(message)) return []
    seen.add(message)
    return [{ kind: c.kind, match: c.match, message, protectedUntil: c.protectedUntil, evidence: null }]
  })
}

/** Reads a typed domain as its bare host, or refuses it naming the field. */
export function readDomain(typed: string | null | undefined): string | null {
  if (!typed?.trim()) return null
  const domain = normaliseDomain(typed)
  if (!/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain))
    throw invalidField('domain', 'must be a domain such as acme.example')
  return domain
}

/** The name's comparison key, or a refusal naming the field when nothing in it can be compared. */
export function readAccountKey(accountName: string): string {
  const key = normaliseAccountName(accountName)
  if (!key) throw invalidField('accountName', 'must contain letters or digits')
  return key
}

/** The partner a registration is for: a partner user's own; staff name one (required when `isRequired`). */
export async function resolvePartner(
  db: Db,
  scope: Scope,
  partnerId: string | undefined,
  isRequired: boolean,
): Promise<string | null> {
  if (scope.partnerId) {
    if (partnerId && partnerId !== scope.partnerId)
      throw new AppError('FORBIDDEN', 'partnerId: a partner user registers only for their own partner', [
        { path: 'partnerId', message: 'may name only your own partner' },
      ])
    return scope.partnerId
  }
  if (!partnerId) {
    if (isRequired) throw invalidField('partnerId', 'is required when staff register for a partner')
    return null
  }
  if (!(await findPartners(db, scope.orgId, [partnerId])).has(partnerId))
    throw invalidField('partnerId', `partner ${partnerId} not found`)
  return partnerId
}

/** POST /registrations/check: what a registration of this account would meet, saving nothing. */
export async function checkRegistration(
  db: Db,
  scope: Scope,
  input: CheckRegistrationInput,
  clock: Clock,
): Promise<ConflictList> {
  revenuePermissions.require(scope, 'registrations.submit')
  const subject = {
    partnerId: await resolvePartner(db, scope, input.partnerId, false),
    accountKey: readAccountKey(input.accountName),
    domain: readDomain(input.domain),
  }
  return { conflicts: conflictsFor(scope, await findConflicts(db, scope.orgId, subject, clock.now())) }
}
