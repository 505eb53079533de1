// A partner's training at a glance, on its page in the console: how many of its people hold a
// certificate now (what tier criteria count), and each person's courses with their certificate.
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconCertificate } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { AnchorLink } from '../../ui/router-link'
import { trainingApi, trainingKeys } from './training-api'
import { CertificateBadge, expiryText } from './training-parts'

export function PartnerTrainingCard({ partnerId }: { partnerId: string }) {
  const training = useQuery({
    queryKey: trainingKeys.partner(partnerId),
    queryFn: () => trainingApi.partnerTraining(partnerId),
  })
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Training">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Training
        </Title>
        {training.data ? (
          <Badge variant="light" color="teal" leftSection={<IconCertificate size={12} />}>
            {training.data.certifiedPeople} certified
          </Badge>
        ) : null}
      </Group>
      {training.isPending ? (
        <PageLoader label="Loading training…" />
      ) : training.isError ? (
        <ErrorAlert error={training.error} what="Training" />
      ) : training.data.people.length === 0 ? (
        <EmptyHint
          size="sm"
          title="Nobody has started a course"
          description={
            <>
              The partner’s people find published courses in their training center.{' '}
              <AnchorLink to="/training">See the courses</AnchorLink>
            </>
          }
        />
      ) : (
        <Stack gap="md">
          {training.data.people.map((person) => (
            <Stack key={person.userId} gap={4} aria-label={person.name ?? person.userId}>
              <Text size="sm" fw={600}>
                {person.name ?? person.userId}
              </Text>
              {person.courses.map((course) => (
                <Group key={course.courseId} justify="space-between" gap="xs" wrap="nowrap">
                  <AnchorLink
                    to="/training/courses/$courseId"
                    params={{ courseId: course.courseId }}
                    size="sm"
                  >
                    {course.title}
                  </AnchorLink>
                  {course.certificate ? (
                    <Group gap={6} wrap="nowrap">
                      <Text size="xs" c="dimmed">
                        {expiryText(course.certificate)}
                      </Text>
                      <CertificateBadge certificate={course.certificate} />
                    </Group>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {course.passedAt
                        ? 'Passed'
                        : `${course.lessonsOpened} of ${course.lessonCount} lessons${course.attempts ? `, ${course.attempts} ${course.attempts === 1 ? 'attempt' : 'attempts'}` : ''}`}
                    </Text>
                  )}
                </Group>
              ))}
            </Stack>
          ))}
        </Stack>
      )}
    </Paper>
  )
}
