// A course as the editor holds it, and back: switches for "has a quiz" and "grants a certificate"
// (the server takes null for either), and the server's field paths mapped onto the editor's inputs.
import type {
  CourseView,
  CreateCourseInput,
} from '../../../../src/modules/programs/training/training.contract'

export interface LessonDraft {
  id?: string
  title: string
  body: string
  links: { label: string; url: string }[]
  files: { name: string; url: string }[]
}

export interface QuestionDraft {
  id?: string
  prompt: string
  choices: { text: string; isCorrect: boolean }[]
}

export interface CourseDraft {
  title: string
  summary: string
  lessons: LessonDraft[]
  hasQuiz: boolean
  passMarkPercent: number
  questions: QuestionDraft[]
  grantsCertificate: boolean
  certificationName: string
  expires: boolean
  validityMonths: number
}

export const emptyLesson = (): LessonDraft => ({ title: '', body: '', links: [], files: [] })
export const emptyQuestion = (): QuestionDraft => ({
  prompt: '',
  choices: [
    { text: '', isCorrect: true },
    { text: '', isCorrect: false },
  ],
})

export const newCourseDraft = (): CourseDraft => ({
  title: '',
  summary: '',
  lessons: [emptyLesson()],
  hasQuiz: true,
  passMarkPercent: 80,
  questions: [emptyQuestion()],
  grantsCertificate: true,
  certificationName: '',
  expires: true,
  validityMonths: 12,
})

export function draftOfCourse(course: CourseView): CourseDraft {
  return {
    title: course.title,
    summary: course.summary,
    lessons: course.lessons.map((l) => ({
      id: l.id,
      title: l.title,
      body: l.body,
      links: l.links,
      files: l.files,
    })),
    hasQuiz: course.quiz !== null,
    passMarkPercent: course.quiz?.passMarkPercent ?? 80,
    questions: course.quiz
      ? course.quiz.questions.map((q) => ({
          id: q.id,
          prompt: q.prompt,
          choices: q.choices.map((c) => ({ text: c.text, isCorrect: c.isCorrect ?? false })),
        }))
      : [emptyQuestion()],
    grantsCertificate: course.certification !== null,
    certificationName: course.certification?.name ?? '',
    expires: course.certification ? course.certification.validityMonths !== null : true,
    validityMonths: course.certification?.validityMonths ?? 12,
  }
}

export function inputOfDraft(draft: CourseDraft): Required<Omit<CreateCourseInput, 'summary'>> & {
  summary: string
} {
  return {
    title: draft.title.trim(),
    summary: draft.summary.trim(),
    lessons: draft.lessons.map((l) => ({
      ...(l.id ? { id: l.id } : {}),
      title: l.title.trim(),
      body: l.body,
      links: l.links.map((link) => ({ label: link.label.trim(), url: link.url.trim() })),
      files: l.files.map((file) => ({ name: file.name.trim(), url: file.url.trim() })),
    })),
    quiz: draft.hasQuiz
      ? {
          passMarkPercent: draft.passMarkPercent,
          questions: draft.questions.map((q) => ({
            ...(q.id ? { id: q.id } : {}),
            prompt: q.prompt.trim(),
            choices: q.choices.map((c) => ({ text: c.text.trim(), isCorrect: c.isCorrect })),
          })),
        }
      : null,
    certification:
      draft.hasQuiz && draft.grantsCertificate
        ? {
            name: draft.certificationName.trim(),
            validityMonths: draft.expires ? draft.validityMonths : null,
          }
        : null,
  }
}

/** The editor's input for a server field path (`quiz.questions[0].prompt` → `questions.0.prompt`). */
export function formPathOf(path: string): string | null {
  const dotted = path.replace(/\[(\d+)\]/g, '.$1')
  if (dotted === 'certification' || dotted === 'certification.name') return 'certificationName'
  if (dotted === 'certification.validityMonths') return 'validityMonths'
  if (dotted.startsWith('quiz.')) return dotted.slice('quiz.'.length)
  if (/^(title|summary|lessons\.\d+\.)/.test(dotted)) return dotted
  return null
}
