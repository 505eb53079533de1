// Console → Settings → Single sign-on: the org's OpenID Connect provider. The admin registers the
// callback URL shown here at the provider, then enters what the provider issued; saving proves the
// issuer by reading its discovery document, and the server's objections land on their inputs. The
// client secret goes in and never comes back.
import {
  Alert,
  Button,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconInfoCircle } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { SsoConnectionInput, SsoSettingsView } from '../../../../src/modules/identity/sso.contract'
import { ssoRoles } from '../../../../src/modules/identity/sso.contract'
import { CopyableValue } from '../../ui/copyable-value'
import { formatDateTime } from '../../ui/dates'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess, showProblem } from '../../ui/problem'
import { ssoApi, ssoKey } from './sso-api'

const fields = ['issuer', 'clientId', 'clientSecret', 'domains', 'defaultRole']
type Draft = {
  issuer: string
  clientId: string
  clientSecret: string
  domains: string[]
  defaultRole: string
  allowPartnerUsers: boolean
  enabled: boolean
}

const roleLabels: Record<string, string> = {
  admin: 'Admin',
  partner_manager: 'Partner manager',
  finance: 'Finance',
  analyst: 'Analyst',
}

const toInput = (draft: Draft): SsoConnectionInput => ({
  issuer: draft.issuer.trim(),
  clientId: draft.clientId.trim(),
  // left empty: the stored secret stays
  ...(draft.clientSecret ? { clientSecret: draft.clientSecret } : {}),
  domains: draft.domains.map((d) => d.trim()).filter(Boolean),
  defaultRole: draft.defaultRole as SsoConnectionInput['defaultRole'],
  allowPartnerUsers: draft.allowPartnerUsers,
  enabled: draft.enabled,
})

// an item of the domain list ("domains.1") shows on the list's input
const fieldOf = (path: string) => {
  const field = path.split('.')[0]!
  return fields.includes(field) ? field : null
}

function SsoForm({ settings }: { settings: SsoSettingsView }) {
  const queryClient = useQueryClient()
  const { connection } = settings
  const form = useForm<Draft>({
    mode: 'controlled',
    initialValues: {
      issuer: connection?.issuer ?? '',
      clientId: connection?.clientId ?? '',
      clientSecret: '',
      domains: connection?.domains ?? [],
      defaultRole: connection?.defaultRole ?? 'analyst',
      allowPartnerUsers: connection?.allowPartnerUsers ?? false,
      enabled: connection?.enabled ?? true,
    },
  })
  const save = useMutation({
    mutationFn: (draft: Draft) => ssoApi.save(toInput(draft)),
    onSuccess: (saved) => {
      notifySuccess('Single sign-on saved: people at these domains can sign in through the provider')
      form.setFieldValue('clientSecret', '')
      queryClient.setQueryData(ssoKey, saved)
    },
    onError: (error) => showProblem(form, error, fieldOf),
  })
  const remove = useMutation({
    mutationFn: ssoApi.remove,
    onSuccess: async () => {
      notifySuccess('Single sign-on removed: everyone signs in with a password')
      await queryClient.invalidateQueries({ queryKey: ssoKey })
    },
    onError: (error) => notifyError(error),
  })
  const submit = useSubmit(form, (values) => save.mutateAsync(values))
  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Register at the provider">
        <Title order={2} size="h4" mb="xs">
          Register Credence at your provider
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Create an OpenID Connect web application at your provider (Okta, Microsoft Entra ID, Google…) with
          the scopes openid, email and profile, and this redirect URI:
        </Text>
        <CopyableValue
          value={settings.callbackUrl}
          label="Callback URL"
          copyLabel="Copy the callback URL"
          tooltip="Copy URL"
        />
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Provider">
        <form onSubmit={submit} noValidate aria-label="Single sign-on form">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              Provider
            </Title>
            <Text size="xs" c="dimmed">
              {connection ? `Saved ${formatDateTime(connection.updatedAt)}` : 'Not set up yet'}
            </Text>
          </Group>
          <Stack gap="sm" mb="md">
            <TextInput
              label="Issuer URL"
              description="Its discovery document is read from /.well-known/openid-configuration when you save"
              placeholder="https://login.example.com"
              required
              {...form.getInputProps('issuer')}
            />
            <TextInput label="Client ID" required {...form.getInputProps('clientId')} />
            <PasswordInput
              label="Client secret"
              description={
                connection?.hasClientSecret
                  ? 'A secret is stored and never shown; leave this empty to keep it'
                  : 'Stored sealed; it is never shown again'
              }
              required={!connection?.hasClientSecret}
              autoComplete="new-password"
              {...form.getInputProps('clientSecret')}
            />
            <TagsInput
              label="Email domains"
              description="People whose email is at these domains sign in through the provider (press Enter after each)"
              placeholder="example.com"
              splitChars={[',', ' ']}
              {...form.getInputProps('domains')}
            />
            <Select
              label="Role of new people"
              description="A person who signs in for the first time becomes a staff user with this role"
              data={ssoRoles.map((role) => ({ value: role, label: roleLabels[role] ?? role }))}
              allowDeselect={false}
              {...form.getInputProps('defaultRole')}
            />
            <Switch
              label="Partner users may sign in through it too"
              description="Then nobody is created on first sign-in: partners and staff need an invitation first"
              {...form.getInputProps('allowPartnerUsers', { type: 'checkbox' })}
            />
            <Switch
              label="Enabled"
              description="Off: the sign-in page stops offering the provider"
              {...form.getInputProps('enabled', { type: 'checkbox' })}
            />
          </Stack>
          <Group justify="space-between">
            {connection ? (
              <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
                Remove single sign-on
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" loading={form.submitting}>
              Save single sign-on
            </Button>
          </Group>
        </form>
      </Paper>
    </Stack>
  )
}

export function SsoPage() {
  const settings = useQuery({ queryKey: ssoKey, queryFn: ssoApi.get })
  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="Your staff sign in through your identity provider (OpenID Connect); others keep their passwords."
      />
      {settings.isPending ? (
        <PageLoader label="Loading single sign-on…" />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} what="Single sign-on" />
      ) : (
        <Stack gap="lg">
          {settings.data.connection === null ? (
            <Alert color="blue" icon={<IconInfoCircle />}>
              Not set up: everyone signs in with a password.
            </Alert>
          ) : null}
          <SsoForm key={settings.data.connection?.updatedAt ?? 'new'} settings={settings.data} />
        </Stack>
      )}
    </>
  )
}
