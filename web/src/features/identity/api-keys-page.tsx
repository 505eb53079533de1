// API keys for integrations: create one (its secret is shown once), see them all, revoke.
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle, IconKey } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { ApiKeyScope, CreatedApiKeyView } from '../../../../src/modules/identity/identity.contract'
import { CopyableValue } from '../../ui/copyable-value'
import { formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { useSubmit } from '../../ui/form-submit'
import { nounOf } from '../../ui/list-count'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { fieldsNamed, notifyError, notifySuccess, showProblem } from '../../ui/problem'
import { identityApi, identityKeys } from './identity-api'

const scopeOptions = [
  { value: 'read', label: 'Read only' },
  { value: 'read_write', label: 'Read and write' },
]

export function ApiKeysPage() {
  const queryClient = useQueryClient()
  const keys = usePagedList(identityKeys.apiKeys, (cursor) => identityApi.listApiKeys(cursor))
  const [created, setCreated] = useState<CreatedApiKeyView | null>(null)
  const form = useForm<{ name: string; scope: ApiKeyScope }>({
    initialValues: { name: '', scope: 'read' },
    validate: { name: (value) => (value.trim() ? null : 'Name the key after what will use it') },
  })

  const create = useMutation({
    mutationFn: identityApi.createApiKey,
    onSuccess: async (key) => {
      setCreated(key)
      form.reset()
      await queryClient.invalidateQueries({ queryKey: identityKeys.apiKeys })
    },
    onError: (error) => showProblem(form, error, fieldsNamed('name', 'scope')),
  })
  const revoke = useMutation({
    mutationFn: identityApi.revokeApiKey,
    onSuccess: async () => {
      notifySuccess('API key revoked')
      await queryClient.invalidateQueries({ queryKey: identityKeys.apiKeys })
    },
    onError: (error) => notifyError(error, 'Could not revoke the key'),
  })

  const submit = useSubmit(form, ({ name, scope }) => create.mutateAsync({ name: name.trim(), scope }))

  return (
    <>
      <PageHeader
        title="API keys"
        description="Integrations call the API with Authorization: Bearer <key>. Keys are stored hashed."
      />
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md">
          <form onSubmit={submit} noValidate aria-label="Create API key">
            <Group align="flex-start" wrap="wrap">
              <TextInput
                label="Key name"
                placeholder="e.g. HubSpot sync"
                {...form.getInputProps('name')}
                w={280}
              />
              <Select
                label="Scope"
                data={scopeOptions}
                allowDeselect={false}
                {...form.getInputProps('scope')}
                w={180}
              />
              <Button type="submit" mt={25} loading={form.submitting} leftSection={<IconKey size={16} />}>
                Create key
              </Button>
            </Group>
          </form>
          {created ? (
            <Alert
              mt="md"
              color="orange"
              icon={<IconAlertTriangle />}
              title={`Copy the key "${created.name}" now: it is shown only once`}
              withCloseButton
              onClose={() => setCreated(null)}
            >
              <CopyableValue
                value={created.secret}
                label="New API key"
                copyLabel="Copy API key"
                tooltip="Copy key"
              />
            </Alert>
          ) : null}
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="sm">
            Keys
          </Title>
          <PagedListView
            list={keys}
            loadingLabel="Loading keys…"
            what="API keys"
            noun={nounOf('API key')}
            empty={
              <EmptyHint
                title="No API keys yet"
                description="Create a key above to connect a CRM, billing system or script."
              />
            }
          >
            {(items) => (
              <Table.ScrollContainer minWidth={640}>
                <Table verticalSpacing="sm" aria-label="API keys">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Key</Table.Th>
                      <Table.Th>Scope</Table.Th>
                      <Table.Th>Created</Table.Th>
                      <Table.Th>Last used</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((key) => (
                      <Table.Tr key={key.id}>
                        <Table.Td>{key.name}</Table.Td>
                        <Table.Td>
                          <Code>{key.prefix}…</Code>
                        </Table.Td>
                        <Table.Td>{key.scope === 'read' ? 'Read only' : 'Read and write'}</Table.Td>
                        <Table.Td>{formatDateTime(key.createdAt)}</Table.Td>
                        <Table.Td>{formatDateTime(key.lastUsedAt, 'Never')}</Table.Td>
                        <Table.Td>
                          {key.revokedAt ? (
                            <Badge color="gray" variant="light">
                              Revoked {formatDateTime(key.revokedAt)}
                            </Badge>
                          ) : (
                            <Button
                              size="xs"
                              variant="light"
                              color="red"
                              loading={revoke.isPending && revoke.variables === key.id}
                              onClick={() => revoke.mutate(key.id)}
                              aria-label={`Revoke ${key.name}`}
                            >
                              Revoke
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </PagedListView>
          <Text size="xs" c="dimmed" mt="sm">
            A revoked key stops working at once.
          </Text>
        </Paper>
      </Stack>
    </>
  )
}
