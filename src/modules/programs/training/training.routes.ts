// Training routes: staff keep courses (lessons, quiz, certification) and follow progress per course and
// per partner; people open lessons and take quizzes graded on the server; certificates as each caller
// may see them. Thin: parse, call, return.
import { z } from 'zod'
import { type App, scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { idParam } from '../../../platform/platform.contract'
import { listCertificates } from './certificates.service'
import {
  archiveCourse,
  createCourse,
  getCourse,
  listCourses,
  publishCourse,
  updateCourse,
} from './courses.service'
import { openLesson, submitQuizAttempt } from './learning.service'
import {
  certificatePage,
  certificateQuery,
  courseList,
  courseListQuery,
  courseProgressView,
  courseView,
  createCourseInput,
  partnerTrainingView,
  quizAttemptInput,
  quizResultView,
  updateCourseInput,
} from './training.contract'
import { getCourseProgress, getPartnerTraining } from './training-progress.service'

const lessonParams = z.object({ id: idParam.shape.id, lessonId: idParam.shape.id })

export function trainingRoutes(app: App, deps: ModuleDeps) {
  const tags = ['programs']
  const { db, clock } = deps

  app.get(
    '/programs/courses',
    {
      schema: {
        summary: 'List training courses',
        description:
          'Courses by title with their lessons, quiz and certification in brief, and the caller’s own progress. Staff who keep courses see drafts and archived ones too (filter by status) and how many people started, passed and are certified; everyone else sees published courses.',
        tags,
        querystring: courseListQuery,
        response: { 200: courseList },
      },
    },
    (req) => listCourses(db, scopeOf(req), req.query, clock),
  )

  app.post(
    '/programs/courses',
    {
      schema: {
        summary: 'Add a training course',
        description:
          'A draft course: lessons in order (markdown text, links, files by URL), an optional quiz (questions with two or more choices, one or more of them correct, and a pass mark in percent) and the certification passing it grants, valid for some months or without expiry.',
        tags,
        body: createCourseInput,
        response: { 201: courseView },
      },
    },
    async (req, reply) => reply.code(201).send(await createCourse(db, scopeOf(req), req.body, clock)),
  )

  app.get(
    '/programs/courses/:id',
    {
      schema: {
        summary: 'Get a training course',
        description:
          'The course with its lessons and quiz, and the caller’s progress. The correct choices are sent only to staff who keep courses; a learner’s answers are graded on the server.',
        tags,
        params: idParam,
        response: { 200: courseView },
      },
    },
    (req) => getCourse(db, scopeOf(req), req.params.id, clock),
  )

  app.patch(
    '/programs/courses/:id',
    {
      schema: {
        summary: 'Change a training course',
        description:
          'Lessons and questions sent with their id keep it, and the progress on them; those left out are removed. Certificates already issued stay as they were issued.',
        tags,
        params: idParam,
        body: updateCourseInput,
        response: { 200: courseView },
      },
    },
    (req) => updateCourse(db, scopeOf(req), req.params.id, req.body, clock),
  )

  app.post(
    '/programs/courses/:id/publish',
    {
      schema: {
        summary: 'Publish a training course',
        description:
          'Partners see the course in their training center from now on; it needs at least one lesson.',
        tags,
        params: idParam,
        response: { 200: courseView },
      },
    },
    (req) => publishCourse(db, scopeOf(req), req.params.id, clock),
  )

  app.post(
    '/programs/courses/:id/archive',
    {
      schema: {
        summary: 'Archive a training course',
        description:
          'Partners no longer see the course; the progress and certificates people earned on it stay.',
        tags,
        params: idParam,
        response: { 200: courseView },
      },
    },
    (req) => archiveCourse(db, scopeOf(req), req.params.id, clock),
  )

  app.get(
    '/programs/courses/:id/progress',
    {
      schema: {
        summary: 'Who has taken a training course',
        description:
          'Each person who started the course: lessons opened, quiz attempts, best score, when they passed and their certificate, with totals. A partner admin sees only their own partner’s people.',
        tags,
        params: idParam,
        response: { 200: courseProgressView },
      },
    },
    (req) => getCourseProgress(db, scopeOf(req), req.params.id, clock),
  )

  app.post(
    '/programs/courses/:id/lessons/:lessonId/open',
    {
      schema: {
        summary: 'Record that I opened a lesson',
        description:
          'Records the caller’s progress on the course (the first opening of each lesson counts) and answers the course as they see it.',
        tags,
        params: lessonParams,
        response: { 200: courseView },
      },
    },
    (req) => openLesson(db, scopeOf(req), req.params.id, req.params.lessonId, clock),
  )

  app.post(
    '/programs/courses/:id/attempts',
    {
      schema: {
        summary: 'Take a course’s quiz',
        description:
          'The caller’s answers are graded on the server and the attempt recorded: a question is right when exactly its correct choices are chosen. A pass on a course that grants a certification issues (or renews) the caller’s certificate with its expiry.',
        tags,
        params: idParam,
        body: quizAttemptInput,
        response: { 201: quizResultView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await submitQuizAttempt(db, scopeOf(req), req.params.id, req.body, clock)),
  )

  app.get(
    '/programs/certificates',
    {
      schema: {
        summary: 'List certificates',
        description:
          'Certificates with their holder, partner and expiry, newest first; filter by partner, course, standing (valid, expiring within 30 days, expired) or the caller’s own. Staff see everyone’s, a partner admin their partner’s people’s, anyone else their own.',
        tags,
        querystring: certificateQuery,
        response: { 200: certificatePage },
      },
    },
    (req) => listCertificates(db, scopeOf(req), req.query, clock),
  )

  app.get(
    '/programs/partners/:id/training',
    {
      schema: {
        summary: 'A partner’s training and certifications',
        description:
          'Each of the partner’s people on each course they started, and how many hold a certificate that has not expired (what tier criteria on certifications count). A partner user reads only their own partner; a partner member sees only themselves.',
        tags,
        params: idParam,
        response: { 200: partnerTrainingView },
      },
    },
    (req) => getPartnerTraining(db, scopeOf(req), req.params.id, clock),
  )
}
