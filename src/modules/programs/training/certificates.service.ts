// Certificates people hold: the list as each caller may see it (staff: everyone; a partner admin: their
// partner's people; anyone else: their own), each partner's certified people (what tier criteria
// count), and the renewal reminders the worker queues through the mail outbox a set number of days
// before a certificate expires — one per certificate and expiry.
import { and, asc, desc, eq, gt, inArray, isNull, lte, notExists, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError } from '../../../platform/app-error'
import type { Clock } from '../../../platform/clock'
import { queueMail } from '../../../platform/mail'
import { afterCursor, countRows, toPage } from '../../../platform/pagination'
import type { Scope } from '../../../platform/scope'
import { findUserEmail } from '../../identity'
import { programsPermissions } from '../programs.permissions'
import type { CertificateQuery } from './training.contract'
import { certificateReminders, certificates, courses } from './training.tables'
import { viewCertificates } from './training-reads'
import { reminderDays } from './training-rules'

const day = 86_400_000

/** Staff see everyone's certificates; a partner admin their own partner's people's; anyone else their own. */
export function visibleCertificates(scope: Scope): SQL {
  const org = eq(certificates.orgId, scope.orgId)
  const own = scope.actor.type === 'user' ? eq(certificates.userId, scope.actor.id) : (sql`false` as SQL)
  if (!programsPermissions.can(scope, 'training.people')) return and(org, own)!
  return scope.partnerId ? and(org, eq(certificates.partnerId, scope.partnerId))! : org
}

function standingFilter(status: CertificateQuery['status'], now: Date): SQL | undefined {
  const soon = new Date(now.getTime() + reminderDays * day)
  if (status === 'expired') return lte(certificates.expiresAt, now)
  if (status === 'expiring') return and(gt(certificates.expiresAt, now), lte(certificates.expiresAt, soon))
  if (status === 'valid') return or(isNull(certificates.expiresAt), gt(certificates.expiresAt, soon))
  return undefined
}

export async function listCertificates(db: Db, scope: Scope, query: CertificateQuery, clock: Clock) {
  programsPermissions.require(scope, 'programs.read')
  if (scope.partnerId && query.partnerId && query.partnerId !== scope.partnerId)
    throw new AppError(
      'FORBIDDEN',
      "query.partnerId: a partner user sees only their own partner's certificates",
      [{ path: 'query.partnerId', message: 'may name only your own partner' }],
    )
  const now = clock.now()
  const c = certificates
  const filters = and(
    visibleCertificates(scope),
    query.partnerId ? eq(c.partnerId, query.partnerId) : undefined,
    query.courseId ? eq(c.courseId, query.courseId) : undefined,
    query.mine ? (scope.actor.type === 'user' ? eq(c.userId, scope.actor.id) : sql`false`) : undefined,
    standingFilter(query.status, now),
  )
  const rows = await db
    .select()
    .from(c)
    .where(and(filters, afterCursor(c.id, query.cursor)))
    .orderBy(desc(c.id))
    .limit(query.limit + 1)
  const views = await viewCertificates(db, scope.orgId, rows.slice(0, query.limit), now)
  return toPage(
    rows,
    query.limit,
    (row) => row.id,
    (_, i) => views[i]!,
    await countRows(db, c, filters),
  )
}

/**
 * How many of each partner's people hold a certificate that has not expired (each person once,
 * whatever the number of certificates): the figure tier criteria on certifications read.
 */
export async function countCertifiedPeople(
  db: Db,
  orgId: string,
  partnerIds: readonly string[],
  now: Date,
): Promise<Map<string, number>> {
  if (partnerIds.length === 0) return new Map()
  const rows = await db
    .select({
      partnerId: certificates.partnerId,
      people: sql<number>`count(distinct ${certificates.userId})::int`,
    })
    .from(certificates)
    .where(
      and(
        eq(certificates.orgId, orgId),
        inArray(certificates.partnerId, [...new Set(partnerIds)]),
        or(
          isNull(certificates.expiresAt),
          sql`${certificates.expiresAt} > ${now.toISOString()}::timestamptz`,
        ),
      ),
    )
    .groupBy(certificates.partnerId)
  return new Map(rows.map((r) => [r.partnerId ?? '', r.people]))
}

export interface ReminderDeps {
  clock: Clock
  publicUrl: string
}

const calendarDay = (at: Date) => at.toISOString().slice(0, 10)

/**
 * Queues a renewal reminder for every certificate, in every org, that expires within `reminderDays`
 * and has had none for this expiry. The reminder's key (certificate, expiry) is claimed in the same
 * transaction as the mail, so two workers at once, or a run repeated, never write twice; a renewed
 * certificate has a new expiry and is reminded again before it. Returns how many mails were queued.
 */
export async function remindExpiringCertificates(
  db: Db,
  deps: ReminderDeps,
  batchSize = 200,
): Promise<number> {
  const now = deps.clock.now()
  const until = new Date(now.getTime() + reminderDays * day)
  let queued = 0
  for (;;) {
    const due = await db
      .select({ certificate: certificates, courseTitle: courses.title })
      .from(certificates)
      .leftJoin(courses, and(eq(courses.orgId, certificates.orgId), eq(courses.id, certificates.courseId)))
      .where(
        and(
          gt(certificates.expiresAt, now),
          lte(certificates.expiresAt, until),
          notExists(
            db
              .select({ one: sql`1` })
              .from(certificateReminders)
              .where(
                and(
                  eq(certificateReminders.orgId, certificates.orgId),
                  eq(certificateReminders.certificateId, certificates.id),
                  eq(certificateReminders.expiresAt, certificates.expiresAt),
                ),
              ),
          ),
        ),
      )
      .orderBy(asc(certificates.expiresAt), asc(certificates.id))
      .limit(batchSize)
    for (const { certificate, courseTitle } of due) {
      const sent = await db.transaction(async (tx) => {
        const [claimed] = await tx
          .insert(certificateReminders)
          .values({
            orgId: certificate.orgId,
            certificateId: certificate.id,
            expiresAt: certificate.expiresAt!,
            at: now,
          })
          .onConflictDoNothing()
          .returning()
        // another run claimed it first
        if (!claimed) return false
        const to = await findUserEmail(tx, certificate.orgId, certificate.userId)
        if (!to) return false
        const mailId = await queueMail(
          tx,
          certificate.orgId,
          {
            to,
            subject: `Your certificate ${certificate.name} expires on ${calendarDay(certificate.expiresAt!)}`,
            text: [
              `Your certificate “${certificate.name}” expires on ${calendarDay(certificate.expiresAt!)}.`,
              `Take ${courseTitle ? `the course “${courseTitle}”` : 'its course'} again and pass the quiz to renew it.`,
              '',
              `Your training: ${deps.publicUrl}${certificate.partnerId ? '/portal/training' : '/training/courses'}/${certificate.courseId}`,
            ].join('\n'),
          },
          deps.clock,
        )
        await tx
          .update(certificateReminders)
          .set({ mailId })
          .where(
            and(
              eq(certificateReminders.orgId, certificate.orgId),
              eq(certificateReminders.certificateId, certificate.id),
              eq(certificateReminders.expiresAt, certificate.expiresAt!),
            ),
          )
        return true
      })
      if (sent) queued++
    }
    if (due.length < batchSize) return queued
  }
}

export const certificateRemindersJob = 'programs.certificate-reminders'

/**
 * For each partner among these, the courses among these on which someone at the partner holds a
 * certificate that has not expired, with when the first of them was issued: what an onboarding step on
 * a course asks for.
 */
export async function partnerCourseCertificates(
  db: Db,
  orgId: string,
  partnerIds: readonly string[],
  courseIds: readonly string[],
  now: Date,
): Promise<Map<string, Map<string, Date>>> {
  const found = new Map<string, Map<string, Date>>()
  if (partnerIds.length === 0 || courseIds.length === 0) return found
  const rows = await db
    .select({
      partnerId: certificates.partnerId,
      courseId: certificates.courseId,
      firstAt: sql<string>`min(${certificates.firstIssuedAt})`,
    })
    .from(certificates)
    .where(
      and(
        eq(certificates.orgId, orgId),
        inArray(certificates.partnerId, [...new Set(partnerIds)]),
        inArray(certificates.courseId, [...new Set(courseIds)]),
        or(
          isNull(certificates.expiresAt),
          sql`${certificates.expiresAt} > ${now.toISOString()}::timestamptz`,
        ),
      ),
    )
    .groupBy(certificates.partnerId, certificates.courseId)
  for (const row of rows) {
    const byCourse = found.get(row.partnerId!) ?? new Map<string, Date>()
    byCourse.set(row.courseId, new Date(row.firstAt))
    found.set(row.partnerId!, byCourse)
  }
  return found
}
