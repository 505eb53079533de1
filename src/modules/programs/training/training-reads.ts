// Reading training records for the services: the courses a caller may see, each person's progress on
// each course (lessons opened, attempts, best score, first pass, certificate) in three reads, and
// certificates as the API shows them, with course, person and partner names.
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { notFound } from '../../../platform/app-error'
import type { Scope } from '../../../platform/scope'
import { findUsers } from '../../identity'
import { findPartners } from '../../partners'
import { programsPermissions } from '../programs.permissions'
import type { CertificateView } from './training.contract'
import { certificates, courses, lessonViews, quizAttempts } from './training.tables'
import { certificateStanding } from './training-rules'

export type CourseRow = typeof courses.$inferSelect
export type CertificateRow = typeof certificates.$inferSelect

/** Those who keep the courses see every course; everyone else sees published ones. */
export function visibleCourses(scope: Scope): SQL {
  const org = eq(courses.orgId, scope.orgId)
  return programsPermissions.can(scope, 'training.manage') ? org : and(org, eq(courses.status, 'published'))!
}

/** The course in the caller's view, or 404. `forUpdate` locks it for a change. */
export async function findCourse(db: Db, scope: Scope, id: string, forUpdate = false): Promise<CourseRow> {
  const query = db
    .select()
    .from(courses)
    .where(and(visibleCourses(scope), eq(courses.id, id)))
  const [row] = forUpdate ? await query.for('update') : await query
  if (!row) throw notFound('Course', id)
  return row
}

/** One person's standing on one course. */
export interface Progress {
  courseId: string
  userId: string
  partnerId: string | null
  lessonsOpened: Set<string>
  attempts: number
  bestScorePercent: number | null
  passedAt: Date | null
  certificate: CertificateRow | null
  lastActivityAt: Date
}

export const progressKey = (courseId: string, userId: string) => `${courseId}:${userId}`

/** Which people's progress to read: on some courses, of some people, of one partner's people. */
export interface ProgressFilter {
  courseIds?: readonly string[]
  userIds?: readonly string[]
  partnerId?: string
}

const filterOn = (
  orgId: string,
  table: typeof lessonViews | typeof quizAttempts | typeof certificates,
  filter: ProgressFilter,
): SQL =>
  and(
    eq(table.orgId, orgId),
    filter.courseIds ? inArray(table.courseId, [...filter.courseIds]) : undefined,
    filter.userIds ? inArray(table.userId, [...filter.userIds]) : undefined,
    filter.partnerId ? eq(table.partnerId, filter.partnerId) : undefined,
  )!

/** Everyone's progress matching the filter, by `progressKey`: only people who did something appear. */
export async function readProgress(
  db: Db,
  orgId: string,
  filter: ProgressFilter,
): Promise<Map<string, Progress>> {
  if (filter.courseIds?.length === 0 || filter.userIds?.length === 0) return new Map()
  const progress = new Map<string, Progress>()
  const entry = (courseId: string, userId: string, partnerId: string | null, at: Date): Progress => {
    const key = progressKey(courseId, userId)
    let found = progress.get(key)
    if (!found) {
      found = {
        courseId,
        userId,
        partnerId,
        lessonsOpened: new Set(),
        attempts: 0,
        bestScorePercent: null,
        passedAt: null,
        certificate: null,
        lastActivityAt: at,
      }
      progress.set(key, found)
    }
    if (at > found.lastActivityAt) found.lastActivityAt = at
    found.partnerId ??= partnerId
    return found
  }
  const views = await db
    .select()
    .from(lessonViews)
    .where(filterOn(orgId, lessonViews, filter))
  for (const view of views)
    entry(view.courseId, view.userId, view.partnerId, view.openedAt).lessonsOpened.add(view.lessonId)
  const attempts = await db
    .select({
      courseId: quizAttempts.courseId,
      userId: quizAttempts.userId,
      partnerId: sql<string | null>`max(${quizAttempts.partnerId})`,
      attempts: sql<number>`count(*)::int`,
      best: sql<number>`max(floor(${quizAttempts.correct} * 100 / ${quizAttempts.questions}))::int`,
      passedAt: sql<string | null>`min(${quizAttempts.at}) filter (where ${quizAttempts.isPassed})`,
      lastAt: sql<string>`max(${quizAttempts.at})`,
    })
    .from(quizAttempts)
    .where(filterOn(orgId, quizAttempts, filter))
    .groupBy(quizAttempts.courseId, quizAttempts.userId)
  for (const a of attempts) {
    const found = entry(a.courseId, a.userId, a.partnerId, new Date(a.lastAt))
    found.attempts = a.attempts
    found.bestScorePercent = a.best
    found.passedAt = a.passedAt ? new Date(a.passedAt) : null
  }
  const held = await db
    .select()
    .from(certificates)
    .where(filterOn(orgId, certificates, filter))
  for (const certificate of held)
    entry(certificate.courseId, certificate.userId, certificate.partnerId, certificate.issuedAt).certificate =
      certificate
  return progress
}

/** Every lesson opened, and the quiz passed if the course has one. */
export const isComplete = (course: CourseRow, progress: Progress | undefined): boolean =>
  progress !== undefined &&
  course.lessons.every((lesson) => progress.lessonsOpened.has(lesson.id)) &&
  (course.quiz === null || progress.passedAt !== null)

/** Certificates with their course's title and their holder's and partner's names, in three reads. */
export async function viewCertificates(
  db: Db,
  orgId: string,
  rows: readonly CertificateRow[],
  now: Date,
): Promise<CertificateView[]> {
  if (rows.length === 0) return []
  const titles = new Map(
    (
      await db
        .select({ id: courses.id, title: courses.title })
        .from(courses)
        .where(and(eq(courses.orgId, orgId), inArray(courses.id, [...new Set(rows.map((r) => r.courseId))])))
    ).map((c) => [c.id, c.title]),
  )
  const people = await findUsers(
    db,
    orgId,
    rows.map((r) => r.userId),
  )
  const partners = await findPartners(
    db,
    orgId,
    rows.flatMap((r) => (r.partnerId ? [r.partnerId] : [])),
  )
  return rows.map((row) => ({
    id: row.id,
    courseId: row.courseId,
    courseTitle: titles.get(row.courseId) ?? null,
    name: row.name,
    userId: row.userId,
    personName: people.get(row.userId)?.name ?? null,
    partnerId: row.partnerId,
    partnerName: row.partnerId ? (partners.get(row.partnerId)?.name ?? null) : null,
    issuedAt: row.issuedAt.toISOString(),
    firstIssuedAt: row.firstIssuedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    renewals: row.renewals,
    status: certificateStanding(row.expiresAt, now),
  }))
}
