// A person taking a course: opening a lesson records their progress (once per lesson), and a quiz
// attempt is graded here on the server — the learner never receives the correct choices — and
// recorded; a pass on a course that grants a certification issues the person's certificate (or renews
// it) with its expiry, in the same transaction as the attempt, an audit entry and an event.
import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { publish } from '../../../platform/events'
import type { Scope } from '../../../platform/scope'
import { programEvents } from '../programs.events'
import { programsPermissions } from '../programs.permissions'
import { getCourse } from './courses.service'
import type { CourseView, QuizAttemptInput, QuizResultView } from './training.contract'
import { certificates, lessonViews, quizAttempts, trainingIds } from './training.tables'
import { findCourse, viewCertificates } from './training-reads'
import { certificateExpiry, gradeQuiz } from './training-rules'

/** Training is recorded for a person: the user behind the session. */
function learnerOf(scope: Scope): string {
  programsPermissions.require(scope, 'training.learn')
  if (scope.actor.type !== 'user')
    throw new AppError('FORBIDDEN', 'Courses are taken by people: sign in as the person taking it')
  return scope.actor.id
}

/** Records that the caller opened a lesson (the first time counts); answers the course as they see it. */
export async function openLesson(
  db: Db,
  scope: Scope,
  courseId: string,
  lessonId: string,
  clock: Clock,
): Promise<CourseView> {
  const userId = learnerOf(scope)
  const course = await findCourse(db, scope, courseId)
  if (!course.lessons.some((lesson) => lesson.id === lessonId)) throw notFound('Lesson', lessonId)
  await db
    .insert(lessonViews)
    .values({
      orgId: scope.orgId,
      courseId,
      userId,
      lessonId,
      partnerId: scope.partnerId ?? null,
      openedAt: clock.now(),
    })
    .onConflictDoNothing()
  return getCourse(db, scope, courseId, clock)
}

/**
 * Grades the caller's answers and records the attempt. On a pass, a course that grants a certification
 * issues the caller's certificate, valid for its months from now (or without expiry); passing again
 * renews it. Attempts sent at once each count, and the person still holds one certificate.
 */
export async function submitQuizAttempt(
  db: Db,
  scope: Scope,
  courseId: string,
  input: QuizAttemptInput,
  clock: Clock,
): Promise<QuizResultView> {
  const userId = learnerOf(scope)
  const course = await findCourse(db, scope, courseId)
  if (!course.quiz)
    throw new AppError('CONFLICT', 'This course has no quiz', [
      { path: 'quiz', message: 'the course has none' },
    ])
  const graded = gradeQuiz(course.quiz, input)
  const now = clock.now()
  const partnerId = scope.partnerId ?? null
  const attemptId = trainingIds.attempt()
  const issued = await db.transaction(async (tx) => {
    await tx.insert(quizAttempts).values({
      orgId: scope.orgId,
      id: attemptId,
      courseId,
      userId,
      partnerId,
      answers: graded.answers,
      correct: graded.correct,
      questions: graded.questions,
      passMarkPercent: course.quiz!.passMarkPercent,
      isPassed: graded.isPassed,
      at: now,
    })
    if (!graded.isPassed || course.certificationName === null) return null
    const expiresAt = certificateExpiry(now, course.validityMonths)
    const [certificate] = await tx
      .insert(certificates)
      .values({
        orgId: scope.orgId,
        id: trainingIds.certificate(),
        courseId,
        userId,
        partnerId,
        name: course.certificationName,
        attemptId,
        issuedAt: now,
        expiresAt,
        renewals: 0,
        firstIssuedAt: now,
      })
      .onConflictDoUpdate({
        target: [certificates.orgId, certificates.courseId, certificates.userId],
        set: {
          partnerId,
          name: course.certificationName,
          attemptId,
          issuedAt: now,
          expiresAt,
          renewals: sql`${certificates.renewals} + 1`,
        },
      })
      .returning()
    const isRenewal = certificate!.renewals > 0
    await writeAudit(
      tx,
      scope,
      {
        action: isRenewal ? 'certificate.renewed' : 'certificate.issued',
        entityType: 'certificate',
        entityId: certificate!.id,
        after: {
          courseId,
          userId,
          partnerId,
          name: certificate!.name,
          expiresAt: expiresAt?.toISOString() ?? null,
          attemptId,
          score: `${graded.correct}/${graded.questions}`,
        },
      },
      clock,
    )
    await publish(
      tx,
      scope,
      programEvents.event('certificate.issued', certificate!.id, {
        certificateId: certificate!.id,
        courseId,
        userId,
        partnerId,
        expiresAt: expiresAt?.toISOString() ?? null,
        isRenewal,
      }),
      clock,
    )
    return certificate!
  })
  const [certificate] = issued ? await viewCertificates(db, scope.orgId, [issued], now) : []
  return {
    id: attemptId,
    courseId,
    correct: graded.correct,
    questions: graded.questions,
    scorePercent: graded.scorePercent,
    passMarkPercent: course.quiz.passMarkPercent,
    isPassed: graded.isPassed,
    results: graded.results,
    certificate: certificate ?? null,
    at: now.toISOString(),
  }
}
