// A partner's tier at a glance: the level held on its ladder, at risk until when, a proposal waiting
// for staff, progress to the next level criterion by criterion, and the history of changes with their
// reasons. Staff see it on the partner's page; a partner user sees their own on the portal's home.
import { Alert, Badge, Button, Group, Paper, Progress, Stack, Text, Timeline, Title } from '@mantine/core'
import {
  IconAlertTriangle,
  IconArrowDown,
  IconArrowUp,
  IconHourglass,
  IconRefresh,
} from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { LevelProgressView, TierStatusView } from '../../../../src/modules/programs/programs.contract'
import { formatDate, formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatCount, formatMoney } from '../../ui/money'
import { notifyError } from '../../ui/problem'
import { useMe } from '../identity/session'
import { canRunProgram, programKeys, programsApi } from './programs-api'

const period = (months: number) => (months === 1 ? 'the last month' : `the last ${months} months`)

export function LevelProgress({ level, title }: { level: LevelProgressView; title: string }) {
  return (
    <Stack gap={6} aria-label={title}>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {title}
        </Text>
        {level.met ? (
          <Badge color="teal" variant="light">
            Met
          </Badge>
        ) : null}
      </Group>
      {level.criteria.length === 0 ? (
        <Text size="sm" c="dimmed">
          No criteria: every partner qualifies.
        </Text>
      ) : (
        level.criteria.map((criterion) => (
          <Stack key={`${criterion.kind}-${criterion.label}`} gap={2}>
            <Group justify="space-between" gap="xs">
              <Text size="sm">{criterion.label}</Text>
              <Text
                size="sm"
                c={criterion.met ? 'teal' : 'dimmed'}
                style={{ fontVariantNumeric: 'tabular-nums' }}
              >
                {criterion.text}
              </Text>
            </Group>
            <Progress
              value={Math.round(criterion.ratio * 100)}
              color={criterion.met ? 'teal' : 'blue'}
              aria-label={`${criterion.label}: ${criterion.text}`}
            />
          </Stack>
        ))
      )}
    </Stack>
  )
}

export function TierStatus({ status, area }: { status: TierStatusView; area: 'console' | 'portal' }) {
  const own = area === 'portal'
  if (!status.ladder)
    return (
      <EmptyHint
        size="sm"
        title="No tier ladder applies"
        description={
          own
            ? 'Your partner manager has not placed your company on a tier ladder yet.'
            : 'Add a tier ladder on the Tiers page, or widen a ladder’s audience to take this partner.'
        }
      />
    )
  const levels = status.levels
  return (
    <Stack gap="md">
      <Group gap="xs" wrap="wrap" aria-label="Levels">
        {levels.map((level) => (
          <Badge
            key={level.key}
            size="lg"
            variant={level.key === status.tier?.key ? 'filled' : 'light'}
            color={level.key === status.tier?.key ? 'grape' : 'gray'}
          >
            {level.name}
          </Badge>
        ))}
      </Group>
      {status.figures ? (
        <Text size="sm" c="dimmed">
          {formatMoney(status.figures.revenue)} attributed revenue and {formatCount(status.figures.deals)}{' '}
          attributed deals in {period(status.figures.periodMonths)}
          {status.figures.leftOut.length > 0
            ? ` (${status.figures.leftOut.join(', ')} left out: no exchange rate)`
            : ''}
          .
        </Text>
      ) : null}
      {status.atRisk ? (
        <Alert
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          title={`At risk until ${formatDate(status.atRisk.until)}`}
        >
          {status.atRisk.text}
        </Alert>
      ) : null}
      {status.pendingProposal ? (
        <Alert color="blue" icon={<IconHourglass size={18} />} title="Waiting for a decision">
          {status.pendingProposal.explanation}
        </Alert>
      ) : null}
      {status.next ? (
        <Paper withBorder p="md" radius="sm">
          <LevelProgress level={status.next} title={`Progress to ${status.next.name}`} />
        </Paper>
      ) : status.tier ? (
        <Text size="sm">{own ? 'You are' : 'The partner is'} on the highest level of the ladder.</Text>
      ) : null}
      {status.history.length > 0 ? (
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            History
          </Text>
          <Timeline bulletSize={22} lineWidth={2} active={status.history.length} aria-label="Tier history">
            {status.history.slice(0, own ? 5 : 20).map((change) => (
              <Timeline.Item
                key={change.id}
                bullet={
                  change.direction === 'promotion' ? <IconArrowUp size={12} /> : <IconArrowDown size={12} />
                }
                color={change.direction === 'promotion' ? 'teal' : 'orange'}
                title={`${change.from?.name ?? 'No tier'} → ${change.to?.name ?? 'No tier'}`}
              >
                <Text size="sm">{change.explanation}</Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(change.at)}
                  {own ? '' : ` · ${change.actor}`}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      ) : null}
    </Stack>
  )
}

function TierCardFrame({
  status,
  area,
  action,
}: {
  status: { data?: TierStatusView; isPending: boolean; isError: boolean; error: unknown }
  area: 'console' | 'portal'
  action?: React.ReactNode
}) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Tier">
      <Group justify="space-between" mb="md">
        <Group gap="sm">
          <Title order={2} size="h4">
            Tier
          </Title>
          {status.data ? (
            <Badge size="lg" color={status.data.tier ? 'grape' : 'gray'} aria-label="Current tier">
              {status.data.tier?.name ?? 'No tier'}
            </Badge>
          ) : null}
        </Group>
        {action}
      </Group>
      {status.isPending ? (
        <PageLoader label="Working out the tier…" />
      ) : status.isError ? (
        <ErrorAlert error={status.error} what="Tier" />
      ) : status.data ? (
        <TierStatus status={status.data} area={area} />
      ) : null}
    </Paper>
  )
}

/** Console: a partner's tier, with "evaluate now" for those who run the program. */
export function PartnerTierCard({ partnerId }: { partnerId: string }) {
  const me = useMe()
  const queryClient = useQueryClient()
  const status = useQuery({
    queryKey: programKeys.partnerTier(partnerId),
    queryFn: () => programsApi.partnerTier(partnerId),
  })
  const evaluate = useMutation({
    mutationFn: () => programsApi.evaluatePartner(partnerId),
    onSuccess: (fresh) => {
      queryClient.setQueryData(programKeys.partnerTier(partnerId), fresh)
      void queryClient.invalidateQueries({ queryKey: programKeys.all })
    },
    onError: (error) => notifyError(error, 'Could not evaluate the tier'),
  })
  return (
    <TierCardFrame
      status={status}
      area="console"
      action={
        canRunProgram(me) ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRefresh size={14} />}
            loading={evaluate.isPending}
            onClick={() => evaluate.mutate()}
          >
            Evaluate now
          </Button>
        ) : null
      }
    />
  )
}

/** Portal: the signed-in partner's own tier and progress. */
export function PortalTierCard() {
  const status = useQuery({ queryKey: programKeys.myTier, queryFn: programsApi.myTier })
  return <TierCardFrame status={status} area="portal" />
}
