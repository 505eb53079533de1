// Console → Commissions → Plans: every plan and SPIF with its current version, a new plan, and a
// plan's page where it is edited into a new version, switched off or on, and its versions listed.
import { Accordion, Badge, Button, Code, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import type { PlanView } from '../../../../src/modules/incentives/incentives.contract'
import { formatDate, formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess } from '../../ui/problem'
import { AnchorLink, ButtonLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { fractionToPercent } from './decimal-text'
import { canManageMoney } from './incentives-access'
import { incentiveKeys, incentivesApi } from './incentives-api'
import { PlanForm } from './plan-form'

const kindLabel = (kind: PlanView['kind']) => (kind === 'spif' ? 'SPIF' : 'Commission')

function ActiveBadge({ plan }: { plan: PlanView }) {
  return plan.isActive ? (
    <Badge color="teal" variant="light">
      Active
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      Off
    </Badge>
  )
}

export function PlansPage() {
  const me = useMe()
  const navigate = useNavigate()
  const plans = useQuery({ queryKey: incentiveKeys.plans, queryFn: incentivesApi.plans })
  return (
    <>
      <PageHeader
        title="Commission plans"
        description="What partners earn on the deals they are credited on. A change is a new version from a day; earlier deals keep their terms."
        actions={
          canManageMoney(me) ? (
            <ButtonLink to="/commissions/plans/new" leftSection={<IconPlus size={16} />}>
              New plan
            </ButtonLink>
          ) : null
        }
      />
      <Text size="sm" mb="md">
        <AnchorLink to="/commissions">← Commissions</AnchorLink>
      </Text>
      <Paper withBorder p="lg" radius="md">
        {plans.isPending ? (
          <PageLoader label="Loading plans…" />
        ) : plans.isError ? (
          <ErrorAlert error={plans.error} what="Plans" />
        ) : plans.data.items.length === 0 ? (
          <EmptyHint
            title="No plans yet"
            description="Add a plan, e.g. 10% of the credited amount on every deal, and partners start earning on won deals."
            action={
              canManageMoney(me) ? (
                <ButtonLink to="/commissions/plans/new" leftSection={<IconPlus size={16} />}>
                  New plan
                </ButtonLink>
              ) : null
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table highlightOnHover aria-label="Commission plans">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Currency</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Effective from</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plans.data.items.map((plan) => (
                  <Table.Tr
                    key={plan.id}
                    style={{ cursor: 'pointer' }}
                    onClick={() =>
                      void navigate({ to: '/commissions/plans/$planId', params: { planId: plan.id } })
                    }
                  >
                    <Table.Td>
                      <AnchorLink to="/commissions/plans/$planId" params={{ planId: plan.id }}>
                        {plan.name}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{kindLabel(plan.kind)}</Table.Td>
                    <Table.Td>{plan.currency}</Table.Td>
                    <Table.Td>
                      <ActiveBadge plan={plan} />
                    </Table.Td>
                    <Table.Td>v{plan.version}</Table.Td>
                    <Table.Td>{formatDate(plan.versions[0]?.effectiveFrom)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  )
}

export function NewPlanPage() {
  return (
    <>
      <PageHeader title="New commission plan" />
      <PlanForm />
    </>
  )
}

/** A version's terms in a sentence: its rules and how they pay. */
function termsSummary(terms: PlanView['versions'][number]['terms']): string {
  const rules = terms.rules.map((rule) =>
    rule.rate !== undefined
      ? `${rule.label}: ${fractionToPercent(rule.rate)}%`
      : rule.tiered
        ? `${rule.label}: tiered`
        : `${rule.label}: flat`,
  )
  return `${rules.join('; ')} · ${terms.matchPolicy} match · hold ${terms.holdDays} days`
}

function VersionHistory({ plan }: { plan: PlanView }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Version history">
      <Title order={2} size="h4" mb="sm">
        Version history
      </Title>
      <Accordion variant="separated" multiple={false}>
        {plan.versions.map((version) => (
          <Accordion.Item key={version.version} value={String(version.version)}>
            <Accordion.Control>
              <Group gap="sm" wrap="nowrap">
                <Badge variant={version.version === plan.version ? 'filled' : 'light'}>
                  v{version.version}
                </Badge>
                <div>
                  <Text size="sm">
                    From {formatDate(version.effectiveFrom)} · saved {formatDateTime(version.createdAt)} by{' '}
                    {version.createdBy}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {termsSummary(version.terms)}
                  </Text>
                </div>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Code block>{JSON.stringify(version.terms, null, 2)}</Code>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Paper>
  )
}

function SwitchPlan({ plan }: { plan: PlanView }) {
  const queryClient = useQueryClient()
  const [confirming, setConfirming] = useState(false)
  const change = useMutation({
    mutationFn: () => incentivesApi.updatePlan(plan.id, { isActive: !plan.isActive }),
    onSuccess: async (saved) => {
      setConfirming(false)
      queryClient.setQueryData(incentiveKeys.plan(saved.id), saved)
      await queryClient.invalidateQueries({ queryKey: incentiveKeys.all })
      notifySuccess(saved.isActive ? `${saved.name} is on again` : `${saved.name} is switched off`)
    },
    onError: (error) => notifyError(error, 'Could not change the plan'),
  })
  return (
    <>
      <Button variant="default" color={plan.isActive ? 'red' : undefined} onClick={() => setConfirming(true)}>
        {plan.isActive ? 'Switch off' : 'Switch on'}
      </Button>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={plan.isActive ? `Switch off ${plan.name}?` : `Switch on ${plan.name}?`}
      >
        <Stack>
          <Text size="sm">
            {plan.isActive
              ? 'Its unpaid lines are reversed, and no new deal earns under it. Lines already paid stay paid.'
              : 'Deals credited under it earn again, and their lines are posted.'}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color={plan.isActive ? 'red' : undefined}
              loading={change.isPending}
              onClick={() => change.mutate()}
            >
              {plan.isActive ? 'Switch off' : 'Switch on'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}

export function PlanPage({ planId }: { planId: string }) {
  const me = useMe()
  const plan = useQuery({ queryKey: incentiveKeys.plan(planId), queryFn: () => incentivesApi.plan(planId) })
  if (plan.isPending) return <PageLoader label="Loading the plan…" />
  if (plan.isError) return <ErrorAlert error={plan.error} what="Plan" />
  const data = plan.data
  const canChange = canManageMoney(me)
  return (
    <>
      <PageHeader
        title={data.name}
        badge={
          <Group gap="xs">
            <ActiveBadge plan={data} />
            <Badge variant="outline">{kindLabel(data.kind)}</Badge>
            <Badge variant="outline">
              {data.currency} · v{data.version}
            </Badge>
          </Group>
        }
        description={`In effect from ${formatDate(data.versions[0]?.effectiveFrom)}`}
        actions={canChange ? <SwitchPlan plan={data} /> : null}
      />
      <Text size="sm" mb="md">
        <AnchorLink to="/commissions/plans">← All plans</AnchorLink>
      </Text>
      <Stack gap="lg">
        {canChange ? <PlanForm key={`${data.id}-${data.version}`} plan={data} /> : null}
        <VersionHistory plan={data} />
      </Stack>
    </>
  )
}
