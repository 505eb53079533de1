// Settings → Webhooks: subscribe endpoints to the org's events, see how each is doing (delivered,
// failing, pending in the last 30 days), send a test, rotate the secret, switch off or remove; and the
// delivery log, refreshed as deliveries go out, with the body, the receiver's answer and replay.
import { Badge, Button, Group, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { EndpointView } from '../../../../src/modules/integrations/webhooks/webhooks.contract'
import { EmptyHint } from '../../ui/empty-hint'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess } from '../../ui/problem'
import { DeliveryLog } from './delivery-log'
import { EndpointForm, RotatedSecret } from './endpoint-form'
import { webhookKeys, webhooksApi } from './webhooks-api'

/** A change to an endpoint: the list refreshes after it, and a failure is told. */
function useEndpointAction<T>(run: () => Promise<T>, done: (result: T) => string | undefined) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    onSuccess: async (result) => {
      const message = done(result)
      if (message) notifySuccess(message)
      await queryClient.invalidateQueries({ queryKey: webhookKeys.all })
    },
    onError: (error) => notifyError(error, 'The endpoint could not be changed'),
  })
}

function EndpointRow({
  endpoint,
  onRotated,
}: {
  endpoint: EndpointView
  onRotated: (e: EndpointView) => void
}) {
  const toggle = useEndpointAction(
    () => webhooksApi.update(endpoint.id, { isActive: !endpoint.isActive }),
    (next) => (next.isActive ? 'Endpoint switched on' : 'Endpoint switched off'),
  )
  const ping = useEndpointAction(
    () => webhooksApi.ping(endpoint.id),
    () => 'Test event sent: see the delivery log',
  )
  const rotate = useEndpointAction(
    () => webhooksApi.rotate(endpoint.id),
    (next) => {
      onRotated(next)
      return undefined
    },
  )
  const remove = useEndpointAction(
    () => webhooksApi.remove(endpoint.id),
    () => 'Endpoint removed',
  )
  const { delivered, failing, pending } = endpoint.deliveries
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500} style={{ wordBreak: 'break-all' }}>
          {endpoint.url}
        </Text>
        {endpoint.description ? (
          <Text size="xs" c="dimmed">
            {endpoint.description}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {endpoint.eventTypes.map((type) => (
            <Badge key={type} variant="light" size="sm">
              {type === '*' ? 'every event' : type}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td aria-label={`Deliveries: ${delivered} delivered, ${failing} failing, ${pending} pending`}>
        <Text size="sm">
          <Text span c="teal" fw={600}>
            {delivered}
          </Text>{' '}
          delivered ·{' '}
          <Text span c={failing > 0 ? 'red' : undefined} fw={600}>
            {failing}
          </Text>{' '}
          failing · {pending} pending
        </Text>
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={`Send to ${endpoint.url}`}
          checked={endpoint.isActive}
          onChange={() => toggle.mutate()}
          disabled={toggle.isPending}
        />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            variant="light"
            onClick={() => ping.mutate()}
            loading={ping.isPending}
            disabled={!endpoint.isActive}
          >
            Send test
          </Button>
          <Button size="xs" variant="default" onClick={() => rotate.mutate()} loading={rotate.isPending}>
            Rotate secret
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={() => remove.mutate()}
            loading={remove.isPending}
          >
            Remove
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  )
}

export function WebhooksPage() {
  const endpoints = useQuery({
    queryKey: webhookKeys.endpoints,
    queryFn: webhooksApi.endpoints,
    refetchInterval: 5000,
  })
  const [rotated, setRotated] = useState<EndpointView | null>(null)
  const items = endpoints.data?.items ?? []
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Credence POSTs your subscribed events to these addresses as they happen, signed with each endpoint’s secret (Credence-Signature), retried with backoff for about 17 hours while the receiver fails."
      />
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md">
          <EndpointForm />
        </Paper>
        {rotated ? <RotatedSecret endpoint={rotated} onClose={() => setRotated(null)} /> : null}
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="sm">
            Endpoints
          </Title>
          {items.length === 0 && !endpoints.isLoading ? (
            <EmptyHint
              title="No endpoints yet"
              description="Add one above to send credit, commission, tier and registration events to your systems."
            />
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table verticalSpacing="sm" aria-label="Webhook endpoints">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Endpoint</Table.Th>
                    <Table.Th>Events</Table.Th>
                    <Table.Th>Last 30 days</Table.Th>
                    <Table.Th>On</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((endpoint) => (
                    <EndpointRow key={endpoint.id} endpoint={endpoint} onRotated={setRotated} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
        <DeliveryLog endpoints={items} />
      </Stack>
    </>
  )
}
