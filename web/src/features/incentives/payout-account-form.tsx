// Where a partner is paid: a Stripe connected account, or bank details for the bank file (IBAN and
// BIC, or a US account and routing number). Bank details on file are shown only as the server masks
// them, and are typed again to change.
import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { PayoutAccountView } from '../../../../src/modules/incentives/payouts/payouts.contract'
import { formatDateTime } from '../../ui/dates'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { fieldsNamed, notifySuccess, showProblem } from '../../ui/problem'
import { payoutKeys, payoutsApi } from './incentives-api'
import { type AccountDraft, accountInputOf, draftOf } from './payout-drafts'

function OnFile({ account }: { account: PayoutAccountView }) {
  const bank =
    account.iban !== null
      ? `IBAN ${account.iban}${account.bic ? ` · BIC ${account.bic}` : ''}`
      : account.accountNumber !== null
        ? `Account ${account.accountNumber} · routing ${account.routingNumber ?? '—'}`
        : null
  return (
    <Alert color="gray" title="On file" aria-label="Payout account on file">
      <Text size="sm">
        {account.payeeName} ·{' '}
        {account.rail === 'stripe'
          ? `Stripe account ${account.stripeAccountId ?? '—'}`
          : (bank ?? 'bank transfer')}
      </Text>
      <Text size="xs" c="dimmed">
        Updated {formatDateTime(account.updatedAt)}
      </Text>
    </Alert>
  )
}

function AccountForm({
  partnerId,
  account,
  fallbackName,
  onDone,
}: {
  partnerId: string
  account: PayoutAccountView | null
  fallbackName: string
  onDone: () => void
}) {
  const queryClient = useQueryClient()
  const form = useForm<AccountDraft>({
    initialValues: draftOf(account, fallbackName),
    validate: { payeeName: (value) => (value.trim() ? null : 'Enter the name the payment is made out to') },
  })
  const save = useMutation({
    mutationFn: (draft: AccountDraft) => payoutsApi.setAccount(partnerId, accountInputOf(draft)),
    onSuccess: (saved) => {
      queryClient.setQueryData(payoutKeys.account(partnerId), saved)
      notifySuccess('Saved where you are paid')
      onDone()
    },
    onError: (error) =>
      showProblem(
        form,
        error,
        fieldsNamed('rail', 'payeeName', 'stripeAccountId', 'iban', 'bic', 'accountNumber', 'routingNumber'),
      ),
  })
  const submit = useSubmit(form, (draft) => save.mutateAsync(draft))
  const { values } = form
  return (
    <form onSubmit={submit} noValidate aria-label="Payout account">
      <Stack>
        <SegmentedControl
          aria-label="Paid through"
          data={[
            { value: 'stripe', label: 'Stripe' },
            { value: 'bank_file', label: 'Bank transfer' },
          ]}
          {...form.getInputProps('rail')}
        />
        <TextInput label="Payee name" required {...form.getInputProps('payeeName')} />
        {values.rail === 'stripe' ? (
          <TextInput
            label="Stripe account id"
            description="Your Stripe Connect account, e.g. acct_1Nv0FGQ9RKHgCVdK"
            placeholder="acct_…"
            {...form.getInputProps('stripeAccountId')}
          />
        ) : (
          <>
            <SegmentedControl
              aria-label="Bank details"
              data={[
                { value: 'iban', label: 'IBAN and BIC' },
                { value: 'us', label: 'US account and routing' },
              ]}
              {...form.getInputProps('bankKind')}
            />
            {values.bankKind === 'iban' ? (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label="IBAN"
                  placeholder={account?.iban ? `On file: ${account.iban}` : 'DE89 3704 0044 0532 0130 00'}
                  {...form.getInputProps('iban')}
                />
                <TextInput label="BIC" placeholder="COBADEFFXXX" {...form.getInputProps('bic')} />
              </SimpleGrid>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label="Account number"
                  inputMode="numeric"
                  placeholder={account?.accountNumber ? `On file: ${account.accountNumber}` : ''}
                  {...form.getInputProps('accountNumber')}
                />
                <TextInput
                  label="Routing number"
                  inputMode="numeric"
                  {...form.getInputProps('routingNumber')}
                />
              </SimpleGrid>
            )}
            {account?.rail === 'bank_file' ? (
              <Text size="xs" c="dimmed">
                Bank details are only ever shown masked: type them again to save a change.
              </Text>
            ) : null}
          </>
        )}
        <Group justify="flex-end">
          {account ? (
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={form.submitting}>
            Save payout account
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function PayoutAccountCard({
  partnerId,
  fallbackName,
  canChange,
}: {
  partnerId: string
  /** The payee name a new account starts from, e.g. the partner's name. */
  fallbackName: string
  canChange: boolean
}) {
  const account = useQuery({
    queryKey: payoutKeys.account(partnerId),
    queryFn: () => payoutsApi.account(partnerId),
  })
  const [editing, setEditing] = useState(false)
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Where you are paid">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Payout account
        </Title>
        {canChange && account.data && !editing ? (
          <Button variant="default" size="xs" onClick={() => setEditing(true)}>
            Change
          </Button>
        ) : null}
      </Group>
      {account.isPending ? (
        <PageLoader label="Loading your payout account…" />
      ) : account.isError ? (
        <ErrorAlert error={account.error} what="Payout account" />
      ) : editing || (account.data === null && canChange) ? (
        <AccountForm
          partnerId={partnerId}
          account={account.data}
          fallbackName={fallbackName}
          onDone={() => setEditing(false)}
        />
      ) : account.data ? (
        <OnFile account={account.data} />
      ) : (
        <Text size="sm" c="dimmed">
          No payout account yet: your partner admin sets where you are paid.
        </Text>
      )}
    </Paper>
  )
}
