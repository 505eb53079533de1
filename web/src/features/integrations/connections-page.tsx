// Settings → Integrations: connect the CRM (HubSpot) and billing (Stripe), see each connection's
// state — last sync, what it brought, its error — sync now or dry-run with progress, adjust how its
// fields map, read what its change notifications did, and disconnect.
import { Alert, Badge, Button, Collapse, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type {
  ConnectionView,
  Provider,
} from '../../../../src/modules/integrations/connectors/connectors.contract'
import { CopyableValue } from '../../ui/copyable-value'
import { formatDateTime } from '../../ui/dates'
import { Fact } from '../../ui/fact'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess } from '../../ui/problem'
import { ConnectForm } from './connect-forms'
import { ConnectionEvents, FieldMappings, SyncPanel } from './connection-sync'
import { connectorKeys, connectorsApi } from './connectors-api'

const statusColor = { connected: 'teal', failing: 'red', disconnected: 'gray' } as const

function ConnectionCard({ connection }: { connection: ConnectionView }) {
  const queryClient = useQueryClient()
  const [reconnecting, setReconnecting] = useState(false)
  const disconnect = useMutation({
    mutationFn: () => connectorsApi.disconnect(connection.provider),
    onSuccess: async () => {
      notifySuccess(`${connection.label} disconnected; what it brought stays`)
      await queryClient.invalidateQueries({ queryKey: connectorKeys.all })
    },
    onError: (error) => notifyError(error, 'Could not disconnect'),
  })
  const isCrm = connection.provider !== 'stripe'
  const live = connection.status !== 'disconnected'
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={connection.label}>
      <Stack gap="md">
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={2} size="h4">
              {connection.label}
            </Title>
            <Badge color={statusColor[connection.status]} variant="light">
              {connection.status}
            </Badge>
            {connection.account ? (
              <Text size="sm" c="dimmed">
                account {connection.account}
              </Text>
            ) : null}
          </Group>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setReconnecting((r) => !r)}>
              {live ? 'Change credentials' : 'Connect again'}
            </Button>
            {live ? (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                loading={disconnect.isPending}
                onClick={() => disconnect.mutate()}
              >
                Disconnect
              </Button>
            ) : null}
          </Group>
        </Group>
        {connection.lastError ? (
          <Alert color="red" icon={<IconAlertTriangle size={16} />} title="The last sync failed">
            {connection.lastError}
          </Alert>
        ) : null}
        <Collapse expanded={reconnecting}>
          <Paper withBorder p="md" radius="sm">
            <ConnectForm provider={connection.provider} onDone={() => setReconnecting(false)} />
          </Paper>
        </Collapse>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label="Last sync">{formatDateTime(connection.lastSyncAt, 'never')}</Fact>
          <Fact label="Brought in">
            {connection.held.accounts} accounts · {connection.held.deals} deals · {connection.held.touches}{' '}
            touches
          </Fact>
          <Fact label="Next sync reads">
            {connection.cursor ? 'changes since the last one' : 'everything (first load)'}
          </Fact>
        </SimpleGrid>
        {connection.webhookUrl ? (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Change notifications address
            </Text>
            <CopyableValue
              value={connection.webhookUrl}
              label={`${connection.label} webhook address`}
              copyLabel="Copy webhook address"
              tooltip="Copy address"
            />
          </Stack>
        ) : null}
        {isCrm && live ? <SyncPanel connection={connection} /> : null}
        {isCrm ? <FieldMappings provider={connection.provider} /> : null}
        {connection.webhookUrl ? <ConnectionEvents provider={connection.provider} /> : null}
      </Stack>
    </Paper>
  )
}

export function ConnectionsPage() {
  const list = useQuery({ queryKey: connectorKeys.all, queryFn: connectorsApi.list, refetchInterval: 10_000 })
  const [connecting, setConnecting] = useState<Provider | null>(null)
  const connected = new Set(list.data?.items.map((c) => c.provider))
  const open = list.data?.available.filter((a) => !connected.has(a.provider)) ?? []
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Connect the systems that already hold your deals: the CRM’s accounts, deals and activities become Credence’s facts (and stay in sync), and billing’s renewals, refunds and cancellations become revenue events."
      />
      <Stack gap="lg">
        {list.data?.items.map((connection) => (
          <ConnectionCard key={connection.id} connection={connection} />
        ))}
        {open.map((provider) => (
          <Paper
            key={provider.provider}
            withBorder
            p="lg"
            radius="md"
            component="section"
            aria-label={`Connect ${provider.label}`}
          >
            <Group justify="space-between" mb={connecting === provider.provider ? 'md' : 0}>
              <Title order={2} size="h4">
                {provider.label}
              </Title>
              <Button
                size="xs"
                variant="light"
                onClick={() => setConnecting(connecting === provider.provider ? null : provider.provider)}
              >
                {connecting === provider.provider ? 'Cancel' : `Set up ${provider.label}`}
              </Button>
            </Group>
            <Collapse expanded={connecting === provider.provider}>
              <ConnectForm provider={provider.provider} onDone={() => setConnecting(null)} />
            </Collapse>
          </Paper>
        ))}
      </Stack>
    </>
  )
}
