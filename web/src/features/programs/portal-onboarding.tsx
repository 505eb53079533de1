// The portal's onboarding: on the home page, the next steps still to do with their actions (accept
// the agreement, links to the tax form, the course, a new registration); and a page with every step.
import { Alert, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { PageHeader } from '../../ui/page-header'
import { AnchorLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { onboardingApi, onboardingKeys } from './onboarding-api'
import { EnrolmentProgress, StepList } from './onboarding-parts'

function useOwnOnboarding() {
  const me = useMe()
  const partnerId = me.partner?.id ?? me.user.partnerId ?? null
  const onboarding = useQuery({
    queryKey: onboardingKeys.partner(partnerId ?? 'none'),
    queryFn: () => onboardingApi.partner(partnerId ?? ''),
    enabled: Boolean(partnerId),
  })
  return { partnerId, onboarding }
}

/** On the portal home: the steps still to do, shown only while the partner is onboarding. */
export function NextOnboardingSteps() {
  const { onboarding } = useOwnOnboarding()
  if (!onboarding.data) return null
  const open = onboarding.data.items.filter((e) => !e.activatedAt && e.steps.some((s) => s.status !== 'done'))
  if (open.length === 0) return null
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Next onboarding steps">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Next onboarding steps
        </Title>
        <AnchorLink to="/portal/onboarding" size="sm">
          Every step
        </AnchorLink>
      </Group>
      <Stack gap="lg">
        {open.map((enrolment) => (
          <Stack key={enrolment.workflowId} gap="sm">
            {open.length > 1 ? (
              <Text size="sm" fw={600}>
                {enrolment.workflowName}
              </Text>
            ) : null}
            <EnrolmentProgress enrolment={enrolment} />
            <StepList
              enrolment={{
                ...enrolment,
                steps: enrolment.steps.filter((s) => s.status !== 'done').slice(0, 3),
              }}
              area="portal"
            />
          </Stack>
        ))}
      </Stack>
    </Paper>
  )
}

export function PortalOnboarding() {
  const { partnerId, onboarding } = useOwnOnboarding()
  if (!partnerId)
    return (
      <Alert color="orange" title="Your account is not linked to a partner">
        Ask your partner manager to invite you again for your company.
      </Alert>
    )
  return (
    <>
      <PageHeader
        title="Onboarding"
        description="What to do to get started in the program. Steps tick themselves as you go: a tax form submitted, a course passed, a first deal registered."
      />
      {onboarding.isPending ? (
        <PageLoader label="Loading your onboarding…" />
      ) : onboarding.isError ? (
        <ErrorAlert error={onboarding.error} what="Onboarding" />
      ) : onboarding.data.items.length === 0 ? (
        <EmptyHint
          title="Nothing to do"
          description="Your partner manager has no onboarding steps for you."
        />
      ) : (
        <Stack gap="lg">
          {onboarding.data.items.map((enrolment) => (
            <Paper
              key={enrolment.workflowId}
              withBorder
              p="lg"
              radius="md"
              component="section"
              aria-label={enrolment.workflowName}
            >
              <Title order={2} size="h4" mb="sm">
                {enrolment.workflowName}
              </Title>
              <Stack gap="md">
                <EnrolmentProgress enrolment={enrolment} />
                {enrolment.activatedAt ? (
                  <Text size="sm" c="teal">
                    You completed every required step: welcome aboard.
                  </Text>
                ) : null}
                <StepList enrolment={enrolment} area="portal" />
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </>
  )
}
