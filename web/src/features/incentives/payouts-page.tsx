// Console → Payouts: every batch with its totals per currency, and a new batch for a period. Each form
// carries one Idempotency-Key, so a repeated submit makes one batch.
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { formatDate, formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { humanize } from '../../ui/labels'
import { formatMoney } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { notifySuccess, showProblem } from '../../ui/problem'
import { CurrencySelect } from '../../ui/region-select'
import { AnchorLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { canManageMoney } from './incentives-access'
import { payoutKeys, payoutsApi } from './incentives-api'
import { type BatchDraft, batchInputOf } from './payout-drafts'

export const batchStatusColors: Record<string, string> = {
  pending: 'yellow',
  approved: 'blue',
  processing: 'indigo',
  sent: 'indigo',
  paid: 'teal',
  failed: 'red',
  released: 'gray',
  closed: 'gray',
}
export const railLabel = (rail: 'stripe' | 'bank_file') => (rail === 'stripe' ? 'Stripe' : 'Bank file')

function NewBatchForm({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  // one key for everything this form sends: a second submit gets the first batch back
  const [idempotencyKey] = useState(() => crypto.randomUUID())
  const form = useForm<BatchDraft>({
    initialValues: {
      periodTo: new Date().toISOString().slice(0, 10),
      rail: 'bank_file',
      requiresSecondApprover: true,
      minimums: [],
    },
  })
  const create = useMutation({
    mutationFn: async (draft: BatchDraft) => {
      const { input, errors } = batchInputOf(draft)
      if (Object.keys(errors).length > 0) {
        form.setErrors(errors)
        throw new Error('invalid')
      }
      return payoutsApi.createBatch(input, idempotencyKey)
    },
    onSuccess: async (batch) => {
      queryClient.setQueryData(payoutKeys.batch(batch.id), batch)
      await queryClient.invalidateQueries({ queryKey: payoutKeys.batches })
      notifySuccess(
        `Created a batch of ${batch.payouts.length} ${batch.payouts.length === 1 ? 'payout' : 'payouts'}`,
      )
      onClose()
      await navigate({ to: '/payouts/$batchId', params: { batchId: batch.id } })
    },
    onError: (error) => {
      if (error instanceof Error && error.message === 'invalid') return
      showProblem(form, error, (path) => {
        const minimum = /^minimums\.([A-Z]{3})/.exec(path)
        if (minimum) {
          const index = form.values.minimums.findIndex((row) => row.currency === minimum[1])
          return index >= 0 ? `minimums.${index}.amount` : null
        }
        return ['periodTo', 'rail', 'requiresSecondApprover'].includes(path) ? path : null
      })
    },
  })
  const submit = useSubmit(form, (draft) => create.mutateAsync(draft))
  return (
    <form onSubmit={submit} noValidate aria-label="New payout batch">
      <Stack>
        <TextInput
          type="date"
          label="Period end"
          description="Approved lines dated up to this day, past their hold, go in"
          {...form.getInputProps('periodTo')}
        />
        <div>
          <Text size="sm" fw={500} mb={4} id="batch-rail">
            Pay through
          </Text>
          <SegmentedControl
            aria-labelledby="batch-rail"
            data={[
              { value: 'bank_file', label: 'Bank file' },
              { value: 'stripe', label: 'Stripe' },
            ]}
            {...form.getInputProps('rail')}
          />
        </div>
        <Switch
          label="Four-eyes approval"
          description="Someone other than you approves the batch before it is sent"
          {...form.getInputProps('requiresSecondApprover', { type: 'checkbox' })}
        />
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            Minimum payout
          </Text>
          <Text size="xs" c="dimmed">
            A partner owed less than this in a currency is carried to a later batch.
          </Text>
          {form.values.minimums.map((_, index) => (
            <Group
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the list
              key={index}
              align="flex-start"
              wrap="nowrap"
            >
              <CurrencySelect
                aria-label={`Currency of minimum ${index + 1}`}
                flex={1}
                {...form.getInputProps(`minimums.${index}.currency`)}
              />
              <TextInput
                aria-label={`Minimum ${index + 1}`}
                placeholder="50"
                inputMode="decimal"
                flex={1}
                {...form.getInputProps(`minimums.${index}.amount`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={6}
                aria-label={`Remove minimum ${index + 1}`}
                onClick={() => form.removeListItem('minimums', index)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem('minimums', { currency: '', amount: '' })}
            >
              Add minimum
            </Button>
          </Group>
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Create batch
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function PayoutsPage() {
  const me = useMe()
  const navigate = useNavigate()
  const [creating, setCreating] = useState(false)
  const batches = useQuery({ queryKey: payoutKeys.batches, queryFn: payoutsApi.batches })
  const canCreate = canManageMoney(me)
  return (
    <>
      <PageHeader
        title="Payouts"
        description="Batches of what partners are owed, approved and sent through Stripe or a bank file."
        actions={
          canCreate ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              New batch
            </Button>
          ) : null
        }
      />
      <Paper withBorder p="lg" radius="md">
        {batches.isPending ? (
          <PageLoader label="Loading payout batches…" />
        ) : batches.isError ? (
          <ErrorAlert error={batches.error} what="Payout batches" />
        ) : batches.data.items.length === 0 ? (
          <EmptyHint
            title="No payout batches yet"
            description="Create a batch to pay partners everything approved up to a day."
            action={canCreate ? <Button onClick={() => setCreating(true)}>New batch</Button> : null}
          />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover aria-label="Payout batches">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Period end</Table.Th>
                  <Table.Th>Rail</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Totals</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {batches.data.items.map((batch) => (
                  <Table.Tr
                    key={batch.id}
                    style={{ cursor: 'pointer' }}
                    onClick={() => void navigate({ to: '/payouts/$batchId', params: { batchId: batch.id } })}
                  >
                    <Table.Td>
                      <AnchorLink to="/payouts/$batchId" params={{ batchId: batch.id }}>
                        {formatDateTime(batch.createdAt)}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{formatDate(batch.periodTo)}</Table.Td>
                    <Table.Td>{railLabel(batch.rail)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={batchStatusColors[batch.status]} miw="max-content">
                        {humanize(batch.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {batch.totals.length === 0
                        ? '—'
                        : batch.totals.map((total) => formatMoney(total)).join(' · ')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Modal opened={creating} onClose={() => setCreating(false)} title="New payout batch">
        {creating ? <NewBatchForm onClose={() => setCreating(false)} /> : null}
      </Modal>
    </>
  )
}
