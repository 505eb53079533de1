// Tables programs owns for training: courses with their lessons and quiz (as data), what each person
// opened, their quiz attempts, the certificates they hold, and the renewal reminders already sent.
import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../../platform/columns'
import { defineIds } from '../../../platform/ids'
import type { LessonDefinition, QuizDefinition } from './training.contract'

/** Id prefixes of training records (see the module descriptor). */
export const trainingIds = defineIds({
  course: 'crs',
  lesson: 'lsn',
  question: 'qqn',
  attempt: 'qat',
  certificate: 'crt',
})

/**
 * A course: lessons in order and an optional quiz, kept as data on the course (a lesson and a question
 * keep their id across edits, so progress and attempts still point at them). Partners see it once
 * published; a course that grants a certification names it and how many months it stays valid.
 */
export const courses = pgTable(
  'courses',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    status: text('status', { enum: ['draft', 'published', 'archived'] }).notNull(),
    lessons: jsonb('lessons').$type<LessonDefinition[]>().notNull(),
    /** Null: the course has no quiz. The correct choices never leave the server for a learner. */
    quiz: jsonb('quiz').$type<QuizDefinition | null>(),
    certificationName: text('certification_name'),
    /** Months a certificate stays valid; null: it never expires. */
    validityMonths: integer('validity_months'),
    publishedAt: timestamptz('published_at'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('courses_status_idx').on(t.orgId, t.status, t.title),
  ],
)

/** A lesson a person opened, once per person and lesson (the first time is kept). */
export const lessonViews = pgTable(
  'lesson_views',
  {
    orgId: text('org_id').notNull(),
    courseId: text('course_id').notNull(),
    userId: text('user_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    /** The person's partner when they opened it; null for staff. */
    partnerId: text('partner_id'),
    openedAt: timestamptz('opened_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.courseId, t.userId, t.lessonId] }),
    index('lesson_views_partner_idx').on(t.orgId, t.partnerId, t.courseId),
  ],
)

/** Every quiz attempt, graded on the server: the answers given and the score. Append-only. */
export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    courseId: text('course_id').notNull(),
    userId: text('user_id').notNull(),
    partnerId: text('partner_id'),
    /** Choice indexes chosen, by question id. */
    answers: jsonb('answers').$type<Record<string, number[]>>().notNull(),
    correct: integer('correct').notNull(),
    questions: integer('questions').notNull(),
    passMarkPercent: integer('pass_mark_percent').notNull(),
    isPassed: boolean('is_passed').notNull(),
    at: timestamptz('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('quiz_attempts_person_idx').on(t.orgId, t.courseId, t.userId, t.at),
    index('quiz_attempts_partner_idx').on(t.orgId, t.partnerId, t.courseId),
  ],
)

/**
 * A person's certificate from a course: one per person and course; passing again renews it (a new
 * issue date and expiry, the renewal counted). Tier criteria count the partner's people holding one
 * that has not expired.
 */
export const certificates = pgTable(
  'certificates',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    courseId: text('course_id').notNull(),
    userId: text('user_id').notNull(),
    partnerId: text('partner_id'),
    /** The certification's name when it was issued. */
    name: text('name').notNull(),
    attemptId: text('attempt_id').notNull(),
    issuedAt: timestamptz('issued_at').notNull(),
    /** Null: it never expires. */
    expiresAt: timestamptz('expires_at'),
    renewals: integer('renewals').notNull(),
    firstIssuedAt: timestamptz('first_issued_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('certificates_person_course_idx').on(t.orgId, t.courseId, t.userId),
    index('certificates_partner_idx').on(t.orgId, t.partnerId, t.expiresAt),
    index('certificates_expiry_idx').on(t.orgId, t.expiresAt).where(sql`${t.expiresAt} is not null`),
  ],
)

/**
 * A renewal reminder queued for a certificate's expiry: the key (certificate, expiry) makes a second
 * reminder for the same expiry impossible, even from two workers at once; a renewal has a new expiry
 * and so gets its own.
 */
export const certificateReminders = pgTable(
  'certificate_reminders',
  {
    orgId: text('org_id').notNull(),
    certificateId: text('certificate_id').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    /** The queued mail; null when the person has no active account to write to. */
    mailId: text('mail_id'),
    at: timestamptz('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.certificateId, t.expiresAt] })],
)
