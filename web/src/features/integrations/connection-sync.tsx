// A connection's moving parts: the sync (now, a dry run or a full resync) followed to its end with
// its phase, records read and what it changed; the field mapping each kind of record goes through,
// editable; and what the provider's change notifications did.
import { Badge, Button, Code, Group, Progress, Stack, Table, Text, Textarea, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import type {
  ConnectionView,
  Provider,
  SyncRunView,
} from '../../../../src/modules/integrations/connectors/connectors.contract'
import { formatDateTime } from '../../ui/dates'
import { notifyError, notifySuccess } from '../../ui/problem'
import { type ConnectorMapping, connectorKeys, connectorsApi, type FieldSource } from './connectors-api'

const running = (run: SyncRunView | null | undefined) => run?.status === 'queued' || run?.status === 'running'

function describeResult(run: SyncRunView): string {
  const r = run.result
  if (!r) return ''
  const created = r.accounts.inserted + r.deals.inserted + r.touches.inserted
  const changed = r.accounts.updated + r.deals.updated + r.touches.updated
  const removed = r.removed.deals + r.removed.touches
  const verb = run.dryRun ? 'would be' : ''
  return [
    `${created} created${verb ? ` (${verb})` : ''}`,
    `${changed} changed`,
    `${removed} removed at the source`,
    r.problems > 0 ? `${r.problems} left out for bad values (import ${run.importId})` : null,
  ]
    .filter(Boolean)
    .join(' · ')
}

export function SyncPanel({ connection }: { connection: ConnectionView }) {
  const queryClient = useQueryClient()
  const [runId, setRunId] = useState<string | null>(null)
  const currentId = runId ?? connection.latestRun?.id ?? null
  const run = useQuery({
    queryKey: connectorKeys.run(currentId ?? 'none'),
    queryFn: () => connectorsApi.run(currentId ?? ''),
    enabled: Boolean(currentId),
    initialData: runId ? undefined : (connection.latestRun ?? undefined),
    refetchInterval: (query) => (running(query.state.data) ? 1000 : false),
  })
  const start = useMutation({
    mutationFn: (body: { dryRun?: boolean; full?: boolean }) => connectorsApi.sync(connection.provider, body),
    onSuccess: (started) => {
      queryClient.setQueryData(connectorKeys.run(started.id), started)
      setRunId(started.id)
    },
    onError: (error) => notifyError(error, 'Could not start the sync'),
  })
  const data = run.data
  const ended = data && !running(data) ? `${data.id}:${data.status}` : null
  // once a run ends, the connection's counts, cursor and error are read again
  useEffect(() => {
    if (ended) void queryClient.invalidateQueries({ queryKey: connectorKeys.all, exact: true })
  }, [ended, queryClient])
  const busy = running(data) || start.isPending
  return (
    <Stack gap="xs" component="section" aria-label={`${connection.label} sync`}>
      <Group justify="space-between">
        <Title order={3} size="h5">
          Sync
        </Title>
        <Group gap="xs">
          <Button size="xs" onClick={() => start.mutate({})} disabled={busy}>
            Sync now
          </Button>
          <Button size="xs" variant="light" onClick={() => start.mutate({ dryRun: true })} disabled={busy}>
            Dry run
          </Button>
          <Button size="xs" variant="default" onClick={() => start.mutate({ full: true })} disabled={busy}>
            Read everything again
          </Button>
        </Group>
      </Group>
      {data ? (
        <Stack gap={4} aria-live="polite">
          <Group gap="xs">
            <Badge
              color={data.status === 'failed' ? 'red' : data.status === 'done' ? 'teal' : 'blue'}
              variant="light"
            >
              {data.dryRun ? 'dry run · ' : ''}
              {data.status}
            </Badge>
            <Text size="sm" c="dimmed">
              {data.mode === 'full' ? 'everything' : 'changes'} · asked {formatDateTime(data.createdAt)} by{' '}
              {data.requestedBy}
            </Text>
          </Group>
          {running(data) ? (
            <>
              <Progress value={data.percent} animated aria-label="Sync progress" />
              <Text size="sm">
                {data.phase ?? 'waiting for the worker'} · read{' '}
                {Object.entries(data.fetched)
                  .map(([kind, n]) => `${n} ${kind}`)
                  .join(', ') || 'nothing yet'}
              </Text>
            </>
          ) : null}
          {data.status === 'done' ? <Text size="sm">{describeResult(data)}</Text> : null}
          {data.status === 'failed' ? (
            <Text size="sm" c="red">
              {data.error}
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          No sync yet. A dry run shows what the first load would bring without writing anything.
        </Text>
      )}
    </Stack>
  )
}

const describeSource = (source: FieldSource & { whenBlank?: FieldSource }): string => {
  const first = source.column
    ? `column ${source.column}`
    : source.template
      ? `“${source.template}”`
      : source.constant !== undefined
        ? `always “${source.constant}”`
        : 'the import date'
  const values = source.values
    ? ` (${Object.entries(source.values)
        .map(([a, b]) => `${a}→${b}`)
        .join(', ')})`
    : ''
  return `${first}${values}${source.whenBlank ? `, else ${describeSource(source.whenBlank)}` : ''}`
}

function MappingEditor({ provider, item }: { provider: Provider; item: ConnectorMapping }) {
  const queryClient = useQueryClient()
  const [text, setText] = useState<string | null>(null)
  const save = useMutation({
    mutationFn: (body: unknown) => connectorsApi.saveMapping(provider, item.kind, body),
    onSuccess: async () => {
      notifySuccess(`The ${item.kind} mapping is saved; the next sync applies it`)
      setText(null)
      await queryClient.invalidateQueries({ queryKey: connectorKeys.mappings(provider) })
    },
    onError: (error) => notifyError(error, `The ${item.kind} mapping was not saved`),
  })
  const submit = () => {
    try {
      save.mutate(JSON.parse(text ?? ''))
    } catch {
      notifyError(new Error('The mapping is not valid JSON'))
    }
  }
  return (
    <Stack gap={6} component="section" aria-label={`${item.kind} mapping`}>
      <Group gap="xs">
        <Text fw={600} size="sm" tt="capitalize">
          {item.kind}
        </Text>
        <Badge size="xs" variant="light" color={item.isDefault ? 'gray' : 'grape'}>
          {item.isDefault ? 'default' : 'your own'}
        </Badge>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => setText(text === null ? JSON.stringify(item.mapping, null, 2) : null)}
        >
          {text === null ? 'Edit' : 'Cancel'}
        </Button>
      </Group>
      {text === null ? (
        <Table withRowBorders={false} fz="sm" verticalSpacing={2}>
          <Table.Tbody>
            {Object.entries(item.mapping.fields).map(([field, source]) => (
              <Table.Tr key={field}>
                <Table.Td w={140}>
                  <Code>{field}</Code>
                </Table.Td>
                <Table.Td>{describeSource(source)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <>
          <Text size="xs" c="dimmed">
            Columns offered: {item.columns.join(', ')}
          </Text>
          <Textarea
            aria-label={`${item.kind} mapping JSON`}
            autosize
            minRows={6}
            maxRows={20}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
          />
          <Button size="xs" w="fit-content" onClick={submit} loading={save.isPending}>
            Save {item.kind} mapping
          </Button>
        </>
      )}
    </Stack>
  )
}

export function FieldMappings({ provider }: { provider: Provider }) {
  const [open, setOpen] = useState(false)
  const mappings = useQuery({
    queryKey: connectorKeys.mappings(provider),
    queryFn: () => connectorsApi.mappings(provider),
    enabled: open,
  })
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={3} size="h5">
          Field mapping
        </Title>
        <Button size="xs" variant="subtle" onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide' : 'Show'}
        </Button>
      </Group>
      {open
        ? mappings.data?.items.map((item) => (
            <MappingEditor key={item.kind} provider={provider} item={item} />
          ))
        : null}
    </Stack>
  )
}

const outcomeColor = {
  queued: 'blue',
  applied: 'teal',
  ignored: 'gray',
  unmatched: 'orange',
  refused: 'red',
} as const

export function ConnectionEvents({ provider }: { provider: Provider }) {
  const events = useQuery({
    queryKey: connectorKeys.events(provider),
    queryFn: () => connectorsApi.events(provider),
    refetchInterval: 10_000,
  })
  const items = events.data?.items ?? []
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Change notifications
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          None received yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table fz="sm" aria-label="Change notifications">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Received</Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>What happened</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.eventId}>
                  <Table.Td>{formatDateTime(e.receivedAt)}</Table.Td>
                  <Table.Td>{e.type}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={outcomeColor[e.outcome]}>
                      {e.outcome}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{e.detail}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  )
}
