// The review of a registration: staff approve (creating or linking the deal and recording the
// partner's registration touch), reject with a reason, or ask for more; the partner answers, which
// returns it to review; staff extend an approval's protection; a job expires it. Each change locks the
// registration, is checked against its status, and writes history, an audit entry and an event in one
// transaction, then tells the submitter by mail.
import { and, asc, eq, lte } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { formatAmount } from '../../../money'
import { AppError, invalidField } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import { queueMail } from '../../../platform/mail'
import type { ModuleDeps } from '../../../platform/module'
import { actorLabel, type Scope, systemScope } from '../../../platform/scope'
import { findUserEmail } from '../../identity'
import { findAccountMatches, getDeal, recordTouchpoint, upsertAccount, upsertDeal } from '../../journeys'
import { revenueEvents } from '../revenue.events'
import { revenuePermissions } from '../revenue.permissions'
import { readRegistrationSettings } from './registration-settings.service'
import type {
  ApproveRegistrationInput,
  ExtendRegistrationInput,
  RegistrationDetailView,
  RegistrationSettings,
  RegistrationStatus,
} from './registrations.contract'
import {
  addDays,
  addHours,
  addNote,
  findRegistration,
  getRegistration,
  type RegistrationRow,
} from './registrations.service'
import { dealRegistrations } from './registrations.tables'

export type ReviewDeps = Pick<ModuleDeps, 'clock' | 'publicUrl'>

/** What registrations are recorded under in journeys: a retried approval finds its own records. */
const registrationSource = 'registration'

interface Change {
  patch: Partial<RegistrationRow>
  note: { kind: Parameters<typeof addNote>[3]['kind']; message: string | null }
  /** The mail to the submitter, if this change is news to them. */
  mail?: { subject: string; lines: string[] }
}

const day = (at: Date | null) => at?.toISOString().slice(0, 10) ?? ''

/**
 * Locks the registration, checks it may make this move from its status, applies the change and
 * records it (history, audit, event, mail) in one transaction; answers the registration as it is now.
 */
async function transition(
  db: Db,
  scope: Scope,
  id: string,
  deps: ReviewDeps,
  action: { name: string; from: readonly RegistrationStatus[] },
  change: (tx: Db, row: RegistrationRow, settings: RegistrationSettings, now: Date) => Promise<Change>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await findRegistration(tx, scope, id, true)
    if (!action.from.includes(row.status))
      throw new AppError(
        'CONFLICT',
        `The registration is ${row.status.replace('_', ' ')}: it cannot be ${action.name}`,
        [{ path: 'status', message: `is ${row.status}, not ${action.from.join(' or ')}` }],
      )
    const now = deps.clock.now()
    const settings = await readRegistrationSettings(tx, scope.orgId)
    const { patch, note, mail } = await change(tx, row, settings, now)
    const [updated] = await tx
      .update(dealRegistrations)
      .set({ ...patch, updatedAt: now })
      .where(and(eq(dealRegistrations.orgId, scope.orgId), eq(dealRegistrations.id, id)))
      .returning()
    await addNote(tx, scope, id, note, now)
    await writeAudit(
      tx,
      scope,
      {
        action: `registration.${note.kind}`,
        entityType: 'deal_registration',
        entityId: id,
        before: { status: row.status, protectedUntil: row.protectedUntil, dealId: row.dealId },
        after: {
          status: updated!.status,
          protectedUntil: updated!.protectedUntil,
          dealId: updated!.dealId,
          message: note.message,
        },
      },
      deps.clock,
    )
    await publish(
      tx,
      scope,
      revenueEvents.event('registration.changed', id, {
        registrationId: id,
        partnerId: row.partnerId,
        status: updated!.status,
        from: row.status,
        dealId: updated!.dealId,
      }),
      deps.clock,
    )
    if (mail && row.submitterUserId) {
      const to = await findUserEmail(tx, scope.orgId, row.submitterUserId)
      if (to)
        await queueMail(
          tx,
          scope.orgId,
          {
            to,
            subject: `${mail.subject}: ${row.accountName}`,
            text: [...mail.lines, '', `Your registrations: ${deps.publicUrl}/portal/registrations`].join(
              '\n',
            ),
          },
          deps.clock,
        )
    }
  })
}

const decided = (scope: Scope, now: Date) => ({
  decidedAt: now,
  decidedBy: actorLabel(scope.actor),
  reviewDueAt: null,
})

const awaitingDecision = ['pending', 'info_requested'] as const

/** A decision on registration `id` with its input, as the routes, the seed and tests call it. */
type Decision<Input> = (
  db: Db,
  scope: Scope,
  id: string,
  input: Input,
  deps: ReviewDeps,
) => Promise<RegistrationDetailView>

/** A change someone asks for: their permission first, then the transition; answers the registration. */
async function decide(
  db: Db,
  scope: Scope,
  id: string,
  deps: ReviewDeps,
  action: {
    permission: 'registrations.review' | 'registrations.submit'
    name: string
    from: readonly RegistrationStatus[]
  },
  change: Parameters<typeof transition>[5],
): Promise<RegistrationDetailView> {
  revenuePermissions.require(scope, action.permission)
  await transition(db, scope, id, deps, action, change)
  return getRegistration(db, scope, id, deps.clock)
}

/**
 * Approves: links the open deal staff picked, or creates the account (unless one has the domain) and
 * an open deal; then records the partner's `deal_registration` touch at the time of submission. Deal,
 * account and touch are keyed by the registration, so a retried approval adds none of them twice.
 */
export const approveRegistration: Decision<ApproveRegistrationInput> = (db, scope, id, input, deps) =>
  decide(
    db,
    scope,
    id,
    deps,
    { permission: 'registrations.review', name: 'approved', from: awaitingDecision },
    async (tx, row, settings, now) => {
      const { dealId, accountId } = input.dealId
        ? await linkOpenDeal(tx, scope, input.dealId)
        : await createDeal(tx, scope, row, deps.clock)
      await recordTouchpoint(
        tx,
        scope,
        {
          dealId,
          actor: { kind: 'partner', partnerId: row.partnerId },
          activityType: 'deal_registration',
          occurredAt: row.submittedAt.toISOString(),
          notes: `Deal registration ${row.id}: ${row.accountName}`,
          source: registrationSource,
          externalId: row.id,
        },
        deps.clock,
      )
      const protectedUntil = addDays(now, settings.protectionDays)
      return {
        patch: { status: 'approved', ...decided(scope, now), protectedUntil, dealId, accountId },
        note: { kind: 'approved', message: input.note ?? null },
        mail: {
          subject: 'Deal registration approved',
          lines: [
            `Your registration of ${row.accountName} was approved.`,
            `It is protected until ${day(protectedUntil)}.`,
            ...(input.note ? ['', input.note] : []),
          ],
        },
      }
    },
  )

async function linkOpenDeal(tx: Db, scope: Scope, dealId: string) {
  const deal = await getDeal(tx, scope, dealId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND')
      throw invalidField('dealId', `deal ${dealId} not found`)
    throw error
  })
  if (deal.status !== 'open')
    throw invalidField('dealId', `the deal is ${deal.status}: only an open deal can be linked`)
  return { dealId: deal.id, accountId: deal.accountId }
}

async function createDeal(tx: Db, scope: Scope, row: RegistrationRow, clock: Clock) {
  const ref = { source: registrationSource, externalId: row.id }
  const [byDomain] = row.domain
    ? (await findAccountMatches(tx, scope.orgId, { domain: row.domain, words: [], limit: 1 })).filter(
        (account) => account.domain?.toLowerCase() === row.domain,
      )
    : []
  const accountId =
    byDomain?.id ??
    (await upsertAccount(tx, scope, { name: row.accountName, domain: row.domain, ...ref }, clock)).account.id
  const { deal } = await upsertDeal(
    tx,
    scope,
    {
      name: `${row.accountName} — ${row.products[0] ?? 'registered deal'}`,
      accountId,
      amount: formatAmount(row.amountMinor, row.currency),
      currency: row.currency,
      stage: 'registered',
      status: 'open',
      type: 'new',
      openedAt: row.submittedAt.toISOString(),
      closedAt: null,
      owner: null,
      parentDealId: null,
      ...ref,
    },
    clock,
  )
  return { dealId: deal.id, accountId }
}

export const rejectRegistration: Decision<string> = (db, scope, id, reason, deps) =>
  decide(
    db,
    scope,
    id,
    deps,
    { permission: 'registrations.review', name: 'rejected', from: awaitingDecision },
    async (_tx, row, _settings, now) => ({
      patch: { status: 'rejected', ...decided(scope, now) },
      note: { kind: 'rejected', message: reason },
      mail: {
        subject: 'Deal registration rejected',
        lines: [`Your registration of ${row.accountName} was rejected.`, '', `Reason: ${reason}`],
      },
    }),
  )

/** Asks the partner for more; the review clock stops until they answer. */
export const requestRegistrationInfo: Decision<string> = (db, scope, id, message, deps) =>
  decide(
    db,
    scope,
    id,
    deps,
    { permission: 'registrations.review', name: 'asked for more information', from: ['pending'] },
    async (_tx, row) => ({
      patch: { status: 'info_requested', reviewDueAt: null },
      note: { kind: 'info_requested', message },
      mail: {
        subject: 'More information needed for your deal registration',
        lines: [
          `Your partner manager needs more information about your registration of ${row.accountName}:`,
          '',
          message,
          '',
          'Answer in the partner portal to return it to review.',
        ],
      },
    }),
  )

/** The partner's answer (or staff's on their behalf): back to review, due again after the SLA. */
export const replyToRegistration: Decision<string> = (db, scope, id, message, deps) =>
  decide(
    db,
    scope,
    id,
    deps,
    { permission: 'registrations.submit', name: 'answered: nothing was asked', from: ['info_requested'] },
    async (_tx, _row, settings, now) => ({
      patch: { status: 'pending', reviewDueAt: addHours(now, settings.reviewSlaHours) },
      note: { kind: 'replied', message },
    }),
  )

/** Adds days to an approval's protection, up to the org's number of extensions. */
export const extendRegistration: Decision<ExtendRegistrationInput> = (db, scope, id, input, deps) =>
  decide(
    db,
    scope,
    id,
    deps,
    { permission: 'registrations.review', name: 'extended', from: ['approved'] },
    async (_tx, row, settings) => {
      if (row.extensions >= settings.maxExtensions)
        throw new AppError(
          'CONFLICT',
          `The registration was extended ${row.extensions} times already, the most this org allows`,
          [{ path: 'extensions', message: `at most ${settings.maxExtensions}` }],
        )
      const days = input.days ?? settings.extensionDays
      const protectedUntil = addDays(row.protectedUntil!, days)
      return {
        patch: { protectedUntil, extensions: row.extensions + 1 },
        note: {
          kind: 'extended',
          message: `+${days} days, protected until ${day(protectedUntil)}${input.note ? `: ${input.note}` : ''}`,
        },
        mail: {
          subject: 'Deal registration extended',
          lines: [`Your registration of ${row.accountName} is now protected until ${day(protectedUntil)}.`],
        },
      }
    },
  )

/** Marks approvals whose protection has ended as expired, in every org, in batches. Returns how many. */
export async function expireRegistrations(db: Db, deps: ReviewDeps, batchSize = 200): Promise<number> {
  let expired = 0
  for (;;) {
    const due = await db
      .select({ orgId: dealRegistrations.orgId, id: dealRegistrations.id })
      .from(dealRegistrations)
      .where(
        and(
          eq(dealRegistrations.status, 'approved'),
          lte(dealRegistrations.protectedUntil, deps.clock.now()),
        ),
      )
      .orderBy(asc(dealRegistrations.protectedUntil))
      .limit(batchSize)
    for (const { orgId, id } of due) {
      const changed = await transition(
        db,
        systemScope(orgId),
        id,
        deps,
        { name: 'expired', from: ['approved'] },
        async (_tx, row, _settings, now) => {
          // extended since it was found: nothing to do (the caller sees the conflict)
          if (row.protectedUntil! > now) throw new AppError('CONFLICT', 'extended meanwhile')
          return {
            patch: { status: 'expired' },
            note: { kind: 'expired', message: `protection ended ${day(row.protectedUntil)}` },
          }
        },
      ).then(
        () => true,
        (error: unknown) => {
          if (error instanceof AppError && error.code === 'CONFLICT') return false
          throw error
        },
      )
      if (changed) expired++
    }
    if (due.length < batchSize) return expired
  }
}

export const expireJob = 'revenue.expire-registrations'
