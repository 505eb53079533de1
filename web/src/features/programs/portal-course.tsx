// Portal → Training center → a course: its lessons (opening one records it), then the quiz — answers
// go to the server, which grades them and says which questions were right — and the certificate a
// pass earns, with its expiry.
import {
  Accordion,
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Radio,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core'
import { IconCertificate, IconCheck, IconCircleDashed, IconX } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type {
  CourseView,
  QuestionView,
  QuizResultView,
} from '../../../../src/modules/programs/training/training.contract'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { PageHeader } from '../../ui/page-header'
import { notifyError } from '../../ui/problem'
import { AnchorLink } from '../../ui/router-link'
import { LessonContent } from './lesson-content'
import { trainingApi, trainingKeys } from './training-api'
import { expiryText } from './training-parts'

function Lessons({ course }: { course: CourseView }) {
  const queryClient = useQueryClient()
  const open = useMutation({
    mutationFn: (lessonId: string) => trainingApi.openLesson(course.id, lessonId),
    onSuccess: async (updated) => {
      queryClient.setQueryData(trainingKeys.course(course.id), updated)
      await queryClient.invalidateQueries({ queryKey: trainingKeys.courses() })
    },
    onError: (error) => notifyError(error, 'Your progress was not recorded'),
  })
  const opened = new Set(course.my.lessonsOpened)
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label="Lessons">
      <Title order={2} size="h4" mb="md">
        Lessons · {opened.size} of {course.lessons.length} opened
      </Title>
      <Accordion
        variant="separated"
        onChange={(lessonId) => {
          if (lessonId && !opened.has(lessonId)) open.mutate(lessonId)
        }}
      >
        {course.lessons.map((lesson, i) => (
          <Accordion.Item key={lesson.id} value={lesson.id}>
            <Accordion.Control
              icon={
                opened.has(lesson.id) ? (
                  <ThemeIcon color="teal" variant="light" size="sm" radius="xl" aria-label="Opened">
                    <IconCheck size={14} />
                  </ThemeIcon>
                ) : (
                  <ThemeIcon color="gray" variant="light" size="sm" radius="xl" aria-label="Not opened yet">
                    <IconCircleDashed size={14} />
                  </ThemeIcon>
                )
              }
            >
              {i + 1}. {lesson.title}
            </Accordion.Control>
            <Accordion.Panel>
              <LessonContent lesson={lesson} />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Paper>
  )
}

function Quiz({ course }: { course: CourseView }) {
  const queryClient = useQueryClient()
  const quiz = course.quiz!
  const [answers, setAnswers] = useState<Record<string, number[]>>({})
  const [result, setResult] = useState<QuizResultView | null>(null)
  const submit = useMutation({
    mutationFn: () =>
      trainingApi.attempt(course.id, {
        answers: quiz.questions.map((q) => ({ questionId: q.id, choices: answers[q.id] ?? [] })),
      }),
    onSuccess: async (graded) => {
      setResult(graded)
      await queryClient.invalidateQueries({ queryKey: trainingKeys.all })
    },
    onError: (error) => notifyError(error, 'Your answers were not graded'),
  })
  const verdict = new Map(result?.results.map((r) => [r.questionId, r.isCorrect]))
  const unanswered = quiz.questions.filter((q) => !answers[q.id]?.length).length
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label="Quiz">
      <Title order={2} size="h4" mb={4}>
        Quiz
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {quiz.questions.length} {quiz.questions.length === 1 ? 'question' : 'questions'}; you pass with{' '}
        {quiz.passMarkPercent}% right.
        {course.certification ? ` Passing earns ${course.certification.name}.` : ''}
      </Text>
      <form
        aria-label="Quiz answers"
        onSubmit={(event) => {
          event.preventDefault()
          if (!submit.isPending) submit.mutate()
        }}
      >
        <Stack gap="lg">
          {quiz.questions.map((question, i) => (
            <QuestionField
              key={question.id}
              question={question}
              number={i + 1}
              chosen={answers[question.id] ?? []}
              mark={verdict.get(question.id)}
              onChange={(choices) => {
                setAnswers((current) => ({ ...current, [question.id]: choices }))
                setResult(null)
              }}
            />
          ))}
          {result ? <QuizResult result={result} /> : null}
          <Group>
            <Button type="submit" loading={submit.isPending}>
              {result && !result.isPassed ? 'Try again' : 'Submit answers'}
            </Button>
            {unanswered > 0 ? (
              <Text size="sm" c="dimmed">
                {unanswered} unanswered: {unanswered === 1 ? 'it counts' : 'they count'} as wrong
              </Text>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

/** One question: radio buttons, or checkboxes when several choices are correct; right or wrong once graded. */
function QuestionField({
  question,
  number,
  chosen,
  mark,
  onChange,
}: {
  question: QuestionView
  number: number
  chosen: number[]
  mark: boolean | undefined
  onChange: (choices: number[]) => void
}) {
  const label = (
    <Group gap="xs" wrap="nowrap">
      <span>
        {number}. {question.prompt}
      </span>
      {mark === true ? (
        <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />}>
          Right
        </Badge>
      ) : mark === false ? (
        <Badge color="red" variant="light" leftSection={<IconX size={12} />}>
          Wrong
        </Badge>
      ) : null}
    </Group>
  )
  if (question.isMultiple)
    return (
      <Checkbox.Group
        label={label}
        description="Choose all that apply"
        value={chosen.map(String)}
        onChange={(values) => onChange(values.map(Number))}
      >
        <Stack gap={6} mt="xs">
          {question.choices.map((choice, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a choice is answered by its position
            <Checkbox key={`${question.id}-${j}`} value={String(j)} label={choice.text} />
          ))}
        </Stack>
      </Checkbox.Group>
    )
  return (
    <Radio.Group
      label={label}
      value={chosen[0] !== undefined ? String(chosen[0]) : null}
      onChange={(value) => onChange([Number(value)])}
    >
      <Stack gap={6} mt="xs">
        {question.choices.map((choice, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a choice is answered by its position
          <Radio key={`${question.id}-${j}`} value={String(j)} label={choice.text} />
        ))}
      </Stack>
    </Radio.Group>
  )
}

function QuizResult({ result }: { result: QuizResultView }) {
  const score = `${result.correct} of ${result.questions} right (${result.scorePercent}%)`
  if (!result.isPassed)
    return (
      <Alert color="orange" title="Not passed yet" role="status">
        {score}; you need {result.passMarkPercent}%. Read the lessons again and try once more.
      </Alert>
    )
  return (
    <Alert color="teal" title="Passed" role="status" icon={<IconCertificate />}>
      {score}.
      {result.certificate
        ? ` You are now ${result.certificate.name}: ${expiryText(result.certificate).toLowerCase()}.`
        : ''}
    </Alert>
  )
}

export function PortalCourse({ courseId }: { courseId: string }) {
  const course = useQuery({
    queryKey: trainingKeys.course(courseId),
    queryFn: () => trainingApi.course(courseId),
  })
  if (course.isPending) return <PageLoader label="Loading the course…" />
  if (course.isError) return <ErrorAlert error={course.error} what="Course" />
  const { my } = course.data
  return (
    <>
      <Text size="sm" mb="xs">
        <AnchorLink to="/portal/training">← Training center</AnchorLink>
      </Text>
      <PageHeader
        title={course.data.title}
        description={course.data.summary || undefined}
        badge={
          my.certificate && my.certificate.status !== 'expired' ? (
            <Badge color="teal" variant="light" leftSection={<IconCertificate size={12} />}>
              Certified
            </Badge>
          ) : null
        }
      />
      <Stack gap="lg">
        {my.certificate ? (
          <Alert
            color={my.certificate.status === 'valid' ? 'teal' : 'orange'}
            icon={<IconCertificate />}
            title={`Your certificate: ${my.certificate.name}`}
            aria-label="Your certificate"
          >
            {expiryText(my.certificate)}
            {my.certificate.status !== 'valid' ? ' · pass the quiz again to renew it' : ''}
          </Alert>
        ) : null}
        <Lessons course={course.data} />
        {course.data.quiz ? <Quiz course={course.data} /> : null}
      </Stack>
    </>
  )
}
