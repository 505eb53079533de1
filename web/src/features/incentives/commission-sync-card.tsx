// Recomputing every partner's commission lines from current credit and plans, with a progress bar
// that follows the sync until it is done.
import { Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { SyncView } from '../../../../src/modules/incentives/incentives.contract'
import { formatDateTime } from '../../ui/dates'
import { formatCount } from '../../ui/money'
import { notifyError } from '../../ui/problem'
import { incentiveKeys, incentivesApi } from './incentives-api'

const isRunning = (sync: SyncView | undefined) => sync?.status === 'queued' || sync?.status === 'running'

function statusLine(sync: SyncView): string {
  if (sync.status === 'failed') return `Failed: ${sync.error ?? 'unknown error'}`
  if (sync.status === 'done')
    return `Done: ${formatCount(sync.total)} partners brought up to date, ${formatCount(sync.posted)} entries posted${sync.finishedAt ? ` at ${formatDateTime(sync.finishedAt)}` : ''}`
  if (sync.status === 'queued') return 'Queued: waiting for a worker…'
  return `Running: ${formatCount(sync.done)} of ${formatCount(sync.total)} partners (${sync.percent}%)`
}

export function CommissionSyncCard() {
  const queryClient = useQueryClient()
  const recent = useQuery({ queryKey: incentiveKeys.syncs, queryFn: incentivesApi.syncs })
  const [syncId, setSyncId] = useState<string | null>(null)
  const currentId = syncId ?? recent.data?.items[0]?.id ?? null
  const sync = useQuery({
    queryKey: incentiveKeys.sync(currentId ?? 'none'),
    queryFn: () => incentivesApi.sync(currentId ?? ''),
    enabled: Boolean(currentId),
    refetchInterval: (query) => (isRunning(query.state.data) ? 1000 : false),
  })
  const start = useMutation({
    mutationFn: incentivesApi.startSync,
    onSuccess: (started) => {
      queryClient.setQueryData(incentiveKeys.sync(started.id), started)
      setSyncId(started.id)
    },
    onError: (error) => notifyError(error, 'Could not start the recompute'),
  })
  const data = sync.data
  const finished = data?.status === 'done'
  useEffect(() => {
    // fresh lines and balances once the sync is through
    if (finished) void queryClient.invalidateQueries({ queryKey: incentiveKeys.all, refetchType: 'active' })
  }, [finished, queryClient])

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Recompute commissions">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={2} size="h4">
            Recompute commissions
          </Title>
          <Text size="sm" c="dimmed">
            Lines already follow each change of credit and plan; recompute after loading FX rates or to check
            everything is up to date.
          </Text>
        </div>
        <Button
          leftSection={<IconRefresh size={16} />}
          onClick={() => start.mutate()}
          loading={start.isPending}
          disabled={isRunning(data)}
        >
          Recompute commissions
        </Button>
      </Group>
      {data ? (
        <Stack gap={4} mt="md">
          <Progress
            value={data.status === 'queued' ? 100 : data.percent}
            animated={isRunning(data)}
            striped={isRunning(data)}
            color={data.status === 'failed' ? 'red' : finished ? 'teal' : 'blue'}
            aria-label="Recompute progress"
            size="lg"
          />
          <Text size="sm" aria-live="polite">
            {statusLine(data)}
          </Text>
        </Stack>
      ) : null}
    </Paper>
  )
}
