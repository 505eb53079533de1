// Console → Training → a new course, or a course: its editor, publishing and archiving, and who has
// taken it — each person's lessons, attempts, best score, pass and certificate, with totals.
import { Button, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { IconArchive, IconSend } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { CourseView } from '../../../../src/modules/programs/training/training.contract'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatCount } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess } from '../../ui/problem'
import { AnchorLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { CourseEditor } from './course-editor'
import { canKeepCourses, trainingApi, trainingKeys } from './training-api'
import { CertificateBadge, CourseStatusBadge, expiryText } from './training-parts'

const back = (
  <Text size="sm" mb="md">
    <AnchorLink to="/training">← Training</AnchorLink>
  </Text>
)

export function NewCoursePage() {
  return (
    <>
      <PageHeader title="New course" description="Saved as a draft: partners see it once you publish it." />
      {back}
      <CourseEditor />
    </>
  )
}

function StatusActions({ course }: { course: CourseView }) {
  const queryClient = useQueryClient()
  const change = useMutation({
    mutationFn: (action: 'publish' | 'archive') =>
      action === 'publish' ? trainingApi.publish(course.id) : trainingApi.archive(course.id),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: trainingKeys.all })
      notifySuccess(
        saved.status === 'published'
          ? `${saved.title} is published: partners see it in their training center`
          : `${saved.title} is archived: partners no longer see it`,
      )
    },
    onError: (error) => notifyError(error, 'The course was not changed'),
  })
  return (
    <>
      {course.status !== 'published' ? (
        <Button
          leftSection={<IconSend size={16} />}
          loading={change.isPending && change.variables === 'publish'}
          onClick={() => change.mutate('publish')}
        >
          Publish
        </Button>
      ) : null}
      {course.status !== 'archived' ? (
        <Button
          variant="default"
          leftSection={<IconArchive size={16} />}
          loading={change.isPending && change.variables === 'archive'}
          onClick={() => change.mutate('archive')}
        >
          Archive
        </Button>
      ) : null}
    </>
  )
}

export function CoursePage({ courseId }: { courseId: string }) {
  const me = useMe()
  const course = useQuery({
    queryKey: trainingKeys.course(courseId),
    queryFn: () => trainingApi.course(courseId),
  })
  if (course.isPending) return <PageLoader label="Loading the course…" />
  if (course.isError) return <ErrorAlert error={course.error} what="Course" />
  const canKeep = canKeepCourses(me)
  return (
    <>
      <PageHeader
        title={course.data.title}
        badge={<CourseStatusBadge status={course.data.status} />}
        description={
          course.data.publishedAt
            ? `Published ${formatDate(course.data.publishedAt)}`
            : 'A draft: partners do not see it yet.'
        }
        actions={canKeep ? <StatusActions course={course.data} /> : null}
      />
      {back}
      <Stack gap="lg">
        <CourseProgressSection courseId={courseId} />
        {canKeep ? <CourseEditor key={course.data.updatedAt} course={course.data} /> : null}
      </Stack>
    </>
  )
}

function CourseProgressSection({ courseId }: { courseId: string }) {
  const progress = useQuery({
    queryKey: trainingKeys.progress(courseId),
    queryFn: () => trainingApi.progress(courseId),
  })
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Progress">
      <Title order={2} size="h4" mb="md">
        Progress
      </Title>
      {progress.isPending ? (
        <PageLoader label="Loading progress…" />
      ) : progress.isError ? (
        <ErrorAlert error={progress.error} what="Progress" />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {(
              [
                ['Started', progress.data.totals.started],
                ['Completed', progress.data.totals.completed],
                ['Passed', progress.data.totals.passed],
                ['Certified now', progress.data.totals.certified],
              ] as const
            ).map(([label, value]) => (
              <Stack key={label} gap={0}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                  {label}
                </Text>
                <Text size="xl" fw={600}>
                  {formatCount(value)}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          {progress.data.people.length === 0 ? (
            <EmptyHint
              size="sm"
              title="Nobody has started this course yet"
              description="Once it is published, partners find it in their training center; their progress shows here."
            />
          ) : (
            <Table.ScrollContainer minWidth={820}>
              <Table verticalSpacing="sm" aria-label="Course progress">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Person</Table.Th>
                    <Table.Th>Partner</Table.Th>
                    <Table.Th miw={160}>Lessons</Table.Th>
                    <Table.Th ta="right">Attempts</Table.Th>
                    <Table.Th ta="right">Best score</Table.Th>
                    <Table.Th>Certificate</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {progress.data.people.map((person) => (
                    <Table.Tr key={person.userId}>
                      <Table.Td>
                        <Text size="sm">{person.name ?? person.userId}</Text>
                        {person.email ? (
                          <Text size="xs" c="dimmed">
                            {person.email}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        {person.partnerId ? (
                          <AnchorLink
                            to="/partners/$partnerId"
                            params={{ partnerId: person.partnerId }}
                            size="sm"
                          >
                            {person.partnerName ?? person.partnerId}
                          </AnchorLink>
                        ) : (
                          <Text size="sm" c="dimmed">
                            Staff
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">
                          {person.lessonsOpened} of {person.lessonCount}
                        </Text>
                        <Progress
                          value={person.lessonCount ? (person.lessonsOpened * 100) / person.lessonCount : 0}
                          aria-label={`${person.name ?? person.userId}: ${person.lessonsOpened} of ${person.lessonCount} lessons`}
                        />
                      </Table.Td>
                      <Table.Td ta="right">{formatCount(person.attempts)}</Table.Td>
                      <Table.Td ta="right">
                        {person.bestScorePercent === null ? '—' : `${person.bestScorePercent}%`}
                      </Table.Td>
                      <Table.Td>
                        {person.certificate ? (
                          <Group gap="xs" wrap="nowrap">
                            <CertificateBadge certificate={person.certificate} />
                            <Text size="xs" c="dimmed">
                              {expiryText(person.certificate)}
                            </Text>
                          </Group>
                        ) : person.passedAt ? (
                          <Text size="sm">Passed {formatDate(person.passedAt)}</Text>
                        ) : (
                          <Text size="sm" c="dimmed">
                            Not yet
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
    </Paper>
  )
}
