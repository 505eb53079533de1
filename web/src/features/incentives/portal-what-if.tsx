// Portal → an open deal → "What if": one more touch of yours (an activity on a day) tried by the paying
// model on a copy of the deal, with your share, credit and commission if won before and after.
import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery } from '@tanstack/react-query'
import type { WhatIfView } from '../../../../src/modules/incentives/incentives.contract'
import { useSubmit } from '../../ui/form-submit'
import { fieldsNamed, showProblem } from '../../ui/problem'
import { activityTypesApi, journeyKeys } from '../journeys/journeys-api'
import { incentivesApi } from './incentives-api'

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)
const percent = (share: string) => `${(Number(share) * 100).toFixed(1)}%`

function Side({ title, side }: { title: string; side: WhatIfView['before'] }) {
  return (
    <Stack gap={2} aria-label={title}>
      <Text size="xs" c="dimmed">
        {title}
      </Text>
      <Text fw={600} size="lg">
        {percent(side.share)}
      </Text>
      <Text size="sm">
        {side.credit.amount} {side.credit.currency} credit
      </Text>
      <Text size="sm">
        {side.commissionIfWon.amount} {side.commissionIfWon.currency} commission if won
      </Text>
    </Stack>
  )
}

export function PortalWhatIf({ dealId }: { dealId: string }) {
  const form = useForm({
    initialValues: { activityType: 'demo', day: inAWeek() },
    validate: {
      activityType: (value) => (value ? null : 'Choose the touch to try'),
      day: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? null : 'Choose a day'),
    },
  })
  const activityTypes = useQuery({ queryKey: journeyKeys.activityTypes, queryFn: activityTypesApi.list })
  const options = (activityTypes.data?.items ?? [])
    .filter((type) => type.isActive)
    .map((type) => ({ value: type.key, label: type.label }))
  const tryIt = useMutation({
    mutationFn: (values: { activityType: string; day: string }) =>
      incentivesApi.whatIf({
        dealId,
        activityType: values.activityType,
        occurredAt: `${values.day}T12:00:00Z`,
      }),
    onError: (error) =>
      showProblem(form, error, (path) => (path === 'occurredAt' ? 'day' : fieldsNamed('activityType')(path))),
  })
  const submit = useSubmit(form, (values) => tryIt.mutateAsync(values))
  const result = tryIt.data
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="What if">
      <Title order={2} size="h4" mb="xs">
        What if
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Try one more touch on this deal: your share under the paying model and your commission if it is won,
        worked out by the same engine. Nothing is recorded.
      </Text>
      <form onSubmit={submit} noValidate aria-label="Try a touch">
        <Group align="flex-end" wrap="wrap">
          <Select
            label="Touch"
            data={options}
            allowDeselect={false}
            w={220}
            {...form.getInputProps('activityType')}
          />
          <TextInput label="On" type="date" w={180} {...form.getInputProps('day')} />
          <Button type="submit" loading={form.submitting}>
            Try it
          </Button>
        </Group>
      </form>
      {result ? (
        <Stack mt="md" gap="sm">
          <SimpleGrid cols={2}>
            <Side title="Now" side={result.before} />
            <Side title="With the touch" side={result.after} />
          </SimpleGrid>
          <Alert color="blue" variant="light">
            {result.summary} An estimate: the deal is not won yet, and the plans may change.
          </Alert>
          {result.after.explanation ? (
            <Text size="sm" c="dimmed">
              {result.after.explanation}
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </Paper>
  )
}
