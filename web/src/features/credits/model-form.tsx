// Adding a model or changing one: its name, parameters and options. Role weights and custom rules
// are edited as tables and pickers (or as JSON, for power users); other models' parameters as JSON.
// A live preview runs the draft on recent deals; the engine's 422 answers (errors[].path such as
// params.halfLifeDays) land on the field, and a draft it refuses is not sent to be saved.
import {
  Box,
  Button,
  Group,
  JsonInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useRef, useState } from 'react'
import { MODEL_KEYS, type ModelKey } from '../../../../src/attribution/types'
import {
  type AttributionOptionsInput,
  attributionOptionsInput,
  type ModelRole,
  type ModelView,
} from '../../../../src/modules/credits/credits.contract'
import { isApiError } from '../../ui/api-client'
import { useSubmit } from '../../ui/form-submit'
import { notifyError } from '../../ui/problem'
import { toRuleSet } from './custom-rules'
import { ModelPreview, type PreviewVerdict } from './model-preview'
import { OptionsEditor } from './options-editor'
import { RoleWeightsEditor } from './role-weights-editor'
import { RuleBuilder } from './rule-builder'

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
/** How each model is named where one is chosen. */
const keyLabels: Record<ModelKey, string> = {
  equal: 'Equal split',
  linear: 'Linear',
  first_touch: 'First touch',
  last_touch: 'Last touch',
  time_decay: 'Time decay',
  position: 'Position (U- or W-shaped)',
  role: 'Role-based',
  markov: 'Markov (removal effect)',
  shapley: 'Shapley',
  ai: 'AI-weighted',
  custom: 'Custom rules',
}
const keyOptions = MODEL_KEYS.map((key) => ({ value: key, label: keyLabels[key] }))

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

type EditorMode = 'table' | 'json'
const hasTableEditor = (key: string) => key === 'role' || key === 'custom'
const roleParamKeys = ['activityWeights', 'kindWeights', 'defaultWeight']

/** Why stored parameters cannot open in the table editor, or null when they can. */
function tableRefusal(key: string, params: Record<string, unknown> | null): string | null {
  if (!params) return 'Write the parameters as a JSON object first.'
  if (key === 'custom' && !toRuleSet(params))
    return 'These rules use conditions the builder cannot show (several conditions or effects): keep editing them as JSON.'
  if (key === 'role' && !Object.keys(params).every((name) => roleParamKeys.includes(name)))
    return `Role weights take only ${roleParamKeys.join(', ')}: fix them as JSON first.`
  return null
}

function ParamsEditor({
  modelKey,
  initial,
  error,
  onChange,
}: {
  modelKey: string
  initial: Record<string, unknown>
  error: string | undefined
  onChange: (params: Record<string, unknown> | null) => void
}) {
  if (modelKey === 'role')
    return (
      <RoleWeightsEditor initial={initial} error={error} onChange={(result) => onChange(result.params)} />
    )
  const rules = toRuleSet(initial) ?? { base: 'linear', baseParams: {}, rules: [] }
  return <RuleBuilder initial={rules} error={error} onChange={(result) => onChange(result.params)} />
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
  const key = form.values.key
  const [mode, setMode] = useState<EditorMode>(() =>
    hasTableEditor(key) && !tableRefusal(key, model?.params ?? {}) ? 'table' : 'json',
  )
  const [modeNote, setModeNote] = useState<string | null>(null)
  // the table editors' parameters: null while a row is not finished; remounted on a new start
  const [tableParams, setTableParams] = useState<Record<string, unknown> | null>(null)
  const [editorStart, setEditorStart] = useState(0)
  const [verdict, setVerdict] = useState<PreviewVerdict | null>(null)
  const [optionsAsJson, setOptionsAsJson] = useState(false)

  const isTable = hasTableEditor(key) && mode === 'table'
  const params = isTable ? tableParams : parseObject(form.values.params)
  const options = attributionOptionsInput.safeParse(parseObject(form.values.options) ?? null)
  const draft =
    params && options.success
      ? JSON.stringify({ key, params, options: options.data, ...(model ? { modelId: model.id } : {}) })
      : null
  const currentDraft = useRef(draft)
  currentDraft.current = draft
  // only a refusal of the parameters or options stops a save; an untrained learned model may be saved
  const refusedFields = verdict && verdict.draft === draft ? modelFieldErrors(verdict.refusal).fields : {}
  const refusal = refusedFields.params || refusedFields.options ? verdict?.refusal : null

  const showVerdict = (next: PreviewVerdict) => {
    setVerdict(next)
    if (next.draft !== currentDraft.current) return
    const { fields } = modelFieldErrors(next.refusal)
    for (const field of ['params', 'options'] as const) {
      const message = fields[field]
      if (message) form.setFieldError(field, message)
      else form.clearFieldError(field)
    }
  }
  const changeKey = (value: string | null) => {
    if (!value || value === key) return
    form.setFieldValue('key', value)
    form.setFieldValue('params', '{}')
    setMode(hasTableEditor(value) ? 'table' : 'json')
    setModeNote(null)
    setTableParams(null)
    setEditorStart((n) => n + 1)
  }
  const changeMode = (isJson: boolean) => {
    setModeNote(null)
    if (isJson) return setMode('json')
    const refused = tableRefusal(key, parseObject(form.values.params))
    if (refused) return setModeNote(refused)
    setTableParams(null)
    setEditorStart((n) => n + 1)
    setMode('table')
  }
  const tableChanged = (next: Record<string, unknown> | null) => {
    setTableParams(next)
    // the JSON view shows what the tables make, so switching to it loses nothing finished
    if (next) form.setFieldValue('params', JSON.stringify(next, null, 2))
  }

  const submit = useSubmit(form, async (values) => {
    if (isTable && !tableParams) {
      form.setFieldError('params', 'Finish or remove the highlighted rows first')
      return
    }
    if (refusal) {
      // the engine already refused this very draft: its reasons are on the fields, nothing is sent
      form.setErrors(modelFieldErrors(refusal).fields)
      return
    }
    await onSave({
      key: MODEL_KEYS.find((k) => k === values.key) ?? 'time_decay',
      name: values.name.trim(),
      role: values.role,
      params: (isTable ? tableParams : parseObject(values.params)) ?? {},
      options: attributionOptionsInput.parse(parseObject(values.options) ?? {}),
    }).catch((error: unknown) => {
      const { fields, rest } = modelFieldErrors(error)
      form.setErrors(fields)
      if (Object.keys(fields).length === 0 || rest.length > 0)
        notifyError(rest.length > 0 ? new Error(rest.join('; ')) : error, 'The model was not saved')
      throw error
    })
  })
  const paramsError = form.errors.params ? String(form.errors.params) : undefined

  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" mb="md">
        <Stack gap="sm">
          {model ? null : (
            <Select
              label="Model"
              data={keyOptions}
              allowDeselect={false}
              searchable
              {...form.getInputProps('key')}
              onChange={changeKey}
            />
          )}
          <TextInput label="Name" {...form.getInputProps('name')} />
          {model ? null : (
            <Select label="Role" data={roleOptions} allowDeselect={false} {...form.getInputProps('role')} />
          )}
          {hasTableEditor(key) ? (
            <Stack gap={4}>
              <Switch
                label="Advanced (JSON)"
                checked={mode === 'json'}
                onChange={(event) => changeMode(event.currentTarget.checked)}
              />
              {modeNote ? (
                <Text size="sm" c="orange" role="status">
                  {modeNote}
                </Text>
              ) : null}
            </Stack>
          ) : null}
          {isTable ? (
            <ParamsEditor
              key={`${key}-${editorStart}`}
              modelKey={key}
              initial={parseObject(form.values.params) ?? {}}
              error={paramsError}
              onChange={tableChanged}
            />
          ) : (
            <JsonInput
              label="Parameters (JSON)"
              description={'Checked by the engine as you type, e.g. { "halfLifeDays": 14 }'}
              autosize
              minRows={3}
              formatOnBlur
              {...form.getInputProps('params')}
            />
          )}
          <Switch
            label="Options as JSON"
            checked={optionsAsJson}
            onChange={(event) => setOptionsAsJson(event.currentTarget.checked || !options.success)}
          />
          {optionsAsJson || !options.success ? (
            <JsonInput
              label="Options (JSON)"
              description="lookbackDays, excludeActivities, dedupe, tiers, recurring"
              autosize
              minRows={2}
              formatOnBlur
              {...form.getInputProps('options')}
            />
          ) : (
            <OptionsEditor
              value={options.data}
              onChange={(next) => form.setFieldValue('options', JSON.stringify(next, null, 2))}
              error={form.errors.options ? String(form.errors.options) : undefined}
            />
          )}
        </Stack>
        {/* beside the editor on wide screens, and kept in view while the editor scrolls */}
        <Box style={{ position: 'sticky', top: 60, alignSelf: 'start' }}>
          <ModelPreview
            draft={draft}
            waitingFor={
              params
                ? 'Write the options as a JSON object to see the preview.'
                : isTable
                  ? 'Finish or remove the highlighted rows to see the preview.'
                  : 'Write the parameters as a JSON object to see the preview.'
            }
            onVerdict={showVerdict}
          />
        </Box>
      </SimpleGrid>
      <Group justify="flex-end">
        {refusal ? (
          <Text size="sm" c="red" role="status">
            Refused by the engine: fix the field it names to save.
          </Text>
        ) : null}
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={form.submitting}>
          {submitLabel}
        </Button>
      </Group>
    </form>
  )
}
