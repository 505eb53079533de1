// A card that starts an org-wide background job and follows it to the end: the most recent job on
// load, a new one on request, a progress bar polled every second while it runs, and a refresh of
// what the job changed once it is done.
import { Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import { type QueryKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useEffect, useState } from 'react'
import { notifyError } from './problem'

export interface BackgroundJob {
  id: string
  status: 'queued' | 'running' | 'done' | 'failed'
  percent: number
}

const isRunning = (job: BackgroundJob | undefined) => job?.status === 'queued' || job?.status === 'running'

export function BackgroundJobCard<J extends BackgroundJob>(props: {
  title: string
  description: ReactNode
  action: string
  /** The job list (its first item is the latest) and one job, with their query keys. */
  recent: { key: QueryKey; fetch: () => Promise<{ items: J[] }> }
  one: { key: (id: string) => QueryKey; fetch: (id: string) => Promise<J> }
  start: () => Promise<J>
  /** Queries to refresh once a job is done. */
  refreshes: QueryKey
  statusLine: (job: J) => string
  canStart?: boolean
  footnote?: (job: J) => ReactNode
}) {
  const queryClient = useQueryClient()
  const recent = useQuery({ queryKey: props.recent.key, queryFn: props.recent.fetch })
  const [jobId, setJobId] = useState<string | null>(null)
  const currentId = jobId ?? recent.data?.items[0]?.id ?? null
  const job = useQuery({
    queryKey: props.one.key(currentId ?? 'none'),
    queryFn: () => props.one.fetch(currentId ?? ''),
    enabled: Boolean(currentId),
    refetchInterval: (query) => (isRunning(query.state.data) ? 1000 : false),
  })
  const start = useMutation({
    mutationFn: props.start,
    onSuccess: (started) => {
      queryClient.setQueryData(props.one.key(started.id), started)
      setJobId(started.id)
    },
    onError: (error) => notifyError(error, `Could not start: ${props.action.toLowerCase()}`),
  })
  const data = job.data
  const finished = data?.status === 'done'
  const { refreshes } = props
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: refreshes, refetchType: 'active' })
  }, [finished, queryClient, refreshes])

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={props.title}>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={2} size="h4">
            {props.title}
          </Title>
          {/* a div: a description may hold a control, e.g. which quarter to generate */}
          <Text size="sm" c="dimmed" component="div">
            {props.description}
          </Text>
        </div>
        {props.canStart === false ? null : (
          <Button
            leftSection={<IconRefresh size={16} />}
            onClick={() => start.mutate()}
            loading={start.isPending}
            disabled={isRunning(data)}
          >
            {props.action}
          </Button>
        )}
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
            {props.statusLine(data)}
          </Text>
          {props.footnote ? (
            <Text size="xs" c="dimmed">
              {props.footnote(data)}
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </Paper>
  )
}
