// Small pieces the onboarding pages share: a step's kind and status in words, a progress bar for an
// enrolment, and the list of a partner's steps with the actions the caller may take on them.
import { Badge, Button, Group, Progress, Stack, Text } from '@mantine/core'
import { IconCheck, IconCircleDashed, IconClockExclamation } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type {
  EnrolmentView,
  OnboardingStepKind,
  StepProgressView,
} from '../../../../src/modules/programs/onboarding/onboarding.contract'
import { formatDate } from '../../ui/dates'
import { notifyError, notifySuccess } from '../../ui/problem'
import { AnchorLink } from '../../ui/router-link'
import { onboardingApi, onboardingKeys } from './onboarding-api'

export const stepKindLabels: Record<OnboardingStepKind, string> = {
  agreement: 'Accept an agreement',
  profile: 'Complete the profile',
  tax_form: 'Submit a tax form',
  course: 'Earn a course certificate',
  deal_registration: 'Register a first deal',
  custom: 'Custom step',
}

export function StepStatusBadge({ step }: { step: Pick<StepProgressView, 'status' | 'isRequired'> }) {
  if (step.status === 'done')
    return (
      <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />}>
        Done
      </Badge>
    )
  if (step.status === 'overdue')
    return (
      <Badge color="red" variant="light" leftSection={<IconClockExclamation size={12} />}>
        Overdue
      </Badge>
    )
  return (
    <Badge color="gray" variant="light" leftSection={<IconCircleDashed size={12} />}>
      {step.isRequired ? 'To do' : 'Optional'}
    </Badge>
  )
}

export function EnrolmentProgress({ enrolment }: { enrolment: EnrolmentView }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          {enrolment.requiredDone} of {enrolment.requiredTotal} required steps done
        </Text>
        {enrolment.activatedAt ? (
          <Badge color="teal" variant="filled">
            Activated {formatDate(enrolment.activatedAt)}
          </Badge>
        ) : enrolment.overdue > 0 ? (
          <Badge color="red" variant="light">
            {enrolment.overdue} overdue
          </Badge>
        ) : null}
      </Group>
      <Progress
        value={enrolment.percentDone}
        color={enrolment.activatedAt ? 'teal' : 'blue'}
        aria-label={`${enrolment.workflowName}: ${enrolment.percentDone}% done`}
      />
    </Stack>
  )
}

/** Where a partner user goes to do a step the facts complete. */
function PortalStepLink({ step }: { step: StepProgressView }) {
  if (step.kind === 'tax_form')
    return (
      <AnchorLink to="/portal/tax-form" size="sm">
        Submit your tax form
      </AnchorLink>
    )
  if (step.kind === 'course' && step.courseId)
    return (
      <AnchorLink to="/portal/training/$courseId" params={{ courseId: step.courseId }} size="sm">
        Take {step.courseTitle ?? 'the course'}
      </AnchorLink>
    )
  if (step.kind === 'deal_registration')
    return (
      <AnchorLink to="/portal/registrations/new" size="sm">
        Register a deal
      </AnchorLink>
    )
  if (step.kind === 'profile')
    return (
      <Text size="xs" c="dimmed">
        Your partner manager keeps your profile: send them {step.fields?.join(', ')}
      </Text>
    )
  return null
}

function stepDetail(step: StepProgressView): string {
  if (step.status === 'done')
    return `Done ${step.completedAt ? formatDate(step.completedAt) : ''}${step.completedBy ? ` by ${step.completedBy}` : ''}`
  if (step.dueOn) return `${step.status === 'overdue' ? 'Was due' : 'Due'} ${formatDate(step.dueOn)}`
  return stepKindLabels[step.kind]
}

/** A partner's steps in order, with what the caller may do: accept, confirm, tick or untick. */
export function StepList({
  enrolment,
  area,
  onlyOpen = false,
}: {
  enrolment: EnrolmentView
  area: 'console' | 'portal'
  onlyOpen?: boolean
}) {
  const queryClient = useQueryClient()
  const act = useMutation({
    mutationFn: async ({
      step,
      action,
    }: {
      step: StepProgressView
      action: 'accept' | 'confirm' | 'untick'
    }) => {
      if (action === 'accept') await onboardingApi.accept(enrolment.workflowId, enrolment.partnerId, step)
      else if (action === 'confirm')
        await onboardingApi.confirm(enrolment.workflowId, enrolment.partnerId, step.id)
      else await onboardingApi.untick(enrolment.workflowId, enrolment.partnerId, step.id)
    },
    onSuccess: async (_saved, { step, action }) => {
      await queryClient.invalidateQueries({ queryKey: onboardingKeys.all })
      notifySuccess(
        action === 'accept'
          ? `You accepted ${step.documentTitle ?? step.title}`
          : action === 'confirm'
            ? `${step.title}: done`
            : `${step.title}: no longer done`,
      )
    },
    onError: (error) => notifyError(error, 'The step was not changed'),
  })
  const steps = onlyOpen ? enrolment.steps.filter((s) => s.status !== 'done') : enrolment.steps
  return (
    <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {steps.map((step) => (
        <Stack key={step.id} gap={4} component="li" aria-label={step.title}>
          <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                {step.title}
              </Text>
              {step.description ? (
                <Text size="xs" c="dimmed">
                  {step.description}
                </Text>
              ) : null}
              <Text size="xs" c="dimmed">
                {stepDetail(step)}
              </Text>
            </Stack>
            <StepStatusBadge step={step} />
          </Group>
          {area === 'portal' && step.kind === 'agreement' && step.status !== 'done' ? (
            <Stack gap={4}>
              {step.documentText ? (
                <Text
                  size="xs"
                  style={{ whiteSpace: 'pre-wrap', maxHeight: 160, overflow: 'auto' }}
                  p="xs"
                  bg="var(--mantine-color-gray-0)"
                  aria-label={step.documentTitle ?? 'Agreement'}
                >
                  {step.documentText}
                </Text>
              ) : null}
              {step.documentUrl ? (
                <Text size="xs">
                  <a href={step.documentUrl} target="_blank" rel="noreferrer">
                    Read {step.documentTitle}
                  </a>
                </Text>
              ) : null}
            </Stack>
          ) : null}
          <Group gap="xs">
            {step.canAct && step.kind === 'agreement' ? (
              <Button
                size="xs"
                loading={act.isPending && act.variables?.step.id === step.id}
                onClick={() => act.mutate({ step, action: 'accept' })}
              >
                Accept {step.documentTitle ?? 'the agreement'}
              </Button>
            ) : null}
            {step.canAct && step.kind === 'custom' && step.status !== 'done' ? (
              <Button
                size="xs"
                variant="light"
                loading={act.isPending && act.variables?.step.id === step.id}
                onClick={() => act.mutate({ step, action: 'confirm' })}
              >
                {area === 'portal' ? 'Mark as done' : 'Tick off'}
              </Button>
            ) : null}
            {step.canAct && step.kind === 'custom' && step.status === 'done' && area === 'console' ? (
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                loading={act.isPending && act.variables?.step.id === step.id}
                onClick={() => act.mutate({ step, action: 'untick' })}
              >
                Untick
              </Button>
            ) : null}
            {area === 'portal' && step.status !== 'done' ? <PortalStepLink step={step} /> : null}
          </Group>
        </Stack>
      ))}
    </Stack>
  )
}
