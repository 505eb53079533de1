// Console → Territories: each territory's owner, rules and partners with the overlaps between them,
// and a form to add or change one (countries by name, industries and regions as tags, partners by
// search, the owner among the org's staff). New registrations go to the owner of the territory that
// takes their account.
import {
  Alert,
  Badge,
  Button,
  CloseButton,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { isPartnerRole } from '../../../../src/modules/identity/identity.contract'
import type { TerritoryView } from '../../../../src/modules/programs/territories.contract'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { PageHeader } from '../../ui/page-header'
import { fieldsNamed, notifyError, notifySuccess, showProblem } from '../../ui/problem'
import { countryName, countryOptions } from '../../ui/region-select'
import { identityApi, identityKeys } from '../identity/identity-api'
import { useMe } from '../identity/session'
import { PartnerPicker } from '../partners/partner-picker'
import { canRunProgram, programKeys, programsApi } from './programs-api'

interface TerritoryDraft {
  name: string
  ownerUserId: string | null
  partners: { id: string; name: string | null }[]
  countries: string[]
  regions: string[]
  industries: string[]
  namedAccounts: string[]
  isActive: boolean
}

const draftOf = (territory?: TerritoryView): TerritoryDraft => ({
  name: territory?.name ?? '',
  ownerUserId: territory?.owner.id ?? null,
  partners: territory?.partners ?? [],
  countries: territory?.countries ?? [],
  regions: territory?.regions ?? [],
  industries: territory?.industries ?? [],
  namedAccounts: territory?.namedAccounts ?? [],
  isActive: territory?.isActive ?? true,
})

/** "Germany, France · Software · 2 named accounts" */
export function rulesSummary(
  territory: Pick<TerritoryView, 'countries' | 'regions' | 'industries' | 'namedAccounts'>,
) {
  const places = [...territory.countries.map((c) => countryName(c)), ...territory.regions]
  const parts = [
    places.length > 4 ? `${places.slice(0, 3).join(', ')} and ${places.length - 3} more` : places.join(', '),
    territory.industries.join(', '),
    territory.namedAccounts.length > 0
      ? `${territory.namedAccounts.length} named account${territory.namedAccounts.length === 1 ? '' : 's'}`
      : '',
  ].filter(Boolean)
  return parts.length > 0 ? parts.join(' · ') : 'No rules: routes nothing'
}

const formFields = fieldsNamed('name', 'ownerUserId', 'countries', 'regions', 'industries', 'namedAccounts')
const fieldOf = (path: string) => {
  const field = formFields(path.split(/[.[]/)[0]!)
  if (field) return field
  return path.startsWith('partnerIds') ? 'partners' : null
}

function TerritoryForm({ territory, onDone }: { territory?: TerritoryView; onDone: () => void }) {
  const queryClient = useQueryClient()
  const users = useQuery({ queryKey: identityKeys.users, queryFn: () => identityApi.listUsers() })
  const staff = useMemo(
    () =>
      (users.data?.items ?? [])
        .filter((u) => !isPartnerRole(u.role) && u.status === 'active')
        .map((u) => ({ value: u.id, label: u.name })),
    [users.data],
  )
  const countries = useMemo(() => countryOptions(), [])
  const form = useForm<TerritoryDraft>({
    mode: 'controlled',
    initialValues: draftOf(territory),
    validate: {
      name: (value) => (value.trim() ? null : 'Give the territory a name'),
      ownerUserId: (value) => (value ? null : 'Choose the partner manager who owns it'),
    },
  })
  const save = useMutation({
    mutationFn: (draft: TerritoryDraft) => {
      const input = {
        name: draft.name,
        ownerUserId: draft.ownerUserId!,
        partnerIds: draft.partners.map((p) => p.id),
        countries: draft.countries,
        regions: draft.regions,
        industries: draft.industries,
        namedAccounts: draft.namedAccounts.map((a) => a.trim().toLowerCase()),
      }
      return territory
        ? programsApi.updateTerritory(territory.id, { ...input, isActive: draft.isActive })
        : programsApi.createTerritory(input)
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: programKeys.territories })
      notifySuccess(
        saved.overlaps.length > 0
          ? `${saved.name} saved; it overlaps ${saved.overlaps.map((o) => o.territoryName).join(', ')}`
          : `${saved.name} saved`,
      )
      onDone()
    },
    onError: (error) => showProblem(form, error, fieldOf),
  })
  const submit = useSubmit(form, (values) => save.mutateAsync(values))
  const [picking, setPicking] = useState<string | null>(null)

  return (
    <form onSubmit={submit} aria-label={territory ? `Edit ${territory.name}` : 'New territory'}>
      <Stack>
        <TextInput label="Name" required placeholder="EMEA Software" {...form.getInputProps('name')} />
        <Select
          label="Owner"
          description="The partner manager new registrations in this territory go to"
          required
          searchable
          data={staff}
          placeholder={users.isPending ? 'Loading users…' : 'Choose a staff user'}
          {...form.getInputProps('ownerUserId')}
        />
        <MultiSelect
          label="Countries"
          searchable
          clearable
          data={countries}
          placeholder="Search countries"
          nothingFoundMessage="No country with that name"
          {...form.getInputProps('countries')}
        />
        <TagsInput
          label="Regions"
          description="Free text, such as DACH or West Coast"
          {...form.getInputProps('regions')}
        />
        <TagsInput
          label="Industries"
          description="Leave empty to take every industry in the countries above"
          {...form.getInputProps('industries')}
        />
        <TagsInput
          label="Named accounts"
          description="Account ids or domains (acme.example); they win over every other rule"
          {...form.getInputProps('namedAccounts')}
        />
        <Stack gap={4}>
          <PartnerPicker
            label="Partners"
            description="The partners assigned to this territory"
            value={picking}
            onChange={(id) => {
              setPicking(null)
              if (id && !form.values.partners.some((p) => p.id === id))
                form.insertListItem('partners', { id, name: null })
            }}
            error={form.errors.partners}
          />
          <Group gap="xs">
            {form.values.partners.map((partner, index) => (
              <Badge
                key={partner.id}
                variant="light"
                rightSection={
                  <CloseButton
                    size="xs"
                    aria-label={`Remove ${partner.name ?? partner.id}`}
                    onClick={() => form.removeListItem('partners', index)}
                  />
                }
              >
                {partner.name ?? partner.id}
              </Badge>
            ))}
          </Group>
        </Stack>
        {territory ? (
          <Switch
            label="Active: routes registrations"
            {...form.getInputProps('isActive', { type: 'checkbox' })}
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save territory
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function TerritoriesPage() {
  const me = useMe()
  const canManage = canRunProgram(me)
  const queryClient = useQueryClient()
  const list = useQuery({ queryKey: programKeys.territories, queryFn: programsApi.territories })
  const [editing, setEditing] = useState<TerritoryView | 'new' | null>(null)
  const remove = useMutation({
    mutationFn: (territory: TerritoryView) => programsApi.deleteTerritory(territory.id),
    onSuccess: async (_done, territory) => {
      await queryClient.invalidateQueries({ queryKey: programKeys.territories })
      notifySuccess(`${territory.name} removed`)
    },
    onError: (error) => notifyError(error),
  })
  const add = canManage ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
      New territory
    </Button>
  ) : null

  if (list.isPending) return <PageLoader label="Loading territories…" />
  if (list.isError) return <ErrorAlert error={list.error} what="Territories" />
  const overlapping = list.data.items.filter((t) => t.overlaps.length > 0)

  return (
    <>
      <PageHeader
        title="Territories"
        description="Countries, regions, industries and named accounts, each owned by a partner manager. A new deal registration goes to the owner of the most specific territory that takes its account."
        actions={add}
      />
      <Stack gap="lg">
        {overlapping.length > 0 ? (
          <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Overlapping territories">
            {overlapping.length} territories overlap: an account in both goes to the more specific one (a
            named account, then country and industry, country, industry).
          </Alert>
        ) : null}
        <Paper withBorder radius="md" p={0}>
          {list.data.items.length === 0 ? (
            <EmptyHint
              title="No territories yet"
              description="Add one so new registrations go to the right partner manager."
              action={add}
            />
          ) : (
            <Table aria-label="Territories" verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Territory</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>Rules</Table.Th>
                  <Table.Th>Partners</Table.Th>
                  <Table.Th>Overlaps</Table.Th>
                  {canManage ? <Table.Th aria-label="Actions" /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((territory) => (
                  <Table.Tr key={territory.id}>
                    <Table.Td>
                      <Group gap="xs">
                        <Text fw={500}>{territory.name}</Text>
                        {territory.isActive ? null : (
                          <Badge color="gray" variant="light">
                            Inactive
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{territory.owner.name ?? territory.owner.id}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{rulesSummary(territory)}</Text>
                    </Table.Td>
                    <Table.Td>{territory.partners.length}</Table.Td>
                    <Table.Td>
                      {territory.overlaps.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          None
                        </Text>
                      ) : (
                        <Stack gap={2}>
                          {territory.overlaps.map((overlap) => (
                            <Text key={overlap.territoryId} size="sm" c="yellow.8">
                              {overlap.reason}
                            </Text>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                    {canManage ? (
                      <Table.Td>
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="default"
                            leftSection={<IconPencil size={14} />}
                            onClick={() => setEditing(territory)}
                          >
                            Edit
                          </Button>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            aria-label={`Remove ${territory.name}`}
                            loading={remove.isPending && remove.variables?.id === territory.id}
                            onClick={() => remove.mutate(territory)}
                          >
                            <IconTrash size={14} />
                          </Button>
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </Stack>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New territory' : editing ? `Edit ${editing.name}` : ''}
        size="lg"
      >
        {editing !== null ? (
          <TerritoryForm
            key={editing === 'new' ? 'new' : editing.id}
            territory={editing === 'new' ? undefined : editing}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Modal>
    </>
  )
}
