// A won deal's refunds and churn since it closed, with what is left of its amount, and (for those who
// may record them) the form that records one. Commission on the deal is clawed back under the plan.
import {
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { DealView, RevenueEventKind } from '../../../../src/modules/journeys/journeys.contract'
import { localInputToIso, toLocalInputValue } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { formatMoney } from '../../ui/money'
import { type FieldResolver, notifySuccess, showProblem } from '../../ui/problem'
import { journeyKeys, revenueEventsApi } from './journeys-api'

type RevenueDraft = { kind: RevenueEventKind; amount: number | string; occurredAt: string; reason: string }

const blankDraft = (): RevenueDraft => ({
  kind: 'refund',
  amount: '',
  occurredAt: toLocalInputValue(new Date()),
  reason: '',
})

export function RevenueEventsPanel({ deal, canRecord }: { deal: DealView; canRecord: boolean }) {
  const queryClient = useQueryClient()
  const events = useQuery({
    queryKey: journeyKeys.revenueEvents(deal.id),
    queryFn: () => revenueEventsApi.list(deal.id),
  })
  const form = useForm<RevenueDraft>({
    initialValues: blankDraft(),
    validate: {
      amount: (value, values) =>
        values.kind === 'refund' && String(value).trim() === '' ? 'Enter the amount paid back' : null,
      occurredAt: (value) => (localInputToIso(value) ? null : 'Enter a date and time'),
    },
  })
  const resolve: FieldResolver = (path) => (['amount', 'occurredAt', 'reason'].includes(path) ? path : null)
  const record = useMutation({
    mutationFn: (values: RevenueDraft) =>
      revenueEventsApi.record(
        deal.id,
        {
          kind: values.kind,
          ...(values.kind === 'refund' ? { amount: String(values.amount) } : {}),
          occurredAt: localInputToIso(values.occurredAt) ?? '',
          ...(values.reason.trim() ? { reason: values.reason.trim() } : {}),
        },
        crypto.randomUUID(),
      ),
    onSuccess: async (event) => {
      notifySuccess(event.kind === 'refund' ? 'Refund recorded' : 'Churn recorded')
      form.setValues(blankDraft())
      form.resetDirty()
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: journeyKeys.revenueEvents(deal.id) }),
        // the commission lines are clawed back in the background
        queryClient.invalidateQueries({ queryKey: ['incentives'] }),
      ])
    },
    onError: (error) => showProblem(form, error, resolve),
  })
  const submit = useSubmit(form, (values) => record.mutateAsync(values))

  if (deal.status !== 'won') return null
  const churned = events.data?.items.some((event) => event.kind === 'churn') ?? false
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Refunds and churn">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4">
          Refunds and churn
        </Title>
        {events.data ? (
          <Text size="sm" c="dimmed">
            Refunded {formatMoney(events.data.refunded)} · net {formatMoney(events.data.net)}
          </Text>
        ) : null}
      </Group>
      {events.isError ? <ErrorAlert error={events.error} what="Refunds and churn" /> : null}
      {events.data && events.data.items.length === 0 ? (
        <EmptyHint
          size="sm"
          title="Nothing refunded"
          description="Refunds and churn after the close claw commission back under the paying plan’s terms."
        />
      ) : null}
      {events.data && events.data.items.length > 0 ? (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th>Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.data.items.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td>{event.occurredAt.slice(0, 10)}</Table.Td>
                <Table.Td>{event.kind === 'refund' ? 'Refund' : 'Churned'}</Table.Td>
                <Table.Td ta="right">{event.amount ? formatMoney(event.amount) : '—'}</Table.Td>
                <Table.Td>{event.reason ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {canRecord ? (
        <form onSubmit={submit} noValidate aria-label="Record refund or churn">
          <Stack gap="sm" mt="md">
            <SegmentedControl
              aria-label="Refund or churn"
              {...form.getInputProps('kind')}
              data={[
                { value: 'refund', label: 'Refund' },
                { value: 'churn', label: 'Churn', disabled: churned },
              ]}
            />
            <Group grow align="flex-start">
              {form.values.kind === 'refund' ? (
                <NumberInput
                  label={`Amount paid back (${deal.amount.currency})`}
                  min={0}
                  decimalScale={4}
                  {...form.getInputProps('amount')}
                />
              ) : null}
              <TextInput label="When" type="datetime-local" {...form.getInputProps('occurredAt')} />
            </Group>
            <TextInput
              label="Reason"
              placeholder="e.g. two seats returned"
              {...form.getInputProps('reason')}
            />
            <Group>
              <Button type="submit" variant="light" loading={form.submitting}>
                {form.values.kind === 'refund' ? 'Record refund' : 'Record churn'}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Paper>
  )
}
