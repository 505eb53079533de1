// Console → Tiers: partners per level of each ladder (a chart), an org-wide evaluation with progress,
// the proposals waiting for a decision, the partners by tier with progress to their next level, and
// the ladders themselves.
import { BarChart } from '@mantine/charts'
import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { IconCheck, IconPencil, IconPlus, IconX } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type {
  EvaluationView,
  LadderView,
  ProposalView,
  TierListItem,
  TierSummaryView,
} from '../../../../src/modules/programs/programs.contract'
import { BackgroundJobCard } from '../../ui/background-job-card'
import { formatDate, formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatCount, formatMoney } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess } from '../../ui/problem'
import { AnchorLink, ButtonLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { canRunProgram, programKeys, programsApi, type TierFilters } from './programs-api'

function evaluationLine(run: EvaluationView): string {
  if (run.status === 'failed') return `Failed: ${run.error ?? 'unknown error'}`
  if (run.status === 'done')
    return `Done: ${formatCount(run.total)} partners evaluated, ${formatCount(run.changed)} tiers changed, ${formatCount(run.proposed)} proposals made${run.finishedAt ? ` at ${formatDateTime(run.finishedAt)}` : ''}`
  if (run.status === 'queued') return 'Queued: waiting for a worker…'
  return `Running: ${formatCount(run.done)} of ${formatCount(run.total)} partners (${run.percent}%)`
}

function EvaluationCard({ canStart }: { canStart: boolean }) {
  return (
    <BackgroundJobCard<EvaluationView>
      title="Evaluate tiers"
      description="Tiers follow each change of credit; evaluate every partner after changing a ladder or to check all is current."
      action="Evaluate all partners"
      recent={{ key: programKeys.evaluations, fetch: programsApi.evaluations }}
      one={{ key: programKeys.evaluation, fetch: programsApi.evaluation }}
      start={programsApi.startEvaluation}
      refreshes={programKeys.all}
      statusLine={evaluationLine}
      canStart={canStart}
    />
  )
}

function LevelsChart({ ladder }: { ladder: TierSummaryView['ladders'][number] }) {
  const data = ladder.levels.map((level) => ({ level: level.name, Partners: level.partners }))
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {ladder.name}: partners per level
      </Text>
      <BarChart
        h={200}
        data={data}
        dataKey="level"
        series={[{ name: 'Partners', color: 'grape.6' }]}
        tickLine="y"
        valueFormatter={(value) => formatCount(value)}
        aria-label={`${ladder.name}: partners per level`}
      />
      <Group gap="lg">
        {ladder.levels.map((level) => (
          <Text key={level.key} size="xs" c="dimmed">
            {level.name}: {formatMoney(level.revenue, { compact: true })} attributed
          </Text>
        ))}
      </Group>
    </Stack>
  )
}

function SummaryCard() {
  const summary = useQuery({ queryKey: programKeys.summary, queryFn: programsApi.summary })
  if (summary.isPending) return <PageLoader label="Counting partners per level…" />
  if (summary.isError) return <ErrorAlert error={summary.error} what="Tier summary" />
  const { data } = summary
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Partners per level">
      <SimpleGrid cols={{ base: 1, md: data.ladders.length > 1 ? 2 : 1 }} mb="md">
        {data.ladders.map((ladder) => (
          <LevelsChart key={ladder.id} ladder={ladder} />
        ))}
      </SimpleGrid>
      <Group gap="xl">
        <Text size="sm">
          <b>{formatCount(data.untiered)}</b> without a tier
        </Text>
        <Text size="sm" c={data.atRisk > 0 ? 'orange' : undefined}>
          <b>{formatCount(data.atRisk)}</b> at risk
        </Text>
        <Text size="sm" c={data.pendingProposals > 0 ? 'blue' : undefined}>
          <b>{formatCount(data.pendingProposals)}</b> proposals waiting
        </Text>
      </Group>
    </Paper>
  )
}

function ProposalsCard({ canDecide }: { canDecide: boolean }) {
  const queryClient = useQueryClient()
  const proposals = useQuery({ queryKey: programKeys.proposals, queryFn: programsApi.proposals })
  const [rejecting, setRejecting] = useState<ProposalView | null>(null)
  const [reason, setReason] = useState('')
  const done = (verb: string) => async (proposal: ProposalView) => {
    notifySuccess(
      `${verb}: ${proposal.partnerName ?? proposal.partnerId} → ${proposal.to?.name ?? 'no tier'}`,
    )
    await queryClient.invalidateQueries({ queryKey: programKeys.all })
  }
  const approve = useMutation({
    mutationFn: (proposal: ProposalView) => programsApi.approve(proposal.id),
    onSuccess: done('Approved'),
    onError: (error) => notifyError(error, 'Could not approve'),
  })
  const reject = useMutation({
    mutationFn: ({ proposal, why }: { proposal: ProposalView; why: string }) =>
      programsApi.reject(proposal.id, why),
    onSuccess: async (proposal) => {
      setRejecting(null)
      setReason('')
      await done('Rejected')(proposal)
    },
    onError: (error) => notifyError(error, 'Could not reject'),
  })
  const items = proposals.data?.items ?? []
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Proposals">
      <Title order={2} size="h4" mb="md">
        Proposals waiting for a decision
      </Title>
      {proposals.isPending ? (
        <PageLoader label="Loading proposals…" />
      ) : proposals.isError ? (
        <ErrorAlert error={proposals.error} what="Proposals" />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          None. Ladders in staff-review mode propose promotions and demotions here.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label="Tier proposals">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Partner</Table.Th>
                <Table.Th>Change</Table.Th>
                <Table.Th>Why</Table.Th>
                <Table.Th>Proposed</Table.Th>
                {canDecide ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((proposal) => (
                <Table.Tr key={proposal.id}>
                  <Table.Td>
                    <AnchorLink to="/partners/$partnerId" params={{ partnerId: proposal.partnerId }}>
                      {proposal.partnerName ?? proposal.partnerId}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={proposal.direction === 'promotion' ? 'teal' : 'orange'} variant="light">
                      {proposal.from?.name ?? 'No tier'} → {proposal.to?.name ?? 'No tier'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{proposal.explanation}</Text>
                  </Table.Td>
                  <Table.Td>{formatDate(proposal.createdAt)}</Table.Td>
                  {canDecide ? (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          color="teal"
                          leftSection={<IconCheck size={14} />}
                          loading={approve.isPending && approve.variables?.id === proposal.id}
                          onClick={() => approve.mutate(proposal)}
                        >
                          Approve
                        </Button>
                        <Button
                          size="xs"
                          variant="light"
                          color="red"
                          leftSection={<IconX size={14} />}
                          onClick={() => setRejecting(proposal)}
                        >
                          Reject
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={rejecting !== null} onClose={() => setRejecting(null)} title="Reject the proposal">
        <form
          onSubmit={(event) => {
            event.preventDefault()
            if (rejecting && reason.trim()) reject.mutate({ proposal: rejecting, why: reason.trim() })
          }}
        >
          <Stack>
            <Text size="sm">
              {rejecting?.partnerName} keeps {rejecting?.from?.name ?? 'no tier'}; the change is not proposed
              again until the figures call for something else.
            </Text>
            <Textarea
              label="Reason"
              required
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button type="submit" color="red" loading={reject.isPending} disabled={!reason.trim()}>
                Reject
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  )
}

function ProgressCell({ item }: { item: TierListItem }) {
  if (!item.next)
    return (
      <Text size="sm" c="dimmed">
        {item.tier ? 'Highest level' : '—'}
      </Text>
    )
  const ratios = item.next.criteria.map((c) => c.ratio)
  const overall = ratios.length === 0 ? 1 : ratios.reduce((sum, r) => sum + r, 0) / ratios.length
  return (
    <Stack gap={2} miw={180}>
      <Text size="xs">
        {item.next.name}: {item.next.summary}
      </Text>
      <Progress value={Math.round(overall * 100)} size="sm" aria-label={`Progress to ${item.next.name}`} />
    </Stack>
  )
}

function PartnersByTier({ ladders }: { ladders: LadderView[] }) {
  const levels = ladders.flatMap((l) => (l.isActive ? l.definition.levels : []))
  const [filter, setFilter] = useState('all')
  const filters: TierFilters =
    filter === 'all' ? {} : filter === 'at-risk' ? { atRisk: 'true' } : { tier: filter }
  const page = useQuery({
    queryKey: programKeys.tiers(filters),
    queryFn: () => programsApi.tiers(filters, null, 200),
  })
  const options = [
    { value: 'all', label: 'All' },
    ...levels
      .filter((l, i) => levels.findIndex((o) => o.key === l.key) === i)
      .map((l) => ({ value: l.key, label: l.name })),
    { value: 'none', label: 'No tier' },
    { value: 'at-risk', label: 'At risk' },
  ]
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Partners by tier">
      <Group justify="space-between" mb="md" wrap="wrap">
        <Title order={2} size="h4">
          Partners by tier
        </Title>
        <SegmentedControl
          size="xs"
          data={options}
          value={filter}
          onChange={setFilter}
          aria-label="Tier filter"
        />
      </Group>
      {page.isPending ? (
        <PageLoader label="Loading partners…" />
      ) : page.isError ? (
        <ErrorAlert error={page.error} what="Partners by tier" />
      ) : page.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No partner here yet. Partners appear once they are evaluated.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover aria-label="Partners by tier">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Partner</Table.Th>
                <Table.Th style={{ minWidth: 110 }}>Tier</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Attributed revenue</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Deals</Table.Th>
                <Table.Th>Progress to the next level</Table.Th>
                <Table.Th>At risk until</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data.items.map((item) => (
                <Table.Tr key={item.partnerId}>
                  <Table.Td>
                    <AnchorLink to="/partners/$partnerId" params={{ partnerId: item.partnerId }}>
                      {item.partnerName}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={item.tier ? 'grape' : 'gray'} variant="light">
                      {item.tier?.name ?? 'No tier'}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                    {formatMoney(item.figures.revenue)}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{formatCount(item.figures.deals)}</Table.Td>
                  <Table.Td>
                    <ProgressCell item={item} />
                  </Table.Td>
                  <Table.Td>
                    {item.atRiskUntil ? (
                      <Text c="orange" size="sm">
                        {formatDate(item.atRiskUntil)}
                      </Text>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {page.data && page.data.total > page.data.items.length ? (
        <Text size="xs" c="dimmed" mt="xs">
          The {formatCount(page.data.items.length)} with the most attributed revenue of{' '}
          {formatCount(page.data.total)}.
        </Text>
      ) : null}
    </Paper>
  )
}

function LaddersCard({ ladders, canEdit }: { ladders: LadderView[]; canEdit: boolean }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Ladders">
      <Title order={2} size="h4" mb="md">
        Ladders
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label="Tier ladders">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Levels</Table.Th>
              <Table.Th>Changes</Table.Th>
              <Table.Th>Grace</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ladders.map((ladder) => (
              <Table.Tr key={ladder.id}>
                <Table.Td>
                  <Group gap="xs">
                    {ladder.name}
                    {ladder.isActive ? null : (
                      <Badge color="gray" variant="light">
                        Off
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{ladder.definition.levels.map((l) => l.name).join(' → ')}</Table.Td>
                <Table.Td>{ladder.definition.mode === 'automatic' ? 'Automatic' : 'Staff review'}</Table.Td>
                <Table.Td>{ladder.definition.graceDays} days</Table.Td>
                <Table.Td>v{ladder.version}</Table.Td>
                <Table.Td>
                  {canEdit ? (
                    <ButtonLink
                      size="xs"
                      variant="subtle"
                      to="/tiers/ladders/$ladderId"
                      params={{ ladderId: ladder.id }}
                      leftSection={<IconPencil size={14} />}
                    >
                      Edit
                    </ButtonLink>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  )
}

export function TiersPage() {
  const me = useMe()
  const canRun = canRunProgram(me)
  const ladders = useQuery({ queryKey: programKeys.ladders, queryFn: programsApi.ladders })
  const newLadder = canRun ? (
    <ButtonLink to="/tiers/ladders/new" leftSection={<IconPlus size={16} />}>
      New ladder
    </ButtonLink>
  ) : null
  return (
    <>
      <PageHeader
        title="Tiers"
        description="Partners placed on ladders by their attributed revenue, deals, certifications and profile; every change explained with its numbers."
        actions={newLadder}
      />
      {ladders.isPending ? (
        <PageLoader label="Loading ladders…" />
      ) : ladders.isError ? (
        <ErrorAlert error={ladders.error} what="Tier ladders" />
      ) : ladders.data.items.length === 0 ? (
        <Paper withBorder p="lg" radius="md">
          <EmptyHint
            title="No tier ladder yet"
            description="Add a ladder, e.g. Bronze for everyone, Silver from $100,000 attributed revenue a year, Gold from $400,000 and five deals, and every partner is placed at once."
            action={newLadder}
          />
        </Paper>
      ) : (
        <Stack gap="lg">
          <SummaryCard />
          <EvaluationCard canStart={canRun} />
          <ProposalsCard canDecide={canRun} />
          <PartnersByTier ladders={ladders.data.items} />
          <LaddersCard ladders={ladders.data.items} canEdit={canRun} />
        </Stack>
      )}
    </>
  )
}
