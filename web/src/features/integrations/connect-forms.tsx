// The forms that connect a provider: HubSpot (a private app's token), Salesforce (a connected app's
// JWT sign-in) and Stripe (a webhook endpoint's signing secret). A refusal lands on the input it names.
import {
  Button,
  Collapse,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { type GetInputPropsReturnType, useForm } from '@mantine/form'
import { IconPlugConnected } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { Provider } from '../../../../src/modules/integrations/connectors/connectors.contract'
import { useSubmit } from '../../ui/form-submit'
import { notifySuccess, showProblem } from '../../ui/problem'
import { connectorKeys, connectorsApi } from './connectors-api'

type HubSpotDraft = {
  accessToken: string
  webhookSecret: string
  portalId: number | string
  partnerProperty: string
  currency: string
  baseUrl: string
}

/** The form field an error's path belongs on (credentials.accessToken → accessToken). */
/** The provider's API address, behind "Advanced": a sandbox or a stand-in, on trial installs only. */
function ApiAddress({ what, input }: { what: string; input: GetInputPropsReturnType }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide advanced' : 'Advanced'}
      </Button>
      <Collapse expanded={open}>
        <TextInput label="API address" description={`${what} (trial installs only)`} {...input} />
      </Collapse>
    </>
  )
}

const ConnectButton = ({ label, submitting }: { label: string; submitting: boolean }) => (
  <Button type="submit" loading={submitting} leftSection={<IconPlugConnected size={16} />} w="fit-content">
    {label}
  </Button>
)

const fieldIn =
  (names: string[], credentialsOn: string) =>
  (path: string): string | null => {
    const last = path.split('.').at(-1) ?? path
    return names.includes(last) ? last : path === 'credentials' ? credentialsOn : null
  }
const fieldOf = fieldIn(
  ['accessToken', 'webhookSecret', 'portalId', 'partnerProperty', 'currency', 'baseUrl'],
  'accessToken',
)

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
        <ApiAddress what="A HubSpot sandbox or stand-in" input={form.getInputProps('baseUrl')} />
        <ConnectButton label="Connect HubSpot" submitting={form.submitting} />
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
        <ConnectButton label="Connect Stripe" submitting={form.submitting} />
      </Stack>
    </form>
  )
}

type SalesforceDraft = {
  loginUrl: string
  clientId: string
  username: string
  privateKey: string
  partnerField: string
  currency: string
  baseUrl: string
}

const loginUrls = [
  { value: 'https://login.salesforce.com', label: 'Production (login.salesforce.com)' },
  { value: 'https://test.salesforce.com', label: 'Sandbox (test.salesforce.com)' },
]

function SalesforceForm({ onDone }: { onDone: () => void }) {
  const form = useForm<SalesforceDraft>({
    initialValues: {
      loginUrl: loginUrls[0]!.value,
      clientId: '',
      username: '',
      privateKey: '',
      partnerField: '',
      currency: 'USD',
      baseUrl: '',
    },
    validate: {
      clientId: (v) => (v.trim() ? null : 'Paste the connected app’s consumer key'),
      username: (v) => (v.trim() ? null : 'Enter the integration user’s username'),
      privateKey: (v) => (v.includes('PRIVATE KEY') ? null : 'Paste the PEM key of the app’s certificate'),
    },
  })
  const connect = useConnect('salesforce', onDone)
  const resolve = fieldIn(
    ['loginUrl', 'clientId', 'username', 'privateKey', 'partnerField', 'currency', 'baseUrl'],
    'clientId',
  )
  const submit = useSubmit(form, (v) =>
    connect
      .mutateAsync({
        credentials: {
          kind: 'jwt',
          loginUrl: v.loginUrl,
          clientId: v.clientId.trim(),
          username: v.username.trim(),
          privateKey: v.privateKey.trim(),
        },
        settings: {
          currency: v.currency.trim().toUpperCase(),
          ...(v.partnerField.trim() ? { partnerField: v.partnerField.trim() } : {}),
        },
        ...(v.baseUrl.trim() ? { baseUrl: v.baseUrl.trim() } : {}),
      })
      .catch((error) => showProblem(form, error, resolve)),
  )
  return (
    <form onSubmit={submit} noValidate aria-label="Connect Salesforce">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          A connected app with OAuth scopes api and refresh_token, its certificate uploaded, and the
          integration user pre-authorised (JWT bearer flow).
        </Text>
        <Select
          label="Sign in at"
          data={loginUrls}
          allowDeselect={false}
          {...form.getInputProps('loginUrl')}
        />
        <Group grow align="flex-start">
          <TextInput label="Consumer key" required {...form.getInputProps('clientId')} />
          <TextInput label="Integration user" required {...form.getInputProps('username')} />
        </Group>
        <Textarea
          label="Private key (PEM)"
          required
          autosize
          minRows={3}
          maxRows={8}
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
          {...form.getInputProps('privateKey')}
        />
        <Group grow align="flex-start">
          <TextInput
            label="Partner field on opportunities"
            placeholder="Partner_Account__c"
            {...form.getInputProps('partnerField')}
          />
          <TextInput
            label="Currency of opportunities without one"
            maxLength={3}
            {...form.getInputProps('currency')}
          />
        </Group>
        <ApiAddress what="A Salesforce stand-in" input={form.getInputProps('baseUrl')} />
        <ConnectButton label="Connect Salesforce" submitting={form.submitting} />
      </Stack>
    </form>
  )
}

/** The form for a provider. */
export function ConnectForm({ provider, onDone }: { provider: Provider; onDone: () => void }) {
  if (provider === 'hubspot') return <HubSpotForm onDone={onDone} />
  if (provider === 'salesforce') return <SalesforceForm onDone={onDone} />
  return <StripeForm onDone={onDone} />
}
