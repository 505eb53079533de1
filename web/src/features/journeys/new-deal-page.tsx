// A deal entered by hand (most arrive from the CRM): amount as typed, in its currency, with its outcome,
// and for a renewal or expansion the won deal it grows from.
import { Autocomplete, Button, Group, Paper, Select, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import {
  type DealStatus,
  type DealType,
  dealStatuses,
  dealTypes,
} from '../../../../src/modules/journeys/journeys.contract'
import { localInputToIso, toLocalInputValue } from '../../ui/dates'
import { useSubmit } from '../../ui/form-submit'
import { humanize, toOptions } from '../../ui/labels'
import { PageHeader } from '../../ui/page-header'
import { fieldsNamed, notifySuccess, showProblem } from '../../ui/problem'
import { CurrencySelect } from '../../ui/region-select'
import { useMe } from '../identity/session'
import { AccountPicker } from './account-picker'
import { amountProblem } from './deal-amount'
import { dealsApi, journeyKeys } from './journeys-api'
import { ParentDealPicker } from './parent-deal-picker'

type DealDraft = {
  name: string
  accountId: string | null
  amount: string
  currency: string | null
  stage: string
  status: DealStatus
  type: DealType
  openedAt: string
  closedAt: string
  owner: string
  parentDealId: string | null
}

/** Only these types grow from an earlier deal, so only they ask for one. */
const hasParent = (type: DealType): boolean => type === 'renewal' || type === 'expansion'

const stageSuggestions = [
  'qualification',
  'discovery',
  'proposal',
  'negotiation',
  'closed_won',
  'closed_lost',
]

export function NewDealPage({ accountId }: { accountId?: string }) {
  const me = useMe()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const form = useForm<DealDraft>({
    initialValues: {
      name: '',
      accountId: accountId ?? null,
      amount: '',
      currency: 'USD',
      stage: 'qualification',
      status: 'open',
      type: 'new',
      openedAt: toLocalInputValue(new Date()),
      closedAt: '',
      owner: me.user.email,
      parentDealId: null,
    },
    validate: {
      name: (value) => (value.trim() ? null : 'Name the deal'),
      amount: (value, values) => amountProblem(value, values.currency),
      currency: (value) => (value ? null : 'Choose a currency'),
      stage: (value) => (value.trim() ? null : 'Enter the stage'),
      openedAt: (value) => (localInputToIso(value) ? null : 'Enter when the deal was opened'),
      closedAt: (value, values) =>
        values.status !== 'open' && !localInputToIso(value)
          ? `Enter when the deal was ${values.status}`
          : null,
    },
  })

  const create = useMutation({
    mutationFn: dealsApi.create,
    onSuccess: async (deal) => {
      notifySuccess(`Created ${deal.name}`)
      await queryClient.invalidateQueries({ queryKey: journeyKeys.deals })
      await navigate({ to: '/deals/$dealId', params: { dealId: deal.id } })
    },
    onError: (error) =>
      showProblem(
        form,
        error,
        fieldsNamed(
          'name',
          'accountId',
          'amount',
          'currency',
          'stage',
          'status',
          'type',
          'openedAt',
          'closedAt',
          'owner',
          'parentDealId',
        ),
      ),
  })

  const submit = useSubmit(form, (draft) =>
    create.mutateAsync({
      name: draft.name.trim(),
      accountId: draft.accountId,
      amount: draft.amount.trim(),
      currency: draft.currency ?? '',
      stage: draft.stage.trim(),
      status: draft.status,
      type: draft.type,
      openedAt: localInputToIso(draft.openedAt) ?? undefined,
      closedAt: draft.status === 'open' ? null : localInputToIso(draft.closedAt),
      owner: draft.owner.trim() || null,
      parentDealId: hasParent(draft.type) ? draft.parentDealId : null,
    }),
  )

  const isClosed = form.values.status !== 'open'

  return (
    <>
      <PageHeader title="New deal" description="Deals usually arrive from your CRM; add one here by hand." />
      <form onSubmit={submit} noValidate aria-label="New deal">
        <Stack maw={860}>
          <Paper withBorder p="lg" radius="md">
            <Stack>
              <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
              <AccountPicker
                label="Account"
                description="The customer"
                clearable
                {...form.getInputProps('accountId')}
                onChange={(accountId) => {
                  form.setFieldValue('accountId', accountId)
                  // a parent deal belongs to the account it was won with
                  form.setFieldValue('parentDealId', null)
                }}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label="Amount"
                  required
                  inputMode="decimal"
                  placeholder="1250.00"
                  description="In the deal's currency, with a dot for decimals"
                  {...form.getInputProps('amount')}
                />
                <CurrencySelect
                  label="Currency"
                  required
                  allowDeselect={false}
                  {...form.getInputProps('currency')}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Autocomplete
                  label="Stage"
                  required
                  data={stageSuggestions.map((stage) => ({ value: stage, label: humanize(stage) }))}
                  {...form.getInputProps('stage')}
                />
                <Select
                  label="Status"
                  data={toOptions(dealStatuses)}
                  allowDeselect={false}
                  {...form.getInputProps('status')}
                />
                <Select
                  label="Type"
                  data={toOptions(dealTypes)}
                  allowDeselect={false}
                  {...form.getInputProps('type')}
                />
              </SimpleGrid>
              {hasParent(form.values.type) ? (
                <ParentDealPicker
                  label="Parent deal"
                  description={
                    form.values.accountId
                      ? `The won deal this ${form.values.type} grows from`
                      : `The won deal this ${form.values.type} grows from; choose the account to narrow the list`
                  }
                  accountId={form.values.accountId}
                  clearable
                  {...form.getInputProps('parentDealId')}
                />
              ) : null}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label="Opened"
                  type="datetime-local"
                  required
                  {...form.getInputProps('openedAt')}
                />
                <TextInput
                  label="Closed"
                  type="datetime-local"
                  required={isClosed}
                  disabled={!isClosed}
                  description={isClosed ? undefined : 'Set when the deal is won or lost'}
                  {...form.getInputProps('closedAt')}
                />
              </SimpleGrid>
              <TextInput
                label="Owner"
                description="The internal seller who owns the deal"
                {...form.getInputProps('owner')}
              />
            </Stack>
          </Paper>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate({ to: '/deals' })}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Create deal
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  )
}
