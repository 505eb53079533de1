// Progress as staff and partner admins follow it: per course (each person who started it: lessons
// opened, attempts, best score, pass and certificate, with totals) and per partner (each of its people
// on each course, and how many hold a certificate now — the figure tiers count). A partner admin sees
// only their own partner's people; a partner member only themselves.
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { notFound } from '../../../platform/app-error'
import type { Clock } from '../../../platform/clock'
import type { Scope } from '../../../platform/scope'
import { findUsers } from '../../identity'
import { findPartners } from '../../partners'
import { programsPermissions } from '../programs.permissions'
import { countCertifiedPeople } from './certificates.service'
import type { CourseProgressView, PartnerTrainingView } from './training.contract'
import { courses } from './training.tables'
import {
  type CourseRow,
  findCourse,
  isComplete,
  type Progress,
  readProgress,
  viewCertificates,
} from './training-reads'

const isHeld = (p: Progress, now: Date) =>
  p.certificate !== null && (p.certificate.expiresAt === null || p.certificate.expiresAt > now)

/** A person's standing on a course as lists show it. */
async function personViews(
  db: Db,
  orgId: string,
  rows: { course: CourseRow; progress: Progress }[],
  now: Date,
) {
  const held = rows.flatMap((r) => (r.progress.certificate ? [r.progress.certificate] : []))
  const views = new Map((await viewCertificates(db, orgId, held, now)).map((c) => [c.id, c]))
  return rows.map(({ course, progress }) => ({
    lessonsOpened: course.lessons.filter((l) => progress.lessonsOpened.has(l.id)).length,
    lessonCount: course.lessons.length,
    attempts: progress.attempts,
    bestScorePercent: progress.bestScorePercent,
    passedAt: progress.passedAt?.toISOString() ?? null,
    isComplete: isComplete(course, progress),
    certificate: progress.certificate ? (views.get(progress.certificate.id) ?? null) : null,
  }))
}

export async function getCourseProgress(
  db: Db,
  scope: Scope,
  courseId: string,
  clock: Clock,
): Promise<CourseProgressView> {
  programsPermissions.require(scope, 'training.people')
  const course = await findCourse(db, scope, courseId)
  const now = clock.now()
  const progress = [
    ...(
      await readProgress(db, scope.orgId, {
        courseIds: [courseId],
        ...(scope.partnerId ? { partnerId: scope.partnerId } : {}),
      })
    ).values(),
  ]
  const people = await findUsers(
    db,
    scope.orgId,
    progress.map((p) => p.userId),
  )
  const partners = await findPartners(
    db,
    scope.orgId,
    progress.flatMap((p) => (p.partnerId ? [p.partnerId] : [])),
  )
  const standing = await personViews(
    db,
    scope.orgId,
    progress.map((p) => ({ course, progress: p })),
    now,
  )
  const rows = progress
    .map((p, i) => ({
      userId: p.userId,
      name: people.get(p.userId)?.name ?? null,
      email: people.get(p.userId)?.email ?? null,
      partnerId: p.partnerId,
      partnerName: p.partnerId ? (partners.get(p.partnerId)?.name ?? null) : null,
      lastActivityAt: p.lastActivityAt.toISOString(),
      ...standing[i]!,
    }))
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.userId.localeCompare(b.userId))
  return {
    courseId,
    title: course.title,
    lessonCount: course.lessons.length,
    hasQuiz: course.quiz !== null,
    totals: {
      started: progress.length,
      completed: rows.filter((r) => r.isComplete).length,
      passed: progress.filter((p) => p.passedAt !== null).length,
      certified: progress.filter((p) => isHeld(p, now)).length,
    },
    people: rows,
  }
}

export async function getPartnerTraining(
  db: Db,
  scope: Scope,
  partnerId: string,
  clock: Clock,
): Promise<PartnerTrainingView> {
  programsPermissions.require(scope, 'programs.read')
  if (scope.partnerId && scope.partnerId !== partnerId) throw notFound('Partner', partnerId)
  const partner = (await findPartners(db, scope.orgId, [partnerId])).get(partnerId)
  if (!partner) throw notFound('Partner', partnerId)
  const now = clock.now()
  // a partner member sees only themselves
  const userIds = programsPermissions.can(scope, 'training.people')
    ? {}
    : { userIds: scope.actor.type === 'user' ? [scope.actor.id] : [] }
  const progress = [...(await readProgress(db, scope.orgId, { partnerId, ...userIds })).values()]
  const courseRows = progress.length
    ? await db
        .select()
        .from(courses)
        .where(
          and(
            eq(courses.orgId, scope.orgId),
            inArray(courses.id, [...new Set(progress.map((p) => p.courseId))]),
          ),
        )
    : []
  const byCourse = new Map(courseRows.map((c) => [c.id, c]))
  const known = progress.filter((p) => byCourse.has(p.courseId))
  const standing = await personViews(
    db,
    scope.orgId,
    known.map((p) => ({ course: byCourse.get(p.courseId)!, progress: p })),
    now,
  )
  const names = await findUsers(
    db,
    scope.orgId,
    known.map((p) => p.userId),
  )
  const people = new Map<string, PartnerTrainingView['people'][number]>()
  known.forEach((p, i) => {
    let person = people.get(p.userId)
    if (!person) {
      person = { userId: p.userId, name: names.get(p.userId)?.name ?? null, courses: [] }
      people.set(p.userId, person)
    }
    person.courses.push({ courseId: p.courseId, title: byCourse.get(p.courseId)!.title, ...standing[i]! })
  })
  for (const person of people.values()) person.courses.sort((a, b) => a.title.localeCompare(b.title))
  return {
    partnerId,
    partnerName: partner.name,
    certifiedPeople: (await countCertifiedPeople(db, scope.orgId, [partnerId], now)).get(partnerId) ?? 0,
    people: [...people.values()].sort(
      (a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.userId.localeCompare(b.userId),
    ),
  }
}
