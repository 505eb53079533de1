// The webhook delivery log: newest first, by endpoint and status, refreshed every few seconds while
// deliveries go out. Each row opens to the body sent and the receiver's last answer, and can be sent again.
import { Badge, Button, Code, Group, Modal, Paper, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import {
  type DeliveryStatus,
  type DeliveryView,
  deliveryStatuses,
  type EndpointView,
} from '../../../../src/modules/integrations/webhooks/webhooks.contract'
import { formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { nounOf } from '../../ui/list-count'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { notifyError, notifySuccess } from '../../ui/problem'
import { type DeliveryFilters, webhookKeys, webhooksApi } from './webhooks-api'

const statusColors: Record<DeliveryStatus, string> = {
  pending: 'gray',
  sending: 'blue',
  retrying: 'orange',
  delivered: 'teal',
  failed: 'red',
}

const pretty = (body: string) => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

function DeliveryDetail({ delivery, onClose }: { delivery: DeliveryView; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} title={`${delivery.eventType} · ${delivery.status}`} size="xl">
      <Stack gap="sm">
        <Text size="sm">
          {delivery.attempts} attempt{delivery.attempts === 1 ? '' : 's'}
          {delivery.lastStatusCode !== null ? `; the receiver last answered ${delivery.lastStatusCode}` : ''}
          {delivery.lastError ? ` (${delivery.lastError})` : ''}
          {delivery.nextAttemptAt ? `; next try ${formatDateTime(delivery.nextAttemptAt)}` : ''}
        </Text>
        {delivery.lastResponse ? (
          <>
            <Text size="sm" fw={500}>
              The receiver’s answer
            </Text>
            <Code block>{delivery.lastResponse}</Code>
          </>
        ) : null}
        <Text size="sm" fw={500}>
          Body sent
        </Text>
        <Code block aria-label="Body sent">
          {pretty(delivery.body)}
        </Code>
      </Stack>
    </Modal>
  )
}

export function DeliveryLog({ endpoints }: { endpoints: readonly EndpointView[] }) {
  const queryClient = useQueryClient()
  const [filters, setFilters] = useState<DeliveryFilters>({})
  const [open, setOpen] = useState<DeliveryView | null>(null)
  const list = usePagedList(
    webhookKeys.deliveries(filters),
    (cursor) => webhooksApi.deliveries(filters, cursor),
    3000,
  )
  const replay = useMutation({
    mutationFn: webhooksApi.replay,
    onSuccess: async () => {
      notifySuccess('Sent again')
      await queryClient.invalidateQueries({ queryKey: webhookKeys.all })
    },
    onError: (error) => notifyError(error, 'Could not send it again'),
  })
  const urlOf = new Map(endpoints.map((e) => [e.id, e.url]))
  return (
    <Paper withBorder p="lg" radius="md">
      <Group justify="space-between" mb="sm" align="flex-end">
        <Title order={2} size="h4">
          Delivery log
        </Title>
        <Group>
          <Select
            label="Endpoint"
            placeholder="Every endpoint"
            clearable
            data={endpoints.map((e) => ({ value: e.id, label: e.url }))}
            value={filters.endpointId ?? null}
            onChange={(value) => setFilters({ ...filters, endpointId: value ?? undefined })}
            w={280}
          />
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            data={[...deliveryStatuses]}
            value={filters.status ?? null}
            onChange={(value) =>
              setFilters({ ...filters, status: (value as DeliveryStatus | null) ?? undefined })
            }
            w={160}
          />
        </Group>
      </Group>
      <PagedListView
        list={list}
        loadingLabel="Loading deliveries…"
        what="Deliveries"
        noun={nounOf('delivery', 'deliveries')}
        empty={
          <EmptyHint
            title="No deliveries"
            description="Events your endpoints subscribe to show here as they are sent."
          />
        }
      >
        {(items) => (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" highlightOnHover aria-label="Webhook deliveries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Endpoint</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Attempts</Table.Th>
                  <Table.Th>Answer</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((delivery) => (
                  <Table.Tr key={delivery.id}>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => setOpen(delivery)}>
                        {delivery.eventType}
                      </Button>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={1} style={{ wordBreak: 'break-all' }}>
                        {urlOf.get(delivery.endpointId) ?? delivery.endpointId}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={statusColors[delivery.status]} variant="light">
                        {delivery.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{delivery.attempts}</Table.Td>
                    <Table.Td>
                      {delivery.lastStatusCode ?? (delivery.lastError ? 'unreachable' : '—')}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(delivery.createdAt)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Send ${delivery.eventType} again`}
                        onClick={() => replay.mutate(delivery.id)}
                      >
                        Send again
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </PagedListView>
      {open ? <DeliveryDetail delivery={open} onClose={() => setOpen(null)} /> : null}
    </Paper>
  )
}
