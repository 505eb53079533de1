// Console → Onboarding: every workflow with its audience, version and partners enrolled, activated and
// overdue; a new workflow in the builder; a workflow's builder with every enrolled partner's progress.
import { Badge, Button, Group, Paper, Progress, SegmentedControl, Table, Text, Title } from '@mantine/core'
import { IconArchive, IconPlus } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type {
  WorkflowProgressQuery,
  WorkflowStatus,
  WorkflowView,
} from '../../../../src/modules/programs/onboarding/onboarding.contract'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { humanize } from '../../ui/labels'
import { formatCount } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess } from '../../ui/problem'
import { AnchorLink, ButtonLink } from '../../ui/router-link'
import { onboardingApi, onboardingKeys } from './onboarding-api'
import { WorkflowBuilder } from './onboarding-builder'

const statusColors: Record<WorkflowStatus, string> = { draft: 'gray', published: 'teal', archived: 'dark' }

function WorkflowStatusBadge({ workflow }: { workflow: WorkflowView }) {
  return (
    <Group gap={4}>
      <Badge color={statusColors[workflow.status]} variant="light">
        {humanize(workflow.status)}
        {workflow.version > 0 ? ` · v${workflow.version}` : ''}
      </Badge>
      {workflow.status !== 'archived' && workflow.version > 0 && workflow.hasUnpublishedChanges ? (
        <Badge color="orange" variant="light">
          Unpublished changes
        </Badge>
      ) : null}
    </Group>
  )
}

const audienceText = (workflow: WorkflowView) => {
  const types = workflow.audience.types.length
    ? workflow.audience.types.map(humanize).join(', ')
    : 'Every type'
  return workflow.audience.tags.length ? `${types} tagged ${workflow.audience.tags.join(' or ')}` : types
}

export function WorkflowsPage() {
  const workflows = useQuery({ queryKey: onboardingKeys.workflows, queryFn: onboardingApi.workflows })
  return (
    <>
      <PageHeader
        title="Onboarding"
        description="Workflows new partners go through: agreements, profile, tax form, training, a first registration. Steps tick themselves from the facts, partners are reminded of what falls due, and they are activated when every required step is done."
        actions={
          <ButtonLink to="/onboarding/new" leftSection={<IconPlus size={16} />}>
            New workflow
          </ButtonLink>
        }
      />
      {workflows.isPending ? (
        <PageLoader label="Loading workflows…" />
      ) : workflows.isError ? (
        <ErrorAlert error={workflows.error} what="Onboarding workflows" />
      ) : workflows.data.items.length === 0 ? (
        <EmptyHint
          title="No onboarding workflows yet"
          description="Build the steps a new partner goes through and publish them: every partner of the audience is enrolled at once."
          action={<ButtonLink to="/onboarding/new">New workflow</ButtonLink>}
        />
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" aria-label="Onboarding workflows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Workflow</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Audience</Table.Th>
                  <Table.Th ta="right">Steps</Table.Th>
                  <Table.Th ta="right">Enrolled</Table.Th>
                  <Table.Th ta="right">Activated</Table.Th>
                  <Table.Th ta="right">Overdue</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {workflows.data.items.map((workflow) => (
                  <Table.Tr key={workflow.id}>
                    <Table.Td>
                      <AnchorLink
                        to="/onboarding/$workflowId"
                        params={{ workflowId: workflow.id }}
                        fw={500}
                        size="sm"
                      >
                        {workflow.name}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <WorkflowStatusBadge workflow={workflow} />
                    </Table.Td>
                    <Table.Td>{audienceText(workflow)}</Table.Td>
                    <Table.Td ta="right">{formatCount(workflow.steps.length)}</Table.Td>
                    <Table.Td ta="right">{formatCount(workflow.counts.enrolled)}</Table.Td>
                    <Table.Td ta="right">{formatCount(workflow.counts.activated)}</Table.Td>
                    <Table.Td ta="right" c={workflow.counts.overdue > 0 ? 'red' : undefined}>
                      {formatCount(workflow.counts.overdue)}
                    </Table.Td>
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

const back = (
  <Text size="sm" mb="md">
    <AnchorLink to="/onboarding">← Onboarding</AnchorLink>
  </Text>
)

export function NewWorkflowPage() {
  return (
    <>
      <PageHeader
        title="New onboarding workflow"
        description="Saved as a draft; publishing enrols every partner of the audience."
      />
      {back}
      <WorkflowBuilder />
    </>
  )
}

function WorkflowProgressTable({ workflowId }: { workflowId: string }) {
  const [status, setStatus] = useState<WorkflowProgressQuery['status']>('all')
  const progress = useQuery({
    queryKey: onboardingKeys.progress(workflowId, status),
    queryFn: () => onboardingApi.progress(workflowId, status),
  })
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Partners’ progress">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Partners’ progress
        </Title>
        <SegmentedControl
          aria-label="Show"
          size="xs"
          value={status}
          onChange={(value) => setStatus(value as WorkflowProgressQuery['status'])}
          data={[
            { value: 'all', label: 'All' },
            { value: 'active', label: 'Onboarding' },
            { value: 'overdue', label: 'Overdue' },
            { value: 'activated', label: 'Activated' },
          ]}
        />
      </Group>
      {progress.isPending ? (
        <PageLoader label="Loading progress…" />
      ) : progress.isError ? (
        <ErrorAlert error={progress.error} what="Progress" />
      ) : progress.data.items.length === 0 ? (
        <EmptyHint
          size="sm"
          title="No partners here"
          description="Partners of the audience are enrolled when the workflow is published, and new ones as they are added."
        />
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table verticalSpacing="xs" aria-label="Enrolled partners">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Partner</Table.Th>
                <Table.Th w={220}>Done</Table.Th>
                <Table.Th ta="right">Overdue</Table.Th>
                <Table.Th>Enrolled</Table.Th>
                <Table.Th>Activated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {progress.data.items.map((item) => (
                <Table.Tr key={item.partnerId}>
                  <Table.Td>
                    <AnchorLink to="/partners/$partnerId" params={{ partnerId: item.partnerId }} size="sm">
                      {item.partnerName ?? item.partnerId}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Progress
                        value={item.percentDone}
                        color={item.activatedAt ? 'teal' : 'blue'}
                        w={120}
                        aria-label={`${item.partnerName}: ${item.percentDone}% done`}
                      />
                      <Text size="sm">{item.percentDone}%</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" c={item.overdue > 0 ? 'red' : undefined}>
                    {formatCount(item.overdue)}
                  </Table.Td>
                  <Table.Td>{formatDate(item.enrolledAt)}</Table.Td>
                  <Table.Td>{formatDate(item.activatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  )
}

export function WorkflowPage({ workflowId }: { workflowId: string }) {
  const queryClient = useQueryClient()
  const workflow = useQuery({
    queryKey: onboardingKeys.workflow(workflowId),
    queryFn: () => onboardingApi.workflow(workflowId),
  })
  const archive = useMutation({
    mutationFn: () => onboardingApi.archive(workflowId),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: onboardingKeys.all })
      notifySuccess(`${saved.name} is archived: no partner is enrolled any more`)
    },
    onError: (error) => notifyError(error, 'The workflow was not archived'),
  })
  if (workflow.isPending) return <PageLoader label="Loading the workflow…" />
  if (workflow.isError) return <ErrorAlert error={workflow.error} what="Onboarding workflow" />
  const data = workflow.data
  return (
    <>
      <PageHeader
        title={data.name}
        description={`${audienceText(data)} · ${data.counts.enrolled} enrolled, ${data.counts.activated} activated, ${data.counts.overdue} overdue${data.publishedAt ? ` · published ${formatDate(data.publishedAt)}` : ''}`}
        badge={<WorkflowStatusBadge workflow={data} />}
        actions={
          data.status !== 'archived' ? (
            <Button
              variant="default"
              leftSection={<IconArchive size={16} />}
              loading={archive.isPending}
              onClick={() => archive.mutate()}
            >
              Archive
            </Button>
          ) : null
        }
      />
      {back}
      {data.version > 0 ? <WorkflowProgressTable workflowId={workflowId} /> : null}
      <Title order={2} size="h3" mt="lg" mb="sm">
        Builder
      </Title>
      <WorkflowBuilder key={`${data.id}:${data.updatedAt}`} workflow={data} />
    </>
  )
}
