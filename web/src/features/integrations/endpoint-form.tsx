// Subscribe an endpoint: its URL, the events it gets (or every one) and a description. The signing
// secret comes back once, to be copied before it is gone.
import { Alert, Button, Group, MultiSelect, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle, IconWebhook } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { EndpointView } from '../../../../src/modules/integrations/webhooks/webhooks.contract'
import { CopyableValue } from '../../ui/copyable-value'
import { useSubmit } from '../../ui/form-submit'
import { fieldsNamed, showProblem } from '../../ui/problem'
import { webhookKeys, webhooksApi } from './webhooks-api'

type Draft = { url: string; eventTypes: string[]; description: string }
const every = '*'

/** A server error on `eventTypes[1]` lands on the events input. */
const fieldOf = (path: string) =>
  path.startsWith('eventTypes') ? 'eventTypes' : fieldsNamed('url', 'description')(path)

export function EndpointForm() {
  const queryClient = useQueryClient()
  const types = useQuery({ queryKey: webhookKeys.eventTypes, queryFn: webhooksApi.eventTypes })
  const [created, setCreated] = useState<EndpointView | null>(null)
  const form = useForm<Draft>({
    initialValues: { url: '', eventTypes: [], description: '' },
    validate: {
      url: (value) => (value.trim() ? null : 'Enter the address events are sent to'),
      eventTypes: (value) => (value.length > 0 ? null : 'Choose at least one event, or every event'),
    },
  })
  const create = useMutation({
    mutationFn: (values: Draft) =>
      webhooksApi.create({
        url: values.url.trim(),
        eventTypes: values.eventTypes.includes(every) ? [every] : values.eventTypes,
        description: values.description.trim() || null,
      }),
    onSuccess: async (endpoint) => {
      setCreated(endpoint)
      form.reset()
      await queryClient.invalidateQueries({ queryKey: webhookKeys.all })
    },
    onError: (error) => showProblem(form, error, fieldOf),
  })
  const submit = useSubmit(form, (values) => create.mutateAsync(values))
  const options = [
    { value: every, label: 'Every event' },
    ...(types.data?.items.map((t) => ({ value: t.type, label: t.type })) ?? []),
  ]

  return (
    <form onSubmit={submit} noValidate aria-label="Add endpoint">
      <Stack>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label="Endpoint URL"
            placeholder="https://hooks.example.com/credence"
            required
            w={360}
            {...form.getInputProps('url')}
          />
          <MultiSelect
            label="Events"
            placeholder="Choose events"
            data={options}
            searchable
            required
            w={360}
            {...form.getInputProps('eventTypes')}
          />
          <TextInput
            label="Description"
            placeholder="e.g. Data warehouse"
            w={240}
            {...form.getInputProps('description')}
          />
          <Button type="submit" mt={25} loading={form.submitting} leftSection={<IconWebhook size={16} />}>
            Add endpoint
          </Button>
        </Group>
        {created?.secret ? (
          <Alert
            color="orange"
            icon={<IconAlertTriangle />}
            title="Copy the signing secret now: it is shown only once"
            withCloseButton
            onClose={() => setCreated(null)}
          >
            <Text size="sm" mb="xs">
              {created.url} checks each delivery’s Credence-Signature header with it.
            </Text>
            <CopyableValue
              value={created.secret}
              label="Signing secret"
              copyLabel="Copy signing secret"
              tooltip="Copy secret"
            />
          </Alert>
        ) : null}
      </Stack>
    </form>
  )
}

/** The secret a rotation made, shown once. */
export function RotatedSecret({ endpoint, onClose }: { endpoint: EndpointView; onClose: () => void }) {
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle />}
      title="Copy the new signing secret now: it is shown only once"
      withCloseButton
      onClose={onClose}
    >
      <Text size="sm" mb="xs">
        Deliveries to {endpoint.url} are signed with the old secret too until{' '}
        {endpoint.previousSecretUntil ? new Date(endpoint.previousSecretUntil).toLocaleString() : 'tomorrow'}.
      </Text>
      <CopyableValue
        value={endpoint.secret ?? ''}
        label="New signing secret"
        copyLabel="Copy new signing secret"
        tooltip="Copy secret"
      />
    </Alert>
  )
}
