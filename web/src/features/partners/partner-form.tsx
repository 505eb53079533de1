// Create or edit a partner: profile, parent partner, tags and contacts; server errors land on inputs.
import { Button, Group, Paper, Select, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { type FormEvent, useMemo, useState } from 'react'
import {
  type CreatePartnerInput,
  type PartnerStatus,
  type PartnerType,
  type PartnerView,
  partnerStatuses,
  partnerTypes,
} from '../../../../src/modules/partners/partners.contract'
import { humanize, toOptions } from '../../ui/labels'
import { type FieldResolver, notifySuccess, useFieldErrors } from '../../ui/problem'
import { type ContactDraft, ContactsEditor, newContact } from './contacts-editor'
import { partnerKeys, partnersApi } from './partners-api'

type Draft = {
  name: string
  type: PartnerType | null
  status: PartnerStatus
  parentId: string | null
  country: string
  currency: string
  websiteDomain: string
  tags: string[]
  contacts: ContactDraft[]
}

const draftFrom = (partner?: PartnerView): Draft => ({
  name: partner?.name ?? '',
  type: partner?.type ?? null,
  status: partner?.status ?? 'onboarding',
  parentId: partner?.parentId ?? null,
  country: partner?.country ?? '',
  currency: partner?.currency ?? 'USD',
  websiteDomain: partner?.websiteDomain ?? '',
  tags: partner?.tags ?? [],
  contacts: (partner?.contacts ?? []).map((contact) =>
    newContact({
      name: contact.name,
      email: contact.email ?? '',
      phone: contact.phone ?? '',
      title: contact.title ?? '',
      isPrimary: contact.isPrimary,
    }),
  ),
})

const optional = (value: string) => value.trim() || undefined

const scalarFields = [
  'name',
  'type',
  'status',
  'parentId',
  'country',
  'currency',
  'websiteDomain',
  'tags',
  'contacts',
]

export function PartnerForm({ partner }: { partner?: PartnerView }) {
  const isEdit = partner !== undefined
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const [draft, setDraft] = useState<Draft>(() => draftFrom(partner))
  const fields = useFieldErrors()
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }))
    fields.clear(key)
  }

  const parents = useQuery({ queryKey: partnerKeys.everything, queryFn: () => partnersApi.listAll() })
  const parentOptions = useMemo(
    () =>
      (parents.data ?? [])
        .filter((candidate) => candidate.id !== partner?.id)
        .map((candidate) => ({
          value: candidate.id,
          label: `${candidate.name} (${humanize(candidate.type)})`,
        })),
    [parents.data, partner?.id],
  )

  const resolve: FieldResolver = (path) => {
    const contact = /^contacts\.(\d+)\.(name|email|phone|title)/.exec(path)
    if (contact && Number(contact[1]) < draft.contacts.length) return `contacts.${contact[1]}.${contact[2]}`
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
    onError: (error) => fields.show(error, resolve),
  })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!draft.type) {
      fields.set({ type: 'Choose the kind of partner' })
      return
    }
    fields.clear()
    save.mutate({
      name: draft.name,
      type: draft.type,
      status: draft.status,
      parentId: draft.parentId,
      country: optional(draft.country) ?? null,
      currency: draft.currency.trim(),
      websiteDomain: optional(draft.websiteDomain) ?? null,
      tags: draft.tags,
      contacts: draft.contacts.map((contact) => ({
        name: contact.name,
        email: optional(contact.email),
        phone: optional(contact.phone),
        title: optional(contact.title),
        isPrimary: contact.isPrimary,
      })),
    })
  }

  const cancel = () =>
    partner
      ? navigate({ to: '/partners/$partnerId', params: { partnerId: partner.id } })
      : navigate({ to: '/partners' })

  return (
    <form onSubmit={submit} noValidate aria-label={isEdit ? 'Edit partner' : 'New partner'}>
      <Stack maw={860}>
        <Paper withBorder p="lg" radius="md">
          <Stack>
            <TextInput
              label="Name"
              required
              value={draft.name}
              onChange={(event) => set('name', event.currentTarget.value)}
              error={fields.errors.name}
              data-autofocus
            />
            <SimpleGrid cols={{ base: 1, sm: isEdit ? 1 : 2 }}>
              <Select
                label="Type"
                required
                placeholder="Choose a type"
                data={toOptions(partnerTypes)}
                value={draft.type}
                onChange={(value) => set('type', value as PartnerType | null)}
                error={fields.errors.type}
              />
              {isEdit ? null : (
                <Select
                  label="Status"
                  data={toOptions(partnerStatuses)}
                  value={draft.status}
                  onChange={(value) => set('status', (value as PartnerStatus | null) ?? 'onboarding')}
                  allowDeselect={false}
                  error={fields.errors.status}
                />
              )}
            </SimpleGrid>
            <Select
              label="Parent partner"
              description="The partner above this one, e.g. the distributor a reseller buys through"
              placeholder={parents.isPending ? 'Loading partners…' : 'None'}
              data={parentOptions}
              value={draft.parentId}
              onChange={(value) => set('parentId', value)}
              searchable
              clearable
              nothingFoundMessage="No partner with that name"
              error={fields.errors.parentId}
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label="Website domain"
                description="Without https://, e.g. example.com"
                placeholder="example.com"
                value={draft.websiteDomain}
                onChange={(event) => set('websiteDomain', event.currentTarget.value)}
                error={fields.errors.websiteDomain}
              />
              <TextInput
                label="Country"
                description="Two-letter code, e.g. DE"
                maxLength={2}
                value={draft.country}
                onChange={(event) => set('country', event.currentTarget.value.toUpperCase())}
                error={fields.errors.country}
              />
              <TextInput
                label="Currency"
                description="Three-letter code, e.g. EUR"
                maxLength={3}
                value={draft.currency}
                onChange={(event) => set('currency', event.currentTarget.value.toUpperCase())}
                error={fields.errors.currency}
              />
            </SimpleGrid>
            <TagsInput
              label="Tags"
              description="Press Enter after each tag"
              value={draft.tags}
              onChange={(value) => set('tags', value)}
              error={fields.errors.tags}
              clearable
            />
          </Stack>
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <ContactsEditor
            contacts={draft.contacts}
            onChange={(contacts) => set('contacts', contacts)}
            errors={fields.errors}
          />
        </Paper>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void cancel()}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {isEdit ? 'Save changes' : 'Create partner'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
