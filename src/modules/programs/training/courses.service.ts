// Courses as staff keep them and learners read them: create and change (lessons and questions keep
// their ids across edits), publish and archive; the list with the caller's own standing (and, for
// staff, how many people started, passed and are certified); one course as a learner sees it —
// without the correct choices — or as staff edit it.
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, invalidField } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import type { Scope } from '../../../platform/scope'
import { programsPermissions } from '../programs.permissions'
import {
  type CourseListItem,
  type CourseListQuery,
  type CourseView,
  type CreateCourseInput,
  createCourseInput,
  type LessonDefinition,
  type QuizDefinition,
  type UpdateCourseInput,
  updateCourseInput,
} from './training.contract'
import { courses, trainingIds } from './training.tables'
import {
  type CourseRow,
  findCourse,
  isComplete,
  type Progress,
  progressKey,
  readProgress,
  viewCertificates,
  visibleCourses,
} from './training-reads'
import { sanitizeLessonBody } from './training-rules'

type ParsedCreate = ReturnType<typeof createCourseInput.parse>
type ParsedUpdate = ReturnType<typeof updateCourseInput.parse>

/** Keeps the ids of items that had one (refusing ids the course does not have), gives new ones theirs. */
function keepIds<T extends { id?: string | undefined }>(
  items: readonly T[],
  known: ReadonlySet<string>,
  path: string,
  newId: () => string,
): (T & { id: string })[] {
  const seen = new Set<string>()
  return items.map((item, i) => {
    if (item.id !== undefined) {
      if (!known.has(item.id)) throw invalidField(`${path}[${i}].id`, `is not one of this course’s ${path}`)
      if (seen.has(item.id)) throw invalidField(`${path}[${i}].id`, 'appears twice')
      seen.add(item.id)
    }
    return { ...item, id: item.id ?? newId() }
  })
}

function readLessons(
  input: NonNullable<ParsedCreate['lessons']>,
  current: readonly LessonDefinition[],
): LessonDefinition[] {
  return keepIds(input, new Set(current.map((l) => l.id)), 'lessons', trainingIds.lesson).map((lesson) => ({
    id: lesson.id,
    title: lesson.title,
    body: sanitizeLessonBody(lesson.body),
    links: lesson.links,
    files: lesson.files,
  }))
}

function readQuiz(input: ParsedCreate['quiz'], current: QuizDefinition | null): QuizDefinition | null {
  if (input === null) return null
  const known = new Set(current?.questions.map((q) => q.id) ?? [])
  return {
    passMarkPercent: input.passMarkPercent,
    questions: keepIds(input.questions, known, 'quiz.questions', trainingIds.question).map((q) => ({
      id: q.id,
      prompt: q.prompt,
      choices: q.choices.map((c) => ({ text: c.text, isCorrect: c.isCorrect })),
    })),
  }
}

/** A certification is earned by passing the quiz, and a published course must have something to open. */
function checkCourse(row: Pick<CourseRow, 'lessons' | 'quiz' | 'certificationName' | 'status'>): void {
  if (row.certificationName !== null && row.quiz === null)
    throw invalidField('certification', 'a certification is earned by passing the quiz: add a quiz first')
  if (row.status === 'published' && row.lessons.length === 0)
    throw invalidField('lessons', 'a published course needs at least one lesson')
}

const people = (progress: Iterable<Progress>, now: Date) => {
  let started = 0
  let passed = 0
  let certified = 0
  for (const p of progress) {
    started++
    if (p.passedAt) passed++
    if (p.certificate && (p.certificate.expiresAt === null || p.certificate.expiresAt > now)) certified++
  }
  return { started, passed, certified }
}

async function viewCourse(db: Db, scope: Scope, row: CourseRow, now: Date): Promise<CourseView> {
  const isManager = programsPermissions.can(scope, 'training.manage')
  const userId = scope.actor.type === 'user' ? scope.actor.id : null
  const mine = userId
    ? (await readProgress(db, scope.orgId, { courseIds: [row.id], userIds: [userId] })).get(
        progressKey(row.id, userId),
      )
    : undefined
  const [certificate] = mine?.certificate
    ? await viewCertificates(db, scope.orgId, [mine.certificate], now)
    : []
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    status: row.status,
    lessons: row.lessons,
    quiz: row.quiz && {
      passMarkPercent: row.quiz.passMarkPercent,
      questions: row.quiz.questions.map((q) => ({
        id: q.id,
        prompt: q.prompt,
        isMultiple: q.choices.filter((c) => c.isCorrect).length > 1,
        // the correct choices are for those who write the quiz, never for those who take it
        choices: q.choices.map((c) =>
          isManager ? { text: c.text, isCorrect: c.isCorrect } : { text: c.text },
        ),
      })),
    },
    certification: row.certificationName
      ? { name: row.certificationName, validityMonths: row.validityMonths }
      : null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    my: {
      lessonsOpened: row.lessons.filter((l) => mine?.lessonsOpened.has(l.id)).map((l) => l.id),
      attempts: mine?.attempts ?? 0,
      bestScorePercent: mine?.bestScorePercent ?? null,
      passedAt: mine?.passedAt?.toISOString() ?? null,
      isComplete: isComplete(row, mine),
      certificate: certificate ?? null,
    },
  }
}

export async function getCourse(db: Db, scope: Scope, id: string, clock: Clock): Promise<CourseView> {
  programsPermissions.require(scope, 'programs.read')
  return viewCourse(db, scope, await findCourse(db, scope, id), clock.now())
}

export async function listCourses(
  db: Db,
  scope: Scope,
  query: CourseListQuery,
  clock: Clock,
): Promise<{ items: CourseListItem[] }> {
  programsPermissions.require(scope, 'programs.read')
  const now = clock.now()
  const isManager = programsPermissions.can(scope, 'training.manage')
  const rows = await db
    .select()
    .from(courses)
    .where(
      and(visibleCourses(scope), query.status && isManager ? eq(courses.status, query.status) : undefined),
    )
    .orderBy(asc(courses.title), asc(courses.id))
  const ids = rows.map((r) => r.id)
  const userId = scope.actor.type === 'user' ? scope.actor.id : null
  const mine = userId ? await readProgress(db, scope.orgId, { courseIds: ids, userIds: [userId] }) : new Map()
  const everyone = programsPermissions.can(scope, 'training.people') && !scope.partnerId
  const all = everyone ? await readProgress(db, scope.orgId, { courseIds: ids }) : null
  const held = [...mine.values()].flatMap((p: Progress) => (p.certificate ? [p.certificate] : []))
  const certificateViews = new Map(
    (await viewCertificates(db, scope.orgId, held, now)).map((c) => [c.courseId, c]),
  )
  return {
    items: rows.map((row) => {
      const own: Progress | undefined = userId ? mine.get(progressKey(row.id, userId)) : undefined
      return {
        id: row.id,
        title: row.title,
        summary: row.summary,
        status: row.status,
        lessonCount: row.lessons.length,
        questionCount: row.quiz?.questions.length ?? 0,
        passMarkPercent: row.quiz?.passMarkPercent ?? null,
        certification: row.certificationName
          ? { name: row.certificationName, validityMonths: row.validityMonths }
          : null,
        publishedAt: row.publishedAt?.toISOString() ?? null,
        updatedAt: row.updatedAt.toISOString(),
        my: {
          lessonsOpened: row.lessons.filter((l) => own?.lessonsOpened.has(l.id)).length,
          isPassed: Boolean(own?.passedAt),
          isComplete: isComplete(row, own),
          certificate: certificateViews.get(row.id) ?? null,
        },
        people: all
          ? people(
              [...all.values()].filter((p) => p.courseId === row.id),
              now,
            )
          : null,
      }
    }),
  }
}

export async function createCourse(
  db: Db,
  scope: Scope,
  input: CreateCourseInput,
  clock: Clock,
): Promise<CourseView> {
  programsPermissions.require(scope, 'training.manage')
  const parsed = createCourseInput.parse(input)
  const now = clock.now()
  const row: CourseRow = {
    orgId: scope.orgId,
    id: trainingIds.course(),
    title: parsed.title,
    summary: parsed.summary,
    status: 'draft',
    lessons: readLessons(parsed.lessons, []),
    quiz: readQuiz(parsed.quiz, null),
    certificationName: parsed.certification?.name ?? null,
    validityMonths: parsed.certification?.validityMonths ?? null,
    publishedAt: null,
    createdAt: now,
    updatedAt: now,
  }
  checkCourse(row)
  await db.transaction(async (tx) => {
    await tx.insert(courses).values(row)
    await writeAudit(
      tx,
      scope,
      { action: 'course.created', entityType: 'course', entityId: row.id, after: auditable(row) },
      clock,
    )
  })
  return viewCourse(db, scope, row, now)
}

const auditable = (row: CourseRow) => ({
  title: row.title,
  status: row.status,
  lessons: row.lessons.map((l) => l.id),
  questions: row.quiz?.questions.map((q) => q.id) ?? [],
  passMarkPercent: row.quiz?.passMarkPercent ?? null,
  certification: row.certificationName,
  validityMonths: row.validityMonths,
})

/** Locks the course, applies the change, checks the result and records it with an audit entry. */
async function changeCourse(
  db: Db,
  scope: Scope,
  id: string,
  clock: Clock,
  action: string,
  change: (row: CourseRow, now: Date) => Partial<CourseRow>,
): Promise<CourseView> {
  programsPermissions.require(scope, 'training.manage')
  const now = clock.now()
  const updated = await db.transaction(async (tx) => {
    const row = await findCourse(tx, scope, id, true)
    const next = { ...row, ...change(row, now), updatedAt: now }
    checkCourse(next)
    await tx
      .update(courses)
      .set(next)
      .where(and(eq(courses.orgId, scope.orgId), eq(courses.id, id)))
    await writeAudit(
      tx,
      scope,
      { action, entityType: 'course', entityId: id, before: auditable(row), after: auditable(next) },
      clock,
    )
    return next
  })
  return viewCourse(db, scope, updated, now)
}

/**
 * Changes a course: lessons and questions sent with their id keep it (and the progress on them); ones
 * left out are removed. A certificate already issued stays as it was issued.
 */
export function updateCourse(
  db: Db,
  scope: Scope,
  id: string,
  input: UpdateCourseInput,
  clock: Clock,
): Promise<CourseView> {
  const parsed: ParsedUpdate = updateCourseInput.parse(input)
  return changeCourse(db, scope, id, clock, 'course.changed', (row) => ({
    ...(parsed.title !== undefined ? { title: parsed.title } : {}),
    ...(parsed.summary !== undefined ? { summary: parsed.summary } : {}),
    ...(parsed.lessons !== undefined ? { lessons: readLessons(parsed.lessons, row.lessons) } : {}),
    ...(parsed.quiz !== undefined ? { quiz: readQuiz(parsed.quiz, row.quiz) } : {}),
    ...(parsed.certification !== undefined
      ? {
          certificationName: parsed.certification?.name ?? null,
          validityMonths: parsed.certification?.validityMonths ?? null,
        }
      : {}),
  }))
}

/** Partners see a published course in their training center. */
export const publishCourse = (db: Db, scope: Scope, id: string, clock: Clock) =>
  changeCourse(db, scope, id, clock, 'course.published', (row, now) => {
    if (row.status === 'published')
      throw new AppError('CONFLICT', 'The course is already published', [
        { path: 'status', message: 'is published' },
      ])
    return { status: 'published', publishedAt: now }
  })

/** Hidden from partners again; the progress and certificates earned on it stay. */
export const archiveCourse = (db: Db, scope: Scope, id: string, clock: Clock) =>
  changeCourse(db, scope, id, clock, 'course.archived', (row) => {
    if (row.status === 'archived')
      throw new AppError('CONFLICT', 'The course is already archived', [
        { path: 'status', message: 'is archived' },
      ])
    return { status: 'archived' }
  })
