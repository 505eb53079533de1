// A partner's onboarding on its page in the console: each workflow it is enrolled in, how far along it
// is, and every step — staff tick custom steps off here.
import { Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { AnchorLink } from '../../ui/router-link'
import { onboardingApi, onboardingKeys } from './onboarding-api'
import { EnrolmentProgress, StepList } from './onboarding-parts'

export function PartnerOnboardingCard({ partnerId }: { partnerId: string }) {
  const onboarding = useQuery({
    queryKey: onboardingKeys.partner(partnerId),
    queryFn: () => onboardingApi.partner(partnerId),
  })
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Onboarding">
      <Title order={2} size="h4" mb="sm">
        Onboarding
      </Title>
      {onboarding.isPending ? (
        <PageLoader label="Loading onboarding…" />
      ) : onboarding.isError ? (
        <ErrorAlert error={onboarding.error} what="Onboarding" />
      ) : onboarding.data.items.length === 0 ? (
        <EmptyHint
          size="sm"
          title="Not enrolled in onboarding"
          description={
            <>
              Partners are enrolled in the published workflows whose audience they match.{' '}
              <AnchorLink to="/onboarding">See the workflows</AnchorLink>
            </>
          }
        />
      ) : (
        <Stack gap="lg">
          {onboarding.data.items.map((enrolment) => (
            <Stack key={enrolment.workflowId} gap="sm" aria-label={enrolment.workflowName}>
              <Text fw={600} size="sm">
                <AnchorLink to="/onboarding/$workflowId" params={{ workflowId: enrolment.workflowId }}>
                  {enrolment.workflowName}
                </AnchorLink>
              </Text>
              <EnrolmentProgress enrolment={enrolment} />
              <StepList enrolment={enrolment} area="console" />
            </Stack>
          ))}
        </Stack>
      )}
    </Paper>
  )
}
