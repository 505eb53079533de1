// Create a tier ladder, or save an edited one as a new version: its mode and grace period, the rolling
// period and currency revenue is counted in, and its levels lowest first, each with criteria that must
// all hold. Mistakes, the form's or the server's, land on their input.
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import type { LadderPreviewView, LadderView } from '../../../../src/modules/programs/programs.contract'
import { useSubmit } from '../../ui/form-submit'
import { minorDigits } from '../../ui/money'
import { notifySuccess, showProblem } from '../../ui/problem'
import { CurrencySelect } from '../../ui/region-select'
import { CriterionRow } from './ladder-criterion'
import {
  draftOfLadder,
  emptyCriterion,
  formPathOf,
  inputOfDraft,
  keyOf,
  type LadderDraft,
  newLadderDraft,
} from './ladder-draft'
import { programKeys, programsApi } from './programs-api'

export function LadderEditor({ ladder, currency }: { ladder?: LadderView; currency?: string }) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const form = useForm<LadderDraft>({
    mode: 'controlled',
    initialValues: ladder
      ? draftOfLadder(ladder.name, ladder.definition, minorDigits(ladder.definition.currency))
      : newLadderDraft(currency),
    validate: {
      name: (value) => (value.trim() ? null : 'Give the ladder a name'),
      levels: {
        name: (value) => (value.trim() ? null : 'Name the level'),
      },
    },
  })
  const digits = minorDigits(form.values.currency)
  const save = useMutation({
    mutationFn: async (draft: LadderDraft) => {
      const result = inputOfDraft(draft, digits)
      if ('errors' in result) {
        form.setErrors(result.errors)
        throw new Error('form')
      }
      return ladder
        ? programsApi.updateLadder(ladder.id, {
            name: result.input.name,
            definition: result.input.definition,
          })
        : programsApi.createLadder(result.input)
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: programKeys.all })
      notifySuccess(
        ladder
          ? `${saved.name} is now version ${saved.version}`
          : `${saved.name} saved: partners are evaluated now`,
      )
      await navigate({ to: '/tiers' })
    },
    onError: (error) => {
      if (error instanceof Error && error.message === 'form') return
      showProblem(form, error, formPathOf)
    },
  })
  const submit = useSubmit(form, (values) => save.mutateAsync(values))
  // the draft tried on every partner before saving; shown until the form changes again
  const [preview, setPreview] = useState<{ result: LadderPreviewView; of: string } | null>(null)
  const tryDraft = useMutation({
    mutationFn: async (draft: LadderDraft) => {
      const result = inputOfDraft(draft, digits)
      if ('errors' in result) {
        form.setErrors(result.errors)
        throw new Error('form')
      }
      return programsApi.previewLadder({
        ...(ladder ? { ladderId: ladder.id } : {}),
        definition: result.input.definition,
      })
    },
    onSuccess: (result, draft) => setPreview({ result, of: JSON.stringify(draft) }),
    onError: (error) => {
      if (error instanceof Error && error.message === 'form') return
      showProblem(form, error, formPathOf)
    },
  })
  const isPreviewCurrent = preview !== null && preview.of === JSON.stringify(form.values)

  const addLevel = () =>
    form.insertListItem('levels', { key: '', name: '', criteria: [{ ...emptyCriterion() }] })

  return (
    <form onSubmit={submit} aria-label={ladder ? `Edit ${ladder.name}` : 'New tier ladder'}>
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="md">
            Ladder
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Name" required {...form.getInputProps('name')} />
            <CurrencySelect
              label="Currency of the revenue thresholds"
              description="Deal revenue in other currencies is converted at today’s rates"
              {...form.getInputProps('currency')}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                Changes
              </Text>
              <SegmentedControl
                aria-label="Mode"
                data={[
                  { value: 'automatic', label: 'Automatic' },
                  { value: 'review', label: 'Staff review' },
                ]}
                {...form.getInputProps('mode')}
              />
              <Text size="xs" c="dimmed">
                {form.values.mode === 'automatic'
                  ? 'Promotions and demotions apply as soon as the figures call for them.'
                  : 'Promotions and demotions become proposals staff approve or reject.'}
              </Text>
            </Stack>
            <SimpleGrid cols={2}>
              <NumberInput
                label="Grace period (days)"
                description="Before a demotion"
                min={0}
                max={365}
                allowDecimal={false}
                {...form.getInputProps('graceDays')}
              />
              <NumberInput
                label="Rolling period (months)"
                description="Revenue and deals counted over"
                min={1}
                max={36}
                allowDecimal={false}
                {...form.getInputProps('periodMonths')}
              />
            </SimpleGrid>
          </SimpleGrid>
        </Paper>

        <Paper withBorder p="lg" radius="md">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h4">
              Levels
            </Title>
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={addLevel}>
              Add a level
            </Button>
          </Group>
          <Text size="sm" c="dimmed" mb="md">
            Lowest first. A partner holds the highest level whose criteria all hold; a level without criteria
            takes every partner.
          </Text>
          <Stack gap="md">
            {form.values.levels.map((level, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: levels are positions in the list
              <Paper key={i} withBorder p="md" radius="sm" role="group" aria-label={`Level ${i + 1}`}>
                <Group align="flex-end" wrap="wrap" mb="sm">
                  <Badge variant="light" size="lg">
                    {i + 1}
                  </Badge>
                  <TextInput
                    label="Level name"
                    placeholder="Gold"
                    required
                    {...form.getInputProps(`levels.${i}.name`)}
                    onChange={(event) => {
                      const name = event.currentTarget.value
                      // the key follows the name until it is typed by hand
                      if (!level.key || level.key === keyOf(level.name))
                        form.setFieldValue(`levels.${i}.key`, keyOf(name))
                      form.setFieldValue(`levels.${i}.name`, name)
                    }}
                  />
                  <TextInput
                    label="Key"
                    description="What commission rules compare partner.tier with"
                    {...form.getInputProps(`levels.${i}.key`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Remove level ${level.name || i + 1}`}
                    disabled={form.values.levels.length === 1}
                    onClick={() => form.removeListItem('levels', i)}
                    mb={4}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
                <Stack gap="xs">
                  {level.criteria.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      No criteria: every partner qualifies.
                    </Text>
                  ) : null}
                  {level.criteria.map((criterion, j) => (
                    <CriterionRow
                      // biome-ignore lint/suspicious/noArrayIndexKey: criteria are positions in the list
                      key={`levels.${i}.criteria.${j}`}
                      form={form}
                      at={`levels.${i}.criteria.${j}`}
                      criterion={criterion}
                      onRemove={() => form.removeListItem(`levels.${i}.criteria`, j)}
                    />
                  ))}
                  <Group>
                    <Button
                      variant="subtle"
                      size="xs"
                      leftSection={<IconPlus size={14} />}
                      onClick={() => form.insertListItem(`levels.${i}.criteria`, { ...emptyCriterion() })}
                    >
                      Add a criterion
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            ))}
          </Stack>
        </Paper>

        {preview ? <PreviewPanel result={preview.result} isCurrent={isPreviewCurrent} /> : null}

        <Group justify="flex-end">
          <Button variant="default" onClick={() => void navigate({ to: '/tiers' })}>
            Cancel
          </Button>
          <Button variant="light" loading={tryDraft.isPending} onClick={() => tryDraft.mutate(form.values)}>
            Preview
          </Button>
          <Button type="submit" loading={form.submitting}>
            {ladder ? 'Save as a new version' : 'Create ladder'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

const directionLabels: Record<LadderPreviewView['moves'][number]['direction'], string> = {
  promotion: 'Up',
  demotion: 'Down',
  at_risk: 'At risk',
  leaving: 'Leaves',
}
const directionColors: Record<LadderPreviewView['moves'][number]['direction'], string> = {
  promotion: 'teal',
  demotion: 'red',
  at_risk: 'orange',
  leaving: 'gray',
}

/** What the draft would do to every partner, before it is saved. */
function PreviewPanel({ result, isCurrent }: { result: LadderPreviewView; isCurrent: boolean }) {
  const counts: [string, number][] = [
    ['Placed', result.partners],
    ['Move up', result.promoted],
    ['Move down', result.demoted],
    ['At risk', result.atRisk],
    ['Keep their tier', result.unchanged],
    ['Leave the ladder', result.leaving],
  ]
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Preview">
      <Title order={2} size="h4" mb="xs">
        Preview
      </Title>
      {isCurrent ? null : (
        <Alert color="yellow" mb="sm">
          The form changed since this preview: preview again to see what the draft does now.
        </Alert>
      )}
      <Text mb="md">{result.summary}</Text>
      <SimpleGrid cols={{ base: 2, sm: 6 }} mb="md">
        {counts.map(([label, n]) => (
          <Stack key={label} gap={0}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={600} size="lg" aria-label={`${label}: ${n}`}>
              {n}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      {result.moves.length > 0 ? (
        <Table aria-label="Partners that move">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Partner</Table.Th>
              <Table.Th>Change</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.moves.map((move) => (
              <Table.Tr key={move.partnerId}>
                <Table.Td>{move.partnerName}</Table.Td>
                <Table.Td>
                  <Badge color={directionColors[move.direction]} variant="light">
                    {directionLabels[move.direction]}
                  </Badge>
                </Table.Td>
                <Table.Td>{move.from?.name ?? '—'}</Table.Td>
                <Table.Td>{move.to?.name ?? '—'}</Table.Td>
                <Table.Td>{move.explanation}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Paper>
  )
}
