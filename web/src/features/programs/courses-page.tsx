// Console → Training: every course with its status, lessons, quiz and certification, and how many
// people started, passed and are certified; a course opens in its editor with its progress.
import { Group, Paper, SegmentedControl, Table, Text } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { CourseStatus } from '../../../../src/modules/programs/training/training.contract'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatCount } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { AnchorLink, ButtonLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { canKeepCourses, trainingApi, trainingKeys } from './training-api'
import { CourseStatusBadge, certificationText } from './training-parts'

type StatusFilter = CourseStatus | 'all'

export function CoursesPage() {
  const me = useMe()
  const [status, setStatus] = useState<StatusFilter>('all')
  const filter = status === 'all' ? undefined : status
  const courses = useQuery({
    queryKey: trainingKeys.courses(filter),
    queryFn: () => trainingApi.courses(filter),
  })
  const canKeep = canKeepCourses(me)
  return (
    <>
      <PageHeader
        title="Training"
        description="Courses partners take in their training center: lessons, a quiz with a pass mark, and the certification it grants. Certified people count toward tier criteria."
        actions={
          canKeep ? (
            <ButtonLink to="/training/courses/new" leftSection={<IconPlus size={16} />}>
              New course
            </ButtonLink>
          ) : null
        }
      />
      <Group mb="md">
        <SegmentedControl
          aria-label="Status"
          value={status}
          onChange={(value) => setStatus(value as StatusFilter)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'draft', label: 'Drafts' },
            { value: 'published', label: 'Published' },
            { value: 'archived', label: 'Archived' },
          ]}
        />
      </Group>
      {courses.isPending ? (
        <PageLoader label="Loading courses…" />
      ) : courses.isError ? (
        <ErrorAlert error={courses.error} what="Courses" />
      ) : courses.data.items.length === 0 ? (
        <EmptyHint
          title={status === 'all' ? 'No courses yet' : 'No courses here'}
          description="Write a course with a few lessons and a quiz; publish it and partners see it in their training center."
          action={canKeep ? <ButtonLink to="/training/courses/new">New course</ButtonLink> : undefined}
        />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="sm" aria-label="Courses">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Course</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Lessons</Table.Th>
                  <Table.Th>Quiz</Table.Th>
                  <Table.Th>Certification</Table.Th>
                  <Table.Th ta="right">Started</Table.Th>
                  <Table.Th ta="right">Passed</Table.Th>
                  <Table.Th ta="right">Certified now</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {courses.data.items.map((course) => (
                  <Table.Tr key={course.id}>
                    <Table.Td>
                      <AnchorLink
                        to="/training/courses/$courseId"
                        params={{ courseId: course.id }}
                        fw={500}
                        size="sm"
                      >
                        {course.title}
                      </AnchorLink>
                      {course.summary ? (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {course.summary}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <CourseStatusBadge status={course.status} />
                    </Table.Td>
                    <Table.Td ta="right">{formatCount(course.lessonCount)}</Table.Td>
                    <Table.Td>
                      {course.questionCount > 0
                        ? `${course.questionCount} ${course.questionCount === 1 ? 'question' : 'questions'}, pass at ${course.passMarkPercent}%`
                        : 'No quiz'}
                    </Table.Td>
                    <Table.Td>{certificationText(course.certification)}</Table.Td>
                    <Table.Td ta="right">{formatCount(course.people?.started ?? 0)}</Table.Td>
                    <Table.Td ta="right">{formatCount(course.people?.passed ?? 0)}</Table.Td>
                    <Table.Td ta="right">{formatCount(course.people?.certified ?? 0)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </>
  )
}
