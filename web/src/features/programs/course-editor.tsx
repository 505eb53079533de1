// Create a course or change one: its title and summary, lessons in order (markdown text, links, files
// by URL), a quiz with its pass mark and questions (two or more choices, one or more correct), and the
// certification passing it grants. Lessons and questions keep their ids, so progress on them stays.
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { type UseFormReturnType, useForm } from '@mantine/form'
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import type { CourseView } from '../../../../src/modules/programs/training/training.contract'
import { useSubmit } from '../../ui/form-submit'
import { notifySuccess, showProblem } from '../../ui/problem'
import {
  type CourseDraft,
  draftOfCourse,
  emptyLesson,
  emptyQuestion,
  formPathOf,
  inputOfDraft,
  newCourseDraft,
} from './course-draft'
import { trainingApi, trainingKeys } from './training-api'

const required = (what: string) => (value: string) => (value.trim() ? null : what)

export function CourseEditor({ course }: { course?: CourseView }) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const form = useForm<CourseDraft>({
    mode: 'controlled',
    initialValues: course ? draftOfCourse(course) : newCourseDraft(),
    validate: {
      title: required('Give the course a title'),
      lessons: { title: required('Give the lesson a title') },
      questions: {
        prompt: (value, values) => (values.hasQuiz && !value.trim() ? 'Write the question' : null),
        choices: {
          text: (value, values) => (values.hasQuiz && !value.trim() ? 'Write the choice' : null),
        },
      },
      certificationName: (value, values) =>
        values.hasQuiz && values.grantsCertificate && !value.trim() ? 'Name the certification' : null,
    },
  })
  const save = useMutation({
    mutationFn: (draft: CourseDraft) => {
      const input = inputOfDraft(draft)
      return course ? trainingApi.updateCourse(course.id, input) : trainingApi.createCourse(input)
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: trainingKeys.all })
      if (course) {
        form.setValues(draftOfCourse(saved))
        form.resetDirty()
        notifySuccess(`${saved.title} saved`)
      } else {
        notifySuccess(`${saved.title} saved as a draft: publish it when it is ready`)
        await navigate({ to: '/training/courses/$courseId', params: { courseId: saved.id } })
      }
    },
    onError: (error) => showProblem(form, error, formPathOf),
  })
  const submit = useSubmit(form, (values) => save.mutateAsync(values))
  const { values } = form

  return (
    <form onSubmit={submit} noValidate aria-label={course ? `Edit ${course.title}` : 'New course'}>
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md">
          <Stack gap="sm">
            <TextInput label="Title" required {...form.getInputProps('title')} />
            <Textarea label="Summary" autosize minRows={2} {...form.getInputProps('summary')} />
          </Stack>
        </Paper>

        <Paper withBorder p="lg" radius="md" component="section" aria-label="Lessons">
          <Title order={2} size="h4" mb="md">
            Lessons
          </Title>
          <Stack gap="md">
            {values.lessons.map((lesson, i) => (
              <Paper
                key={lesson.id ?? `new-${i}`}
                withBorder
                p="md"
                radius="sm"
                role="group"
                aria-label={`Lesson ${i + 1}`}
              >
                <Group justify="space-between" mb="xs">
                  <Text fw={600} size="sm">
                    Lesson {i + 1}
                  </Text>
                  <Group gap={4}>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Move lesson ${i + 1} up`}
                      disabled={i === 0}
                      onClick={() => form.reorderListItem('lessons', { from: i, to: i - 1 })}
                    >
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Move lesson ${i + 1} down`}
                      disabled={i === values.lessons.length - 1}
                      onClick={() => form.reorderListItem('lessons', { from: i, to: i + 1 })}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove lesson ${i + 1}`}
                      onClick={() => form.removeListItem('lessons', i)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                </Group>
                <Stack gap="sm">
                  <TextInput label="Lesson title" required {...form.getInputProps(`lessons.${i}.title`)} />
                  <Textarea
                    label="Text"
                    description="Markdown: # headings, - lists, **bold**, *italics*, [links](https://…)"
                    autosize
                    minRows={4}
                    {...form.getInputProps(`lessons.${i}.body`)}
                  />
                  <PairList
                    legend="Links"
                    first={{ key: 'label', label: 'Link text' }}
                    rows={lesson.links.length}
                    path={`lessons.${i}.links`}
                    form={form}
                    empty={{ label: '', url: '' }}
                  />
                  <PairList
                    legend="Files"
                    first={{ key: 'name', label: 'File name' }}
                    rows={lesson.files.length}
                    path={`lessons.${i}.files`}
                    form={form}
                    empty={{ name: '', url: '' }}
                  />
                </Stack>
              </Paper>
            ))}
            <Group>
              <Button
                variant="light"
                leftSection={<IconPlus size={16} />}
                onClick={() => form.insertListItem('lessons', emptyLesson())}
              >
                Add lesson
              </Button>
            </Group>
          </Stack>
        </Paper>

        <Paper withBorder p="lg" radius="md" component="section" aria-label="Quiz">
          <Group justify="space-between" mb="md">
            <Title order={2} size="h4">
              Quiz
            </Title>
            <Switch label="This course has a quiz" {...form.getInputProps('hasQuiz', { type: 'checkbox' })} />
          </Group>
          {values.hasQuiz ? (
            <Stack gap="md">
              <NumberInput
                label="Pass mark (%)"
                description="The share of questions answered right that passes"
                min={1}
                max={100}
                w={220}
                allowDecimal={false}
                {...form.getInputProps('passMarkPercent')}
              />
              {values.questions.map((question, i) => (
                <Paper
                  key={question.id ?? `new-${i}`}
                  withBorder
                  p="md"
                  radius="sm"
                  role="group"
                  aria-label={`Question ${i + 1}`}
                >
                  <Group justify="space-between" mb="xs">
                    <Text fw={600} size="sm">
                      Question {i + 1}
                    </Text>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove question ${i + 1}`}
                      onClick={() => form.removeListItem('questions', i)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                  <Stack gap="xs">
                    <TextInput label="Question" required {...form.getInputProps(`questions.${i}.prompt`)} />
                    <Text size="xs" c="dimmed">
                      Tick every correct choice; a learner must choose exactly those.
                    </Text>
                    {question.choices.map((_choice, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: choices are positions in the list
                      <Group key={`${i}-${j}`} align="flex-start" gap="sm" wrap="nowrap">
                        <Checkbox
                          mt={8}
                          aria-label={`Choice ${j + 1} is correct`}
                          {...form.getInputProps(`questions.${i}.choices.${j}.isCorrect`, {
                            type: 'checkbox',
                          })}
                        />
                        <TextInput
                          style={{ flex: 1 }}
                          aria-label={`Choice ${j + 1}`}
                          placeholder={`Choice ${j + 1}`}
                          {...form.getInputProps(`questions.${i}.choices.${j}.text`)}
                        />
                        <ActionIcon
                          mt={4}
                          variant="subtle"
                          color="red"
                          aria-label={`Remove choice ${j + 1}`}
                          disabled={question.choices.length <= 2}
                          onClick={() => form.removeListItem(`questions.${i}.choices`, j)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    ))}
                    {form.errors[`questions.${i}.choices`] ? (
                      <Text size="xs" c="red">
                        {form.errors[`questions.${i}.choices`]}
                      </Text>
                    ) : null}
                    <Group>
                      <Button
                        size="xs"
                        variant="subtle"
                        leftSection={<IconPlus size={14} />}
                        disabled={question.choices.length >= 10}
                        onClick={() =>
                          form.insertListItem(`questions.${i}.choices`, { text: '', isCorrect: false })
                        }
                      >
                        Add choice
                      </Button>
                    </Group>
                  </Stack>
                </Paper>
              ))}
              <Group>
                <Button
                  variant="light"
                  leftSection={<IconPlus size={16} />}
                  onClick={() => form.insertListItem('questions', emptyQuestion())}
                >
                  Add question
                </Button>
              </Group>
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              Without a quiz, a course is complete once every lesson is opened, and grants no certificate.
            </Text>
          )}
        </Paper>

        <Paper withBorder p="lg" radius="md" component="section" aria-label="Certification">
          <Group justify="space-between" mb="md">
            <Title order={2} size="h4">
              Certification
            </Title>
            <Switch
              label="Passing the quiz grants a certificate"
              disabled={!values.hasQuiz}
              {...form.getInputProps('grantsCertificate', { type: 'checkbox' })}
            />
          </Group>
          {values.hasQuiz && values.grantsCertificate ? (
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label="Certification name" required {...form.getInputProps('certificationName')} />
              <Switch mt={30} label="Expires" {...form.getInputProps('expires', { type: 'checkbox' })} />
              {values.expires ? (
                <NumberInput
                  label="Valid for (months)"
                  min={1}
                  max={120}
                  allowDecimal={false}
                  {...form.getInputProps('validityMonths')}
                />
              ) : (
                <Text size="sm" c="dimmed" mt={30}>
                  Certificates never expire
                </Text>
              )}
            </SimpleGrid>
          ) : (
            <Text size="sm" c="dimmed">
              Certified people count toward tier criteria on certifications.
            </Text>
          )}
        </Paper>

        <Group>
          <Button type="submit" loading={form.submitting}>
            {course ? 'Save course' : 'Create course'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Rows of (text, web address) pairs: a lesson's links or files. */
function PairList({
  legend,
  first,
  rows,
  path,
  form,
  empty,
}: {
  legend: string
  first: { key: 'label' | 'name'; label: string }
  rows: number
  path: string
  form: Pick<UseFormReturnType<CourseDraft>, 'getInputProps' | 'insertListItem' | 'removeListItem'>
  empty: Record<string, string>
}) {
  return (
    <Stack gap={6} role="group" aria-label={legend}>
      <Text size="sm" fw={500}>
        {legend}
      </Text>
      {Array.from({ length: rows }, (_, j) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the list
        <Group key={`${path}-${j}`} align="flex-start" gap="sm" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            aria-label={`${first.label} ${j + 1}`}
            placeholder={first.label}
            {...form.getInputProps(`${path}.${j}.${first.key}`)}
          />
          <TextInput
            style={{ flex: 2 }}
            aria-label={`${legend} address ${j + 1}`}
            placeholder="https://…"
            {...form.getInputProps(`${path}.${j}.url`)}
          />
          <ActionIcon
            mt={4}
            variant="subtle"
            color="red"
            aria-label={`Remove ${legend.toLowerCase()} ${j + 1}`}
            onClick={() => form.removeListItem(path, j)}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconPlus size={14} />}
          onClick={() => form.insertListItem(path, { ...empty })}
        >
          Add {legend === 'Links' ? 'link' : 'file'}
        </Button>
      </Group>
    </Stack>
  )
}
