// Attribution settings: the org's models with their role (one paying, any in shadow), parameters
// and versions; adding a model; and recomputing every deal's credit with progress.
import { Badge, Button, Group, Modal, Paper, Select, Table, Text, Title } from '@mantine/core'
import { IconHistory, IconPencil, IconPlus } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { ModelRole, ModelView } from '../../../../src/modules/credits/credits.contract'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { humanize } from '../../ui/labels'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess } from '../../ui/problem'
import { canAdminister, useMe } from '../identity/session'
import { creditKeys, creditsApi } from './credits-api'
import { ModelForm } from './model-form'
import { ModelVersions } from './model-versions'
import { RecomputeCard } from './recompute-card'

const roleColor: Record<ModelRole, string> = { paying: 'teal', shadow: 'indigo', off: 'gray' }
const roleOptions = [
  { value: 'paying', label: 'Paying' },
  { value: 'shadow', label: 'Shadow' },
  { value: 'off', label: 'Off' },
]
type Dialog = { kind: 'edit' | 'history'; model: ModelView } | { kind: 'add' } | null

function RoleSelect({ model, canChange }: { model: ModelView; canChange: boolean }) {
  const queryClient = useQueryClient()
  const change = useMutation({
    mutationFn: (role: ModelRole) => creditsApi.updateModel(model.id, { role }),
    onSuccess: async (updated) => {
      notifySuccess(
        updated.role === 'paying'
          ? `${updated.name} is now the paying model; the previous one runs in shadow`
          : `${updated.name} is now ${updated.role}`,
      )
      await queryClient.invalidateQueries({ queryKey: creditKeys.all })
    },
    onError: (error) => notifyError(error, `Could not change ${model.name}`),
  })
  if (!canChange)
    return (
      <Badge color={roleColor[model.role]} variant="light">
        {humanize(model.role)}
      </Badge>
    )
  return (
    <Select
      aria-label={`Role of ${model.name}`}
      data={roleOptions}
      value={model.role}
      allowDeselect={false}
      // one model always pays: another model is made paying instead
      disabled={model.role === 'paying' || change.isPending}
      title={model.role === 'paying' ? 'Make another model paying to change this one' : undefined}
      onChange={(value) => value && value !== model.role && change.mutate(value as ModelRole)}
      w={130}
    />
  )
}

export function AttributionSettingsPage() {
  const me = useMe()
  const canChange = canAdminister(me)
  const queryClient = useQueryClient()
  const models = useQuery({ queryKey: creditKeys.models, queryFn: creditsApi.models })
  const [dialog, setDialog] = useState<Dialog>(null)
  const close = () => setDialog(null)
  const saved = async (message: string) => {
    notifySuccess(message)
    close()
    await queryClient.invalidateQueries({ queryKey: creditKeys.all })
  }

  return (
    <>
      <PageHeader
        title="Attribution"
        description="The paying model drives money; shadow models run beside it so you can compare them."
        actions={
          canChange ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'add' })}>
              Add model
            </Button>
          ) : null
        }
      />
      <Paper withBorder p="lg" radius="md" mb="lg">
        <Title order={2} size="h4" mb="sm">
          Models
        </Title>
        {models.isPending ? (
          <PageLoader label="Loading models…" />
        ) : models.isError ? (
          <ErrorAlert error={models.error} what="Models" />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" aria-label="Attribution models">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Model</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {models.data.items.map((model) => (
                  <Table.Tr key={model.id} aria-label={model.name}>
                    <Table.Td>
                      <Text fw={600}>{model.name}</Text>
                      <Text size="sm" c="dimmed">
                        {model.description}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <RoleSelect model={model} canChange={canChange} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        v{model.version}
                        {model.candidateVersion ? (
                          <Badge
                            size="xs"
                            color="indigo"
                            variant="light"
                            title="Open its history to promote it"
                          >
                            v{model.candidateVersion} trained
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {canChange ? (
                          <Button
                            size="xs"
                            variant="default"
                            leftSection={<IconPencil size={14} />}
                            onClick={() => setDialog({ kind: 'edit', model })}
                            aria-label={`Edit ${model.name}`}
                          >
                            Edit
                          </Button>
                        ) : null}
                        <Button
                          size="xs"
                          variant="subtle"
                          leftSection={<IconHistory size={14} />}
                          onClick={() => setDialog({ kind: 'history', model })}
                          aria-label={`History of ${model.name}`}
                        >
                          History
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <RecomputeCard canChange={canChange} />
      <Modal
        opened={dialog !== null}
        onClose={close}
        size={dialog?.kind === 'history' ? 'xl' : '80rem'}
        title={
          dialog?.kind === 'add'
            ? 'Add a model'
            : dialog?.kind === 'edit'
              ? `Edit ${dialog.model.name}`
              : dialog?.kind === 'history'
                ? `History of ${dialog.model.name}`
                : ''
        }
      >
        {dialog?.kind === 'add' ? (
          <ModelForm
            label="New model"
            submitLabel="Add model"
            onCancel={close}
            onSave={async (values) => {
              const created = await creditsApi.createModel(values)
              await saved(`${created.name} added as ${created.role}`)
            }}
          />
        ) : dialog?.kind === 'edit' ? (
          <ModelForm
            key={dialog.model.id}
            label={`Change ${dialog.model.name}`}
            model={dialog.model}
            submitLabel="Save as a new version"
            onCancel={close}
            onSave={async ({ name, params, options }) => {
              const updated = await creditsApi.updateModel(dialog.model.id, { name, params, options })
              await saved(`${updated.name} saved (version ${updated.version})`)
            }}
          />
        ) : dialog?.kind === 'history' ? (
          <ModelVersions model={dialog.model} canChange={canChange} />
        ) : null}
      </Modal>
    </>
  )
}
