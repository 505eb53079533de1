import { describe, expect, it } from 'vitest'
import { formPathOf, inputOfDraft, newCourseDraft } from './course-draft'

describe('course draft', () => {
  it('sends no quiz and no certification when they are switched off', () => {
    const draft = { ...newCourseDraft(), title: ' Basics ', hasQuiz: false }
    expect(inputOfDraft(draft)).toMatchObject({ title: 'Basics', quiz: null, certification: null })
  })

  it('sends a certification without expiry as a validity of null', () => {
    const draft = { ...newCourseDraft(), certificationName: 'Pro', expires: false }
    expect(inputOfDraft(draft).certification).toEqual({ name: 'Pro', validityMonths: null })
    expect(inputOfDraft({ ...draft, expires: true, validityMonths: 24 }).certification).toEqual({
      name: 'Pro',
      validityMonths: 24,
    })
  })

  it('keeps the ids of lessons and questions it was given', () => {
    const draft = newCourseDraft()
    draft.lessons[0]!.id = 'lsn_1'
    draft.questions[0]!.id = 'qqn_1'
    const input = inputOfDraft(draft)
    expect(input.lessons[0]).toMatchObject({ id: 'lsn_1' })
    expect(input.quiz?.questions[0]).toMatchObject({ id: 'qqn_1' })
  })

  it.each([
    ['title', 'title'],
    ['lessons.0.links.1.url', 'lessons.0.links.1.url'],
    ['lessons[2].id', 'lessons.2.id'],
    ['quiz.questions.0.choices', 'questions.0.choices'],
    ['quiz.passMarkPercent', 'passMarkPercent'],
    ['certification', 'certificationName'],
    ['certification.validityMonths', 'validityMonths'],
    ['lessons', null],
  ])('puts the server’s %s on %s', (path, field) => {
    expect(formPathOf(path)).toBe(field)
  })
})
