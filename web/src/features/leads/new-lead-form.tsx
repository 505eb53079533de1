// Console → Leads → New lead: the company, the contact, where it is and where it came from. On save the
// server routes it by territory and the lead's page opens with the reason.
import { Autocomplete, Button, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { useSubmit } from '../../ui/form-submit'
import { fieldsNamed, notifySuccess, showProblem } from '../../ui/problem'
import { CountrySelect } from '../../ui/region-select'
import { leadKeys, leadsApi } from './leads-api'

type Draft = {
  companyName: string
  domain: string
  contactName: string
  contactEmail: string
  country: string | null
  region: string
  industry: string
  source: string
  notes: string
}

const blankDraft: Draft = {
  companyName: '',
  domain: '',
  contactName: '',
  contactEmail: '',
  country: null,
  region: '',
  industry: '',
  source: 'web',
  notes: '',
}

const fieldOf = fieldsNamed(...Object.keys(blankDraft))
const sources = ['web', 'event', 'referral', 'api', 'outbound']
const orNull = (text: string) => text.trim() || null

export function NewLeadForm({ onDone }: { onDone: () => void }) {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  // one key per lead being written: a resent click or a retry answers with the same lead
  const [idempotencyKey] = useState(() => crypto.randomUUID())
  const form = useForm<Draft>({
    initialValues: blankDraft,
    validate: {
      companyName: (value) => (value.trim() ? null : 'Enter the company’s name'),
      source: (value) => (value.trim() ? null : 'Say where the lead came from, such as web or event'),
    },
  })
  const create = useMutation({
    mutationFn: (values: Draft) =>
      leadsApi.create(
        {
          companyName: values.companyName.trim(),
          domain: orNull(values.domain),
          contactName: orNull(values.contactName),
          contactEmail: orNull(values.contactEmail),
          country: values.country,
          region: orNull(values.region),
          industry: orNull(values.industry),
          source: values.source.trim(),
          notes: orNull(values.notes),
        },
        idempotencyKey,
      ),
    onSuccess: async (lead) => {
      notifySuccess(`${lead.companyName} created: ${lead.routingReason ?? 'unassigned'}`)
      await queryClient.invalidateQueries({ queryKey: leadKeys.all })
      onDone()
      await navigate({ to: '/leads/$leadId', params: { leadId: lead.id } })
    },
    onError: (error) => showProblem(form, error, fieldOf),
  })
  const submit = useSubmit(form, (values) => create.mutateAsync(values))

  return (
    <form onSubmit={submit} noValidate aria-label="New lead">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Company"
            required
            placeholder="e.g. Acme Widgets"
            {...form.getInputProps('companyName')}
          />
          <TextInput label="Domain" placeholder="e.g. acme.example" {...form.getInputProps('domain')} />
          <TextInput label="Contact name" {...form.getInputProps('contactName')} />
          <TextInput label="Contact e-mail" type="email" {...form.getInputProps('contactEmail')} />
          <CountrySelect label="Country" clearable {...form.getInputProps('country')} />
          <TextInput label="Region" placeholder="e.g. DACH" {...form.getInputProps('region')} />
          <TextInput label="Industry" placeholder="e.g. Software" {...form.getInputProps('industry')} />
          <Autocomplete label="Source" required data={sources} {...form.getInputProps('source')} />
        </SimpleGrid>
        <Textarea label="Notes" autosize minRows={2} {...form.getInputProps('notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Create lead
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
