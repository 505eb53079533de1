// The role-based model's weights as tables: what each activity weighs, what each kind of partner
// multiplies by, and what an activity not listed weighs. Suggests the org's activity types.
import { ActionIcon, Autocomplete, Button, Group, NumberInput, Stack, Table, Text } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useMemo, useRef, useState } from 'react'
import { partnerTypes } from '../../../../src/modules/partners/partners.contract'
import { activityTypesApi, journeyKeys } from '../journeys/journeys-api'
import { type RoleWeights, type RowErrors, toRoleParams, toRoleWeights, type WeightRow } from './role-weights'

export type EditorResult = { params: Record<string, unknown> | null }

const capitalise = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`

function WeightTable({
  title,
  what,
  weightWord,
  rows,
  errors,
  suggestions,
  onChange,
}: {
  title: string
  what: string
  weightWord: string
  rows: WeightRow[]
  errors: Record<number, RowErrors>
  suggestions: string[]
  onChange: (rows: WeightRow[]) => void
}) {
  const setRow = (index: number, change: Partial<WeightRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)))
  const unused = suggestions.filter((name) => !rows.some((row) => row.name.trim() === name))
  return (
    <Stack gap={4}>
      <Table verticalSpacing={4} aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{capitalise(what)}</Table.Th>
            <Table.Th w={150}>{capitalise(weightWord)}</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, index) => {
            const name = row.name.trim() || `${what} ${index + 1}`
            return (
              // rows have no identity but their place: a name is being typed in them
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <Table.Tr key={index}>
                <Table.Td>
                  <Autocomplete
                    aria-label={`${capitalise(what)} ${index + 1}`}
                    data={unused}
                    value={row.name}
                    onChange={(value) => setRow(index, { name: value })}
                    error={errors[index]?.name}
                    size="xs"
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`${capitalise(weightWord)} of ${name}`}
                    value={row.weight}
                    onChange={(value) => setRow(index, { weight: value })}
                    error={errors[index]?.weight}
                    decimalScale={4}
                    step={0.25}
                    size="xs"
                  />
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Remove ${name}`}
                    onClick={() => onChange(rows.filter((_, i) => i !== index))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...rows, { name: '', weight: 1 }])}
        >
          Add {what}
        </Button>
      </Group>
    </Stack>
  )
}

export function RoleWeightsEditor({
  initial,
  error,
  onChange,
}: {
  initial: Record<string, unknown>
  /** The engine's refusal of the parameters, if any. */
  error?: string | undefined
  onChange: (result: EditorResult) => void
}) {
  const [weights, setWeights] = useState<RoleWeights>(() => toRoleWeights(initial))
  const activityTypes = useQuery({ queryKey: journeyKeys.activityTypes, queryFn: activityTypesApi.list })
  const result = useMemo(() => toRoleParams(weights), [weights])
  const report = useRef(onChange)
  report.current = onChange
  useEffect(() => report.current({ params: result.params }), [result])
  const errors = result.errors ?? { activities: {}, kinds: {} }

  return (
    <Stack gap="sm">
      <Text size="sm" fw={500}>
        Role weights
      </Text>
      <Text size="xs" c="dimmed">
        Each touch weighs what its activity weighs, times its partner kind’s multiplier; shares follow the
        weights.
      </Text>
      <WeightTable
        title="Activity weights"
        what="activity"
        weightWord="weight"
        rows={weights.activities}
        errors={errors.activities}
        suggestions={(activityTypes.data?.items ?? []).filter((t) => t.isActive).map((t) => t.key)}
        onChange={(activities) => setWeights({ ...weights, activities })}
      />
      <NumberInput
        label="Weight of other activities"
        description="For an activity not in the table"
        value={weights.defaultWeight}
        onChange={(defaultWeight) => setWeights({ ...weights, defaultWeight })}
        error={errors.defaultWeight}
        decimalScale={4}
        step={0.25}
        w={220}
        size="xs"
      />
      <WeightTable
        title="Partner kind multipliers"
        what="partner kind"
        weightWord="multiplier"
        rows={weights.kinds}
        errors={errors.kinds}
        suggestions={[...partnerTypes, 'direct']}
        onChange={(kinds) => setWeights({ ...weights, kinds })}
      />
      {error ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  )
}
