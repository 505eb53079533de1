import { describe, expect, it } from 'vitest'
import type { QuizDefinition } from './training.contract'
import {
  addMonths,
  certificateExpiry,
  certificateStanding,
  gradeQuiz,
  sanitizeLessonBody,
} from './training-rules'

const quiz = (passMarkPercent: number, questions: number): QuizDefinition => ({
  passMarkPercent,
  questions: Array.from({ length: questions }, (_, i) => ({
    id: `q${i}`,
    prompt: `Question ${i}`,
    choices: [
      { text: 'right', isCorrect: true },
      { text: 'wrong', isCorrect: false },
    ],
  })),
})
const answering = (right: number, of: number) => ({
  answers: Array.from({ length: of }, (_, i) => ({ questionId: `q${i}`, choices: [i < right ? 0 : 1] })),
})

describe('quiz grading', () => {
  it.each([
    [80, 5, 4, true, 80],
    [80, 5, 3, false, 60],
    [70, 3, 2, false, 66],
    [66, 3, 2, true, 66],
    [67, 3, 2, false, 66],
    [100, 4, 4, true, 100],
    [1, 7, 0, false, 0],
  ])(
    'pass mark %i%% over %i questions with %i right: passed %s, score %i%%',
    (mark, of, right, passed, score) => {
      const graded = gradeQuiz(quiz(mark, of), answering(right, of))
      expect(graded).toMatchObject({ correct: right, questions: of, isPassed: passed, scorePercent: score })
    },
  )

  it('counts a question left out as wrong', () => {
    expect(gradeQuiz(quiz(50, 2), { answers: [{ questionId: 'q0', choices: [0] }] })).toMatchObject({
      correct: 1,
      isPassed: true,
      results: [
        { questionId: 'q0', isCorrect: true },
        { questionId: 'q1', isCorrect: false },
      ],
    })
  })

  it('wants exactly the correct choices of a question with several', () => {
    const several: QuizDefinition = {
      passMarkPercent: 100,
      questions: [
        {
          id: 'm',
          prompt: 'All that apply',
          choices: [
            { text: 'a', isCorrect: true },
            { text: 'b', isCorrect: false },
            { text: 'c', isCorrect: true },
          ],
        },
      ],
    }
    const grade = (choices: number[]) =>
      gradeQuiz(several, { answers: [{ questionId: 'm', choices }] }).isPassed
    expect(grade([0, 2])).toBe(true)
    expect(grade([2, 0, 2])).toBe(true)
    expect(grade([0])).toBe(false)
    expect(grade([0, 1, 2])).toBe(false)
    expect(grade([])).toBe(false)
  })
})

describe('lesson text', () => {
  it.each([
    ['<script>alert(1)</script>Hello', 'alert(1)Hello'],
    ['<img src=x onerror=alert(1)>**bold**', '**bold**'],
    ['a <!-- hidden --> b', 'a  b'],
    ['2 < 3 and 5 > 4', '2 < 3 and 5 > 4'],
    ['line\r\nnext\u0000', 'line\nnext'],
    ['[docs](https://example.com)', '[docs](https://example.com)'],
  ])('makes %j safe as %j', (input, output) => {
    expect(sanitizeLessonBody(input)).toBe(output)
  })
})

describe('certificate dates', () => {
  it.each([
    ['2026-06-01T09:00:00.000Z', 12, '2027-06-01T09:00:00.000Z'],
    ['2026-01-31T00:00:00.000Z', 1, '2026-02-28T00:00:00.000Z'],
    ['2024-02-29T12:00:00.000Z', 12, '2025-02-28T12:00:00.000Z'],
    ['2026-11-30T23:59:59.000Z', 3, '2027-02-28T23:59:59.000Z'],
  ])('%s plus %i months is %s', (from, months, to) => {
    expect(addMonths(new Date(from), months).toISOString()).toBe(to)
  })

  it('never expires without a validity, and is expiring within 30 days of its end', () => {
    const now = new Date('2026-06-01T00:00:00Z')
    expect(certificateExpiry(now, null)).toBeNull()
    expect(certificateStanding(null, now)).toBe('valid')
    expect(certificateStanding(new Date('2026-07-02T00:00:00Z'), now)).toBe('valid')
    expect(certificateStanding(new Date('2026-07-01T00:00:00Z'), now)).toBe('expiring')
    expect(certificateStanding(now, now)).toBe('expired')
  })
})
