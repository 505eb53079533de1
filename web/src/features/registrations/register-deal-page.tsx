// Portal → Registrations → Register a deal: the opportunity's account, contact, expected amount and
// close, products and notes. While the partner types the account's name and domain, the server is
// asked (debounced) what a registration would run into, and the answer is shown in plain words
// before they submit.
import {
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useDebouncedValue } from '@mantine/hooks'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import type { CheckRegistrationInput } from '../../../../src/modules/revenue/registrations/registrations.contract'
import { useSubmit } from '../../ui/form-submit'
import { PageHeader } from '../../ui/page-header'
import { notifySuccess, showProblem } from '../../ui/problem'
import { CountrySelect, CurrencySelect } from '../../ui/region-select'
import { AnchorLink } from '../../ui/router-link'
import { ConflictNotice } from './registration-parts'
import { registrationKeys, registrationsApi } from './registrations-api'

type Draft = {
  accountName: string
  domain: string
  country: string | null
  industry: string
  contactName: string
  contactEmail: string
  amount: string
  currency: string
  expectedCloseOn: string
  products: string[]
  notes: string
}

const blankDraft = (): Draft => ({
  accountName: '',
  domain: '',
  country: null,
  industry: '',
  contactName: '',
  contactEmail: '',
  amount: '',
  currency: 'USD',
  expectedCloseOn: '',
  products: [],
  notes: '',
})

/** The server's field paths, as this form's inputs. */
const fieldOf = (path: string): string | null => {
  if (path === 'contact.name') return 'contactName'
  if (path === 'contact.email') return 'contactEmail'
  const base = path.split('.')[0]!
  return base in blankDraft() ? base : null
}

/** A domain worth asking about: a half-typed one ("acme") would only be refused. */
const looksLikeDomain = (text: string) =>
  /^[^\s.]+(\.[^\s.]+)+$/.test(text.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, ''))

export function RegisterDealPage() {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  // one key per registration being written: a resent click or a retry after a network error
  // answers with the same registration
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID())
  const form = useForm<Draft>({
    initialValues: blankDraft(),
    validate: {
      accountName: (value) => (value.trim().length >= 2 ? null : 'Enter the customer’s company name'),
      contactName: (value) => (value.trim() ? null : 'Enter who you are talking to'),
      contactEmail: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter their e-mail address'),
      amount: (value) =>
        /^\d+(\.\d+)?$/.test(value.trim()) ? null : 'Enter the expected amount, such as 25000',
      expectedCloseOn: (value) => (value ? null : 'Enter when you expect it to close'),
    },
  })

  const typed: CheckRegistrationInput = {
    accountName: form.values.accountName.trim(),
    domain: looksLikeDomain(form.values.domain.trim()) ? form.values.domain.trim() : undefined,
  }
  const [asked] = useDebouncedValue(typed, 400)
  const check = useQuery({
    queryKey: registrationKeys.check(asked),
    queryFn: () => registrationsApi.check(asked),
    enabled: asked.accountName.length >= 2,
    placeholderData: keepPreviousData,
  })
  const isWaiting =
    check.isFetching || asked.accountName !== typed.accountName || asked.domain !== typed.domain

  const submitMutation = useMutation({
    mutationFn: (values: Draft) =>
      registrationsApi.submit(
        {
          accountName: values.accountName.trim(),
          domain: values.domain.trim() || null,
          country: values.country,
          industry: values.industry.trim() || null,
          contact: { name: values.contactName.trim(), email: values.contactEmail.trim() },
          amount: values.amount.trim(),
          currency: values.currency,
          expectedCloseOn: values.expectedCloseOn,
          products: values.products,
          notes: values.notes.trim() || null,
        },
        idempotencyKey,
      ),
    onSuccess: async (registration) => {
      notifySuccess(`${registration.accountName} registered: your partner manager reviews it next`)
      setIdempotencyKey(crypto.randomUUID())
      await queryClient.invalidateQueries({ queryKey: registrationKeys.all })
      await navigate({ to: '/portal/registrations' })
    },
    onError: (error) => showProblem(form, error, fieldOf),
  })
  const submit = useSubmit(form, (values) => submitMutation.mutateAsync(values))

  return (
    <>
      <PageHeader
        title="Register a deal"
        description="Tell us about an opportunity you are working. Once approved, the account is protected for you and your registration counts toward your attributed revenue."
      />
      <Text size="sm" mb="md">
        <AnchorLink to="/portal/registrations">← Your registrations</AnchorLink>
      </Text>
      <form onSubmit={submit} noValidate aria-label="Register a deal">
        <Stack gap="lg">
          <Paper withBorder p="lg" radius="md">
            <Title order={2} size="h4" mb="md">
              Customer
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Account name"
                placeholder="e.g. Acme Widgets"
                required
                {...form.getInputProps('accountName')}
              />
              <TextInput label="Domain" placeholder="e.g. acme.com" {...form.getInputProps('domain')} />
              <CountrySelect label="Country" clearable {...form.getInputProps('country')} />
              <TextInput label="Industry" placeholder="e.g. Software" {...form.getInputProps('industry')} />
            </SimpleGrid>
            <Paper component="section" aria-label="Conflict check" mt="md" p={0}>
              {asked.accountName.length >= 2 ? (
                <ConflictNotice
                  conflicts={check.data?.conflicts ?? []}
                  isStaff={false}
                  isChecking={isWaiting && !check.data?.conflicts.length}
                />
              ) : (
                <Text size="sm" c="dimmed">
                  We check the name and domain against other registrations and open deals as you type.
                </Text>
              )}
            </Paper>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="md">
              <TextInput label="Contact name" required {...form.getInputProps('contactName')} />
              <TextInput
                label="Contact e-mail"
                type="email"
                required
                {...form.getInputProps('contactEmail')}
              />
            </SimpleGrid>
          </Paper>
          <Paper withBorder p="lg" radius="md">
            <Title order={2} size="h4" mb="md">
              Opportunity
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label="Expected amount"
                placeholder="25000.00"
                inputMode="decimal"
                required
                {...form.getInputProps('amount')}
              />
              <CurrencySelect label="Currency" {...form.getInputProps('currency')} />
              <TextInput
                label="Expected close"
                type="date"
                required
                {...form.getInputProps('expectedCloseOn')}
              />
            </SimpleGrid>
            <TagsInput
              mt="md"
              label="Products"
              description="Press Enter after each"
              placeholder="e.g. Platform"
              {...form.getInputProps('products')}
            />
            <Textarea
              mt="md"
              label="Notes"
              placeholder="How you found it, who is involved, what happens next"
              autosize
              minRows={3}
              {...form.getInputProps('notes')}
            />
          </Paper>
          <Group>
            <Button type="submit" loading={form.submitting}>
              Submit registration
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  )
}
