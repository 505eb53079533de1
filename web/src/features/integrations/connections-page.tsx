// Settings → Integrations: connect the CRM (HubSpot) and billing (Stripe), see each connection's
// state — last sync, what it brought, its error — sync now or dry-run with progress, adjust how its
// fields map, read what its change notifications did, and disconnect.
import {
  Alert,
  Badge,
  Button,
  Collapse,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle, IconPlugConnected } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type {
  ConnectionView,
  Provider,
} from '../../../../src/modules/integrations/connectors/connectors.contract'
import { CopyableValue } from '../../ui/copyable-value'
import { formatDateTime } from '../../ui/dates'
import { Fact } from '../../ui/fact'
import { useSubmit } from '../../ui/form-submit'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess, showProblem } from '../../ui/problem'
import { ConnectionEvents, FieldMappings, SyncPanel } from './connection-sync'
import { connectorKeys, connectorsApi } from './connectors-api'

const statusColor = { connected: 'teal', failing: 'red', disconnected: 'gray' } as const

type HubSpotDraft = {
  accessToken: string
  webhookSecret: string
  portalId: number | string
  partnerProperty: string
  currency: string
  baseUrl: string
}

/** The form field an error's path belongs on (credentials.accessToken → accessToken). */
const fieldOf = (path: string) => {
  const last = path.split('.').at(-1) ?? path
  return ['accessToken', 'webhookSecret', 'portalId', 'partnerProperty', 'currency', 'baseUrl'].includes(last)
    ? last
    : path === 'credentials'
      ? 'accessToken'
      : null
}

function useConnect(provider: Provider, onDone: () => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: unknown) => connectorsApi.connect(provider, body),
    onSuccess: async (connection) => {
      notifySuccess(`${connection.label} connected`)
      onDone()
      await queryClient.invalidateQueries({ queryKey: connectorKeys.all })
    },
  })
}

function HubSpotForm({ onDone }: { onDone: () => void }) {
  const [advanced, setAdvanced] = useState(false)
  const form = useForm<HubSpotDraft>({
    initialValues: {
      accessToken: '',
      webhookSecret: '',
      portalId: '',
      partnerProperty: 'partner',
      currency: 'USD',
      baseUrl: '',
    },
    validate: { accessToken: (v) => (v.trim() ? null : 'Paste the private app’s access token') },
  })
  const connect = useConnect('hubspot', onDone)
  const submit = useSubmit(form, (v) =>
    connect
      .mutateAsync({
        credentials: {
          kind: 'private_app',
          accessToken: v.accessToken.trim(),
          ...(v.webhookSecret.trim() ? { webhookSecret: v.webhookSecret.trim() } : {}),
        },
        settings: {
          partnerProperty: v.partnerProperty.trim(),
          currency: v.currency.trim().toUpperCase(),
          ...(v.portalId !== '' ? { portalId: Number(v.portalId) } : {}),
        },
        ...(v.baseUrl.trim() ? { baseUrl: v.baseUrl.trim() } : {}),
      })
      .catch((error) => showProblem(form, error, fieldOf)),
  )
  return (
    <form onSubmit={submit} noValidate aria-label="Connect HubSpot">
      <Stack gap="sm">
        <PasswordInput label="Private app access token" required {...form.getInputProps('accessToken')} />
        <Group grow align="flex-start">
          <NumberInput
            label="Portal (hub) id"
            description="Needed for change notifications"
            {...form.getInputProps('portalId')}
          />
          <PasswordInput
            label="App client secret"
            description="Checks HubSpot’s webhook signatures"
            {...form.getInputProps('webhookSecret')}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput label="Partner property on deals" {...form.getInputProps('partnerProperty')} />
          <TextInput
            label="Currency of deals without one"
            maxLength={3}
            {...form.getInputProps('currency')}
          />
        </Group>
        <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => setAdvanced((a) => !a)}>
          {advanced ? 'Hide advanced' : 'Advanced'}
        </Button>
        <Collapse expanded={advanced}>
          <TextInput
            label="API address"
            description="A HubSpot sandbox or stand-in (trial installs only)"
            {...form.getInputProps('baseUrl')}
          />
        </Collapse>
        <Button
          type="submit"
          loading={form.submitting}
          leftSection={<IconPlugConnected size={16} />}
          w="fit-content"
        >
          Connect HubSpot
        </Button>
      </Stack>
    </form>
  )
}

function StripeForm({ onDone }: { onDone: () => void }) {
  const form = useForm({
    initialValues: { webhookSecret: '' },
    validate: {
      webhookSecret: (v) => (v.trim().startsWith('whsec_') ? null : 'Paste the signing secret (whsec_…)'),
    },
  })
  const connect = useConnect('stripe', onDone)
  const submit = useSubmit(form, (v) =>
    connect
      .mutateAsync({ credentials: { webhookSecret: v.webhookSecret.trim() } })
      .catch((error) =>
        showProblem(form, error, (path) => (path.endsWith('webhookSecret') ? 'webhookSecret' : null)),
      ),
  )
  return (
    <form onSubmit={submit} noValidate aria-label="Connect Stripe">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          In Stripe, add a webhook endpoint for invoice.paid, charge.refunded and
          customer.subscription.deleted; Credence shows its address once connected.
        </Text>
        <PasswordInput label="Webhook signing secret" required {...form.getInputProps('webhookSecret')} />
        <Button
          type="submit"
          loading={form.submitting}
          leftSection={<IconPlugConnected size={16} />}
          w="fit-content"
        >
          Connect Stripe
        </Button>
      </Stack>
    </form>
  )
}

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
            {connection.provider === 'hubspot' ? (
              <HubSpotForm onDone={() => setReconnecting(false)} />
            ) : (
              <StripeForm onDone={() => setReconnecting(false)} />
            )}
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
              {provider.provider === 'hubspot' ? (
                <HubSpotForm onDone={() => setConnecting(null)} />
              ) : provider.provider === 'stripe' ? (
                <StripeForm onDone={() => setConnecting(null)} />
              ) : (
                <Text size="sm">
                  Connect {provider.label} through the API (PUT /api/v1/connections/{provider.provider}).
                </Text>
              )}
            </Collapse>
          </Paper>
        ))}
      </Stack>
    </>
  )
}
