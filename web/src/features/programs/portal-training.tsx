// Portal → Training center: the published courses with the partner user's own progress, their
// certificates with expiry, and — for a partner admin — their colleagues' certificates.
import { Badge, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconCertificate } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import type { CourseListItem } from '../../../../src/modules/programs/training/training.contract'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { PageHeader } from '../../ui/page-header'
import { ButtonLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { canSeeColleagues, trainingApi, trainingKeys } from './training-api'
import { CertificateTable, expiryText } from './training-parts'

function CourseCard({ course }: { course: CourseListItem }) {
  const { my } = course
  const started = my.lessonsOpened > 0 || my.isPassed
  return (
    <Card withBorder radius="md" padding="lg" component="article" aria-label={course.title}>
      <Stack gap="sm" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={2} size="h4">
            {course.title}
          </Title>
          {my.certificate && my.certificate.status !== 'expired' ? (
            <Badge color="teal" variant="light" leftSection={<IconCertificate size={12} />}>
              Certified
            </Badge>
          ) : my.isComplete ? (
            <Badge color="teal" variant="light">
              Complete
            </Badge>
          ) : null}
        </Group>
        {course.summary ? (
          <Text size="sm" c="dimmed">
            {course.summary}
          </Text>
        ) : null}
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {my.lessonsOpened} of {course.lessonCount} {course.lessonCount === 1 ? 'lesson' : 'lessons'}
            {course.questionCount > 0 ? ` · quiz, pass at ${course.passMarkPercent}%` : ''}
          </Text>
          <Progress
            value={course.lessonCount ? (my.lessonsOpened * 100) / course.lessonCount : 0}
            aria-label={`${course.title}: ${my.lessonsOpened} of ${course.lessonCount} lessons opened`}
          />
        </Stack>
        {course.certification ? (
          <Text size="sm">
            Grants <strong>{course.certification.name}</strong>
            {my.certificate ? ` · ${expiryText(my.certificate)}` : ''}
          </Text>
        ) : null}
        <Group mt="auto">
          <ButtonLink
            to="/portal/training/$courseId"
            params={{ courseId: course.id }}
            variant={my.isComplete ? 'default' : 'filled'}
          >
            {my.isComplete ? 'Review' : started ? 'Continue' : 'Start course'}
          </ButtonLink>
        </Group>
      </Stack>
    </Card>
  )
}

export function PortalTraining() {
  const me = useMe()
  const courses = useQuery({ queryKey: trainingKeys.courses(), queryFn: () => trainingApi.courses() })
  const mine = useQuery({
    queryKey: trainingKeys.certificates({ mine: 'true' }),
    queryFn: () => trainingApi.certificates({ mine: 'true' }),
  })
  const seesTeam = canSeeColleagues(me)
  const team = useQuery({
    queryKey: trainingKeys.certificates({}),
    queryFn: () => trainingApi.certificates({}),
    enabled: seesTeam,
  })
  return (
    <>
      <PageHeader
        title="Training center"
        description="Courses from your partner team. Pass a course’s quiz to earn its certification: certified people count toward your tier."
      />
      <Stack gap="xl">
        <section aria-label="Courses">
          {courses.isPending ? (
            <PageLoader label="Loading courses…" />
          ) : courses.isError ? (
            <ErrorAlert error={courses.error} what="Courses" />
          ) : courses.data.items.length === 0 ? (
            <EmptyHint
              title="No courses yet"
              description="Your partner team has not published a course yet; new ones show up here."
            />
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {courses.data.items.map((course) => (
                <CourseCard key={course.id} course={course} />
              ))}
            </SimpleGrid>
          )}
        </section>
        <section aria-label="My certificates">
          <Title order={2} size="h3" mb="sm">
            My certificates
          </Title>
          {mine.isPending ? (
            <PageLoader label="Loading your certificates…" />
          ) : mine.isError ? (
            <ErrorAlert error={mine.error} what="Certificates" />
          ) : mine.data.items.length === 0 ? (
            <EmptyHint
              size="sm"
              icon={<IconCertificate size={20} />}
              title="No certificates yet"
              description="Pass a course’s quiz to earn its certificate."
            />
          ) : (
            <CertificateTable certificates={mine.data.items} label="My certificates" showPerson={false} />
          )}
        </section>
        {seesTeam ? (
          <section aria-label="Team certificates">
            <Title order={2} size="h3" mb="sm">
              Your team’s certificates
            </Title>
            {team.isPending ? (
              <PageLoader label="Loading your team’s certificates…" />
            ) : team.isError ? (
              <ErrorAlert error={team.error} what="Certificates" />
            ) : team.data.items.length === 0 ? (
              <EmptyHint
                size="sm"
                title="Nobody on your team is certified yet"
                description="Colleagues who pass a course show up here with their expiry dates."
              />
            ) : (
              <CertificateTable certificates={team.data.items} label="Team certificates" showPerson />
            )}
          </section>
        ) : null}
      </Stack>
    </>
  )
}
