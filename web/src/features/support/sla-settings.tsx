// Console → Tickets → SLA settings: first-response and resolution hours per priority, the warning hours
// before a due time and the team's address, in a form whose server objections land on their inputs.
import { Button, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  type SupportSettings,
  type TicketPriority,
  ticketPriorities,
} from '../../../../src/modules/programs/support/support.contract'
import { formatDateTime } from '../../ui/dates'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { fieldsNamed, notifySuccess, showProblem } from '../../ui/problem'
import { supportApi, supportKeys } from './support-api'
import { priorityLabels } from './ticket-parts'

/** The form holds the address as text: empty means no team address. */
type SettingsDraft = Omit<SupportSettings, 'teamEmail'> & { teamEmail: string }

const settingsFields = fieldsNamed(
  ...ticketPriorities.flatMap((p) => [`targets.${p}.firstResponseHours`, `targets.${p}.resolutionHours`]),
  'warnHours',
  'teamEmail',
)

export function SlaSettingsPanel({ onDone }: { onDone: () => void }) {
  const settings = useQuery({ queryKey: supportKeys.settings, queryFn: supportApi.settings })
  if (settings.isPending) return <PageLoader label="Loading the SLA settings…" />
  if (settings.isError) return <ErrorAlert error={settings.error} what="SLA settings" />
  return (
    <SlaSettingsForm
      initial={settings.data.settings}
      updatedAt={settings.data.isDefault ? null : settings.data.updatedAt}
      onDone={onDone}
    />
  )
}

function SlaSettingsForm({
  initial,
  updatedAt,
  onDone,
}: {
  initial: SupportSettings
  updatedAt: string | null
  onDone: () => void
}) {
  const queryClient = useQueryClient()
  const form = useForm<SettingsDraft>({
    mode: 'controlled',
    initialValues: { ...initial, teamEmail: initial.teamEmail ?? '' },
  })
  const save = useMutation({
    mutationFn: (draft: SettingsDraft) =>
      supportApi.saveSettings({ ...draft, teamEmail: draft.teamEmail.trim() || null }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(supportKeys.settings, saved)
      notifySuccess('SLA settings saved: tickets opened from now on take the new targets')
      await queryClient.invalidateQueries({ queryKey: supportKeys.all })
      onDone()
    },
    onError: (error) => showProblem(form, error, settingsFields),
  })
  const submit = useSubmit(form, (draft) => save.mutateAsync(draft))
  const hours = (path: string, label: string) => (
    <NumberInput
      label={label}
      min={0}
      allowDecimal={false}
      suffix=" h"
      {...form.getInputProps(path)}
      onChange={(value) => form.setFieldValue(path, typeof value === 'number' ? value : Number(value))}
    />
  )
  return (
    <form onSubmit={submit} noValidate aria-label="SLA settings">
      <Stack gap="md">
        <Text size="xs" c="dimmed">
          {updatedAt ? `Saved ${formatDateTime(updatedAt)}` : 'The defaults: not saved yet'}
        </Text>
        {ticketPriorities.map((priority: TicketPriority) => (
          <fieldset key={priority} style={{ border: 0, margin: 0, padding: 0 }}>
            <Text component="legend" size="sm" fw={500} mb={4}>
              {priorityLabels[priority]}
            </Text>
            <SimpleGrid cols={2}>
              {hours(`targets.${priority}.firstResponseHours`, `${priorityLabels[priority]}: first response`)}
              {hours(`targets.${priority}.resolutionHours`, `${priorityLabels[priority]}: resolution`)}
            </SimpleGrid>
          </fieldset>
        ))}
        <Text size="xs" c="dimmed">
          Resolution hours do not count the time a ticket waits on the partner.
        </Text>
        <SimpleGrid cols={2}>
          {hours('warnHours', 'Warning window')}
          <TextInput
            label="Team email"
            description="Mailed when nobody owns a ticket"
            placeholder="support@example.com"
            {...form.getInputProps('teamEmail')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
