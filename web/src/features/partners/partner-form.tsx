// Create or edit a partner: profile, parent partner, tags and contacts; server errors land on inputs.
import { Button, Group, Paper, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import {
  type CreatePartnerInput,
  type PartnerType,
  type PartnerView,
  partnerStatuses,
  partnerTypes,
} from '../../../../src/modules/partners/partners.contract'
import { useSubmit } from '../../ui/form-submit'
import { toOptions } from '../../ui/labels'
import { type FieldResolver, notifySuccess, showProblem } from '../../ui/problem'
import { CountrySelect, CurrencySelect } from '../../ui/region-select'
import { ContactsEditor } from './contacts-editor'
import { draftFrom, type PartnerDraft, requestFrom } from './partner-draft'
import { PartnerPicker } from './partner-picker'
import { partnerKeys, partnersApi } from './partners-api'

const scalarFields = ['name', 'type', 'status', 'parentId', 'country', 'currency', 'websiteDomain', 'tags']

export function PartnerForm({ partner }: { partner?: PartnerView }) {
  const isEdit = partner !== undefined
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const form = useForm<PartnerDraft>({
    initialValues: draftFrom(partner),
    validate: {
      name: (value) => (value.trim() ? null : 'Enter the partner’s name'),
      type: (value) => (value ? null : 'Choose the kind of partner'),
      contacts: { name: (value) => (value.trim() ? null : 'Enter the contact’s name') },
    },
  })

  const resolve: FieldResolver = (path) => {
    const contact = /^contacts\.(\d+)\.(name|email|phone|title)/.exec(path)
    if (contact && Number(contact[1]) < form.values.contacts.length)
      return `contacts.${contact[1]}.${contact[2]}`
    const head = path.split('.')[0] ?? ''
    return scalarFields.includes(head) && !(isEdit && head === 'status') ? head : null
  }

  const save = useMutation({
    mutationFn: (body: CreatePartnerInput) => {
      if (!partner) return partnersApi.create(body)
      const { status: _status, ...changes } = body
      return partnersApi.update(partner.id, changes)
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: partnerKeys.all })
      queryClient.setQueryData(partnerKeys.detail(saved.id), saved)
      notifySuccess(isEdit ? `Saved ${saved.name}` : `Created ${saved.name}`)
      await navigate({ to: '/partners/$partnerId', params: { partnerId: saved.id } })
    },
    onError: (error) => showProblem(form, error, resolve),
  })

  const submit = useSubmit(form, (draft) =>
    save.mutateAsync(requestFrom({ ...draft, type: draft.type as PartnerType })),
  )

  const cancel = () =>
    partner
      ? navigate({ to: '/partners/$partnerId', params: { partnerId: partner.id } })
      : navigate({ to: '/partners' })

  return (
    <form onSubmit={submit} noValidate aria-label={isEdit ? 'Edit partner' : 'New partner'}>
      <Stack maw={860}>
        <Paper withBorder p="lg" radius="md">
          <Stack>
            <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
            <SimpleGrid cols={{ base: 1, sm: isEdit ? 1 : 2 }}>
              <Select
                label="Type"
                required
                placeholder="Choose a type"
                data={toOptions(partnerTypes)}
                {...form.getInputProps('type')}
              />
              {isEdit ? null : (
                <Select
                  label="Status"
                  data={toOptions(partnerStatuses)}
                  allowDeselect={false}
                  {...form.getInputProps('status')}
                />
              )}
            </SimpleGrid>
            <PartnerPicker
              label="Parent partner"
              description="The partner above this one, e.g. the distributor a reseller buys through"
              placeholder="None"
              clearable
              excludeId={partner?.id}
              {...form.getInputProps('parentId')}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label="Website domain"
                description="Without https://, e.g. example.com"
                placeholder="example.com"
                {...form.getInputProps('websiteDomain')}
              />
              <CountrySelect
                label="Country"
                description="Where the partner is based"
                clearable
                {...form.getInputProps('country')}
              />
              <CurrencySelect
                label="Currency"
                description="The currency the partner trades in"
                allowDeselect={false}
                {...form.getInputProps('currency')}
              />
            </SimpleGrid>
            <TagsInput
              label="Tags"
              description="Press Enter after each tag"
              clearable
              {...form.getInputProps('tags')}
            />
          </Stack>
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <ContactsEditor form={form} />
        </Paper>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void cancel()}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            {isEdit ? 'Save changes' : 'Create partner'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
