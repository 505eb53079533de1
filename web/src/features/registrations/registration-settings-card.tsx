// The org's registration rules in one line, and for reviewers a form to change them: hours to review,
// days an approval protects, days an extension adds and how many extensions are allowed.
import { Button, Group, NumberInput, Paper, SimpleGrid, Text } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { RegistrationSettings } from '../../../../src/modules/revenue/registrations/registrations.contract'
import { useSubmit } from '../../ui/form-submit'
import { fieldsNamed, notifySuccess, showProblem } from '../../ui/problem'
import { registrationKeys, registrationsApi } from './registrations-api'

export function RegistrationSettingsCard({ canChange }: { canChange: boolean }) {
  const settings = useQuery({ queryKey: registrationKeys.settings, queryFn: registrationsApi.settings })
  const [isEditing, setEditing] = useState(false)
  if (!settings.data) return null
  const s = settings.data
  return (
    <Paper withBorder p="md" radius="md" mb="lg" component="section" aria-label="Registration rules">
      {isEditing ? (
        <SettingsForm settings={s} onDone={() => setEditing(false)} />
      ) : (
        <Group justify="space-between">
          <Text size="sm">
            Review within <b>{s.reviewSlaHours} hours</b> · approval protects for{' '}
            <b>{s.protectionDays} days</b> · extensions add {s.extensionDays} days, at most {s.maxExtensions}
          </Text>
          {canChange ? (
            <Button variant="default" size="xs" onClick={() => setEditing(true)}>
              Change rules
            </Button>
          ) : null}
        </Group>
      )}
    </Paper>
  )
}

function SettingsForm({ settings, onDone }: { settings: RegistrationSettings; onDone: () => void }) {
  const queryClient = useQueryClient()
  const form = useForm<RegistrationSettings>({ initialValues: settings })
  const save = useMutation({
    mutationFn: (values: RegistrationSettings) => registrationsApi.updateSettings(values),
    onSuccess: (saved) => {
      queryClient.setQueryData(registrationKeys.settings, saved)
      notifySuccess('Registration rules saved: they apply from now on')
      onDone()
    },
    onError: (error) =>
      showProblem(
        form,
        error,
        fieldsNamed('reviewSlaHours', 'protectionDays', 'extensionDays', 'maxExtensions'),
      ),
  })
  const submit = useSubmit(form, (values) => save.mutateAsync(values))
  return (
    <form onSubmit={submit} noValidate aria-label="Change registration rules">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <NumberInput label="Hours to review" min={1} {...form.getInputProps('reviewSlaHours')} />
        <NumberInput label="Days protected" min={1} {...form.getInputProps('protectionDays')} />
        <NumberInput label="Days per extension" min={1} {...form.getInputProps('extensionDays')} />
        <NumberInput label="Extensions allowed" min={0} {...form.getInputProps('maxExtensions')} />
      </SimpleGrid>
      <Group mt="sm">
        <Button type="submit" size="xs" loading={form.submitting}>
          Save rules
        </Button>
        <Button variant="subtle" size="xs" onClick={onDone}>
          Cancel
        </Button>
      </Group>
    </form>
  )
}
