// Adding a model or changing one: its name, parameters and options as JSON. Bad JSON is caught
// here; the engine's 422 answers (errors[].path such as params.halfLifeDays) land on the field.
import { Button, Group, JsonInput, Select, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { MODEL_KEYS, type ModelKey } from '../../../../src/attribution/types'
import {
  type AttributionOptionsInput,
  attributionOptionsInput,
  type ModelRole,
  type ModelView,
} from '../../../../src/modules/credits/credits.contract'
import { isApiError } from '../../ui/api-client'
import { useSubmit } from '../../ui/form-submit'
import { humanize } from '../../ui/labels'
import { notifyError } from '../../ui/problem'

export type ModelFormValues = { key: string; name: string; role: ModelRole; params: string; options: string }
export type ModelFormResult = {
  key: ModelKey
  name: string
  role: ModelRole
  params: Record<string, unknown>
  options: AttributionOptionsInput
}

const roleOptions = [
  { value: 'paying', label: 'Paying' },
  { value: 'shadow', label: 'Shadow' },
  { value: 'off', label: 'Off' },
]
const keyOptions = MODEL_KEYS.map((key) => ({ value: key, label: humanize(key) }))

const parseObject = (text: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(text.trim() || '{}')
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}
const jsonError = (text: string) =>
  parseObject(text) ? null : 'Write a JSON object, e.g. { "halfLifeDays": 14 }'

/** Options have a fixed shape, so they are checked here before the server sees them. */
function optionsError(text: string): string | null {
  const value = parseObject(text)
  if (!value) return jsonError(text)
  const checked = attributionOptionsInput.safeParse(value)
  if (checked.success) return null
  const issue = checked.error.issues[0]
  return issue ? `${issue.path.join('.') || 'options'}: ${issue.message}` : null
}

/** Puts each error of a refused save on its field: "params.halfLifeDays" → the Parameters field. */
export function modelFieldErrors(error: unknown): { fields: Record<string, string>; rest: string[] } {
  const fields: Record<string, string> = {}
  const rest: string[] = []
  if (!isApiError(error)) return { fields, rest }
  for (const item of error.problem.errors ?? []) {
    const [head, ...tail] = item.path.split('.')
    const field =
      head === 'params' || head === 'options' || head === 'name' || head === 'key' || head === 'role'
    if (!field || !head) rest.push(item.path ? `${item.path}: ${item.message}` : item.message)
    else if (!fields[head])
      fields[head] = tail.length > 0 ? `${tail.join('.')}: ${item.message}` : item.message
  }
  return { fields, rest }
}

export function ModelForm({
  model,
  submitLabel,
  onSave,
  onCancel,
  label,
}: {
  model?: ModelView
  submitLabel: string
  onSave: (values: ModelFormResult) => Promise<unknown>
  onCancel: () => void
  label: string
}) {
  const form = useForm<ModelFormValues>({
    initialValues: {
      key: model?.key ?? 'time_decay',
      name: model?.name ?? '',
      role: model?.role ?? 'shadow',
      params: JSON.stringify(model?.params ?? {}, null, 2),
      options: JSON.stringify(model?.options ?? {}, null, 2),
    },
    validate: {
      name: (value) => (value.trim() ? null : 'Name the model, e.g. “Time decay (14 days)”'),
      params: jsonError,
      options: optionsError,
    },
  })
  const submit = useSubmit(form, (values) =>
    onSave({
      key: MODEL_KEYS.find((key) => key === values.key) ?? 'time_decay',
      name: values.name.trim(),
      role: values.role,
      params: parseObject(values.params) ?? {},
      options: attributionOptionsInput.parse(parseObject(values.options) ?? {}),
    }).catch((error: unknown) => {
      const { fields, rest } = modelFieldErrors(error)
      form.setErrors(fields)
      if (Object.keys(fields).length === 0 || rest.length > 0)
        notifyError(rest.length > 0 ? new Error(rest.join('; ')) : error, 'The model was not saved')
      throw error
    }),
  )

  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="sm">
        {model ? null : (
          <Select
            label="Model"
            data={keyOptions}
            allowDeselect={false}
            searchable
            {...form.getInputProps('key')}
          />
        )}
        <TextInput label="Name" {...form.getInputProps('name')} />
        {model ? null : (
          <Select label="Role" data={roleOptions} allowDeselect={false} {...form.getInputProps('role')} />
        )}
        <JsonInput
          label="Parameters (JSON)"
          description={'Checked by the engine when you save, e.g. { "halfLifeDays": 14 }'}
          autosize
          minRows={3}
          formatOnBlur
          {...form.getInputProps('params')}
        />
        <JsonInput
          label="Options (JSON)"
          description="lookbackDays, excludeActivities, dedupe, tiers, recurring"
          autosize
          minRows={2}
          formatOnBlur
          {...form.getInputProps('options')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
