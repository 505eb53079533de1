// The onboarding workflow builder: a name, the audience (partner types and tags), and steps in order —
// add one of each kind, reorder, remove, set what each asks for and when it is due. Saves the draft;
// publishing makes it what partners follow.
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconPlus, IconSend, IconTrash } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import {
  audienceTypes,
  type OnboardingStepKind,
  onboardingStepKinds,
  profileFields,
  type WorkflowView,
} from '../../../../src/modules/programs/onboarding/onboarding.contract'
import { isApiError } from '../../ui/api-client'
import { toOptions } from '../../ui/labels'
import { notifyError, notifySuccess } from '../../ui/problem'
import { onboardingApi, onboardingKeys } from './onboarding-api'
import {
  emptyWorkflow,
  moveStep,
  newStep,
  type StepDraft,
  toDraft,
  toWorkflowInput,
  type WorkflowDraft,
} from './onboarding-draft'
import { stepKindLabels } from './onboarding-parts'
import { trainingApi, trainingKeys } from './training-api'

const fieldLabels = { website: 'Website', country: 'Country', contact: 'A contact with an e-mail' } as const

/** Field errors from the last save, by the path the API named (e.g. `steps.0.documentText`). */
type FieldErrors = Record<string, string>

function StepEditor({
  step,
  index,
  count,
  errors,
  courses,
  onChange,
  onMove,
  onRemove,
}: {
  step: StepDraft
  index: number
  count: number
  errors: FieldErrors
  courses: { value: string; label: string }[]
  onChange: (step: StepDraft) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}) {
  const error = (field: string) => errors[`steps.${index}.${field}`]
  const set = <K extends keyof StepDraft>(key: K, value: StepDraft[K]) => onChange({ ...step, [key]: value })
  return (
    <Paper withBorder p="md" radius="md" component="fieldset" aria-label={`Step ${index + 1}`}>
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {index + 1}. {stepKindLabels[step.kind]}
        </Text>
        <Group gap={4}>
          <ActionIcon
            variant="subtle"
            aria-label={`Move step ${index + 1} up`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            <IconArrowUp size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            aria-label={`Move step ${index + 1} down`}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            <IconArrowDown size={16} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red" aria-label={`Remove step ${index + 1}`} onClick={onRemove}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      </Group>
      <Stack gap="xs">
        <TextInput
          label="Title"
          required
          value={step.title}
          error={error('title')}
          onChange={(e) => set('title', e.currentTarget.value)}
        />
        <TextInput
          label="Description"
          value={step.description}
          error={error('description')}
          onChange={(e) => set('description', e.currentTarget.value)}
        />
        {step.kind === 'agreement' ? (
          <>
            <TextInput
              label="Document title"
              required
              value={step.documentTitle}
              error={error('documentTitle')}
              onChange={(e) => set('documentTitle', e.currentTarget.value)}
            />
            <Textarea
              label="Agreement text"
              description="What the partner admin reads and accepts; or give the document’s address below"
              autosize
              minRows={3}
              value={step.documentText}
              error={error('documentText')}
              onChange={(e) => set('documentText', e.currentTarget.value)}
            />
            <TextInput
              label="Document address"
              placeholder="https://…"
              value={step.documentUrl}
              error={error('documentUrl')}
              onChange={(e) => set('documentUrl', e.currentTarget.value)}
            />
          </>
        ) : null}
        {step.kind === 'profile' ? (
          <Checkbox.Group
            label="Profile fields that must be filled"
            value={step.fields}
            error={error('fields')}
            onChange={(value) => set('fields', value as StepDraft['fields'])}
          >
            <Group mt={4}>
              {profileFields.map((field) => (
                <Checkbox key={field} value={field} label={fieldLabels[field]} />
              ))}
            </Group>
          </Checkbox.Group>
        ) : null}
        {step.kind === 'course' ? (
          <Select
            label="Course"
            description="Someone at the partner holds its certificate"
            placeholder="Choose a published course"
            data={courses}
            value={step.courseId || null}
            error={error('courseId')}
            onChange={(value) => set('courseId', value ?? '')}
          />
        ) : null}
        {step.kind === 'custom' ? (
          <Select
            label="Who marks it done"
            data={[
              { value: 'partner', label: 'The partner admin (or staff)' },
              { value: 'staff', label: 'Staff only' },
            ]}
            value={step.confirmedBy}
            allowDeselect={false}
            onChange={(value) => set('confirmedBy', (value ?? 'partner') as StepDraft['confirmedBy'])}
          />
        ) : null}
        <Group grow align="flex-start">
          <NumberInput
            label="Due in days"
            description="After enrolment; empty: no due date"
            min={0}
            max={365}
            allowDecimal={false}
            value={step.dueInDays}
            error={error('dueInDays')}
            onChange={(value) => set('dueInDays', value === '' ? '' : String(value))}
          />
          <Checkbox
            mt={30}
            label="Required for activation"
            checked={step.isRequired}
            onChange={(e) => set('isRequired', e.currentTarget.checked)}
          />
        </Group>
      </Stack>
    </Paper>
  )
}

export function WorkflowBuilder({ workflow }: { workflow?: WorkflowView }) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const [draft, setDraft] = useState<WorkflowDraft>(() => (workflow ? toDraft(workflow) : emptyWorkflow()))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [kindToAdd, setKindToAdd] = useState<OnboardingStepKind>('agreement')
  const courses = useQuery({
    queryKey: trainingKeys.courses('published'),
    queryFn: () => trainingApi.courses('published'),
  })
  const courseOptions = (courses.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))

  const remember = (error: unknown) => {
    if (isApiError(error) && error.problem.errors?.length)
      setErrors(
        Object.fromEntries(error.problem.errors.map((e) => [e.path.replace(/^body\./, ''), e.message])),
      )
  }
  const save = useMutation({
    mutationFn: async (andPublish: boolean) => {
      const input = toWorkflowInput(draft)
      const saved = workflow
        ? await onboardingApi.update(workflow.id, input)
        : await onboardingApi.create(input)
      return andPublish ? onboardingApi.publish(saved.id) : saved
    },
    onSuccess: async (saved, andPublish) => {
      setErrors({})
      await queryClient.invalidateQueries({ queryKey: onboardingKeys.all })
      notifySuccess(
        andPublish
          ? `${saved.name} is published: ${saved.counts.enrolled} partners enrolled`
          : `${saved.name} is saved as a draft`,
      )
      if (!workflow) await navigate({ to: '/onboarding/$workflowId', params: { workflowId: saved.id } })
      else setDraft(toDraft(saved))
    },
    onError: (error) => {
      remember(error)
      notifyError(error, 'The workflow was not saved')
    },
  })
  const setStep = (index: number, step: StepDraft) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? step : s)) }))

  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Workflow">
        <Stack gap="sm">
          <TextInput
            label="Name"
            required
            value={draft.name}
            error={errors.name}
            onChange={(e) => {
              const name = e.currentTarget.value
              setDraft((d) => ({ ...d, name }))
            }}
          />
          <TextInput
            label="Description"
            value={draft.description}
            error={errors.description}
            onChange={(e) => {
              const description = e.currentTarget.value
              setDraft((d) => ({ ...d, description }))
            }}
          />
          <Title order={3} size="h5" mt="xs">
            Audience
          </Title>
          <Group grow align="flex-start">
            <MultiSelect
              label="Partner types"
              description="Empty: every type"
              data={toOptions(audienceTypes)}
              value={draft.types}
              error={errors['audience.types']}
              onChange={(types) => setDraft((d) => ({ ...d, types }))}
            />
            <TextInput
              label="Tags"
              description="Comma-separated; a partner with any of them is enrolled. Empty: tags do not matter"
              value={draft.tags}
              error={errors['audience.tags']}
              onChange={(e) => {
                const tags = e.currentTarget.value
                setDraft((d) => ({ ...d, tags }))
              }}
            />
          </Group>
        </Stack>
      </Paper>

      <Stack gap="sm" component="section" aria-label="Steps">
        <Title order={2} size="h4">
          Steps
        </Title>
        {errors.steps ? (
          <Text c="red" size="sm">
            {errors.steps}
          </Text>
        ) : null}
        {draft.steps.length === 0 ? (
          <Text c="dimmed" size="sm">
            No steps yet: add the first one below.
          </Text>
        ) : null}
        {draft.steps.map((step, index) => (
          <StepEditor
            key={step.key}
            step={step}
            index={index}
            count={draft.steps.length}
            errors={errors}
            courses={courseOptions}
            onChange={(next) => setStep(index, next)}
            onMove={(by) => setDraft((d) => ({ ...d, steps: moveStep(d.steps, index, by) }))}
            onRemove={() => setDraft((d) => ({ ...d, steps: d.steps.filter((_, i) => i !== index) }))}
          />
        ))}
        <Group>
          <Select
            aria-label="Kind of step to add"
            data={onboardingStepKinds.map((kind) => ({ value: kind, label: stepKindLabels[kind] }))}
            value={kindToAdd}
            allowDeselect={false}
            onChange={(value) => setKindToAdd((value ?? 'agreement') as OnboardingStepKind)}
          />
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={() => setDraft((d) => ({ ...d, steps: [...d.steps, newStep(kindToAdd)] }))}
          >
            Add step
          </Button>
        </Group>
      </Stack>

      <Group>
        <Button
          variant="default"
          loading={save.isPending && save.variables === false}
          onClick={() => save.mutate(false)}
        >
          Save draft
        </Button>
        <Button
          leftSection={<IconSend size={16} />}
          loading={save.isPending && save.variables === true}
          onClick={() => save.mutate(true)}
        >
          {workflow && workflow.version > 0 ? 'Publish a new version' : 'Publish'}
        </Button>
      </Group>
    </Stack>
  )
}
