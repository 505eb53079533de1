// The rules of training, without a database: a lesson's text made safe, a quiz graded against its
// correct choices, and a certificate's expiry and standing on a given day.
import { invalidField } from '../../../platform/app-error'
import type { QuizAttemptInput, QuizDefinition } from './training.contract'

/** A valid certificate within this many days of its expiry is "expiring", and its holder is reminded. */
export const reminderDays = 30
const day = 86_400_000

/**
 * Lesson text is markdown shown as text: raw HTML (tags, comments) and control characters are removed
 * so that nothing a course author pastes can run in a learner's browser, whatever renders it.
 */
export function sanitizeLessonBody(body: string): string {
  return (
    body
      .replace(/<!--[\s\S]*?(-->|$)/g, '')
      .replace(/<\/?[A-Za-z][^<>]*>/g, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to remove them
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\r\n?/g, '\n')
      .trim()
  )
}

export interface GradedQuiz {
  correct: number
  questions: number
  scorePercent: number
  isPassed: boolean
  results: { questionId: string; isCorrect: boolean }[]
  /** The choices given, by question id (sorted, without repeats). */
  answers: Record<string, number[]>
}

/**
 * Grades answers against the quiz: a question is right when exactly its correct choices are chosen;
 * a question left out is wrong. Passing compares whole numbers (correct × 100 ≥ pass mark × questions),
 * so 4 of 5 at a pass mark of 80 passes and no rounding decides a result.
 */
export function gradeQuiz(quiz: QuizDefinition, input: QuizAttemptInput): GradedQuiz {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]))
  const answers: Record<string, number[]> = {}
  input.answers.forEach((answer, i) => {
    const question = byId.get(answer.questionId)
    if (!question) throw invalidField(`answers[${i}].questionId`, 'is not a question of this quiz')
    if (answers[answer.questionId])
      throw invalidField(`answers[${i}].questionId`, 'this question is answered twice')
    const outOfRange = answer.choices.find((choice) => choice >= question.choices.length)
    if (outOfRange !== undefined)
      throw invalidField(
        `answers[${i}].choices`,
        `choice ${outOfRange} does not exist: the question has ${question.choices.length} choices`,
      )
    answers[answer.questionId] = [...new Set(answer.choices)].sort((a, b) => a - b)
  })
  const results = quiz.questions.map((question) => {
    const chosen = answers[question.id] ?? []
    const expected = question.choices.flatMap((choice, index) => (choice.isCorrect ? [index] : []))
    const isCorrect = chosen.length === expected.length && chosen.every((c, i) => c === expected[i])
    return { questionId: question.id, isCorrect }
  })
  const correct = results.filter((r) => r.isCorrect).length
  const questions = quiz.questions.length
  return {
    correct,
    questions,
    scorePercent: Math.floor((correct * 100) / questions),
    isPassed: correct * 100 >= quiz.passMarkPercent * questions,
    results,
    answers,
  }
}

/** Whole calendar months later (UTC); the 31st becomes the last day of a shorter month. */
export function addMonths(at: Date, months: number): Date {
  const target = new Date(
    Date.UTC(
      at.getUTCFullYear(),
      at.getUTCMonth() + months,
      1,
      at.getUTCHours(),
      at.getUTCMinutes(),
      at.getUTCSeconds(),
      at.getUTCMilliseconds(),
    ),
  )
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(at.getUTCDate(), lastDay))
  return target
}

/** When a certificate issued at `issuedAt` expires; null for a certification without expiry. */
export const certificateExpiry = (issuedAt: Date, validityMonths: number | null): Date | null =>
  validityMonths === null ? null : addMonths(issuedAt, validityMonths)

export function certificateStanding(expiresAt: Date | null, now: Date): 'valid' | 'expiring' | 'expired' {
  if (expiresAt === null) return 'valid'
  if (expiresAt <= now) return 'expired'
  return expiresAt.getTime() - now.getTime() <= reminderDays * day ? 'expiring' : 'valid'
}
