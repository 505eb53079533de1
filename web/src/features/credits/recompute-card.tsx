// Re-attributing every deal under every enabled model, with a progress bar that follows the job
// until it is done. Staff start one after changing a model; bulk loads start their own.
import { Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type { RecomputeView } from '../../../../src/modules/credits/credits.contract'
import { formatDateTime } from '../../ui/dates'
import { formatCount } from '../../ui/money'
import { notifyError } from '../../ui/problem'
import { creditKeys, creditsApi } from './credits-api'

const isRunning = (job: RecomputeView | undefined) => job?.status === 'queued' || job?.status === 'running'

export function RecomputeCard({ canChange }: { canChange: boolean }) {
  const queryClient = useQueryClient()
  const recent = useQuery({ queryKey: creditKeys.recomputes, queryFn: creditsApi.recomputes })
  const [jobId, setJobId] = useState<string | null>(null)
  const currentId = jobId ?? recent.data?.items[0]?.id ?? null
  const job = useQuery({
    queryKey: creditKeys.recompute(currentId ?? 'none'),
    queryFn: () => creditsApi.recompute(currentId ?? ''),
    enabled: Boolean(currentId),
    refetchInterval: (query) => (isRunning(query.state.data) ? 1000 : false),
  })
  const start = useMutation({
    mutationFn: creditsApi.startRecompute,
    onSuccess: (started) => {
      queryClient.setQueryData(creditKeys.recompute(started.id), started)
      setJobId(started.id)
    },
    onError: (error) => notifyError(error, 'Could not start the recompute'),
  })
  const data = job.data
  const finished = data?.status === 'done'
  useEffect(() => {
    // fresh credit everywhere once the job is through
    if (finished) void queryClient.invalidateQueries({ queryKey: creditKeys.all, refetchType: 'active' })
  }, [finished, queryClient])

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Recompute credit">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={2} size="h4">
            Recompute credit
          </Title>
          <Text size="sm" c="dimmed">
            Re-attributes every deal under every enabled model. Credit already follows each new touch; use
            this after changing models.
          </Text>
        </div>
        {canChange ? (
          <Button
            leftSection={<IconRefresh size={16} />}
            onClick={() => start.mutate()}
            loading={start.isPending}
            disabled={isRunning(data)}
          >
            Recompute all credit
          </Button>
        ) : null}
      </Group>
      {data ? (
        <Stack gap={4} mt="md">
          <Progress
            value={data.percent}
            animated={isRunning(data)}
            striped={isRunning(data)}
            color={data.status === 'failed' ? 'red' : finished ? 'teal' : 'blue'}
            aria-label="Recompute progress"
            size="lg"
          />
          <Text size="sm" aria-live="polite">
            {data.status === 'failed'
              ? `Failed: ${data.error ?? 'unknown error'}`
              : finished
                ? `Done: ${formatCount(data.total)} deals re-attributed${data.finishedAt ? ` at ${formatDateTime(data.finishedAt)}` : ''}`
                : `${data.status === 'queued' ? 'Queued' : 'Running'}: ${formatCount(data.done)} of ${formatCount(data.total)} deals (${Math.floor(data.percent)}%)`}
          </Text>
          <Text size="xs" c="dimmed">
            {data.reason}
          </Text>
        </Stack>
      ) : null}
    </Paper>
  )
}
