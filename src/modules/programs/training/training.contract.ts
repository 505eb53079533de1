// Training on the wire: courses with lessons (markdown, links, files by URL), a quiz with a pass mark
// and the certification a course grants; what a learner sees (never the correct choices), a graded
// attempt, certificates with their expiry, and progress per course and per partner.
import { z } from 'zod'
import { entityId, page, pageQuery, patchOf, timestamp } from '../../../platform/platform.contract'

const webAddress = z.url({ protocol: /^https?$/, error: 'must be a web address (http or https)' }).max(2000)

export const lessonLink = z.object({
  label: z.string().trim().min(1).max(200),
  url: webAddress,
})
export const lessonFile = z.object({
  name: z.string().trim().min(1).max(200).describe('What the file is, e.g. “Pricing sheet (PDF)”'),
  url: webAddress.describe('Where the file is kept'),
})

const lessonInput = z
  .object({
    id: entityId.optional().describe('An existing lesson’s id keeps it (and everyone’s progress on it)'),
    title: z.string().trim().min(1).max(200),
    body: z
      .string()
      .max(50_000)
      .default('')
      .describe('Markdown or plain text: headings, lists, emphasis and links; raw HTML is removed'),
    links: z.array(lessonLink).max(20).default([]),
    files: z.array(lessonFile).max(20).default([]),
  })
  .strict()

const questionInput = z
  .object({
    id: entityId.optional().describe('An existing question’s id keeps it'),
    prompt: z.string().trim().min(1).max(2000),
    choices: z
      .array(
        z
          .object({
            text: z.string().trim().min(1).max(500),
            isCorrect: z.boolean().default(false),
          })
          .strict(),
      )
      .min(2)
      .max(10),
  })
  .strict()
  .superRefine((question, ctx) => {
    if (!question.choices.some((choice) => choice.isCorrect))
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'mark at least one choice as correct' })
  })

const quizInput = z
  .object({
    passMarkPercent: z
      .number()
      .int()
      .min(1)
      .max(100)
      .describe('The share of questions answered right that passes, in percent'),
    questions: z.array(questionInput).min(1).max(100),
  })
  .strict()

const certificationInput = z
  .object({
    name: z.string().trim().min(1).max(200).describe('e.g. “Certified Sales Professional”'),
    validityMonths: z
      .number()
      .int()
      .min(1)
      .max(120)
      .nullable()
      .describe('Months a certificate stays valid; null: it never expires'),
  })
  .strict()

const courseShape = {
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().max(2000).default(''),
  lessons: z.array(lessonInput).max(100).default([]),
  quiz: quizInput.nullable().default(null).describe('Null: no quiz'),
  certification: certificationInput
    .nullable()
    .default(null)
    .describe('What passing the quiz grants; needs a quiz. Null: no certificate'),
}

export const createCourseInput = z
  .object(courseShape)
  .strict()
  .meta({
    id: 'NewCourse',
    examples: [
      {
        title: 'Selling the platform',
        summary: 'Positioning, discovery questions and pricing in 20 minutes.',
        lessons: [
          {
            title: 'Who buys it',
            body: '## The buyer\n\nRevenue operations leads at **50–500** person companies.',
            links: [{ label: 'Customer stories', url: 'https://example.com/stories' }],
            files: [{ name: 'Pitch deck (PDF)', url: 'https://example.com/deck.pdf' }],
          },
        ],
        quiz: {
          passMarkPercent: 80,
          questions: [
            {
              prompt: 'Who is the usual buyer?',
              choices: [
                { text: 'Revenue operations', isCorrect: true },
                { text: 'Facilities', isCorrect: false },
              ],
            },
          ],
        },
        certification: { name: 'Certified Seller', validityMonths: 12 },
      },
    ],
  })
export type CreateCourseInput = z.input<typeof createCourseInput>

export const updateCourseInput = patchOf(
  z
    .object({
      title: courseShape.title.optional(),
      summary: z.string().trim().max(2000).optional(),
      lessons: z.array(lessonInput).max(100).optional(),
      quiz: quizInput.nullable().optional(),
      certification: certificationInput.nullable().optional(),
    })
    .strict(),
).meta({ id: 'CourseChange' })
export type UpdateCourseInput = z.input<typeof updateCourseInput>

/** A lesson as stored on its course. */
export interface LessonDefinition {
  id: string
  title: string
  body: string
  links: { label: string; url: string }[]
  files: { name: string; url: string }[]
}

/** A quiz as stored on its course: the correct choices stay on the server. */
export interface QuizDefinition {
  passMarkPercent: number
  questions: { id: string; prompt: string; choices: { text: string; isCorrect: boolean }[] }[]
}

export const courseStatuses = ['draft', 'published', 'archived'] as const
export const courseStatus = z.enum(courseStatuses)
export type CourseStatus = z.infer<typeof courseStatus>

export const certificateStatuses = ['valid', 'expiring', 'expired'] as const
export const certificateStatus = z
  .enum(certificateStatuses)
  .describe('expiring: valid, and ends within the reminder period (30 days)')

export const certificateView = z
  .object({
    id: z.string(),
    courseId: z.string(),
    courseTitle: z.string().nullable(),
    name: z.string(),
    userId: z.string(),
    personName: z.string().nullable(),
    partnerId: z.string().nullable(),
    partnerName: z.string().nullable(),
    issuedAt: timestamp,
    firstIssuedAt: timestamp,
    expiresAt: timestamp.nullable().describe('Null: it never expires'),
    renewals: z.number().int(),
    status: certificateStatus,
  })
  .meta({ id: 'Certificate' })
export type CertificateView = z.infer<typeof certificateView>

export const lessonView = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string().describe('Markdown'),
  links: z.array(lessonLink),
  files: z.array(lessonFile),
})
export type LessonView = z.infer<typeof lessonView>

export const questionView = z.object({
  id: z.string(),
  prompt: z.string(),
  isMultiple: z.boolean().describe('More than one choice is correct: choose all that apply'),
  choices: z.array(
    z.object({
      text: z.string(),
      isCorrect: z.boolean().optional().describe('Staff who manage training only; never sent to a learner'),
    }),
  ),
})
export type QuestionView = z.infer<typeof questionView>

/** Where the caller stands on a course. */
export const myCourseProgress = z.object({
  lessonsOpened: z.array(z.string()).describe('Ids of the lessons the caller opened'),
  attempts: z.number().int(),
  bestScorePercent: z.number().int().nullable(),
  passedAt: timestamp.nullable(),
  isComplete: z.boolean().describe('Every lesson opened, and the quiz passed if there is one'),
  certificate: certificateView.nullable(),
})
export type MyCourseProgress = z.infer<typeof myCourseProgress>

const certificationView = z
  .object({ name: z.string(), validityMonths: z.number().int().nullable() })
  .nullable()

export const courseView = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    status: courseStatus,
    lessons: z.array(lessonView),
    quiz: z.object({ passMarkPercent: z.number().int(), questions: z.array(questionView) }).nullable(),
    certification: certificationView,
    publishedAt: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    my: myCourseProgress,
  })
  .meta({ id: 'Course' })
export type CourseView = z.infer<typeof courseView>

export const courseListItem = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    status: courseStatus,
    lessonCount: z.number().int(),
    questionCount: z.number().int(),
    passMarkPercent: z.number().int().nullable(),
    certification: certificationView,
    publishedAt: timestamp.nullable(),
    updatedAt: timestamp,
    my: z.object({
      lessonsOpened: z.number().int(),
      isPassed: z.boolean(),
      isComplete: z.boolean(),
      certificate: certificateView.nullable(),
    }),
    people: z
      .object({ started: z.number().int(), passed: z.number().int(), certified: z.number().int() })
      .nullable()
      .describe('Staff only: people who opened a lesson, passed, and hold a certificate now'),
  })
  .meta({ id: 'CourseListItem' })
export type CourseListItem = z.infer<typeof courseListItem>

export const courseListQuery = z.object({
  status: courseStatus.optional().describe('Staff only; a partner user sees published courses'),
})
export type CourseListQuery = z.infer<typeof courseListQuery>
export const courseList = z.object({ items: z.array(courseListItem) }).meta({ id: 'CourseList' })

export const quizAttemptInput = z
  .object({
    answers: z
      .array(
        z
          .object({
            questionId: entityId,
            choices: z
              .array(z.number().int().min(0).max(9))
              .max(10)
              .describe('Indexes of the chosen choices, from 0'),
          })
          .strict(),
      )
      .max(100)
      .describe('A question left out counts as answered wrong'),
  })
  .strict()
  .meta({
    id: 'QuizAttempt',
    examples: [{ answers: [{ questionId: 'qqn_01h455vb4pex5vsknk084sn02q', choices: [0] }] }],
  })
export type QuizAttemptInput = z.infer<typeof quizAttemptInput>

export const quizResultView = z
  .object({
    id: z.string(),
    courseId: z.string(),
    correct: z.number().int(),
    questions: z.number().int(),
    scorePercent: z.number().int().describe('Rounded down'),
    passMarkPercent: z.number().int(),
    isPassed: z.boolean(),
    results: z
      .array(z.object({ questionId: z.string(), isCorrect: z.boolean() }))
      .describe('Which questions were right; the correct choices themselves are never sent'),
    certificate: certificateView.nullable().describe('Issued or renewed by this attempt'),
    at: timestamp,
  })
  .meta({ id: 'QuizResult' })
export type QuizResultView = z.infer<typeof quizResultView>

const flag = z.enum(['true', 'false']).transform((value) => value === 'true')

export const certificateQuery = pageQuery.extend({
  partnerId: entityId.optional().describe('A partner user may name only their own partner'),
  courseId: entityId.optional(),
  status: certificateStatus.optional(),
  mine: flag.optional().describe('true: only the caller’s own certificates'),
})
export type CertificateQuery = z.infer<typeof certificateQuery>
export const certificatePage = page(certificateView)

const personProgress = z.object({
  lessonsOpened: z.number().int(),
  lessonCount: z.number().int(),
  attempts: z.number().int(),
  bestScorePercent: z.number().int().nullable(),
  passedAt: timestamp.nullable(),
  isComplete: z.boolean(),
  certificate: certificateView.nullable(),
})

export const courseProgressView = z
  .object({
    courseId: z.string(),
    title: z.string(),
    lessonCount: z.number().int(),
    hasQuiz: z.boolean(),
    totals: z.object({
      started: z.number().int(),
      completed: z.number().int(),
      passed: z.number().int(),
      certified: z.number().int().describe('Holding a certificate that has not expired'),
    }),
    people: z.array(
      personProgress.extend({
        userId: z.string(),
        name: z.string().nullable(),
        email: z.string().nullable(),
        partnerId: z.string().nullable(),
        partnerName: z.string().nullable(),
        lastActivityAt: timestamp,
      }),
    ),
  })
  .meta({ id: 'CourseProgress' })
export type CourseProgressView = z.infer<typeof courseProgressView>

export const partnerTrainingView = z
  .object({
    partnerId: z.string(),
    partnerName: z.string(),
    certifiedPeople: z
      .number()
      .int()
      .describe('People holding a certificate that has not expired: what tier criteria count'),
    people: z.array(
      z.object({
        userId: z.string(),
        name: z.string().nullable(),
        courses: z.array(personProgress.extend({ courseId: z.string(), title: z.string() })),
      }),
    ),
  })
  .meta({ id: 'PartnerTraining' })
export type PartnerTrainingView = z.infer<typeof partnerTrainingView>
